//! herald: a reader's feeds turned into one dated morning briefing.
//!
//! The crate follows the pipeline of `DESIGN.md`, one module per stage:
//! [`config`] → [`fetch`] → [`parse`] → [`items`] → [`select`] → [`summarize`] → [`brief`]
//! (compose) → [`render`] → [`deliver`]. The types that cross stages live in [`model`], which
//! imports nothing else of ours. `main.rs` only parses arguments and calls into this library.

pub mod brief;
pub mod cluster;
pub mod config;
pub mod deliver;
pub mod demo;
pub mod fetch;
pub mod items;
pub mod model;
pub mod parse;
pub mod rank;
pub mod render;
pub mod select;
pub mod span;
pub mod store;
pub mod subscriptions;
pub mod summarize;
pub mod text;
pub mod weather;

/// The starter config `herald init` writes: real public feeds, every key explained.
pub const STARTER_CONFIG: &str = include_str!("../examples/config.toml");
