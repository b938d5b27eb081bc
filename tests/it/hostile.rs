//! Hostile input and faults, tried as an attacker would: each test names the probe it stands
//! for. No input here may crash a run, lose an item, escape its text or reach outside the
//! paths and schemes it should.

use std::path::Path;
use std::process::Output;

use crate::support::{NOW, Reply, RssItem, Server, herald, ok, rss_items};

/// A config in `dir` with one section of these feeds, written to `config.toml`.
fn config(dir: &Path, feeds: &[String]) -> String {
    let list: Vec<String> = feeds.iter().map(|f| format!("\"{f}\"")).collect();
    let text = format!(
        "timezone = \"UTC\"\nwindow = \"24h\"\n[[section]]\nfull_text = \"never\"\ntitle = \"News\"\nmax_items = 50\nfeeds = [{}]\n",
        list.join(", ")
    );
    let path = dir.join("config.toml");
    std::fs::write(&path, text).expect("config");
    path.display().to_string()
}

fn brief(config: &str, format: &str) -> Output {
    herald(&[
        "--no-state",
        "brief",
        "--config",
        config,
        "--now",
        NOW,
        "--format",
        format,
        "--output",
        "-",
    ])
}

fn item<'a>(guid: &str, title: &'a str, link: &'a str, text: &str) -> RssItem<'a> {
    RssItem {
        guid: guid.to_string(),
        title,
        link,
        date: "Wed, 03 Sep 2025 12:00:00 +0000".to_string(),
        description: text.to_string(),
    }
}

/// Probe 1: a Retry-After of 10^11 s (or i64::MAX) panicked in date arithmetic; now it is a
/// rate-limited feed that waits at most a day, and the briefing is made.
#[test]
fn absurd_retry_after_costs_only_its_feed() {
    let good = rss_items(
        "Good",
        &[item("g1", "Good news today", "https://ex.com/g1", "Fine.")],
    );
    let server = Server::start(move |r| match r.path.as_str() {
        "/good.xml" => Reply::ok(good.clone()),
        "/huge.xml" => Reply::with(429, &[("Retry-After", "300000000000")], ""),
        _ => Reply::with(429, &[("Retry-After", "9223372036854775807")], ""),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config(
        dir.path(),
        &[
            server.url("/good.xml"),
            server.url("/huge.xml"),
            server.url("/max.xml"),
        ],
    );
    let state = dir.path().join("state.sqlite");
    let out = herald(&[
        "brief",
        "--config",
        &config,
        "--state",
        state.to_str().expect("path"),
        "--now",
        NOW,
        "--output",
        "-",
    ]);
    let md = ok(&out);
    assert!(md.contains("Good news today"), "{md}");
    assert!(md.contains("rate-limited"), "{md}");
    // The next run a day and a minute later asks again: nothing muted the feed for years.
    let out = herald(&[
        "-v",
        "brief",
        "--config",
        &config,
        "--state",
        state.to_str().expect("path"),
        "--now",
        "2025-09-04T14:43:00Z",
        "--output",
        "-",
    ]);
    ok(&out);
    assert!(server.hits("/huge.xml") >= 2, "asked again after a day");
}

/// Probe 2: a feed nested 40,000 levels deep overflowed a worker's stack (exit 134).
#[test]
fn deeply_nested_feed_fails_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let depth = 40_000;
    let deep = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title>{}x{}</channel></rss>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    std::fs::write(dir.path().join("deep.xml"), deep).expect("write");
    let good = rss_items(
        "Good",
        &[item("g1", "Good news today", "https://ex.com/g1", "Fine.")],
    );
    std::fs::write(dir.path().join("good.xml"), good).expect("write");
    let config = config(dir.path(), &["deep.xml".into(), "good.xml".into()]);
    let md = ok(&brief(&config, "markdown"));
    assert!(md.contains("Good news today"), "{md}");
    assert!(md.contains("too deeply nested"), "{md}");
}

/// Probe 4: a redirect through `/x/[click](javascript:alert(1))` rendered as a live link, and
/// `![i](http://…/beacon)` as an image that loads with no click. Checked with a real Markdown
/// renderer.
#[test]
fn server_supplied_text_cannot_inject_markdown() {
    let feed = rss_items("F", &[item("a", "Story", "https://ex.com/a", "Text.")]);
    let server = Server::start(move |r| {
        if r.path.starts_with("/moved") {
            Reply::with(
                301,
                &[("Location", "/x/[click](javascript:alert(1))/feed.xml")],
                "",
            )
        } else if r.path.starts_with("/loop") {
            Reply::with(
                302,
                &[("Location", "/loop![i](http://127.0.0.1:9/beacon.gif)")],
                "",
            )
        } else {
            Reply::ok(feed.clone())
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config(dir.path(), &[server.url("/moved"), server.url("/loop")]);
    let md = ok(&brief(&config, "markdown"));
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(md.contains("moved permanently"), "{md}");
}

/// Probe 5: decoded titles were parsed as HTML a second time and lost their words.
#[test]
fn titles_keep_text_that_looks_like_tags() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("rust.xml"),
        rss_items(
            "Rust Blog",
            &[
                item(
                    "1",
                    "Understanding Vec&lt;T&gt; and Box&lt;dyn Error&gt; in Rust",
                    "https://ex.com/1",
                    "Generics explained.",
                ),
                item(
                    "2",
                    "The &lt;script&gt; tag, explained",
                    "https://ex.com/2",
                    "HTML basics.",
                ),
            ],
        ),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("feed.json"),
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
            {"id": "j1", "url": "https://ex.com/j1", "title": "Why <script> tags block rendering",
             "content_text": "Parsing stops.", "date_published": "2025-09-03T12:00:00Z"}]}"#,
    )
    .expect("write");
    let config = config(dir.path(), &["rust.xml".into(), "feed.json".into()]);
    let json: serde_json::Value = serde_json::from_str(&ok(&brief(&config, "json"))).expect("json");
    let titles: Vec<&str> = json["sections"][0]["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["title"].as_str())
        .collect();
    for want in [
        "Understanding Vec<T> and Box<dyn Error> in Rust",
        "The <script> tag, explained",
        "Why <script> tags block rendering",
    ] {
        assert!(titles.contains(&want), "{want:?} in {titles:?}");
    }
    // The HTML briefing shows them as text, escaped.
    let html = ok(&brief(&config, "html"));
    assert!(html.contains("Vec&lt;T&gt;"), "escaped in HTML");
    assert!(!html.contains("<script>"), "never live markup");
}

/// Probe 6: "… downtown Ottawa stabbing" and "… downtown Toronto stabbing" from one feed merged,
/// and the second vanished without a trace. One feed's items are one story only when they
/// share a link or GUID.
#[test]
fn one_feeds_similar_stories_are_all_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cities = [
        "Ottawa", "Toronto", "Montreal", "Calgary", "Edmonton", "Winnipeg", "Halifax", "Regina",
    ];
    let titles: Vec<String> = cities
        .iter()
        .map(|c| format!("Police investigate downtown {c} stabbing"))
        .collect();
    let links: Vec<String> = cities
        .iter()
        .map(|c| format!("https://ex.com/{}", c.to_lowercase()))
        .collect();
    let items: Vec<RssItem<'_>> = cities
        .iter()
        .enumerate()
        .map(|(i, c)| {
            item(
                &format!("s{i}"),
                &titles[i],
                &links[i],
                &format!("Police said a man was stabbed in downtown {c} on Tuesday night. The victim was taken to hospital."),
            )
        })
        .collect();
    // The same story twice (same GUID) is still one entry.
    let mut all = items;
    all.push(item(
        "s0",
        &titles[0],
        &links[0],
        "Police said a man was stabbed in downtown Ottawa on Tuesday night.",
    ));
    std::fs::write(dir.path().join("local.xml"), rss_items("Local", &all)).expect("write");
    let config = config(dir.path(), &["local.xml".into()]);
    let json: serde_json::Value = serde_json::from_str(&ok(&brief(&config, "json"))).expect("json");
    let shown: Vec<&str> = json["sections"][0]["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["title"].as_str())
        .collect();
    assert_eq!(shown.len(), cities.len(), "{shown:?}");
}

/// Probes 7 and 13: ESC/BEL sequences and NULs in titles reached the terminal; U+202E reversed
/// herald's own "· source · age".
#[test]
fn control_characters_and_bidi_overrides_never_leave_herald() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nasty = "Title &#x1b;]0;pwned&#x7;with escapes &#x1b;[2J and \u{202e}reversed";
    let feed = rss_items("F", &[item("1", nasty, "https://ex.com/1", "Body.")])
        .replace("<description>", "<description>NUL:\u{0}:");
    std::fs::write(dir.path().join("f.xml"), &feed).expect("write");
    let config = config(dir.path(), &["f.xml".into()]);
    for format in ["markdown", "text", "html", "json"] {
        let out = ok(&brief(&config, format));
        for bad in ['\u{1b}', '\u{7}', '\u{0}', '\u{202e}'] {
            assert!(!out.contains(bad), "{format}: {bad:?} in output");
        }
        assert!(out.contains("reversed"), "{format}: the text itself stays");
    }
    let parsed = ok(&herald(&[
        "parse",
        "--json",
        dir.path().join("f.xml").to_str().expect("p"),
    ]));
    assert!(
        !parsed.contains("\\u001b") && !parsed.contains("\\u0000"),
        "{parsed}"
    );
    assert!(!parsed.contains('\u{202e}'));
}

/// Probe 8: `herald parse /dev/zero` grew to 4 GB and a FIFO blocked forever; a config feed
/// path of /dev/zero bypassed the size cap.
#[test]
fn devices_and_huge_local_files_are_refused_with_a_message() {
    let out = herald(&["parse", "/dev/zero"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a regular file"), "{err}");
    let dir = tempfile::tempdir().expect("tempdir");
    let good = rss_items(
        "Good",
        &[item("g", "Good news today", "https://ex.com/g", "Fine.")],
    );
    std::fs::write(dir.path().join("good.xml"), good).expect("write");
    let big = dir.path().join("big.xml");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(11 * 1024 * 1024).expect("sparse 11 MiB");
    let config = config(
        dir.path(),
        &[
            "/dev/zero".into(),
            "good.xml".into(),
            big.display().to_string(),
        ],
    );
    let md = ok(&brief(&config, "markdown"));
    assert!(md.contains("Good news today"), "{md}");
    assert!(md.contains("not a regular file"), "{md}");
    assert!(md.contains("larger than 10 MiB"), "{md}");
}

/// Probe 14: `ftp://`, `HTTP://` and `feed://` were read as local paths.
#[test]
fn schemes_are_normalised_or_refused_clearly() {
    let feed = rss_items(
        "Up",
        &[item(
            "u",
            "Upper-case scheme works",
            "https://ex.com/u",
            "Yes.",
        )],
    );
    let server = Server::start(move |_| Reply::ok(feed.clone()));
    let dir = tempfile::tempdir().expect("tempdir");
    let upper = server.url("/a.xml").replace("http://", "HTTP://");
    let config = config(dir.path(), &[upper, "ftp://example.com/feed.xml".into()]);
    let md = ok(&brief(&config, "markdown"));
    assert!(md.contains("Upper-case scheme works"), "{md}");
    assert!(md.contains("'ftp:' addresses are not supported"), "{md}");
    assert!(!md.contains("No such file"), "{md}");
}

/// Probe 11: `herald search x --since 9999999d` panicked.
#[test]
fn absurd_spans_are_errors_not_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("s.sqlite");
    for since in ["9999999d", "99999999999999999999w", "0d", "3y"] {
        let out = herald(&[
            "--state",
            state.to_str().expect("p"),
            "search",
            "x",
            "--since",
            since,
        ]);
        assert_eq!(out.status.code(), Some(2), "{since}: a clean error");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--since"));
    }
}

/// Probe 14: one malformed line stopped `herald summarize` and dropped every later line.
#[test]
fn a_bad_line_costs_only_itself() {
    let out = crate::support::herald_stdin(
        &["summarize"],
        b"{\"id\":1,\"article\":\"The council met on Tuesday. It approved the budget.\"}\nnot json\n{\"id\":3,\"article\":\"Rain fell on Monday. Rivers rose.\"}\n",
    );
    let text = ok(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["id"], 3);
}

/// Probe 14: a 10 MB title made a 10 MB briefing.
#[test]
fn enormous_titles_are_capped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let title = "word ".repeat(200_000);
    std::fs::write(
        dir.path().join("f.xml"),
        rss_items("F", &[item("1", &title, "https://ex.com/1", "Body.")]),
    )
    .expect("write");
    let config = config(dir.path(), &["f.xml".into()]);
    let md = ok(&brief(&config, "markdown"));
    assert!(md.len() < 20_000, "{} bytes", md.len());
}

/// Probe 9: the output was written before the state commit, so a kill in between repeated the
/// briefing's items. Now the briefing is committed first (undelivered), and the next run keeps
/// it when its output file holds what was rendered, or forgets it (its items come again) when
/// the write never happened. A kill is simulated by marking the last briefing undelivered.
#[test]
fn a_run_killed_while_delivering_neither_loses_nor_repeats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = |items: &[(&str, &str)]| {
        let items: Vec<RssItem<'_>> = items
            .iter()
            .map(|&(guid, title)| item(guid, title, "https://ex.com/x", "Text."))
            .map(|mut i| {
                i.link = "";
                i
            })
            .collect();
        rss_items("F", &items)
    };
    let feed_path = dir.path().join("f.xml");
    let state = dir.path().join("state.sqlite");
    let out = dir.path().join("brief.md");
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "timezone = \"UTC\"\nwindow = \"since-last\"\n[[section]]\nfull_text = \"never\"\ntitle = \"N\"\nmax_items = 50\nfeeds = [\"f.xml\"]\n",
    )
    .expect("config");
    let run = |now: &str| {
        ok(&herald(&[
            "-q",
            "brief",
            "--config",
            cfg.to_str().expect("p"),
            "--state",
            state.to_str().expect("p"),
            "--now",
            now,
            "--output",
            out.to_str().expect("p"),
        ]));
        std::fs::read_to_string(&out).expect("output")
    };
    let undeliver_last = || {
        let conn = rusqlite::Connection::open(&state).expect("open state");
        conn.execute(
            "UPDATE briefings SET delivered = 0 WHERE id = (SELECT MAX(id) FROM briefings)",
            [],
        )
        .expect("simulate a kill before the delivery was confirmed");
    };

    // Killed after the output was written: the briefing stands, its item does not repeat.
    std::fs::write(&feed_path, feed(&[("a", "Alpha story")])).expect("feed");
    assert!(run("2025-09-03T10:00:00Z").contains("Alpha story"));
    undeliver_last();
    std::fs::write(
        &feed_path,
        feed(&[("a", "Alpha story"), ("b", "Bravo story")]),
    )
    .expect("feed");
    // (A day apart: a re-run the same day into the same file holds the whole day.)
    let second = run("2025-09-04T11:00:00Z");
    assert!(second.contains("Bravo story"), "{second}");
    assert!(!second.contains("Alpha story"), "not repeated: {second}");

    // Killed before the output was written: the briefing is forgotten, its item comes again.
    undeliver_last();
    std::fs::write(&out, "a half-written or older file").expect("overwrite");
    std::fs::write(
        &feed_path,
        feed(&[
            ("a", "Alpha story"),
            ("b", "Bravo story"),
            ("c", "Charlie story"),
        ]),
    )
    .expect("feed");
    let third = run("2025-09-05T12:00:00Z");
    assert!(third.contains("Bravo story"), "not lost: {third}");
    assert!(third.contains("Charlie story"), "{third}");
    assert!(!third.contains("Alpha story"), "{third}");
}

/// D15: titles that were already plain text were parsed as HTML a second time, so an Atom
/// `type="text"` title `<script>x</script> atom text` became "atom text", and an RSS title
/// `Why &lt;br&gt; tags matter` became "Why tags matter". A title is read once, by its type.
#[test]
fn plain_text_titles_keep_every_character() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.xml"),
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>\
         <entry><id>urn:a1</id><title type=\"text\">&lt;script&gt;x&lt;/script&gt; atom text</title>\
         <updated>2025-09-03T12:00:00Z</updated><link href=\"https://ex.com/a1\"/>\
         <summary>The tags in the title are its subject.</summary></entry></feed>",
    )
    .expect("atom");
    std::fs::write(
        dir.path().join("r.xml"),
        rss_items(
            "R",
            &[
                item(
                    "r1",
                    "Why &lt;br&gt; tags matter",
                    "https://ex.com/r1",
                    "Line breaks in markup.",
                ),
                item(
                    "r2",
                    "&lt;b&gt;Bold&lt;/b&gt; news",
                    "https://ex.com/r2",
                    "Real markup goes.",
                ),
            ],
        ),
    )
    .expect("rss");
    let config = config(dir.path(), &["a.xml".into(), "r.xml".into()]);
    let json: serde_json::Value = serde_json::from_str(&ok(&brief(&config, "json"))).expect("json");
    let titles: Vec<String> = json["sections"][0]["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["title"].as_str().unwrap_or("").to_string())
        .collect();
    for want in [
        "<script>x</script> atom text",
        "Why <br> tags matter",
        "Bold news",
    ] {
        assert!(titles.iter().any(|t| t == want), "{want:?} in {titles:?}");
    }
    let html = ok(&brief(&config, "html"));
    assert!(
        html.contains("&lt;script&gt;x&lt;/script&gt; atom text"),
        "escaped in HTML"
    );
    assert!(!html.contains("<script>x"), "never markup in HTML");
}

/// Smaller finds: `herald parse` printed a raw carriage return from a title (which overwrites
/// the terminal line), and `search --limit 0` said "nothing matches" instead of that the limit
/// is wrong.
#[test]
fn parse_prints_one_line_per_title_and_limits_are_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("cr.xml");
    std::fs::write(
        &feed,
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>C&#13;R</title>\
         <item><title>First&#13;Second&#10;Third</title><guid>1</guid></item></channel></rss>",
    )
    .expect("feed");
    let out = ok(&herald(&["parse", feed.to_str().expect("p")]));
    assert!(!out.contains('\r'), "{out:?}");
    assert!(out.contains("First Second Third"), "{out:?}");
    let zero = herald(&["search", "rail", "--limit", "0"]);
    assert!(!zero.status.success());
    assert!(String::from_utf8_lossy(&zero.stderr).contains("--limit"));
}

/// Issue 23's "text changed on the way": markup escaped in the source stays text in the summary
/// ("<i>-, <b>- und <u>-Tags", "<p>-Elemente"), "Ltd. (spons. ADRs)" keeps every piece, and a
/// WordPress footer whose post title ends in "?" is dropped whole, not cut at its "?".
#[test]
fn summaries_keep_the_sources_characters() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile/escaped-text.xml");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(&fixture, dir.path().join("f.xml")).expect("copy");
    let config = config(dir.path(), &["f.xml".into()]);
    let out = herald(&[
        "--no-state",
        "brief",
        "--config",
        &config,
        "--now",
        "2025-09-03T00:00:00Z",
        "--window",
        "1w",
        "--format",
        "json",
        "--output",
        "-",
    ]);
    let json: serde_json::Value = serde_json::from_str(&ok(&out)).expect("json");
    let summaries: Vec<String> = json["sections"][0]["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["summary"].as_str().map(str::to_string))
        .collect();
    let all = summaries.join("\n");
    assert!(
        all.contains("sind <i>-, <b>- und <u>-Tags Alltag."),
        "{all}"
    );
    assert!(all.contains("Die <p>-Elemente trennen Absätze."), "{all}");
    assert!(all.contains("Example Ltd. (spons. ADRs) rose 5%"), "{all}");
    assert!(!all.contains("The post"), "{all}");
    assert!(all.contains("julkaistiin maanantaina."), "{all}");
}
