//! The verification gate against human judgments (QAGS, 579 sentences): balanced accuracy and
//! the share of unsupported sentences it catches, the figures BENCHMARKS.md reports. Run with
//! `cargo test --test it gate -- --show-output` to see them.

use herald::summarize::gate::Gate;

#[test]
fn gate_agrees_with_human_judgments() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/factcheck/factcheck-dev.jsonl");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let gate = Gate::default();
    // Positive = flagged as unsupported, as in the shared harness.
    let (mut tp, mut fp, mut tn, mut fn_) = (0.0, 0.0, 0.0, 0.0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let article = row["article"].as_str().expect("article");
        let sentence = row["sentence"].as_str().expect("sentence");
        let supported = row["supported"].as_bool().expect("label");
        let flagged = !gate.check(article, sentence).supported;
        match (flagged, supported) {
            (true, false) => tp += 1.0,
            (true, true) => fp += 1.0,
            (false, true) => tn += 1.0,
            (false, false) => fn_ += 1.0,
        }
    }
    let recall = tp / (tp + fn_);
    let specificity = tn / (tn + fp);
    let bacc = (recall + specificity) / 2.0;
    println!(
        "gate: balanced accuracy {bacc:.3}, catches {:.1} % of unsupported sentences, flag precision {:.3} (n = {})",
        recall * 100.0,
        tp / (tp + fp),
        tp + fp + tn + fn_
    );
    assert!(
        bacc >= 0.75,
        "balanced accuracy {bacc:.3} below the 0.75 goal"
    );
    assert!(
        recall >= 0.60,
        "catches {recall:.3} of unsupported sentences, goal 0.60"
    );
}
