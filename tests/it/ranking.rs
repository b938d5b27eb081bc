//! One story, one entry: clustering across feeds, placement across sections, interests,
//! reading budgets, `--explain` and determinism, through the same code `herald brief` runs.

use std::path::Path;

use herald::brief::{self, BriefOptions};
use herald::config::Config;
use herald::render::{self, Format};

use crate::support::{NOW, RssItem, rss_items};

/// A feed of `(title, link, text)` items, the i-th published at 1i:00 on the briefing's day.
fn rss(title: &str, items: &[(&str, &str, &str)]) -> String {
    let items: Vec<RssItem<'_>> = items
        .iter()
        .enumerate()
        .map(|(i, &(t, link, text))| RssItem {
            guid: format!("{title}-{i}"),
            title: t,
            link,
            date: format!("Wed, 03 Sep 2025 1{i}:00:00 +0000"),
            description: text.to_string(),
        })
        .collect();
    rss_items(title, &items)
}

/// Three outlets: the court story in all three, the rail story in two, one story each alone.
fn write_feeds(dir: &Path) {
    let court = "A federal appeals court ruled that the administration cannot use the Alien Enemies Act to deport Venezuelan men it accuses of belonging to the Tren de Aragua gang.";
    let rail = "California high-speed rail leaders are seeking new funding after $4 billion in federal grants was tied up in court, putting the Merced to Bakersfield line in doubt.";
    std::fs::write(
        dir.join("npr.xml"),
        rss("NPR", &[
            ("Appeals court blocks Alien Enemies Act deportations", "https://npr.org/court", court),
            ("California's high-speed train seeks a new path", "https://npr.org/rail", rail),
            ("So um, why do we say um so much?", "https://npr.org/um", "Linguists explain the many uses of um and why the filler word is so controversial among public speakers."),
        ]),
    )
    .expect("npr");
    std::fs::write(
        dir.join("ap.xml"),
        rss("AP", &[
            ("Court says Alien Enemies Act cannot be used to deport Venezuelan gang suspects", "https://apnews.com/court?utm_source=rss", court),
            ("High-speed rail in California looks for funding after federal money frozen", "https://apnews.com/rail", rail),
        ]),
    )
    .expect("ap");
    std::fs::write(
        dir.join("bbc.xml"),
        rss("BBC", &[
            ("US appeals court rules against Alien Enemies Act deportations", "https://bbc.com/court", court),
            ("Crypto exchange hacked for $200 million", "https://bbc.com/crypto", "Thieves drained $200 million in digital tokens from a cryptocurrency exchange overnight, the company said on Wednesday."),
        ]),
    )
    .expect("bbc");
}

fn config(dir: &Path, extra: &str, feeds: &[&str]) -> Config {
    let list: Vec<String> = feeds.iter().map(|f| format!("\"{f}\"")).collect();
    let text = format!(
        "timezone = \"UTC\"\nwindow = \"24h\"\n{extra}\n[[section]]\nfull_text = \"never\"\ntitle = \"News\"\nmax_items = 10\nfeeds = [{}]\n",
        list.join(", ")
    );
    Config::from_toml(&text, &dir.join("c.toml"), dir).expect("config")
}

fn markdown(config: &Config, explain: bool) -> String {
    let opts = BriefOptions {
        explain,
        ..BriefOptions::new(NOW.parse().expect("ts"))
    };
    render::render(
        &brief::run(config, &opts, None).expect("briefing"),
        &Format::Markdown.into(),
    )
    .expect("markdown never fails")
}

#[test]
fn same_story_from_three_outlets_is_one_entry_with_also_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_feeds(dir.path());
    let md = markdown(
        &config(
            dir.path(),
            "priority = [\"AP\"]",
            &["npr.xml", "ap.xml", "bbc.xml"],
        ),
        true,
    );
    let entries: Vec<&str> = md.lines().filter(|l| l.starts_with("- **")).collect();
    assert_eq!(entries.len(), 4, "court, rail, um, crypto: {md}");
    assert!(
        entries[0].contains("Court says Alien Enemies Act") && entries[0].contains("· AP ·"),
        "AP preferred and three sources first: {md}"
    );
    assert!(
        entries[0].contains("also: [NPR](https://npr.org/court)")
            && entries[0].contains("also: [BBC](https://bbc.com/court)"),
        "{md}"
    );
    assert!(md.contains("_why: 3 sources"), "{md}");
    assert!(md.contains("preferred source AP"), "{md}");
}

#[test]
fn mute_and_boost_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_feeds(dir.path());
    let md = markdown(
        &config(
            dir.path(),
            "[interests]\nmute = [\"crypto\"]\nboost = [\"/\\\\bum\\\\b/\"]",
            &["npr.xml", "ap.xml", "bbc.xml"],
        ),
        true,
    );
    assert!(!md.contains("Crypto exchange"), "muted: {md}");
    let entries: Vec<&str> = md.lines().filter(|l| l.starts_with("- **")).collect();
    assert!(
        entries[0].contains("why do we say um"),
        "boosted to the top: {md}"
    );
    assert!(
        md.contains("boosted by /\\\\bum\\\\b/") || md.contains("boosted by /"),
        "{md}"
    );
}

#[test]
fn a_story_appears_once_unless_a_section_repeats() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_feeds(dir.path());
    let two = |repeat: bool| {
        let text = format!(
            "timezone = \"UTC\"\nwindow = \"24h\"\n[[section]]\nfull_text = \"never\"\ntitle = \"First\"\nfeeds = [\"npr.xml\"]\n[[section]]\nfull_text = \"never\"\ntitle = \"Second\"\nrepeat = {repeat}\nfeeds = [\"ap.xml\"]\n"
        );
        markdown(
            &Config::from_toml(&text, &dir.path().join("c.toml"), dir.path()).expect("config"),
            false,
        )
    };
    let once = two(false);
    let second = once.split("## Second").nth(1).expect("second section");
    assert!(!second.contains("Alien Enemies"), "{once}");
    assert!(
        !second.contains("High-speed rail"),
        "the rail story is in First too: {once}"
    );
    assert!(
        second.contains("Nothing new that an earlier section does not already show"),
        "{once}"
    );
    let repeated = two(true);
    assert!(
        repeated
            .split("## Second")
            .nth(1)
            .expect("second")
            .contains("Alien Enemies"),
        "{repeated}"
    );
}

#[test]
fn reading_budget_drops_the_lowest_ranked_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_feeds(dir.path());
    let md = markdown(
        &config(
            dir.path(),
            "budget = \"20s\"",
            &["npr.xml", "ap.xml", "bbc.xml"],
        ),
        false,
    );
    let entries: Vec<&str> = md.lines().filter(|l| l.starts_with("- **")).collect();
    assert!(entries.len() < 4, "{md}");
    assert!(
        entries[0].contains("Alien Enemies"),
        "the top story stays: {md}"
    );
    let more = md
        .lines()
        .find(|l| l.starts_with("- _+"))
        .expect("+N more line");
    assert!(more.contains("more:_"), "{more}");
    let words: usize = md
        .split("## News")
        .nth(1)
        .expect("section")
        .lines()
        .filter(|l| l.starts_with("- **") || l.starts_with("  "))
        .map(|l| l.split_whitespace().count())
        .sum();
    assert!(words < 200, "{words} words");
}

#[test]
fn the_same_inputs_in_20_orders_give_the_same_briefing() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_feeds(dir.path());
    let feeds = ["npr.xml", "ap.xml", "bbc.xml"];
    let first = markdown(&config(dir.path(), "", &feeds), true);
    let mut seed: u64 = 42;
    for _ in 0..20 {
        // Shuffle the feed order and the items inside each feed.
        let mut order = feeds.to_vec();
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for f in &feeds {
            let text = std::fs::read_to_string(dir.path().join(f)).expect("read");
            let (head, rest) = text.split_once("<item>").expect("items");
            let mut items: Vec<String> = rest
                .trim_end_matches("</channel></rss>")
                .split("<item>")
                .map(str::to_string)
                .collect();
            let n = items.len();
            items.rotate_left((seed as usize) % n);
            std::fs::write(
                dir.path().join(f),
                format!("{head}<item>{}</channel></rss>", items.join("<item>")),
            )
            .expect("write");
        }
        assert_eq!(markdown(&config(dir.path(), "", &order), true), first);
    }
}
