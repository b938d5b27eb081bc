//! Parser conformance on feedparser's own test cases (the dev split, copied into
//! `tests/fixtures/feedparser-dev` with its licence), scored by the feedsuite harness.
//!
//! The harness is Python (it evaluates each case's `Expect:` expression against our JSON); when
//! python3 is missing the scored test says so and passes, while the Rust-only test below still
//! runs every case through the parser.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// "feedsuite: 448 passed, 5 failed, 0 out of scope" → (448, 5).
fn counts(line: &str) -> Option<(u32, u32)> {
    let rest = line.split_once(':')?.1;
    let mut nums = rest
        .split(',')
        .map(|p| p.trim().split(' ').next().and_then(|n| n.parse().ok()));
    Some((nums.next()??, nums.next()??))
}

/// Runs the feedsuite harness on a folder of cases (with `extra` flags); its stdout, or `None`
/// (said on the output) where python3 is missing.
fn harness(cases: &str, extra: &str) -> Option<String> {
    if Command::new("python3").arg("--version").output().is_err() {
        println!("conformance: python3 not found, {cases} not scored");
        return None;
    }
    let bin = env!("CARGO_BIN_EXE_herald");
    let out = Command::new("python3")
        .arg(fixtures().join("feedsuite/run.py"))
        .args([
            "--parser",
            &format!("{bin} parse --json"),
            "--batch",
            extra,
            "--cases",
        ])
        .arg(fixtures().join(cases))
        .output()
        .expect("run the harness");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "harness failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(stdout)
}

#[test]
fn feedparser_cases_pass_at_least_97_percent() {
    let Some(stdout) = harness("feedparser-dev", "--date-vectors") else {
        return;
    };
    let cases = stdout
        .lines()
        .find(|l| l.starts_with("feedsuite:"))
        .and_then(counts)
        .expect("cases line");
    let dates = stdout
        .lines()
        .find(|l| l.starts_with("feedsuite-dates:"))
        .and_then(counts)
        .expect("dates line");
    let rate = |(p, f): (u32, u32)| 100.0 * f64::from(p) / f64::from(p + f);
    println!(
        "conformance: feedparser cases {}/{} ({:.1} %), date vectors {}/{} ({:.1} %)",
        cases.0,
        cases.0 + cases.1,
        rate(cases),
        dates.0,
        dates.0 + dates.1,
        rate(dates)
    );
    assert!(rate(cases) >= 97.0, "{stdout}");
    assert!(rate(dates) >= 97.0, "{stdout}");
    // The README says this figure: it must be the one a fresh clone measures.
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let claim = format!(
        "reads {} of feedparser's {} conformance cases in this repository ({:.1} %",
        cases.0,
        cases.0 + cases.1,
        rate(cases)
    );
    assert!(
        readme
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(&claim),
        "README should say: {claim}"
    );
}

#[test]
fn every_case_parses_without_panicking() {
    let mut stack = vec![fixtures().join("feedparser-dev")];
    let mut n = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "xml" || e == "json" || e == "rdf")
            {
                let bytes = std::fs::read(&path).expect("read case");
                // Any outcome but a panic is fine here; the scored test checks the values.
                let _ = herald::parse::parse_feed(&bytes, None, None);
                n += 1;
            }
        }
    }
    assert!(n > 400, "only {n} cases found");
}

/// The parser families that checks on unseen data found: cases from feedparser's corpus outside
/// the dev split (media titles, summary/description order, enclosure links, self-link types,
/// CDF dates, RSS 0.90, undeclared prefixes, bogus encodings, DOS/Mac/Vietnamese code pages,
/// inline SVG and MathML) and real
/// shapes written for each family (YouTube media:description, Atom dates in RSS, XHTML-wrapped
/// feeds, xml:base, double-encoded UTF-8, C1 references, 12-hour clocks, zone names, Korean
/// dates, `&quot` without its semicolon). Every one must pass.
#[test]
fn parser_families_all_pass() {
    let Some(stdout) = harness("feedparser-families", "-v") else {
        return;
    };
    let (pass, fail) = stdout
        .lines()
        .find(|l| l.starts_with("feedsuite:"))
        .and_then(counts)
        .expect("cases line");
    println!("conformance: parser families {pass}/{}", pass + fail);
    assert!(pass >= 30 && fail == 0, "{stdout}");
}
