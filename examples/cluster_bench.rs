//! Clustering speed: 100,000 synthetic items (about 1 in 4 a rewording of another story), one
//! core.
//!
//!   cargo run --release --example cluster_bench [-- N]

use std::time::Instant;

use herald::cluster::{ClusterOptions, cluster};
use herald::model::Item;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    // A deterministic generator: stories draw words from a 20,000-word vocabulary.
    let mut seed: u64 = 7;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let word = |k: u64| format!("w{}", k % 20_000);
    let mut items = Vec::with_capacity(n);
    let mut stories: Vec<Vec<String>> = Vec::new();
    for i in 0..n {
        let words: Vec<String> = if i % 4 == 3 && !stories.is_empty() {
            // Another outlet's version: most of a previous story's words, some changed.
            let base = &stories[(next() as usize) % stories.len()];
            base.iter()
                .map(|w| {
                    if next() % 5 == 0 {
                        word(next())
                    } else {
                        w.clone()
                    }
                })
                .collect()
        } else {
            let w: Vec<String> = (0..40).map(|_| word(next())).collect();
            stories.push(w.clone());
            w
        };
        items.push(Item {
            feed: format!("feed{}", i % 1000),
            source: format!("Source {}", i % 1000),
            key: format!("item-{i}"),
            title: words[..8].join(" "),
            link: Some(format!("https://example.com/{i}")),
            published: None,
            first_seen: None,
            seen_seq: None,
            text: words[8..].join(" "),
            lang: None,
        });
    }
    let start = Instant::now();
    let stories = cluster(items, &[], &ClusterOptions::default());
    let secs = start.elapsed().as_secs_f64();
    let merged: usize = stories.iter().filter(|s| !s.also.is_empty()).count();
    println!(
        "cluster: {n} items -> {} stories ({merged} with other sources) in {secs:.2} s",
        stories.len()
    );
}
