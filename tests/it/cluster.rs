//! Clustering quality on the labelled pairs in `tests/fixtures/cluster/pairs.jsonl`.

use herald::cluster::{ClusterOptions, same_story};
use herald::model::Item;

fn item(v: &serde_json::Value, key: &str) -> Item {
    Item {
        feed: key.to_string(),
        source: v["source"].as_str().unwrap_or("").to_string(),
        key: key.to_string(),
        title: v["title"].as_str().unwrap_or("").to_string(),
        link: Some(format!("https://example.com/{key}")),
        published: None,
        first_seen: None,
        seen_seq: None,
        text: v["text"].as_str().unwrap_or("").to_string(),
        lang: None,
    }
}

/// (precision, recall, pairs) of `same_story` with the given options.
fn score(opt: &ClusterOptions) -> (f64, f64, usize) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cluster/pairs.jsonl");
    let text = std::fs::read_to_string(path).expect("pairs");
    let (mut tp, mut fp, mut fneg, mut n) = (0, 0, 0, 0);
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let a = item(&v["a"], &format!("a{i}"));
        let b = item(&v["b"], &format!("b{i}"));
        let said = same_story(&a, &b, opt);
        let truth = v["same"].as_bool().expect("label");
        match (said, truth) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fneg += 1,
            _ => {}
        }
        n += 1;
    }
    let p = f64::from(tp) / f64::from((tp + fp).max(1));
    let r = f64::from(tp) / f64::from((tp + fneg).max(1));
    (p, r, n)
}

#[test]
fn clustering_precision_and_recall_on_labelled_pairs() {
    let (p, r, n) = score(&ClusterOptions::default());
    println!("cluster: precision {p:.3}, recall {r:.3} on {n} labelled pairs");
    assert!(n >= 120);
    assert!(p >= 0.98, "precision {p:.3}");
    assert!(r >= 0.85, "recall {r:.3}");
}

/// Same topic, different event (written after real coverage patterns: one place and project,
/// different facts; one kind of event, different places; one pair of teams, different scores):
/// none may merge, and two outlets' reports of one event still do. The pairs it gets wrong
/// are printed with --show-output.
#[test]
fn same_topic_different_events_stay_apart() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cluster/pairs.jsonl");
    let text = std::fs::read_to_string(path).expect("pairs");
    let (mut topic, mut event) = (0, 0);
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let a = item(&v["a"], &format!("a{i}"));
        let b = item(&v["b"], &format!("b{i}"));
        let said = same_story(&a, &b, &ClusterOptions::default());
        let truth = v["same"].as_bool().expect("label");
        if said != truth {
            println!("wrong: {} said {said}: {} | {}", v["id"], a.title, b.title);
        }
        match v["kind"].as_str() {
            Some("same-topic-different-event") => {
                topic += 1;
                assert!(!said, "merged two events: {} | {}", a.title, b.title);
            }
            Some("same-event-two-outlets") => {
                event += 1;
                assert!(said, "split one event: {} | {}", a.title, b.title);
            }
            _ => {}
        }
    }
    assert!(topic >= 20 && event >= 8);
}
