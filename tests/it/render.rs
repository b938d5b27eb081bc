//! The formats a briefing can be written in (Markdown, HTML, text, JSON, the reader's template):
//! each says the same things, HTML stays inert whatever the feeds send, and the format follows
//! the command line, the config and the output's extension.

use std::path::PathBuf;
use std::process::Output;

use crate::support::{config_dir, herald};

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

/// A config in a temp dir reading the hostile fixture; returns (dir, config path).
fn hostile_config(extra: &str) -> (tempfile::TempDir, PathBuf) {
    config_dir(
        "tests/fixtures/hostile/hostile.xml",
        "hostile.xml",
        &format!(
            "timezone = \"UTC\"\n{extra}\n[[section]]\nfull_text = \"never\"\ntitle = \"Local\"\nfeeds = [\"hostile.xml\"]\n"
        ),
    )
}

use crate::support::NOW;

/// Undoes the escaping minijinja's HTML mode applies, to compare HTML text with other formats.
fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[test]
fn html_from_a_hostile_feed_is_inert() {
    let (_dir, config) = hostile_config("");
    let html = ok(&herald(&[
        "brief",
        "--config",
        config.to_str().expect("path"),
        "--now",
        NOW,
        "--format",
        "html",
        "--output",
        "-",
        "--no-state",
    ]));
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script",
        "<iframe",
        "<img",
        "<style>body",
        "javascript:",
        " onerror=",
        " onmouseover=",
        "tracker.example",
        "evil.example",
    ] {
        assert!(!lower.contains(bad), "HTML contains {bad:?}:\n{html}");
    }
    // The only elements are the template's own; feed text shows as text.
    assert!(html.contains("Content-Security-Policy"), "CSP meta present");
    assert!(
        html.contains("Council votes on the new bridge"),
        "the story is still there"
    );
    assert!(
        html.contains("The council voted nine to two on Tuesday"),
        "the summary is still there"
    );
    // The script link is dropped: the headline is plain text, not a link to anything.
    assert_eq!(
        html.matches("<a href=").count(),
        1,
        "only the second story links: {html}"
    );
    assert!(
        html.contains("href=\"https://hostile.example/two?a=1&amp;b=%222%22\""),
        "quotes in a link cannot end the attribute: {html}"
    );
    // Every opened element the template writes is closed.
    for tag in [
        "section", "ul", "li", "p", "a", "div", "span", "footer", "header",
    ] {
        let open =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let close = html.matches(&format!("</{tag}>")).count();
        assert_eq!(open, close, "<{tag}> opened {open} times, closed {close}");
    }
}

#[test]
fn every_format_says_the_same_things() {
    let md = ok(&herald(&["brief", "--demo", "--format", "markdown"]));
    let html = unescape_html(&ok(&herald(&["brief", "--demo", "--format", "html"])));
    let text = ok(&herald(&["brief", "--demo", "--format", "text"]));
    let json: serde_json::Value =
        serde_json::from_str(&ok(&herald(&["brief", "--demo", "--format", "json"]))).expect("json");
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (html, text) = (flat(&html), flat(&text));
    let sections = json["sections"].as_array().expect("sections");
    assert!(sections.len() >= 10);
    let mut entries = 0;
    for s in sections {
        let title = s["title"].as_str().expect("title");
        assert!(md.contains(title) && html.contains(title) && text.contains(title));
        for e in s["entries"].as_array().expect("entries") {
            entries += 1;
            let headline = flat(e["title"].as_str().expect("title"));
            assert!(html.contains(&headline), "HTML lacks {headline:?}");
            assert!(text.contains(&headline), "text lacks {headline:?}");
            if let Some(summary) = e["summary"].as_str() {
                let summary = flat(summary);
                assert!(
                    html.contains(&summary),
                    "HTML lacks the summary of {headline:?}"
                );
                assert!(
                    text.contains(&summary),
                    "text lacks the summary of {headline:?}"
                );
            }
            if let Some(link) = e["link"].as_str() {
                assert!(
                    html.contains(&format!("href=\"{link}\"")),
                    "HTML lacks {link}"
                );
                assert!(text.contains(link), "text lacks {link}");
            }
        }
    }
    assert!(entries > 20);
    for f in json["failures"].as_array().expect("failures") {
        let error = flat(f["error"].as_str().expect("error"));
        assert!(html.contains(&error) && text.contains(&error), "{error}");
    }
    // Text is for terminals: no line is wider than 78 columns unless it is one long URL.
    for line in ok(&herald(&["brief", "--demo", "--format", "text"])).lines() {
        let width = line.chars().count();
        assert!(
            width <= 78 || !line.trim().contains(' '),
            "{width} columns: {line:?}"
        );
    }
}

#[test]
fn the_format_follows_flag_then_config_then_extension() {
    let (dir, config) = hostile_config("");
    let cfg = config.to_str().expect("path");
    let write = |name: &str, extra: &[&str]| -> String {
        let path = dir.path().join(name);
        let mut args = vec!["brief", "--config", cfg, "--now", NOW, "--no-state"];
        let p = path.to_str().expect("path").to_string();
        args.extend(["--output", p.as_str()]);
        args.extend(extra);
        ok(&herald(&args));
        std::fs::read_to_string(&path).expect("written")
    };
    assert!(write("a.html", &[]).starts_with("<!DOCTYPE html>"));
    assert!(write("a.txt", &[]).starts_with("Morning News Briefing — Wednesday"));
    assert!(write("a.json", &[]).starts_with('{'));
    assert!(write("a.md", &[]).starts_with("---\ndate:"));
    assert!(
        write("briefing", &[]).starts_with("---\ndate:"),
        "Markdown by default"
    );
    assert!(write("b.html", &["--format", "text"]).starts_with("Morning News Briefing"));

    let (dir2, config2) = hostile_config("format = \"html\"");
    let out = ok(&herald(&[
        "brief",
        "--config",
        config2.to_str().expect("path"),
        "--now",
        NOW,
        "--no-state",
        "--output",
        "-",
    ]));
    assert!(out.starts_with("<!DOCTYPE html>"), "config format = html");
    drop(dir2);

    let (_dir3, config3) = hostile_config("format = \"docx\"");
    let out = herald(&[
        "brief",
        "--config",
        config3.to_str().expect("path"),
        "--no-state",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:2:") && err.contains("unknown format 'docx'"),
        "{err}"
    );
}

#[test]
fn a_readers_template_gets_the_view_and_the_json() {
    let (dir, config) = hostile_config("template = \"mine.txt\"");
    std::fs::write(
        dir.path().join("mine.txt"),
        "{{ date }} | {{ briefing.stats.feeds }} feed(s)\n{% for s in sections %}{% for e in s.entries %}{{ e.source }}: {{ e.title }}\n{% endfor %}{% endfor %}",
    )
    .expect("write template");
    let out = ok(&herald(&[
        "brief",
        "--config",
        config.to_str().expect("path"),
        "--now",
        NOW,
        "--no-state",
        "--output",
        "-",
    ]));
    assert_eq!(
        out,
        "2025-09-03 | 1 feed(s)\nHostile Feed: Council votes on the new bridge\nHostile Feed: Second story with a \"quoted\" title & an ampersand\n"
    );
}

#[test]
fn a_broken_template_is_named_with_its_line_and_nothing_is_written() {
    let (dir, config) = hostile_config("");
    let template = dir.path().join("broken.html");
    std::fs::write(
        &template,
        "<h1>{{ heading }}</h1>\n{% for s in sections %}\n",
    )
    .expect("write");
    let output = dir.path().join("out.html");
    let out = herald(&[
        "brief",
        "--config",
        config.to_str().expect("path"),
        "--template",
        template.to_str().expect("path"),
        "--output",
        output.to_str().expect("path"),
        "--no-state",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.html:2: syntax error"), "{err}");
    assert!(!output.exists(), "no output file for a failed render");

    let missing = herald(&["brief", "--demo", "--template", "/nonexistent/t.html"]);
    assert!(!missing.status.success());
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("cannot read the template /nonexistent/t.html"),
        "{err}"
    );
}

#[test]
fn the_built_in_templates_print_and_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, format, file) in [("html", "html", "t.html"), ("text", "text", "t.txt")] {
        let source = ok(&herald(&["template", name]));
        let path = dir.path().join(file);
        std::fs::write(&path, &source).expect("write");
        let via_template = ok(&herald(&[
            "brief",
            "--demo",
            "--template",
            path.to_str().expect("path"),
        ]));
        let via_format = ok(&herald(&["brief", "--demo", "--format", format]));
        assert_eq!(via_template, via_format, "{name}");
    }
    let unknown = herald(&["template", "pdf"]);
    assert!(!unknown.status.success());
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(err.contains("html") && err.contains("text"), "{err}");
}

/// `--format speech`: a script to read aloud (issue 24's first part). Figures, units and
/// times said as words, no address or emoji, no "No items" filler, a greeting and an ending,
/// pauses (blank lines) between entries and longer ones between sections; in the reader's
/// language, with the source's own language kept for its lines.
#[test]
fn the_speech_script_is_written_for_the_ear() {
    let en = crate::support::ok(&crate::support::herald(&[
        "brief", "--demo", "--format", "speech",
    ]));
    assert!(
        en.starts_with("Good morning. Here is your briefing for Wednesday"),
        "{en}"
    );
    assert!(en.trim_end().ends_with("That's the briefing."), "{en}");
    assert!(en.contains("eleven point four degrees, mist"), "{en}");
    assert!(en.contains("four billion dollars"), "{en}");
    assert!(en.contains("From NPR."), "{en}");
    for unheard in ["http", "No items", "+1 more", "°C", "%", "🌍", "🇺🇸", "✅"] {
        assert!(!en.contains(unheard), "{unheard:?} in the script");
    }
    assert!(
        !en.chars().any(|c| c.is_ascii_digit()),
        "every figure said: {en}"
    );
    assert!(en.contains("\n\n\n"), "a longer pause between sections");
    let fr = crate::support::ok(&crate::support::herald(&[
        "brief", "--demo", "--format", "speech", "--locale", "fr-CA",
    ]));
    assert!(
        fr.starts_with("Bonjour. Voici votre revue de presse du mercredi"),
        "{fr}"
    );
    assert!(fr.contains("onze virgule quatre degrés, brume"), "{fr}");
    assert!(
        fr.contains("Low seventeen"),
        "the English forecast said in English: {fr}"
    );
    assert!(
        fr.trim_end().ends_with("C’est tout pour aujourd’hui."),
        "{fr}"
    );
}
