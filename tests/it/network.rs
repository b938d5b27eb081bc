//! Fetching and remembering, end to end: a real HTTP server on 127.0.0.1 started by each test,
//! a real SQLite state file, and the same `brief::make` the command runs.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use crate::support::{Reply, Server, rss};
use herald::brief::{self, BriefOptions, Target};
use herald::config::{Config, Window};
use herald::fetch::FetchOptions;
use herald::model::Briefing;
use herald::render::Format;
use herald::store::Store;

use crate::support::NOW;
const DATE: &str = "Wed, 03 Sep 2025 12:00:00 +0000";

fn config(feeds: &[String]) -> Config {
    let list: Vec<String> = feeds.iter().map(|f| format!("\"{f}\"")).collect();
    let text = format!(
        "timezone = \"UTC\"\nwindow = \"since-last\"\n[[section]]\nfull_text = \"never\"\ntitle = \"All\"\nmax_items = 50\nfeeds = [{}]\n",
        list.join(", ")
    );
    Config::from_toml(&text, Path::new("test.toml"), Path::new(".")).expect("config")
}

fn options(now: &str) -> BriefOptions {
    BriefOptions {
        fetch: FetchOptions {
            timeout: Duration::from_secs(1),
            connect_timeout: Duration::from_secs(1),
            max_body: 1024 * 1024,
            backoff: Duration::from_millis(10),
            retries: 2,
            ..FetchOptions::default()
        },
        ..BriefOptions::new(now.parse().expect("timestamp"))
    }
}

/// One briefing run, written to a file in `dir`; returns the briefing.
fn run(config: &Config, opts: &BriefOptions, store: Option<&mut Store>, dir: &Path) -> Briefing {
    let out = dir.join("brief.md");
    let delivery = brief::Delivery {
        style: &Format::Markdown.into(),
        target: |_: &Briefing| Target::File(out.clone()),
        mail: None,
    };
    brief::make(config, opts, None, store, delivery)
        .expect("a briefing is always made")
        .briefing
}

fn titles(b: &Briefing) -> Vec<String> {
    b.sections
        .iter()
        .flat_map(|s| s.entries.iter().map(|e| e.title.clone()))
        .collect()
}

fn failure<'a>(b: &'a Briefing, url: &str) -> Option<&'a str> {
    b.failures
        .iter()
        .find(|f| f.url == url)
        .map(|f| f.error.as_str())
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

/// 1 GiB of zeros, gzipped (about 1 MiB on the wire).
fn gzip_bomb() -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        e.write_all(&zeros).expect("gzip");
    }
    e.finish().expect("gzip")
}

#[test]
fn every_server_behaviour_gives_the_right_line_and_health() {
    let feed = |name: &str| {
        rss(
            name,
            &[(
                &format!("{name}-1"),
                &format!("{name} story"),
                &format!("https://example.com/{name}"),
                DATE,
            )],
        )
    };
    let bomb = gzip_bomb();
    let server = Server::start(move |r| {
        let inm = r.headers.get("if-none-match").cloned();
        let ims = r.headers.get("if-modified-since").cloned();
        match r.path.as_str() {
            "/etag" if inm.as_deref() == Some("\"v1\"") => Reply::status(304),
            "/etag" => Reply::with(200, &[("ETag", "\"v1\"")], feed("etag")),
            "/lastmod" if ims.as_deref() == Some("Wed, 03 Sep 2025 12:00:00 GMT") => {
                Reply::status(304)
            }
            "/lastmod" => Reply::with(
                200,
                &[("Last-Modified", "Wed, 03 Sep 2025 12:00:00 GMT")],
                feed("lastmod"),
            ),
            "/flaky" if r.hit == 0 => Reply::status(500),
            "/flaky" => Reply::ok(feed("flaky")),
            "/down" => Reply::status(500),
            "/limited" => Reply::with(429, &[("Retry-After", "120")], ""),
            "/slow" => Reply::Delay(Duration::from_secs(3), Box::new(Reply::ok(feed("slow")))),
            "/loop-a" => Reply::with(302, &[("Location", "/loop-b")], ""),
            "/loop-b" => Reply::with(302, &[("Location", "/loop-a")], ""),
            "/old" => Reply::with(301, &[("Location", "/new")], ""),
            "/new" => Reply::ok(feed("moved")),
            "/gzip" => Reply::with(
                200,
                &[("Content-Encoding", "gzip")],
                gzip(feed("gzip").as_bytes()),
            ),
            "/brotli" => {
                let mut out = Vec::new();
                let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
                w.write_all(feed("brotli").as_bytes()).expect("brotli");
                drop(w);
                Reply::with(200, &[("Content-Encoding", "br")], out)
            }
            "/huge" => Reply::ok(vec![b' '; 2 * 1024 * 1024]),
            "/bomb" => Reply::with(200, &[("Content-Encoding", "gzip")], bomb.clone()),
            "/wrong-type" => Reply::with(200, &[("Content-Type", "text/html")], feed("wrongtype")),
            "/reset" => Reply::Truncated {
                declared: 100_000,
                body: feed("reset").into_bytes()[..50].to_vec(),
            },
            "/badbytes" => {
                let mut body = feed("badbytes").into_bytes();
                let pos = body.windows(5).position(|w| w == b"story").expect("title");
                body.splice(pos..pos, [b'c', b'a', b'f', 0xE9, b' ']);
                Reply::with(
                    200,
                    &[("Content-Type", "application/rss+xml; charset=utf-8")],
                    body,
                )
            }
            _ => Reply::status(404),
        }
    });
    let paths = [
        "/etag",
        "/lastmod",
        "/flaky",
        "/down",
        "/limited",
        "/slow",
        "/loop-a",
        "/old",
        "/gzip",
        "/brotli",
        "/huge",
        "/bomb",
        "/wrong-type",
        "/reset",
        "/badbytes",
    ];
    let urls: Vec<String> = paths.iter().map(|p| server.url(p)).collect();
    let url = |p: &str| server.url(p);
    let cfg = config(&urls);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("state.sqlite")).expect("store");
    let opts = options(NOW);
    let b = run(&cfg, &opts, Some(&mut store), dir.path());

    let t = titles(&b);
    for ok in [
        "etag story",
        "lastmod story",
        "flaky story",
        "moved story",
        "gzip story",
        "brotli story",
        "wrongtype story",
    ] {
        assert!(t.iter().any(|x| x == ok), "missing {ok}: {t:?}");
    }
    assert!(
        t.iter().any(|x| x == "badbytes café story"),
        "windows-1252 fallback: {t:?}"
    );
    assert_eq!(failure(&b, &url("/flaky")), None, "500 then 200 is retried");
    assert_eq!(server.hits("/flaky"), 2);
    assert_eq!(failure(&b, &url("/down")), Some("HTTP 500"));
    assert_eq!(server.hits("/down"), 3, "retried twice");
    assert_eq!(
        failure(&b, &url("/limited")),
        Some("rate-limited (HTTP 429), retry after 120 s")
    );
    assert_eq!(
        server.hits("/limited"),
        1,
        "a long Retry-After is not waited for"
    );
    assert_eq!(failure(&b, &url("/slow")), Some("timed out after 1 s"));
    let lp = failure(&b, &url("/loop-a")).expect("loop fails");
    assert!(
        lp.starts_with("redirect loop: ") && lp.contains("/loop-b → ") && lp.ends_with("/loop-a"),
        "{lp}"
    );
    assert_eq!(
        failure(&b, &url("/huge")),
        Some("response larger than 1 MiB")
    );
    assert_eq!(
        failure(&b, &url("/bomb")),
        Some("response larger than 1 MiB")
    );
    let reset = failure(&b, &url("/reset")).expect("reset fails");
    assert!(
        reset.starts_with("connection broken while reading"),
        "{reset}"
    );
    assert!(
        b.notices
            .iter()
            .any(|n| n.url == url("/old") && n.message.contains("/new")),
        "{:?}",
        b.notices
    );
    let md = std::fs::read_to_string(dir.path().join("brief.md")).expect("briefing written");
    assert!(
        md.contains("7 feeds failed:") || md.contains("feeds failed:"),
        "{md}"
    );

    // Feed health as `feeds list` shows it.
    let now = opts.now;
    let rec = store.feed(&url("/down"), now).expect("record");
    assert_eq!(
        (rec.consecutive_failures, rec.last_status.as_deref()),
        (1, Some("HTTP 500"))
    );
    let rec = store.feed(&url("/limited"), now).expect("record");
    assert!(rec.retry_after.is_some_and(|t| t > now));
    let rec = store.feed(&url("/old"), now).expect("record");
    assert_eq!(rec.redirect_to, Some(url("/new")));
    let rec = store.feed(&url("/etag"), now).expect("record");
    assert_eq!(rec.validators.etag.as_deref(), Some("\"v1\""));
    assert!(rec.last_success.is_some());

    // The next morning: validators are sent back, 304s cost nothing, and the rate-limited
    // feed is not asked again before its Retry-After.
    let later = options("2025-09-03T14:43:00Z");
    let limited_before = server.hits("/limited");
    let b2 = run(
        &cfg,
        &BriefOptions {
            window: Some(Window::DAY),
            ..later
        },
        Some(&mut store),
        dir.path(),
    );
    assert_eq!(
        store
            .feed(&url("/etag"), now)
            .expect("r")
            .last_status
            .as_deref(),
        Some("304 Not Modified")
    );
    assert_eq!(
        store
            .feed(&url("/lastmod"), now)
            .expect("r")
            .last_status
            .as_deref(),
        Some("304 Not Modified")
    );
    let t2 = titles(&b2);
    assert!(
        t2.contains(&"etag story".to_string()),
        "a 304 feed's stored items still count: {t2:?}"
    );
    assert!(t2.contains(&"lastmod story".to_string()));
    assert_eq!(server.hits("/limited"), limited_before);
    assert!(failure(&b2, &url("/limited")).is_some_and(|e| e.starts_with("rate-limited")));
    assert!(failure(&b2, &url("/down")).is_some_and(|e| e.ends_with("(2 failures in a row)")));
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

#[test]
fn since_last_over_three_mornings_with_a_skipped_day() {
    let day = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(1));
    let d = day.clone();
    let server = Server::start(move |_| {
        let a = (
            "a",
            "Story A",
            "https://example.com/a",
            "Mon, 01 Sep 2025 08:00:00 +0000",
        );
        let b = (
            "b",
            "Story B",
            "https://example.com/b",
            "Mon, 01 Sep 2025 09:00:00 +0000",
        );
        let c = (
            "c",
            "Story C",
            "https://example.com/c",
            "Tue, 02 Sep 2025 08:00:00 +0000",
        );
        let dd = (
            "d",
            "Story D",
            "https://example.com/d",
            "Wed, 03 Sep 2025 08:00:00 +0000",
        );
        let e = (
            "e",
            "Story E",
            "https://example.com/e",
            "Thu, 04 Sep 2025 08:00:00 +0000",
        );
        // On day 4 the feed re-dates B and re-publishes A under a new GUID with tracking junk.
        let b4 = (
            "b",
            "Story B",
            "https://example.com/b",
            "Thu, 04 Sep 2025 07:00:00 +0000",
        );
        let a4 = (
            "a-v2",
            "Story A",
            "https://example.com/a?utm_source=rss&utm_medium=feed",
            "Thu, 04 Sep 2025 07:30:00 +0000",
        );
        let items: Vec<_> = match d.load(std::sync::atomic::Ordering::SeqCst) {
            1 => vec![a, b],
            2 => vec![a, b, c],
            3 => vec![a, b, c, dd],
            _ => vec![a4, b4, c, dd, e],
        };
        Reply::ok(rss("Wire", &items))
    });
    let cfg = config(&[server.url("/feed")]);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("state.sqlite")).expect("store");

    let b1 = run(
        &cfg,
        &options("2025-09-01T10:00:00Z"),
        Some(&mut store),
        dir.path(),
    );
    assert_eq!(titles(&b1), ["Story B", "Story A"]);
    day.store(2, std::sync::atomic::Ordering::SeqCst);
    let b2 = run(
        &cfg,
        &options("2025-09-02T10:00:00Z"),
        Some(&mut store),
        dir.path(),
    );
    assert_eq!(titles(&b2), ["Story C"]);
    assert_eq!(b2.window_label, herald::model::WindowLabel::SinceLast);
    // Day 3: no briefing at all (the laptop was closed).
    day.store(4, std::sync::atomic::Ordering::SeqCst);
    let b4 = run(
        &cfg,
        &options("2025-09-04T10:00:00Z"),
        Some(&mut store),
        dir.path(),
    );
    assert_eq!(
        titles(&b4),
        ["Story E", "Story D"],
        "the skipped day is covered; nothing repeats"
    );

    // A stateless run shows what the window holds, whatever was shown before.
    let stateless = run(&cfg, &options("2025-09-04T10:00:00Z"), None, dir.path());
    assert!(titles(&stateless).contains(&"Story B".to_string()));
}

#[test]
fn a_second_concurrent_run_waits_then_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.sqlite");
    let mut holder = Store::open(&state).expect("store");
    holder.begin().expect("lock");
    let feed = dir.path().join("f.xml");
    std::fs::write(
        &feed,
        rss("Local", &[("x", "X", "https://example.com/x", DATE)]),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("c.toml"),
        "timezone = \"UTC\"\n[[section]]\nfull_text = \"never\"\ntitle = \"S\"\nfeeds = [\"f.xml\"]\n",
    )
    .expect("config");
    let started = std::time::Instant::now();
    let out = crate::support::command()
        .args(["brief", "--config"])
        .arg(dir.path().join("c.toml"))
        .arg("--state")
        .arg(&state)
        .args(["--output", "-"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another herald run is using"), "{err}");
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "it waited for the lock first"
    );
    assert!(out.stdout.is_empty(), "no briefing without the lock");
    holder.commit().expect("release");
}

#[test]
fn kill_9_mid_run_leaves_a_sound_store_and_no_partial_output() {
    let server = Server::start(|r| match r.path.as_str() {
        "/slow" => Reply::Delay(
            Duration::from_millis(1500),
            Box::new(Reply::ok(rss(
                "Slow",
                &[("s", "S", "https://example.com/s", DATE)],
            ))),
        ),
        _ => Reply::ok(rss("Fast", &[("f", "F", "https://example.com/f", DATE)])),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.sqlite");
    std::fs::write(
        dir.path().join("c.toml"),
        format!(
            "timezone = \"UTC\"\noutput = \"out/{{date}}.md\"\n[[section]]\nfull_text = \"never\"\ntitle = \"S\"\nfeeds = [\"{}\", \"{}\"]\n",
            server.url("/fast"),
            server.url("/slow")
        ),
    )
    .expect("config");
    let herald = |now: &str| {
        let mut cmd = crate::support::command();
        cmd.args(["-q", "brief", "--config"])
            .arg(dir.path().join("c.toml"))
            .arg("--state")
            .arg(&state)
            .args(["--now", now]);
        cmd
    };
    // A first, complete run.
    assert!(
        herald("2025-09-02T10:00:00Z")
            .status()
            .expect("run")
            .success()
    );
    let first = dir.path().join("out/2025-09-02.md");
    assert!(first.exists());
    for delay_ms in [50, 300, 800, 1200] {
        let mut child = herald(NOW).spawn().expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("kill -9");
        let _ = child.wait();
        let store = Store::open(&state).expect("reopen after kill");
        assert_eq!(store.integrity_check().expect("check"), "ok");
        let out = dir.path().join("out/2025-09-03.md");
        if out.exists() {
            let text = std::fs::read_to_string(&out).expect("read");
            assert!(
                text.contains("feeds"),
                "a complete briefing or none: {text}"
            );
        }
    }
    // And the next run works and still knows the first briefing.
    let out = herald(NOW).output().expect("run");
    crate::support::ok(&out);
    let store = Store::open(&state).expect("open");
    assert_eq!(
        store.last_briefing().expect("last"),
        Some(NOW.parse().expect("ts"))
    );
}

/// A longer window (`--window 1w`) shows older items, also from a feed that answers 304, whose
/// items come from the store: the store is read as far back as the window reaches.
#[test]
fn a_week_window_reaches_back_into_the_store() {
    let server = Server::start(|r| {
        if r.headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
            return Reply::with(304, &[("ETag", "\"v1\"")], "");
        }
        let body = rss(
            "Weekly",
            &[
                (
                    "old",
                    "Five days old",
                    "https://example.com/old",
                    "Fri, 29 Aug 2025 12:00:00 +0000",
                ),
                (
                    "new",
                    "An hour old",
                    "https://example.com/new",
                    "Wed, 03 Sep 2025 13:42:00 +0000",
                ),
            ],
        );
        Reply::with(
            200,
            &[("ETag", "\"v1\""), ("Content-Type", "application/rss+xml")],
            body,
        )
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite")).expect("store");
    let config = config(&[server.url("/feed")]);

    let day = BriefOptions {
        window: Some(Window::DAY),
        ..options(NOW)
    };
    let b = run(&config, &day, Some(&mut store), dir.path());
    assert_eq!(titles(&b), ["An hour old"]);
    assert_eq!(b.window_label, herald::model::WindowLabel::Hours(24));

    let week = BriefOptions {
        window: Some("1w".parse().expect("window")),
        ..options("2025-09-03T14:52:00Z")
    };
    let b = run(&config, &week, Some(&mut store), dir.path());
    assert!(
        b.failures.is_empty() && server.hits("/feed") == 2,
        "the second run was a 304: {:?}",
        b.failures
    );
    let mut t = titles(&b);
    t.sort();
    assert_eq!(t, ["An hour old", "Five days old"]);
    assert_eq!(b.window_label, herald::model::WindowLabel::Days(7));
}

/// A host that rate-limits gets its own limit from `[fetch.hosts."…"]`; others keep the default.
#[test]
fn a_per_host_override_holds_requests_to_that_host() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let (now, peak) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (n, p) = (now.clone(), peak.clone());
    let server = Server::start(move |r| {
        let inflight = n.fetch_add(1, Ordering::SeqCst) + 1;
        p.fetch_max(inflight, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(60));
        n.fetch_sub(1, Ordering::SeqCst);
        Reply::ok(rss(
            "F",
            &[(
                &r.path,
                "Story",
                "https://ex.com/s",
                "Wed, 03 Sep 2025 12:00:00 +0000",
            )],
        ))
    });
    let feeds: Vec<String> = (0..4)
        .map(|i| format!("\"{}\"", server.url(&format!("/{i}.xml"))))
        .collect();
    let text = format!(
        "timezone = \"UTC\"\n[fetch.hosts.\"127.0.0.1\"]\nper_host = 1\n[[section]]\nfull_text = \"never\"\ntitle = \"All\"\nfeeds = [{}]\n",
        feeds.join(", ")
    );
    let config = Config::from_toml(&text, Path::new("t.toml"), Path::new(".")).expect("config");
    let opts = BriefOptions {
        fetch: FetchOptions::from_config(&config.fetch, false),
        ..BriefOptions::new(NOW.parse().expect("ts"))
    };
    let b = brief::run(&config, &opts, None).expect("briefing");
    assert!(b.failures.is_empty(), "{:?}", b.failures);
    assert_eq!(
        peak.load(Ordering::SeqCst),
        1,
        "one request at a time to that host"
    );
}
