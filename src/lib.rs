//! herald: a reader's feeds turned into one dated morning briefing.
//!
//! One module per stage of the pipeline (see `ARCHITECTURE.md`):
//! [`config`] → [`fetch`] → [`parse`] → [`items`] → [`select`] → [`cluster`] → [`rank`] →
//! [`summarize`] → compose ([`brief`]) → [`render`] → [`deliver`], with [`weather`] read beside
//! the sections and [`store`] remembering across runs. [`brief`] is the only module that knows
//! the order. The types that cross stages live in [`model`], which imports nothing else of
//! ours. `main.rs` only parses arguments and calls into this library.

pub mod audio;
pub mod brief;
pub mod cluster;
pub mod config;
pub mod deliver;
pub mod demo;
pub mod extract;
pub mod fetch;
pub mod items;
pub mod lang;
pub mod locale;
pub mod localfile;
pub mod model;
pub mod parse;
pub mod rank;
pub mod render;
pub mod schedule;
pub mod select;
pub mod serve;
pub mod site;
pub mod span;
pub mod store;
pub mod stories;
pub mod subscriptions;
pub mod summarize;
pub mod text;
pub mod weather;

/// The starter config `herald init` writes: real public feeds, every key explained.
pub const STARTER_CONFIG: &str = include_str!("../examples/config.toml");
