//! Full text for thin feeds, end to end, against a site on 127.0.0.1: a title-only feed whose
//! items link to real article pages (copied from a public extraction benchmark, MIT, licence
//! beside them), a paywall, a page robots.txt forbids, a 404, a PDF, a huge page and a slow one.

use std::path::Path;

use crate::support::{NOW, Reply, RssItem, Server, herald, ok, rss_items};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/articles")
            .join(name),
    )
    .expect("fixture")
}

const PAYWALL: &str = "<html><body><article><h1>Big story</h1><p>Subscribe to continue reading. Already a subscriber? Sign in.</p></article></body></html>";

fn site() -> Server {
    let refugees = fixture("page-010.html");
    let threat = fixture("page-039.html");
    Server::start(move |r| {
        let html =
            |body: Vec<u8>| Reply::with(200, &[("Content-Type", "text/html; charset=utf-8")], body);
        match r.path.as_str() {
            "/robots.txt" => Reply::with(
                200,
                &[("Content-Type", "text/plain")],
                "User-agent: *\nDisallow: /private/\n",
            ),
            "/news/refugees" => html(refugees.clone()),
            "/news/threat" => html(threat.clone()),
            "/news/paywalled" => html(PAYWALL.as_bytes().to_vec()),
            "/private/secret" => html(b"<p>never read this</p>".to_vec()),
            "/news/report.pdf" => {
                Reply::with(200, &[("Content-Type", "application/pdf")], "%PDF-1.4")
            }
            "/news/huge" => html(vec![b'a'; 6 * 1024 * 1024]),
            "/news/slow" => Reply::Delay(
                std::time::Duration::from_secs(3),
                Box::new(html(b"<p>too late</p>".to_vec())),
            ),
            _ => Reply::status(404),
        }
    })
}

/// A title-only feed (as Nature's is) linking to every page of the site.
fn feed(server: &Server) -> String {
    let links: Vec<(String, String)> = [
        (
            "refugees",
            "Russia and Syria: U.S.-backed forces blocking refugee return",
        ),
        (
            "threat",
            "Man pleads guilty to threatening to kill Rep. Omar",
        ),
        ("paywalled", "A story behind a paywall"),
        ("secret", "A page robots.txt forbids"),
        ("gone", "A page that is gone"),
        ("report.pdf", "A report that is a PDF"),
        ("huge", "A page far too large"),
        ("slow", "A page that never answers in time"),
    ]
    .iter()
    .map(|(path, title)| {
        let dir = if *path == "secret" { "private" } else { "news" };
        (server.url(&format!("/{dir}/{path}")), title.to_string())
    })
    .collect();
    let items: Vec<RssItem<'_>> = links
        .iter()
        .enumerate()
        .map(|(i, (link, title))| RssItem {
            guid: format!("a{i}"),
            title,
            link,
            date: "Wed, 03 Sep 2025 12:00:00 +0000".into(),
            description: String::new(),
        })
        .collect();
    rss_items("Thin Wire", &items).replace("<description></description>", "")
}

fn brief(config: &Path, state: &Path, explain: bool) -> String {
    let mut args = vec![
        "-v",
        "brief",
        "--config",
        config.to_str().expect("p"),
        "--state",
        state.to_str().expect("p"),
        "--now",
        NOW,
        "--format",
        "json",
        "--output",
        "-",
    ];
    if explain {
        args.push("--explain");
    }
    ok(&herald(&args))
}

#[test]
fn thin_items_are_summarized_from_their_articles_politely_and_once() {
    // The feed is a local file and the site is on 127.0.0.1, an origin the config does not
    // name: reading it needs `allow_private` (see `local_services_are_not_read_for_a_feed`).
    let server = site();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("thin.xml"), feed(&server)).expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "timezone = \"UTC\"\nwindow = \"24h\"\n[fetch]\ntimeout_secs = 1\nallow_private = true\n[[section]]\ntitle = \"World\"\nmax_items = 20\nfeeds = [\"thin.xml\"]\n",
    )
    .expect("config");
    let state = dir.path().join("state.sqlite");
    let json: serde_json::Value =
        serde_json::from_str(&brief(&config, &state, true)).expect("json");
    let entries = json["sections"][0]["entries"].as_array().expect("entries");
    assert_eq!(
        entries.len(),
        8,
        "no item is dropped, whatever its page did"
    );
    let by_title = |t: &str| {
        entries
            .iter()
            .find(|e| e["title"].as_str().is_some_and(|x| x.starts_with(t)))
            .unwrap_or_else(|| panic!("{t} missing"))
    };
    // Real articles: whole sentences of the article (for the first page, of the article as
    // people judged it; the second page's inline link cards are read as part of a sentence).
    let judged = String::from_utf8(fixture("page-010.expected.txt")).expect("utf-8");
    let read = herald::extract::extract_bytes(&fixture("page-039.html"), None, None)
        .expect("article")
        .text;
    for (title, article) in [("Russia and Syria", judged), ("Man pleads", read)] {
        let e = by_title(title);
        let summary = e["summary"].as_str().expect("a summary from the article");
        let flat = article.split_whitespace().collect::<Vec<_>>().join(" ");
        for sentence in herald::summarize::segment::sentences(summary) {
            assert!(flat.contains(sentence), "not in the article: {sentence}");
        }
        assert!(
            e["explain"]
                .as_str()
                .is_some_and(|x| x.contains("read the article"))
        );
    }
    // Paywall, 404, PDF, huge, slow, forbidden: no junk, no invented text, a reason.
    for (title, why) in [
        ("A story behind", "paywall"),
        ("A page that is gone", "HTTP 404"),
        ("A report that is a PDF", "not a web page"),
        ("A page far too large", "larger than"),
        ("A page that never answers", "timed out"),
        ("A page robots.txt forbids", "robots.txt"),
    ] {
        let e = by_title(title);
        assert!(e["summary"].is_null(), "{title}: {}", e["summary"]);
        let explain = e["explain"].as_str().unwrap_or_default();
        assert!(
            explain.contains("kept the feed's text") && explain.contains(why),
            "{title}: {explain}"
        );
    }
    assert_eq!(server.hits("/private/secret"), 0, "robots.txt is obeyed");
    assert_eq!(server.hits("/robots.txt"), 1, "read once per host per run");
    let fetched = server.hits("/news/refugees") + server.hits("/news/threat");
    assert_eq!(fetched, 2);

    // A second run reads nothing again: articles are kept with their items (a timeout is
    // transient, so the slow page is tried again).
    brief(&config, &state, false);
    assert_eq!(
        server.hits("/news/refugees") + server.hits("/news/threat"),
        2
    );
    assert_eq!(server.hits("/news/paywalled"), 1);
    assert_eq!(server.hits("/news/gone"), 1);

    // The article's words are searchable.
    let found = ok(&herald(&[
        "--state",
        state.to_str().expect("p"),
        "search",
        "Rukban",
    ]));
    assert!(found.contains("Russia and Syria"), "{found}");
}

#[test]
fn full_text_never_and_a_per_run_cap() {
    let server = site();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("thin.xml"), feed(&server)).expect("feed");
    let config = dir.path().join("config.toml");
    // One feed says never; the cap allows one page a run for the other.
    std::fs::write(
        &config,
        format!(
            "timezone = \"UTC\"\nwindow = \"24h\"\n[fetch]\nmax_articles = 1\ntimeout_secs = 1\n[[section]]\ntitle = \"A\"\nmax_items = 20\nfeeds = [{{ url = \"thin.xml\", full_text = \"never\" }}]\n[[section]]\ntitle = \"B\"\nrepeat = true\nmax_items = 20\nfull_text = \"always\"\nfeeds = [\"{}\"]\n",
            server.url("/feed.xml")
        ),
    )
    .expect("config");
    let state = dir.path().join("state.sqlite");
    let out = herald(&[
        "brief",
        "--config",
        config.to_str().expect("p"),
        "--state",
        state.to_str().expect("p"),
        "--now",
        NOW,
        "--output",
        "-",
    ]);
    ok(&out);
    let pages: usize = [
        "refugees",
        "threat",
        "paywalled",
        "gone",
        "report.pdf",
        "huge",
        "slow",
    ]
    .iter()
    .map(|p| server.hits(&format!("/news/{p}")))
    .sum();
    assert_eq!(
        pages, 0,
        "full_text = never reads nothing; the second feed is a 404"
    );
}

#[test]
fn herald_extract_reads_a_file_and_a_url() {
    let server = site();
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.html");
    std::fs::write(&page, fixture("page-010.html")).expect("write");
    let text = ok(&herald(&["extract", page.to_str().expect("p")]));
    assert!(text.contains("Rukban"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&ok(&herald(&[
        "extract",
        &server.url("/news/threat"),
        "--json",
    ])))
    .expect("json");
    assert!(json["words"].as_u64().is_some_and(|w| w > 100));
    assert!(
        json["text"]
            .as_str()
            .is_some_and(|t| t.contains("Carlineo"))
    );
    let many = ok(&herald(&[
        "extract",
        "--many",
        page.to_str().expect("p"),
        "/nonexistent.html",
    ]));
    let lines: Vec<serde_json::Value> = many
        .lines()
        .map(|l| serde_json::from_str(l).expect("line"))
        .collect();
    assert!(lines[0]["result"]["text"].is_string());
    assert!(lines[1]["error"].is_string());
    let pdf = herald(&["extract", &server.url("/news/report.pdf")]);
    assert!(!pdf.status.success());
    assert!(String::from_utf8_lossy(&pdf.stderr).contains("not a web page"));
}

/// D5: article reading followed links and redirects to loopback and private addresses, so a
/// feed from the internet could make herald read the reader's own services into the briefing.
/// Now a non-public address is read only for an origin the config names (the feed's server
/// here), or with `[fetch] allow_private = true`; checked on the connected address, after DNS
/// and on every redirect.
#[test]
fn local_services_are_not_read_for_a_feed() {
    let secret = Server::start(|_| {
        Reply::with(
            200,
            &[("Content-Type", "text/html")],
            "<html><body><article><h1>Admin</h1><p>The router's admin password is hunter2, and \
             this private page must never reach a briefing. It holds the reader's secrets and \
             more text so that it reads as an article to the extractor, which wants a few \
             sentences before it believes a page is one.</p></article></body></html>",
        )
    });
    let port = secret.port;
    let links = [
        format!("http://127.0.0.1:{port}/admin"),
        format!("http://2130706433:{port}/decimal"),
        format!("http://localhost:{port}/by-name"),
        format!("http://[::ffff:127.0.0.1]:{port}/mapped"),
    ];
    let feed_links = links.clone();
    let news = Server::start(move |r| {
        let titles = [
            "A link to a loopback address",
            "A link in decimal form",
            "A link by a local name",
            "A link to a mapped address",
            "A page that redirects to a local service",
        ];
        match r.path.as_str() {
            "/feed.xml" => {
                let mut links = feed_links.to_vec();
                links.push(format!("http://{}/redirect", r.headers["host"]));
                let items: Vec<RssItem<'_>> = links
                    .iter()
                    .zip(titles)
                    .enumerate()
                    .map(|(i, (link, title))| RssItem {
                        guid: format!("s{i}"),
                        title,
                        link,
                        date: "Wed, 03 Sep 2025 12:00:00 +0000".into(),
                        description:
                            "The council met on Tuesday to discuss the budget for roads and buses."
                                .into(),
                    })
                    .collect();
                Reply::ok(rss_items("Wire", &items))
            }
            "/redirect" => Reply::with(
                302,
                &[("Location", &format!("http://127.0.0.1:{port}/via-redirect"))],
                "",
            ),
            _ => Reply::status(404),
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |extra: &str| {
        let config = dir.path().join("config.toml");
        std::fs::write(
            &config,
            format!(
                "timezone = \"UTC\"\nwindow = \"24h\"\n[fetch]\ntimeout_secs = 2\n{extra}[[section]]\ntitle = \"World\"\nmax_items = 20\nfull_text = \"always\"\nfeeds = [\"{}\"]\n",
                news.url("/feed.xml")
            ),
        )
        .expect("config");
        ok(&herald(&[
            "--no-state",
            "brief",
            "--config",
            config.to_str().expect("p"),
            "--now",
            NOW,
            "--format",
            "json",
            "--output",
            "-",
        ]))
    };
    let refused = run("");
    assert_eq!(
        secret.requests.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "{refused}"
    );
    assert!(!refused.contains("hunter2"), "{refused}");
    assert_eq!(
        refused.matches("The council met on Tuesday").count(),
        5,
        "each entry keeps its feed's text: {refused}"
    );
    // The reader who wants it says so.
    let allowed = run("allow_private = true\n");
    assert!(secret.requests.load(std::sync::atomic::Ordering::SeqCst) > 0);
    assert!(allowed.contains("hunter2"), "{allowed}");
}

/// D4: escape sequences in an article page reached `--format text`, Markdown, HTML, `herald
/// extract` and `herald search`: only feed text was sanitized. Now a page's text is cleaned
/// where it enters, as a feed's is.
#[test]
fn escape_sequences_in_a_page_reach_no_output() {
    let page = "<html><head><title>Clean \u{1b}]0;pwned\u{7}title</title></head><body><article>\
        <h1>Storm \u{1b}[2Jwarning</h1><p>The storm reached the coast on Tuesday \u{1b}[31mwith \
        strong winds\u{1b}[0m and heavy rain, officials said. Schools closed across the region \
        and ferries stayed in port.\u{202e} Crews worked through the night to restore power to \
        thousands of homes.</p><p>The weather service said the storm would weaken by Thursday \
        as it moved inland, bringing rain to farms that have waited weeks for it.</p>\
        </article></body></html>";
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.html"), page).expect("page");
    let extracted = ok(&herald(&[
        "extract",
        dir.path().join("page.html").to_str().expect("p"),
    ]));
    assert!(extracted.contains("strong winds"), "{extracted}");
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!extracted.contains(bad), "{bad:?} in {extracted:?}");
    }
    let body = page.to_string();
    let site = Server::start(move |r| match r.path.as_str() {
        "/storm" => Reply::with(200, &[("Content-Type", "text/html")], body.clone()),
        _ => Reply::status(404),
    });
    let link = site.url("/storm");
    let feed = rss_items(
        "Thin",
        &[RssItem {
            guid: "s1".into(),
            title: "Storm warning",
            link: &link,
            date: "Wed, 03 Sep 2025 12:00:00 +0000".into(),
            description: String::new(),
        }],
    );
    std::fs::write(dir.path().join("thin.xml"), feed).expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "timezone = \"UTC\"\nwindow = \"24h\"\n[fetch]\nallow_private = true\n[[section]]\ntitle = \"W\"\nfeeds = [\"thin.xml\"]\n",
    )
    .expect("config");
    for format in ["text", "markdown", "html", "json"] {
        let out = ok(&herald(&[
            "--no-state",
            "brief",
            "--config",
            config.to_str().expect("p"),
            "--now",
            NOW,
            "--format",
            format,
            "--output",
            "-",
        ]));
        assert!(out.contains("strong winds"), "{format}: {out}");
        for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!out.contains(bad), "{format}: {bad:?} in {out:?}");
        }
    }
}
