//! Unit tests of OPML import/export and config edits.

use super::*;
use crate::config::Config;
use std::path::Path;

const OPML: &str = r#"<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="News"><outline text="NPR" type="rss" xmlUrl="https://feeds.npr.org/1001/rss.xml"/>
<outline text="BBC" type="rss" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/></outline>
<outline text="Krebs" type="rss" xmlUrl="https://krebsonsecurity.com/feed/"/>
</body></opml>"#;

#[test]
fn import_groups_and_skips_known() {
    let s = import(
        OPML,
        &["https://feeds.bbci.co.uk/news/world/rss.xml".to_string()],
    )
    .expect("import")
    .0;
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].title, "News");
    assert_eq!(
        s[0].feeds,
        [(
            "https://feeds.npr.org/1001/rss.xml".to_string(),
            "NPR".to_string()
        )]
    );
    assert_eq!(s[1].title, "Imported");
}

#[test]
fn imported_toml_loads_and_round_trips() {
    let sections = import(OPML, &[]).expect("import").0;
    let text = format!("timezone = \"UTC\"\n{}", to_toml(&sections));
    let config = Config::from_toml(&text, Path::new("c.toml"), Path::new(".")).expect("valid");
    assert_eq!(config.sections.len(), 2);
    let xml = export(&config).expect("export");
    let again = import(&xml, &[]).expect("re-import").0;
    assert_eq!(again, sections);
}

#[test]
fn bad_opml_is_an_error() {
    assert!(import("<html/>", &[]).is_err());
}

#[test]
fn a_shared_opml_cannot_point_herald_at_local_files() {
    let xml = r#"<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="F">
<outline text="passwd" xmlUrl="file:///etc/passwd"/>
<outline text="rel" xmlUrl="../secrets.xml"/>
<outline text="abs" xmlUrl="/etc/shadow"/>
<outline text="js" xmlUrl="javascript:alert(1)"/>
<outline text="demo" xmlUrl="demo:npr.xml"/>
<outline text="ftp" xmlUrl="ftp://example.com/feed.xml"/>
<outline text="ok" xmlUrl="HTTPS://example.com/feed.xml"/>
<outline text="feed" xmlUrl="feed://example.org/rss"/>
</outline></body></opml>"#;
    let (sections, skipped) = import(xml, &[]).expect("import");
    let urls: Vec<&str> = sections[0].feeds.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(
        urls,
        ["https://example.com/feed.xml", "https://example.org/rss"]
    );
    assert_eq!(skipped.len(), 6, "{skipped:?}");
    assert!(skipped.iter().all(|s| !s.reason.is_empty()));
}

#[test]
fn deeply_nested_opml_is_refused_not_a_stack_overflow() {
    let depth = 10_000;
    let xml = format!(
        "<opml version=\"2.0\"><head/><body>{}<outline text=\"x\" xmlUrl=\"https://e.com/f\"/>{}</body></opml>",
        "<outline text=\"f\">".repeat(depth),
        "</outline>".repeat(depth)
    );
    let e = import(&xml, &[]).expect_err("too deep");
    assert!(e.to_string().contains("nested"), "{e}");
}

const CONFIG: &str = r#"# My briefing
timezone = "UTC"

[[section]]
title = "Tech"   # what I work on
feeds = [
  "https://a.example/feed",   # first
  { url = "https://b.example/rss", name = "B" },  # bee
]

[[section]]
title = "World"
feeds = ["https://w.example/feed"]
"#;

fn load(text: &str) -> Config {
    Config::from_toml(text, "c.toml".as_ref(), ".".as_ref()).expect("still a valid config")
}

#[test]
fn adding_keeps_comments_and_layout() {
    let out = add_feed(CONFIG, "tech", "https://c.example/atom", Some("C"))
        .expect("edit")
        .expect("added");
    assert!(out.starts_with("# My briefing\n"));
    assert!(
        out.contains(r#"title = "Tech"   # what I work on"#),
        "{out}"
    );
    assert!(
        out.contains(r#""https://a.example/feed",   # first"#),
        "{out}"
    );
    assert!(
        out.contains("\n  { url = \"https://b.example/rss\", name = \"B\" },  # bee\n  { url = \"https://c.example/atom\", name = \"C\" },\n]"),
        "one a line, like the others: {out}"
    );
    let c = load(&out);
    assert_eq!(c.sections[0].feeds.len(), 3);
    assert_eq!(c.sections[0].feeds[2].name.as_deref(), Some("C"));

    let out = add_feed(&out, "World", "https://x.example/feed", None)
        .expect("edit")
        .expect("added");
    assert!(
        out.contains(r#"feeds = ["https://w.example/feed", "https://x.example/feed"]"#),
        "{out}"
    );

    assert_eq!(
        add_feed(&out, "Tech", "https://b.example/rss", None).expect("edit"),
        None,
        "already there"
    );

    let out = add_feed(&out, "Science", "https://s.example/feed", None)
        .expect("edit")
        .expect("added");
    let c = load(&out);
    assert_eq!(c.sections.len(), 3);
    assert_eq!(c.sections[2].title, "Science");
    assert_eq!(c.sections[2].feeds[0].location, "https://s.example/feed");
}

#[test]
fn removing_takes_the_feed_from_every_section() {
    let (out, n) = remove_feed(CONFIG, "https://b.example/rss").expect("edit");
    assert_eq!(n, 1);
    assert!(out.contains("# first"), "comments stay: {out}");
    assert!(
        !out.contains("# bee"),
        "the removed feed's comment goes with it: {out}"
    );
    assert!(
        out.contains("\"https://a.example/feed\",   # first\n]"),
        "{out}"
    );
    assert!(!out.contains("b.example"));
    assert_eq!(load(&out).sections[0].feeds.len(), 1);
    let (same, n) = remove_feed(&out, "https://nowhere.example/").expect("edit");
    assert_eq!((same.as_str(), n), (out.as_str(), 0));
    assert!(
        add_feed("title = [", "x", "u", None).is_err(),
        "bad TOML is an error"
    );
}

/// `feeds add` then `feeds remove` left an empty section that said "nothing new" every
/// morning; a section the removal empties goes, one empty before stays.
#[test]
fn removing_the_last_feed_of_a_section_removes_the_section() {
    let text = "timezone = \"UTC\"\n[[section]]\ntitle = \"Kept\"\nfeeds = [\"https://a.example/feed\"]\n\
                [[section]]\ntitle = \"Tech\"\nfeeds = [\"https://t.example/feed\"]\n\
                [[section]]\ntitle = \"Empty on purpose\"\nfeeds = []\n";
    let (out, n) = remove_feed(text, "https://t.example/feed").expect("edit");
    assert_eq!(n, 1);
    let c = load(&out);
    let titles: Vec<&str> = c.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Kept", "Empty on purpose"], "{out}");
}

#[test]
fn a_config_without_sections_gets_one() {
    let out = add_feed(
        "timezone = \"UTC\"\n",
        "News",
        "https://n.example/feed",
        None,
    )
    .expect("edit")
    .expect("added");
    let c = load(&out);
    assert_eq!(c.sections[0].title, "News");
}
