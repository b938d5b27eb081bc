//! herald's integration tests, one binary (as ripgrep does): each module tests one command or
//! capability end to end; `support` holds the command builder, the local HTTP and SMTP servers
//! and the feed builders they share.

mod support;

mod articles;
mod audio;
mod cluster;
mod conformance;
mod daily;
mod demo;
mod email;
mod fuzz_regressions;
mod gate;
mod hostile;
mod languages;
mod llm;
mod network;
mod notify;
mod offline;
mod ranking;
mod render;
mod search;
mod segment;
mod stories;
mod subscribe;
mod weather;
mod web;
mod wholesentences;
