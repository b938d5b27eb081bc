//! `herald feeds add` and `remove` against a web site served on 127.0.0.1 by the test: a feed
//! address is added as it is, a page is searched for the feed it announces, and the reader's
//! config keeps its comments.

use crate::support::{Reply, Server, herald};

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>
<item><title>Ferry timetable changes</title><link>https://harbour.example/1</link></item>
<item><title>New pier opens</title><link>https://harbour.example/2</link></item>
</channel></rss>"#;

fn site() -> Server {
    Server::start(|r| match r.path.as_str() {
        "/" => Reply::with(
            200,
            &[("Content-Type", "text/html; charset=utf-8")],
            r#"<!doctype html><html><head><title>Harbour</title>
            <link rel="alternate" type="application/rss+xml" href="/broken.xml" title="Old">
            <link rel="alternate" type="application/rss+xml" href="/feed.xml" title="Harbour RSS">
            </head><body>Welcome</body></html>"#,
        ),
        "/feed.xml" => Reply::ok(FEED),
        "/broken.xml" => Reply::status(404),
        "/plain" => Reply::with(
            200,
            &[("Content-Type", "text/html")],
            "<html><body>no feeds</body></html>",
        ),
        _ => Reply::status(404),
    })
}

fn config_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(
        &path,
        "# my morning\ntimezone = \"UTC\"\n\n[[section]]\ntitle = \"Local\"  # the town\nfeeds = [\n  \"https://a.example/feed\",  # council\n]\n",
    )
    .expect("write config");
    path
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = herald(args);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_page_address_finds_the_feed_it_announces() {
    let server = site();
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config_file(dir.path());
    let cfg = config.to_str().expect("path");

    let (ok, out, err) = run(&[
        "feeds",
        "add",
        &server.url("/"),
        "--section",
        "local",
        "--config",
        cfg,
    ]);
    assert!(ok, "{err}");
    let feed_url = server.url("/feed.xml");
    assert!(
        out.contains(&format!(
            "added 'Harbour News' ({feed_url}, announced by {}",
            server.url("/")
        )),
        "{out}"
    );
    assert!(
        out.contains("2 items now") && out.contains("section 'local'"),
        "{out}"
    );
    let text = std::fs::read_to_string(&config).expect("config");
    assert!(text.starts_with("# my morning\n"), "{text}");
    assert!(text.contains("title = \"Local\"  # the town"), "{text}");
    assert!(
        text.contains("\"https://a.example/feed\",  # council"),
        "{text}"
    );
    // Stored with its name, so lists, /feeds and exports say "Harbour News", not a URL.
    assert!(
        text.contains(&format!(
            "\n  {{ url = \"{feed_url}\", name = \"Harbour News\" }},\n]"
        )),
        "{text}"
    );

    // Twice is once.
    let (ok, out, _) = run(&[
        "feeds",
        "add",
        &feed_url,
        "--section",
        "Local",
        "--config",
        cfg,
    ]);
    assert!(ok);
    assert!(out.contains("already in section"), "{out}");

    // A feed address with a name, into a new section; then the briefing reads it.
    let (ok, _, err) = run(&[
        "feeds",
        "add",
        &feed_url,
        "--section",
        "Harbour",
        "--name",
        "The Harbour",
        "--config",
        cfg,
    ]);
    assert!(ok, "{err}");
    let (ok, out, err) = run(&[
        "brief",
        "--config",
        cfg,
        "--no-state",
        "--window",
        "24h",
        "--output",
        "-",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("## Harbour"), "{out}");

    // Remove takes it out of both sections and keeps the comments.
    let (ok, out, err) = run(&["feeds", "remove", &feed_url, "--config", cfg]);
    assert!(ok, "{err}");
    assert!(out.contains("2 entries"), "{out}");
    let text = std::fs::read_to_string(&config).expect("config");
    assert!(
        !text.contains("feed.xml") && text.contains("# council"),
        "{text}"
    );
    let (ok, _, err) = run(&["feeds", "remove", &feed_url, "--config", cfg]);
    assert!(!ok && err.contains("is not in"), "{err}");
}

#[test]
fn an_address_without_a_feed_is_a_clear_error_and_changes_nothing() {
    let server = site();
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config_file(dir.path());
    let before = std::fs::read_to_string(&config).expect("config");
    let cfg = config.to_str().expect("path");

    let (ok, _, err) = run(&["feeds", "add", &server.url("/plain"), "--config", cfg]);
    assert!(!ok);
    assert!(
        err.contains("is not a feed") && err.contains("announces none"),
        "{err}"
    );
    let (ok, _, err) = run(&["feeds", "add", &server.url("/missing"), "--config", cfg]);
    assert!(!ok);
    assert!(err.contains("cannot fetch") && err.contains("404"), "{err}");
    assert_eq!(std::fs::read_to_string(&config).expect("config"), before);
}

/// An OPML folder with the title of an existing section added a second section of that title,
/// and feeds already subscribed were skipped with no word. Now they merge into the section,
/// and each skip says why.
#[test]
fn import_merges_into_sections_of_the_same_title() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "timezone = \"UTC\"\n\n[[section]]\ntitle = \"News\"  # mine\nfeeds = [\"https://a.example/feed\"]\n",
    )
    .expect("config");
    let opml = dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>x</title></head><body>\
         <outline text=\"News\">\
         <outline text=\"A\" type=\"rss\" xmlUrl=\"https://a.example/feed\"/>\
         <outline text=\"B Daily\" type=\"rss\" xmlUrl=\"https://b.example/feed\"/>\
         </outline><outline text=\"Tech\"><outline text=\"C\" type=\"rss\" xmlUrl=\"https://c.example/feed\"/></outline>\
         </body></opml>",
    )
    .expect("opml");
    let (ok, _, err) = run(&[
        "feeds",
        "import",
        opml.to_str().expect("p"),
        "--config",
        config.to_str().expect("p"),
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("skipped https://a.example/feed: already subscribed"),
        "{err}"
    );
    assert!(err.contains("added 2 feeds in 2 sections"), "{err}");
    let text = std::fs::read_to_string(&config).expect("config");
    assert_eq!(text.matches("title = \"News\"").count(), 1, "{text}");
    assert!(
        text.contains("title = \"News\"  # mine"),
        "comments kept: {text}"
    );
    assert!(text.contains("name = \"B Daily\""), "{text}");
    let c = herald::config::Config::load(&config).expect("valid");
    let titles: Vec<&str> = c.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["News", "Tech"]);
    assert_eq!(c.sections[0].feeds.len(), 2);
}
