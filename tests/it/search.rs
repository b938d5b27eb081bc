//! `herald search`: what a briefing run stored can be found again from the command line.

use crate::support::{config_dir, herald};

#[test]
fn what_a_briefing_stored_can_be_found_again() {
    let (dir, config) = config_dir(
        "demo/feeds/npr-top-stories.xml",
        "npr.xml",
        "timezone = \"UTC\"\n[[section]]\nfull_text = \"never\"\ntitle = \"US\"\nfeeds = [\"npr.xml\"]\n",
    );
    let state = dir.path().join("state.sqlite");
    let state = state.to_str().expect("path");
    let out = herald(&[
        "brief",
        "--config",
        config.to_str().expect("path"),
        "--state",
        state,
        "--now",
        "2025-09-03T14:42:00Z",
        "--output",
        "-",
    ]);
    crate::support::ok(&out);

    let out = herald(&["search", "--state", state, "high-speed", "train"]);
    crate::support::ok(&out);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let first = text.lines().next().expect("a result");
    assert!(
        first.starts_with("2025-09-03  With federal money in doubt, California's high-speed train"),
        "{text}"
    );
    assert!(text.contains("https://www.npr.org/"), "{text}");

    let out = herald(&[
        "search", "--state", state, "--json", "--limit", "1", "rail*",
    ]);
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 1, "--limit");
    assert!(
        lines[0]["snippet"]
            .as_str()
            .is_some_and(|s| s.contains('['))
    );
    assert_eq!(lines[0]["source"], "NPR Topics: News");

    let out = herald(&["search", "--state", state, "zeppelin"]);
    assert_eq!(out.status.code(), Some(1), "no match is exit 1, as grep");
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing stored matches"));

    let out = herald(&["search", "--state", state, "--since", "2025-09-04", "train"]);
    assert!(out.stdout.is_empty(), "first seen before the date");
    let out = herald(&["search", "--state", state, "--since", "soon", "train"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected a span such as 30d"));
}
