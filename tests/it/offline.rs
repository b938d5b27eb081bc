//! Mornings that go wrong, as a timer meets them (issue 22): no network at all, hosts that
//! accept a connection and never answer, and a weather fallback that is only needed when the
//! primary source fails. Names are made not to resolve with `[fetch.resolve]` (as curl's
//! `--resolve`), so no test asks a real DNS server anything.

use std::time::Duration;

use crate::support::{NOW, Reply, RssItem, Server, command, rss_items};

fn fixture(path: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

/// With no network every feed fails. That was exit 0, silent under `-q`, with twelve alike
/// lines and the weather's raw URL. Now: one line on stderr even under `-q`, exit 3, one line
/// in the briefing for the one cause, and the weather names its source by host.
#[test]
fn a_morning_without_network_is_loud_and_short() {
    let dir = tempfile::tempdir().expect("tempdir");
    let hosts = [
        "news.example",
        "world.example",
        "tech.example",
        "sport.example",
    ];
    let feeds: Vec<String> = hosts
        .iter()
        .map(|h| format!("\"https://{h}/feed.xml\""))
        .collect();
    let pins: String = hosts
        .iter()
        .chain(["api.open-meteo.com", "weather.gc.ca"].iter())
        .map(|h| format!("\"{h}\" = \"none\"\n"))
        .collect();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "timezone = \"UTC\"\nwindow = \"24h\"\n[weather]\nfeed = \"https://weather.gc.ca/rss/city/on-118_e.xml\"\n\
             fallback = [\"https://api.open-meteo.com/v1/forecast?latitude=45.82&longitude=-77.11&current=temperature_2m\"]\n\
             [fetch.resolve]\n{pins}[[section]]\ntitle = \"News\"\nfeeds = [{}]\n",
            feeds.join(", ")
        ),
    )
    .expect("config");
    let out = command()
        .args(["-q", "--no-state", "brief", "--config"])
        .arg(&config)
        .args(["--now", NOW, "--output", "-"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3), "a distinct exit code");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        "herald: no network: 4 of 4 feeds could not be resolved; the briefing says so"
    );
    let md = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("- ") && l.contains("could not resolve the name"))
        .collect();
    assert_eq!(lines.len(), 1, "one line for one cause: {md}");
    assert!(
        lines[0].contains("news.example") && lines[0].contains("and 3 more"),
        "{md}"
    );
    assert!(!md.contains("latitude="), "no raw URL in the weather: {md}");
    assert!(md.contains("api.open-meteo.com: could not resolve"), "{md}");
}

/// Hosts that accept a connection and never answer held a run for their timeouts and retries
/// (5 feeds, 35 s). Now a run has a deadline: what is not read by then is reported as such,
/// and the feeds that answered make the briefing.
#[test]
fn hanging_hosts_cannot_hold_the_morning() {
    let good = rss_items(
        "Good",
        &[RssItem {
            guid: "g1".into(),
            title: "The bridge reopens on Friday",
            link: "https://example.com/g1",
            date: "Wed, 03 Sep 2025 12:00:00 +0000".into(),
            description: "The bridge reopens on Friday after a month of repairs.".into(),
        }],
    );
    let server = Server::start(move |r| match r.path.as_str() {
        "/good.xml" => Reply::ok(good.clone()),
        _ => Reply::Delay(Duration::from_secs(60), Box::new(Reply::status(200))),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    let hanging: Vec<String> = (0..5)
        .map(|i| format!("\"{}\"", server.url(&format!("/hang{i}.xml"))))
        .collect();
    std::fs::write(
        &config,
        format!(
            "timezone = \"UTC\"\nwindow = \"24h\"\n[fetch]\ntimeout_secs = 30\ndeadline_secs = 2\n[[section]]\ntitle = \"News\"\nfull_text = \"never\"\nfeeds = [\"{}\", {}]\n",
            server.url("/good.xml"),
            hanging.join(", ")
        ),
    )
    .expect("config");
    let out = command()
        .args(["--no-state", "brief", "--config"])
        .arg(&config)
        .args(["--now", NOW, "--output", "-"])
        .output()
        .expect("run");
    let md = crate::support::ok(&out);
    assert!(md.contains("The bridge reopens on Friday"), "{md}");
    assert!(
        md.contains("not read within the run's 2 s deadline"),
        "{md}"
    );
}

/// The weather's fallback was fetched every morning even when the city feed worked (and its
/// failures reported each time). Now it is read only when the sources before it fail.
#[test]
fn the_weather_fallback_is_read_only_when_needed() {
    let server = Server::start(|_| Reply::status(500));
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "timezone = \"America/Toronto\"\n[weather]\nfeed = \"{}\"\nfallback = [\"{}\"]\n[[section]]\ntitle = \"News\"\nfeeds = [\"{}\"]\n",
            fixture("tests/fixtures/weather/citypage-ottawa.xml"),
            server.url("/forecast"),
            fixture("demo/feeds/npr-top-stories.xml"),
        ),
    )
    .expect("config");
    let out = command()
        .args(["--no-state", "brief", "--config"])
        .arg(&config)
        .args(["--now", "2025-02-05T23:30:00Z", "--output", "-"])
        .output()
        .expect("run");
    let md = crate::support::ok(&out);
    assert!(md.contains("Weather"), "{md}");
    assert_eq!(server.hits("/forecast"), 0, "the fallback was not needed");
    assert!(!md.contains("HTTP 500"), "{md}");
}
