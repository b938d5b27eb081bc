//! Parse throughput: herald's parser and feed-rs on the same files, read into memory first.
//!
//!   cargo run --release --example parse_bench -- FILE...
//!
//! Prints MB/s and documents/s for each; `bench/parse.sh` runs it beside Python feedparser.

use std::time::Instant;

fn main() {
    let files: Vec<(String, Vec<u8>)> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    if files.is_empty() {
        eprintln!("usage: parse_bench FILE...");
        std::process::exit(2);
    }
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let run = |name: &str, f: &dyn Fn(&[u8]) -> usize| {
        // Repeat until at least a second has passed, for a stable figure.
        let start = Instant::now();
        let mut rounds = 0;
        let mut entries = 0;
        while start.elapsed().as_secs_f64() < 1.0 || rounds < 3 {
            for (_, bytes) in &files {
                entries += f(bytes);
            }
            rounds += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{name:<10} {:>8.1} MB/s {:>8.0} docs/s ({} rounds, {} entries per round)",
            (total * rounds) as f64 / secs / 1e6,
            (files.len() * rounds) as f64 / secs,
            rounds,
            entries / rounds
        );
    };
    println!("{} files, {:.2} MB", files.len(), total as f64 / 1e6);
    run("herald", &|b| {
        herald::parse::parse_feed(b, None, None)
            .map(|f| f.entries.len())
            .unwrap_or(0)
    });
    run("feed-rs", &|b| {
        feed_rs::parser::parse(b)
            .map(|f| f.entries.len())
            .unwrap_or(0)
    });
}
