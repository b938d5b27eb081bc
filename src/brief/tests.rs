//! Unit tests of the brief stages that need no network: outcomes, failures and notices, the
//! reading budgets, and a whole compose over hand-made reports.

use std::time::Instant;

use jiff::Timestamp;

use super::compose::{Draft, DraftEntry};
use super::outcome::{FailReason, FeedOutcome, FeedReport, SkipReason, skip_reason};
use super::{BriefOptions, budget, compose};
use crate::config::Config;
use crate::model::{BriefEntry, FeedSource, Item, Section, WeatherBlock};
use crate::summarize::Budget;

const NOW: &str = "2025-09-03T14:42:00Z";

fn now() -> Timestamp {
    NOW.parse().expect("ts")
}

fn source(location: &str, name: Option<&str>) -> FeedSource {
    FeedSource {
        location: location.into(),
        name: name.map(Into::into),
        ..FeedSource::default()
    }
}

fn item(feed: &str, key: &str, title: &str, text: &str) -> Item {
    Item {
        feed: feed.into(),
        source: "Src".into(),
        key: key.into(),
        title: title.into(),
        link: Some(format!("https://ex.com/{key}")),
        published: Some("2025-09-03T10:00:00Z".parse().expect("ts")),
        first_seen: None,
        seen_seq: None,
        text: text.into(),
        lang: None,
    }
}

fn config(text: &str) -> Config {
    Config::from_toml(text, "c.toml".as_ref(), ".".as_ref()).expect("config")
}

#[test]
fn outcomes_say_what_happened() {
    let ok = FeedOutcome::Fetched {
        status: "200".into(),
    };
    assert_eq!(ok.status(), Ok("200".into()));
    assert!(!ok.is_failure());
    assert_eq!(
        FeedOutcome::NotModified.status(),
        Ok("304 Not Modified".into())
    );
    let failed = FeedOutcome::Failed(FailReason::Fetch("timed out after 10 s".into()));
    assert_eq!(failed.status(), Err("timed out after 10 s".into()));
    assert!(failed.is_failure());
    let weather = FeedOutcome::Weather {
        status: "read".into(),
        body: b"<feed/>".to_vec(),
    };
    assert_eq!(weather.weather_body(), Some(&b"<feed/>"[..]));
    assert!(ok.weather_body().is_none());
}

#[test]
fn a_backed_off_or_rate_limited_feed_is_skipped_with_its_reason() {
    let mut rec = crate::store::FeedRecord {
        retry_after: Some("2025-09-03T16:00:00Z".parse().expect("ts")),
        ..Default::default()
    };
    let why = skip_reason(&rec, now()).expect("rate-limited");
    assert!(matches!(why, SkipReason::RateLimited { .. }));
    assert!(why.to_string().contains("2025-09-03 16:00 UTC"), "{why}");
    rec.retry_after = None;
    rec.consecutive_failures = 6;
    rec.last_status = Some("503".into());
    rec.last_attempt = Some("2025-09-03T14:00:00Z".parse().expect("ts"));
    let why = skip_reason(&rec, now()).expect("backed off");
    assert!(
        why.to_string().contains("6 failures in a row (last: 503)"),
        "{why}"
    );
    rec.last_attempt = Some("2025-09-02T14:00:00Z".parse().expect("ts"));
    assert_eq!(skip_reason(&rec, now()), None, "the back-off has passed");
}

#[test]
fn the_display_name_falls_back_to_title_then_location() {
    let mut r = FeedReport::new(
        &source("https://a.example/feed", None),
        FeedOutcome::NotModified,
    );
    assert_eq!(r.display_name(), "https://a.example/feed");
    r.title = Some("A Feed".into());
    assert_eq!(r.display_name(), "A Feed");
    r.source.name = Some("Mine".into());
    assert_eq!(r.display_name(), "Mine");
}

fn draft(scores: &[f64]) -> Draft {
    let words = "word ".repeat(100);
    Draft {
        section: Section::new("S".into(), String::new()),
        entries: scores
            .iter()
            .enumerate()
            .map(|(i, &score)| DraftEntry {
                entry: BriefEntry {
                    summary: Some(words.clone()),
                    ..BriefEntry::new(format!("t{i}"), None, "s".into())
                },
                item: item("f", &format!("k{i}"), "t", ""),
                fresh: None,
                budget: Budget::default(),
                score,
            })
            .collect(),
    }
}

#[test]
fn the_global_budget_drops_the_lowest_scores_anywhere() {
    // 230 words a minute: one minute holds two 101-word entries.
    let c = config(
        "timezone = \"UTC\"\nbudget = \"1m\"\n[[section]]\ntitle = \"A\"\nfeeds = []\n[[section]]\ntitle = \"B\"\nfeeds = []\n",
    );
    let mut drafts = vec![draft(&[0.9, 0.1]), draft(&[0.5, 0.8])];
    budget::apply(&c, &mut drafts);
    let kept: Vec<Vec<f64>> = drafts
        .iter()
        .map(|d| d.entries.iter().map(|e| e.score).collect())
        .collect();
    assert_eq!(kept, vec![vec![0.9], vec![0.8]]);
    assert_eq!(drafts[0].section.more[0].title, "t1");
    assert_eq!(drafts[1].section.more[0].title, "t0");
}

#[test]
fn a_section_budget_drops_from_its_end() {
    let c = config("timezone = \"UTC\"\n[[section]]\ntitle = \"A\"\nbudget = \"1m\"\nfeeds = []\n");
    let mut drafts = vec![draft(&[0.9, 0.8, 0.7])];
    budget::apply(&c, &mut drafts);
    assert_eq!(drafts[0].entries.len(), 2);
    assert_eq!(drafts[0].section.more.len(), 1);
    assert_eq!(drafts[0].section.more[0].title, "t2");
}

#[test]
fn compose_lists_failures_warnings_and_moves_and_fills_sections() {
    let c = config(
        "timezone = \"UTC\"\nwindow = \"24h\"\n[[section]]\ntitle = \"News\"\nfeeds = [\"a.xml\", \"b.xml\"]\n",
    );
    let mut a = FeedReport::new(
        &source("a.xml", Some("A")),
        FeedOutcome::Fetched {
            status: "read".into(),
        },
    );
    a.items = vec![item(
        "a.xml",
        "1",
        "Council approves budget",
        "The council approved the budget on Tuesday. It passed 7 to 2.",
    )];
    a.warning = Some("malformed feed (unclosed tag); 1 item recovered".into());
    a.moved_to = Some("https://a.example/new".into());
    let mut b = FeedReport::new(
        &source("b.xml", None),
        FeedOutcome::Failed(FailReason::Parse("not a feed".into())),
    );
    b.consecutive_failures = 3;
    let options = BriefOptions::new(now());
    let composed = compose(&c, &options, &mut [a, b], None, Instant::now()).expect("compose");
    let bf = &composed.briefing;
    assert_eq!(bf.weather, WeatherBlock::None);
    assert_eq!(bf.failures.len(), 2, "{:?}", bf.failures);
    assert_eq!(bf.failures[0].feed, "A");
    assert!(bf.failures[0].error.starts_with("malformed feed"));
    assert_eq!(bf.failures[1].feed, "b.xml");
    assert_eq!(bf.failures[1].error, "not a feed (3 failures in a row)");
    assert_eq!(bf.notices.len(), 1);
    assert!(bf.notices[0].message.contains("https://a.example/new"));
    let entries = &bf.sections[0].entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].summary.as_deref(),
        Some("The council approved the budget on Tuesday. It passed 7 to 2.")
    );
    assert_eq!(composed.shown.len(), 1);
    assert_eq!(bf.stats.items_seen, 1);
    assert_eq!(bf.stats.items_new, 1);
}
