//! The reader's subscriptions: OPML in and out ([`opml`]), edits to the config file that keep
//! its comments ([`edit`]), and finding the feed behind an address ([`discover`]).

pub mod discover;
pub mod edit;
pub mod opml;
#[cfg(test)]
mod tests;

pub use discover::{FindError, Found, find_feed};
pub use edit::{EditError, add_feed, edit_config, remove_feed};
pub use opml::{ImportedSection, OpmlError, Skipped, export, import, to_toml};
