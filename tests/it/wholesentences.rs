//! The promise every summary keeps: it is made of whole sentences of its item, as a browser
//! reads the item. Checked over every feed in the repository (feedparser's conformance cases,
//! the demo, the sample feeds, the hostile ones) and over generated hard-wrapped HTML: each
//! summary sentence is one of the item's own sentences, no character changed beyond white space.

use std::path::{Path, PathBuf};

use herald::summarize::{Budget, Extractive, Summarizer, segment};

fn feeds() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![root.join("tests/fixtures"), root.join("demo/feeds")];
    let mut out = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("xml" | "rdf" | "atom" | "rss" | "json")
            ) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The item's sentences, white space removed (the form a summary sentence is compared in).
fn sentences_of(text: &str, lang: Option<&str>) -> Vec<String> {
    text.split("\n\n")
        .flat_map(|p| segment::sentences_in(p, lang))
        .map(bare)
        .collect()
}

fn bare(s: &str) -> String {
    s.split_whitespace().collect()
}

/// An item sentence as a summary may show it: without the truncation marks a feed puts after
/// its full stop ("researchers .………" is shown "researchers.").
fn shown_as(sentence: &str) -> String {
    let trimmed = sentence.trim_end_matches(['…', '.', '[', ']']);
    if trimmed.len() < sentence.len() && sentence[trimmed.len()..].starts_with('.') {
        format!("{trimmed}.")
    } else {
        sentence.to_string()
    }
}

/// True when `summary` (white space removed) is some of `own` sentences, in order, whole: the
/// positions of the summary reachable by whole sentences, sentence after sentence.
fn made_of_whole_sentences(summary: &str, own: &[String]) -> bool {
    let target = bare(summary);
    let mut reach = std::collections::BTreeSet::from([0usize]);
    for o in own {
        let mut next = reach.clone();
        for &pos in &reach {
            for form in [o.clone(), shown_as(o)] {
                if !form.is_empty() && target[pos..].starts_with(&form) {
                    next.insert(pos + form.len());
                }
            }
        }
        reach = next;
    }
    reach.contains(&target.len())
}

#[test]
fn every_summary_of_every_feed_is_whole_sentences_of_its_item() {
    let summarizer = Extractive::default();
    let (mut summaries, mut sentences, mut broken) = (0usize, 0usize, Vec::new());
    for path in feeds() {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(feed) = herald::parse::parse_feed(&bytes, None, None) else {
            continue;
        };
        for item in herald::items::from_feed(&feed, "f", "S", None) {
            let lang = item.lang.as_deref();
            let Some(summary) =
                summarizer.summarize(&item.title, &item.text, lang, Budget::default())
            else {
                continue;
            };
            summaries += 1;
            sentences += segment::sentences_in(&summary, lang).len();
            if !made_of_whole_sentences(&summary, &sentences_of(&item.text, lang)) {
                broken.push(format!("{}: {summary:?}", path.display()));
            }
        }
    }
    println!(
        "whole sentences: {} of {summaries} summaries ({sentences} sentences) are whole sentences of their items",
        summaries - broken.len()
    );
    assert!(summaries > 100, "{summaries}");
    assert!(
        broken.is_empty(),
        "{} not whole:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// Hard-wrapped HTML of every shape a CMS writes: the summary never starts mid-sentence.
#[test]
fn hard_wrapped_html_gives_whole_sentences() {
    let sentences = [
        "The city council voted on Tuesday to approve more money for road repairs.",
        "The mayor praised the vote as a long overdue investment in the city's streets.",
        "Critics said the plan ignores the bus network, which carries more people every year.",
        "Work on the first roads will start in the spring, according to the public works office.",
    ];
    let summarizer = Extractive::default();
    let mut rng = fastrand::Rng::with_seed(7);
    for case in 0..200 {
        // Wrap the paragraph at a random width, with a random line ending and indentation.
        let text = sentences.join(" ");
        let width = rng.usize(20..80);
        let newline = ["\n", "\r\n", "\n    ", "\n\t"][rng.usize(0..4)];
        let mut wrapped = String::new();
        let mut line = 0;
        for word in text.split(' ') {
            if line + word.len() > width && line > 0 {
                wrapped.push_str(newline);
                line = 0;
            } else if line > 0 {
                wrapped.push(' ');
            }
            wrapped.push_str(word);
            line += word.len() + 1;
        }
        let html = match case % 3 {
            0 => format!("<p>{wrapped}</p>"),
            1 => format!("<div>\n<p>{wrapped}</p>\n</div>"),
            _ => wrapped.clone(),
        };
        let item_text = herald::text::html_to_text(&html);
        let summary = summarizer
            .summarize("Road repairs", &item_text, Some("en"), Budget::default())
            .expect("a summary");
        for s in segment::sentences_in(&summary, Some("en")) {
            assert!(sentences.contains(&s), "case {case}: {s:?} from {html:?}");
        }
    }
}

/// One real feed from `tests/fixtures/realfeeds/` briefed alone at `now` (article reading
/// off), as JSON.
fn brief_alone(fixture: &str, now: &str) -> serde_json::Value {
    let (dir, config) = crate::support::config_dir(
        &format!("tests/fixtures/realfeeds/{fixture}"),
        "feed.xml",
        "timezone = \"UTC\"\nwindow = \"30d\"\n[[section]]\ntitle = \"R\"\nfull_text = \"never\"\nfeeds = [\"feed.xml\"]\n",
    );
    let out = crate::support::ok(
        &crate::support::command()
            .args([
                "--no-state",
                "brief",
                "--format",
                "json",
                "-o",
                "-",
                "--config",
            ])
            .arg(&config)
            .args(["--now", now])
            .output()
            .expect("run"),
    );
    drop(dir);
    serde_json::from_str(&out).expect("json")
}

/// Reddit's descriptions are escaped HTML holding `<!-- SC_OFF -->` comments, the post's own
/// text and a "submitted by … [link] [N comments]" line: the summary is the post's text, with
/// no markup, comment or byline left in it.
#[test]
fn reddit_posts_are_summarized_from_their_own_text() {
    let b = brief_alone("rss-parser/reddit.rss", "2015-11-13T08:00:00Z");
    let summary = b["sections"][0]["entries"][0]["summary"]
        .as_str()
        .expect("a summary");
    assert!(
        summary.starts_with("I'm here to chat about my new Netflix series"),
        "{summary}"
    );
    for junk in ["SC_OFF", "&lt;", "&#39;", "<", "submitted by", "[link]"] {
        assert!(!summary.contains(junk), "{junk}: {summary}");
    }
}

/// Reddit's RSS with real elements in its descriptions (a thumbnail table, "submitted by …
/// [link] [N comments]"): a link post has nothing to summarize, and no byline is made one.
#[test]
fn reddit_link_posts_get_no_byline_for_a_summary() {
    let b = brief_alone("rss-parser/reddit-elements.rss", "2016-01-24T08:00:00Z");
    let entries = b["sections"][0]["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 3);
    for e in entries {
        assert!(e["summary"].is_null(), "{e:#}");
    }
}
