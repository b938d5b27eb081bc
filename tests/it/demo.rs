//! End-to-end tests of `herald brief --demo` and the CLI, run against the built binary.

use std::path::Path;

use herald::model::ParsedFeed;

use crate::support::{Reply, Server, herald};

fn demo(format: &str) -> String {
    let out = herald(&["brief", "--demo", "--format", format]);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Zeroes the one field that differs run to run.
fn normalize_json(s: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(s).expect("valid JSON");
    v["stats"]["elapsed_ms"] = serde_json::json!(0);
    v
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected =
        std::fs::read_to_string(&path).expect("golden file (set UPDATE_GOLDEN=1 to create)");
    assert_eq!(
        actual, expected,
        "output differs from {name}; rerun with UPDATE_GOLDEN=1 if intended"
    );
}

#[test]
fn demo_markdown_matches_golden() {
    golden("demo.md", &demo("markdown"));
}

#[test]
fn verbose_says_how_each_feed_did_and_where_the_time_went() {
    let out = herald(&["-v", "brief", "--demo"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("herald: ok   NPR (demo:npr-top-stories.xml): read, 7 items"),
        "{err}"
    );
    assert!(
        err.contains(
            "herald: FAIL Health bulletin (empty) (demo:broken-empty.xml): empty document"
        ),
        "{err}"
    );
    assert!(err.contains("1 item recovered"), "{err}");
    assert!(
        err.contains("(demo:weather-pembroke.xml): read, weather"),
        "{err}"
    );
    assert!(
        err.contains("13 feeds, 40 items seen, 29 new; fetch "),
        "{err}"
    );
    let quiet = herald(&["-q", "brief", "--demo"]);
    assert!(quiet.stderr.is_empty(), "-q prints nothing on success");
}

#[test]
fn shell_completions_know_the_commands() {
    let out = herald(&["completions", "bash"]);
    assert!(out.status.success());
    let script = String::from_utf8_lossy(&out.stdout);
    for word in ["brief", "search", "feeds", "--no-email", "--template"] {
        assert!(script.contains(word), "bash completion lacks {word}");
    }
    let bad = herald(&["completions", "tcsh"]);
    assert!(!bad.status.success());
}

#[test]
fn demo_html_matches_golden() {
    golden("demo.html", &demo("html"));
}

#[test]
fn demo_text_matches_golden() {
    golden("demo.txt", &demo("text"));
}

#[test]
fn demo_json_matches_golden() {
    let v = normalize_json(&demo("json"));
    golden(
        "demo.json",
        &(serde_json::to_string_pretty(&v).expect("json") + "\n"),
    );
}

#[test]
fn demo_json_follows_design_schema() {
    let v = normalize_json(&demo("json"));
    for key in [
        "title", "date", "timezone", "tags", "weather", "sections", "failures", "stats",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["date"], "2025-09-03T10:42:00-04:00");
    assert_eq!(v["timezone"], "America/Toronto");
    let w = &v["weather"];
    assert_eq!(w["location"], "Pembroke");
    assert_eq!(w["current"]["temperature_c"], 11.4);
    assert_eq!(w["current"]["condition"], "Mist");
    assert_eq!(w["current"]["humidity_pct"], 97.0);
    assert_eq!(w["current"]["pressure_kpa"], 101.3);
    assert_eq!(w["current"]["tendency"], "falling");
    assert_eq!(w["periods"][0]["high_c"], 26.0);
    assert_eq!(w["periods"][1]["low_c"], 17.0);
    assert_eq!(w["periods"][1]["pop_pct"], 40.0);
    assert_eq!(w["warnings"].as_array().map(Vec::len), Some(0));
    let sections = v["sections"].as_array().expect("sections");
    assert_eq!(sections.len(), 10, "10 topic sections after the weather");
    for s in sections {
        for key in ["title", "emoji", "entries"] {
            assert!(s.get(key).is_some(), "section missing {key}");
        }
        for e in s["entries"].as_array().expect("entries") {
            for key in ["title", "link", "source", "published", "summary", "also"] {
                assert!(e.get(key).is_some(), "entry missing {key}");
            }
        }
    }
    for key in ["feeds", "items_seen", "items_new", "elapsed_ms"] {
        assert!(v["stats"][key].is_u64(), "stats.{key}");
    }
}

#[test]
fn demo_has_all_sections_in_original_order() {
    let md = demo("markdown");
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## 🧾 Weather — Pembroke",
            "## 🌍 International News",
            "## 🇺🇸 U.S. Top Stories",
            "## 💻 Digital Strategy",
            "## 🏥 Public Health",
            "## 🔬 Science",
            "## 🧾 Government & Policy",
            "## 🤖 AI & Emerging Tech",
            "## 🔒 Cybersecurity & Privacy",
            "## 🎓 University AI",
            "## 🏢 Corporate AI",
        ]
    );
}

#[test]
fn broken_feeds_each_get_a_failure_line_and_the_rest_is_intact() {
    let v = normalize_json(&demo("json"));
    let failures = v["failures"].as_array().expect("failures");
    let find = |url: &str| {
        failures
            .iter()
            .find(|f| f["url"] == url)
            .unwrap_or_else(|| panic!("no failure for {url}"))["error"]
            .as_str()
            .expect("error text")
            .to_string()
    };
    assert!(find("demo:broken-truncated.xml").contains("malformed"));
    assert!(find("demo:broken-html-page.xml").contains("HTML page"));
    assert!(find("demo:broken-empty.xml").contains("empty"));
    assert_eq!(failures.len(), 3);
    let md = demo("markdown");
    assert!(md.contains("3 feeds failed:"));
    assert!(md.contains("_No items: its feed failed (listed at the end)._"));
    // The good feeds still fill their sections.
    let us = &v["sections"][1];
    assert_eq!(us["title"], "U.S. Top Stories");
    assert_eq!(us["entries"].as_array().map(Vec::len), Some(5));
}

#[test]
fn stale_items_are_dropped() {
    let md = demo("markdown");
    // NPR's two stale items and the Government of Canada's only item are older than the window.
    assert!(!md.contains("Last week's policy roundup"));
    let v = normalize_json(&demo("json"));
    let gov = v["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["title"] == "Government & Policy")
        .expect("section");
    assert_eq!(gov["entries"].as_array().map(Vec::len), Some(0));
    assert!(md.contains("## 🧾 Government & Policy\n\n_No new items in the last 24 hours._"));
    let npr = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/feeds/npr-top-stories.xml"),
    )
    .expect("fixture");
    let parsed = herald::parse::parse_feed(npr.as_bytes(), None, None).expect("parse");
    let now: jiff::Timestamp = "2025-09-03T14:42:00Z".parse().expect("ts");
    for e in &parsed.entries {
        let old = e.published.expect("dated") < now - jiff::SignedDuration::from_hours(24);
        let title = e.title.as_deref().expect("title");
        assert_eq!(md.contains(title), !old, "{title}");
    }
}

#[test]
fn windows_1252_feed_renders_pounds_and_curly_quotes() {
    let md = demo("markdown");
    assert!(md.contains("£350M"), "pound sign");
    assert!(md.contains("‘Universities"), "curly quote");
    assert!(!md.contains('\u{FFFD}'), "replacement character");
}

#[test]
fn no_entities_or_mojibake_in_any_output() {
    for format in ["markdown", "json", "text"] {
        let out = demo(format);
        for bad in [
            "&#", "&deg;", "&nbsp;", "&amp;", "&quot;", "&lt;", "â€", "Ã©", "Â ",
        ] {
            assert!(!out.contains(bad), "{format} output contains {bad:?}");
        }
    }
}

/// Every item of the demo, parsed and cleaned as the briefing does.
fn demo_items() -> Vec<herald::model::Item> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/feeds");
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).expect("demo feeds") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let parsed: ParsedFeed = match herald::parse::parse_feed(&bytes, None, None) {
            Ok(p) => p,
            Err(_) => continue,
        };
        all.extend(herald::items::from_feed(&parsed, "x", "x", None));
    }
    all
}

#[test]
fn every_summary_sentence_is_in_its_source() {
    let items = demo_items();
    let v = normalize_json(&demo("json"));
    let mut checked = 0;
    for s in v["sections"].as_array().expect("sections") {
        for e in s["entries"].as_array().expect("entries") {
            let Some(summary) = e["summary"].as_str() else {
                continue;
            };
            let item = items
                .iter()
                .find(|i| i.link.as_deref() == e["link"].as_str())
                .expect("entry comes from an item");
            // "About 75 words" is a budget: over it only when one sentence alone is longer.
            let max = herald::summarize::Budget::default().max_words();
            let single = herald::summarize::segment::sentences(summary).len() == 1;
            assert!(
                single || summary.split_whitespace().count() <= max,
                "too long: {summary}"
            );
            // The source is the feed's text, or the bundled article page a thin item links to.
            let article = e["link"]
                .as_str()
                .and_then(herald::demo::article_page)
                .and_then(|page| herald::extract::extract_bytes(page, None, None).ok())
                .map(|a| a.text)
                .unwrap_or_default();
            // Whole sentences of the source, no character changed beyond white space.
            let bare = |t: &str| t.split_whitespace().collect::<String>();
            let (text, article) = (bare(&item.text), bare(&article));
            for sentence in herald::summarize::segment::sentences(summary) {
                let s = bare(sentence);
                assert!(
                    text.contains(&s) || article.contains(&s),
                    "not in source: {sentence}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} sentences checked");
}

/// The Science feed gives titles only: every summary there comes from the article page the
/// item links to (the demo bundles them), sentence for sentence, and nothing is invented.
#[test]
fn title_only_items_are_summarized_from_their_articles() {
    let v = normalize_json(&demo("json"));
    let science = v["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["title"] == "Science")
        .expect("science");
    let entries = science["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 5);
    for e in entries {
        let summary = e["summary"].as_str().expect("a summary from the article");
        let page = e["link"]
            .as_str()
            .and_then(herald::demo::article_page)
            .expect("a bundled page");
        let article = herald::extract::extract_bytes(page, None, None).expect("article");
        for sentence in herald::summarize::segment::sentences(summary) {
            assert!(
                article.text.contains(sentence),
                "not in the article: {sentence}"
            );
        }
        assert!(!summary.contains("Share on") && !summary.contains("newsletter"));
    }
    let md = demo("markdown");
    assert!(!md.contains("iReporter"));
}

#[test]
fn now_flag_moves_the_window() {
    let out = herald(&["brief", "--demo", "--now", "2025-09-10T14:42:00Z"]);
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(md.contains("Wednesday, 10 September 2025, 10:42"));
    assert!(
        !md.contains("Hitler's bunker"),
        "a week later nothing of the 3rd is new"
    );
}

#[test]
fn unknown_timezone_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "title = \"x\"\ntimezone = \"Mars/Olympus\"\n").expect("write");
    let out = herald(&["brief", "--config", path.to_str().expect("path")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml:2:12"), "{err}");
    assert!(err.contains("unknown timezone 'Mars/Olympus'"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one-line reason: {err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn malformed_config_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "title = \"x\"\n[[section]]\ntitle = \"A\"\nmax_items = \"five\"\n",
    )
    .expect("write");
    let out = herald(&["brief", "--config", path.to_str().expect("path")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml:4:"), "{err}");
    assert!(err.contains("expected"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn missing_config_says_how_to_start() {
    let out = herald(&["brief"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("herald init"), "{err}");
}

#[test]
fn local_config_with_relative_feed_writes_output_file_atomically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/feeds");
    std::fs::copy(
        feeds.join("npr-top-stories.xml"),
        dir.path().join("npr.xml"),
    )
    .expect("copy");
    std::fs::write(
        dir.path().join("config.toml"),
        "timezone = \"UTC\"\noutput = \"out/{date}.md\"\n[[section]]\nfull_text = \"never\"\ntitle = \"US\"\nmax_items = 2\nfeeds = [\"npr.xml\", \"missing.xml\"]\n",
    )
    .expect("write");
    let config = dir.path().join("config.toml");
    let out_path = dir.path().join("brief.md");
    let out = herald(&[
        "brief",
        "--config",
        config.to_str().expect("path"),
        "--now",
        "2025-09-03T14:42:00Z",
        "--output",
        out_path.to_str().expect("path"),
    ]);
    crate::support::ok(&out);
    let md = std::fs::read_to_string(&out_path).expect("written");
    assert_eq!(md.matches("\n- **[").count(), 2, "max_items = 2");
    assert!(md.contains("missing.xml"), "missing feed listed as failure");
    assert!(
        md.contains("NPR Topics: News"),
        "feed title used as source name"
    );
}

#[test]
fn init_writes_a_config_that_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("herald/config.toml");
    let out = herald(&["init", "--config", path.to_str().expect("path")]);
    crate::support::ok(&out);
    let config = herald::config::Config::load(&path).expect("starter config loads");
    assert!(config.sections.len() >= 8);
    assert!(config.weather.is_some());
    // A second init refuses to overwrite.
    let again = herald(&["init", "--config", path.to_str().expect("path")]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
}

#[test]
fn parse_json_and_many() {
    let feeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/feeds");
    let npr = feeds.join("npr-top-stories.xml");
    let empty = feeds.join("broken-empty.xml");
    let out = herald(&["parse", npr.to_str().expect("p"), "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["version"], "rss20");
    assert_eq!(v["bozo"], false);
    assert_eq!(v["entries"].as_array().map(Vec::len), Some(7));
    let out = herald(&[
        "parse",
        "--many",
        npr.to_str().expect("p"),
        empty.to_str().expect("p"),
    ]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["result"]["feed"]["title"], "NPR Topics: News");
    assert_eq!(lines[1]["result"]["bozo"], true);
}

#[test]
fn feeds_import_list_check_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/feeds");
    let npr = std::fs::read(feeds.join("npr-top-stories.xml")).expect("fixture");
    let server = Server::start(move |r| match r.path.as_str() {
        "/npr.xml" => Reply::ok(npr.clone()),
        _ => Reply::status(404),
    });
    let opml = dir.path().join("subs.opml");
    // A shared OPML's local paths are skipped: only web feeds are imported.
    std::fs::write(
        &opml,
        format!(
            r#"<?xml version="1.0"?><opml version="2.0"><head/><body>
<outline text="US"><outline text="NPR" type="rss" xmlUrl="{}"/><outline text="Gone" type="rss" xmlUrl="{}"/><outline text="Local" type="rss" xmlUrl="/etc/passwd"/></outline>
</body></opml>"#,
            server.url("/npr.xml"),
            server.url("/missing.xml")
        ),
    )
    .expect("opml");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "timezone = \"UTC\"\n").expect("config");
    let state = dir.path().join("state.sqlite");
    // The state file only for the commands that keep one (import and export edit the config).
    let run = |args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--config", config.to_str().expect("p")]);
        if matches!(args.get(1), Some(&("check" | "list"))) {
            all.extend(["--state", state.to_str().expect("p")]);
        }
        herald(&all)
    };
    let out = run(&["feeds", "import", opml.to_str().expect("p")]);
    crate::support::ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("added 2 feeds in 1 section "), "{err}");
    assert!(err.contains("skipped /etc/passwd"), "{err}");
    // Importing again adds nothing, and says why for each feed.
    let again = run(&["feeds", "import", opml.to_str().expect("p")]);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("added 0 feeds"), "{err}");
    assert_eq!(err.matches(": already subscribed").count(), 2, "{err}");

    let check = run(&["feeds", "check"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "a feed failed: exit 1, as a check"
    );
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(
        text.contains("ok    200") && text.contains("7 items"),
        "{text}"
    );
    assert!(
        text.contains(&format!("FAIL  {}", server.url("/missing.xml"))),
        "{text}"
    );
    assert!(text.contains("2 feeds, 1 failed"), "{text}");

    let list = run(&["feeds", "list"]);
    let text = String::from_utf8_lossy(&list.stdout);
    let npr = text
        .lines()
        .find(|l| l.contains("npr.xml"))
        .expect("npr listed");
    assert!(npr.starts_with("200"), "{npr}");
    let gone = text
        .lines()
        .find(|l| l.contains("missing.xml"))
        .expect("missing listed");
    assert!(gone.contains("    1 "), "one failure recorded: {gone}");

    let export = run(&["feeds", "export"]);
    let xml = String::from_utf8_lossy(&export.stdout);
    assert!(
        xml.contains("<opml")
            && xml.contains(&format!("xmlUrl=\"{}\"", server.url("/npr.xml")))
            && xml.contains("text=\"US\""),
        "{xml}"
    );
}

/// The README's numbers are the code's: the article-reading rule and its cap.
#[test]
fn the_readme_states_the_codes_own_numbers() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let thin = format!("text is under {} words", herald::brief::THIN_WORDS);
    assert!(readme.contains(&thin), "README should say: {thin}");
    let cap = format!(
        "at most {} pages a run",
        herald::config::FetchConfig::default().max_articles
    );
    assert!(readme.contains(&cap), "README should say: {cap}");
    assert!(readme.contains("cargo install --locked --path ."));
}

/// CLI conventions (issue 22): `-o` is `--output`; an output extension herald does not write is
/// an error, not Markdown in a .pdf; a bad `--now` says what to give, not a parser's internals;
/// shell completion offers the formats; every flag has help.
#[test]
fn command_line_conventions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("b.json");
    crate::support::ok(&herald(&[
        "brief",
        "--demo",
        "-o",
        out.to_str().expect("p"),
    ]));
    assert!(
        std::fs::read_to_string(&out)
            .expect("written")
            .starts_with('{')
    );
    let pdf = dir.path().join("b.pdf");
    let refused = herald(&["brief", "--demo", "-o", pdf.to_str().expect("p")]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains(".md, .html, .txt and .json"));
    assert!(!pdf.exists());
    let now = herald(&["brief", "--demo", "--now", "yesterday"]);
    let err = String::from_utf8_lossy(&now.stderr);
    assert!(
        err.contains("--now 'yesterday'") && err.contains("2025-09-03T14:42:00Z"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        !err.contains("failed to parse"),
        "no parser internals: {err}"
    );
    let bash = crate::support::ok(&herald(&["completions", "bash"]));
    assert!(bash.contains("markdown html text json"), "formats offered");
    for cmd in [
        vec!["brief"],
        vec!["feeds", "list"],
        vec!["feeds", "check"],
        vec!["feeds", "add"],
        vec!["show"],
        vec!["site", "build"],
        vec!["schedule", "install"],
    ] {
        let mut args = cmd.clone();
        args.push("--help");
        let help = crate::support::ok(&herald(&args));
        for line in help.lines() {
            let l = line.trim_start();
            if l.starts_with("--") || l.starts_with("-o") || l.starts_with("<") {
                let said = l
                    .split_once("  ")
                    .map(|(_, rest)| rest.trim())
                    .unwrap_or("");
                let next_line_says = !said.is_empty() || help.contains(&format!("{l}\n          "));
                assert!(next_line_says, "{cmd:?}: no help for {l:?}\n{help}");
            }
        }
    }
}

/// The README's excerpt of the demo is what the demo prints, line for line.
#[test]
fn the_readme_shows_what_the_demo_prints() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let excerpt = readme
        .split("An excerpt of `herald brief --demo`:")
        .nth(1)
        .and_then(|r| r.split("```markdown\n").nth(1))
        .and_then(|r| r.split("```").next())
        .expect("the excerpt");
    let md = demo("markdown");
    let mut checked = 0;
    for line in excerpt
        .lines()
        .filter(|l| !l.trim().is_empty() && l.trim() != "…")
    {
        assert!(
            md.lines().any(|l| l == line),
            "README line not printed by the demo: {line}"
        );
        checked += 1;
    }
    assert!(checked > 15, "{checked}");
}

/// State flags where they mean nothing are usage errors said before any work: `init --state`,
/// `completions --no-state`, and `search --no-state` (which was accepted, then failed).
#[test]
fn state_flags_only_where_they_mean_something() {
    for args in [
        vec![
            "--state",
            "/tmp/x.sqlite",
            "init",
            "--config",
            "/nonexistent/herald.toml",
        ],
        vec!["--no-state", "completions", "bash"],
        vec!["--no-state", "search", "rail"],
        vec!["--no-state", "show"],
    ] {
        let out = herald(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("state"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing done");
    }
}
