//! Push notifications and the schedule, against a server on 127.0.0.1 that plays ntfy, a
//! webhook, Slack, Discord and the Telegram Bot API (and one endpoint that fails, one that never
//! answers); schedule files under a temporary XDG_CONFIG_HOME.

use std::sync::{Arc, Mutex};

use crate::support::{NOW, Reply, Server, command};

/// Every request the fake services received: (path, headers, body).
pub(crate) type Log = Arc<Mutex<Vec<(String, std::collections::HashMap<String, String>, String)>>>;

pub(crate) fn services() -> (Server, Log) {
    let log: Log = Arc::default();
    let l = log.clone();
    let server = Server::start(move |r| {
        if let Ok(mut v) = l.lock() {
            v.push((r.path.clone(), r.headers.clone(), r.body.clone()));
        }
        match r.path.as_str() {
            "/broken" => Reply::status(500),
            "/silent" => Reply::Delay(
                std::time::Duration::from_secs(30),
                Box::new(Reply::status(200)),
            ),
            _ => Reply::with(
                200,
                &[("Content-Type", "application/json")],
                "{\"ok\":true}",
            ),
        }
    });
    (server, log)
}

const SECRETS: [(&str, &str); 3] = [
    ("HERALD_TEST_BOT_TOKEN", "123456:SECRET-bot-token"),
    ("HERALD_TEST_NTFY_TOKEN", "tk_secretntfytoken"),
    ("HERALD_TEST_HOOK_KEY", "hook-secret-value"),
];

#[test]
fn every_service_gets_one_message_in_its_own_shape_and_failures_cost_only_themselves() {
    let (server, log) = services();
    let dir = tempfile::tempdir().expect("tempdir");
    let demo =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/feeds/npr-top-stories.xml");
    std::fs::copy(demo, dir.path().join("npr.xml")).expect("copy");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            r#"timezone = "America/Toronto"
window = "24h"
[fetch]
timeout_secs = 1
[[section]]
title = "U.S. Top Stories"
full_text = "never"
feeds = ["npr.xml"]

[[notify]]
kind = "ntfy"
url = "{ntfy}"
token_env = "HERALD_TEST_NTFY_TOKEN"

[[notify]]
kind = "webhook"
url = "{hook}"
headers_env = {{ "X-Hook-Key" = "HERALD_TEST_HOOK_KEY" }}

[[notify]]
kind = "slack"
url = "{slack}"

[[notify]]
kind = "discord"
url = "{discord}"

[[notify]]
kind = "telegram"
chat_id = 4242
token_env = "HERALD_TEST_BOT_TOKEN"
api_base = "{api}"

[[notify]]
kind = "webhook"
url = "{broken}"

[[notify]]
kind = "webhook"
url = "{silent}"
"#,
            ntfy = server.url("/ntfy/morning"),
            hook = server.url("/hook"),
            slack = server.url("/services/T000/B000/XXXX"),
            discord = server.url("/api/webhooks/1/secretpath"),
            api = server.url(""),
            broken = server.url("/broken"),
            silent = server.url("/silent"),
        ),
    )
    .expect("config");
    let mut cmd = command();
    cmd.args([
        "--no-state",
        "brief",
        "--config",
        config.to_str().expect("p"),
        "--now",
        NOW,
        "--output",
        "-",
    ]);
    for (k, v) in SECRETS {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the briefing is made: {stderr}");
    assert!(stdout.contains("U.S. Top Stories"), "and written");
    for (_, secret) in SECRETS {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "secret leaked: {stderr}"
        );
    }
    assert!(
        !stderr.contains("secretpath") && !stderr.contains("XXXX"),
        "{stderr}"
    );
    assert!(
        stderr.contains("notification not sent: webhook (127.0.0.1:"),
        "{stderr}"
    );
    assert!(stderr.contains("HTTP 500"), "{stderr}");
    assert!(stderr.contains("timed out"), "{stderr}");
    assert!(stderr.contains("notified 5 endpoints"), "{stderr}");

    let log = log.lock().expect("log").clone();
    let one = |path: &str| {
        let hits: Vec<_> = log.iter().filter(|(p, _, _)| p == path).collect();
        assert_eq!(hits.len(), 1, "{path}: {} requests", hits.len());
        hits[0].clone()
    };
    let (_, h, body) = one("/ntfy/morning");
    assert!(
        h.get("title")
            .is_some_and(|t| t.starts_with("Morning News Briefing")),
        "{h:?}"
    );
    assert_eq!(
        h.get("authorization").map(String::as_str),
        Some("Bearer tk_secretntfytoken")
    );
    assert!(h.get("click").is_some_and(|c| c.starts_with("https://")));
    assert!(
        body.contains("U.S. Top Stories:") && body.contains("• "),
        "{body}"
    );

    let (_, h, body) = one("/hook");
    assert_eq!(
        h.get("x-hook-key").map(String::as_str),
        Some("hook-secret-value")
    );
    let doc: serde_json::Value = serde_json::from_str(&body).expect("the briefing JSON");
    assert!(
        doc["sections"][0]["entries"]
            .as_array()
            .is_some_and(|e| !e.is_empty())
    );

    let (_, _, body) = one("/services/T000/B000/XXXX");
    let slack: serde_json::Value = serde_json::from_str(&body).expect("slack json");
    assert!(
        slack["text"]
            .as_str()
            .is_some_and(|t| t.contains("Morning News Briefing"))
    );
    let section = slack["blocks"][1]["text"]["text"]
        .as_str()
        .expect("a section block");
    assert!(
        section.starts_with("*U.S. Top Stories*") && section.contains("<https://"),
        "{section}"
    );

    let (_, _, body) = one("/api/webhooks/1/secretpath");
    let discord: serde_json::Value = serde_json::from_str(&body).expect("discord json");
    let content = discord["content"].as_str().expect("content");
    assert!(content.chars().count() <= 2000);
    assert!(content.contains("](<https://"), "{content}");

    let (_, _, body) = one("/bot123456:SECRET-bot-token/sendMessage");
    let tg: serde_json::Value = serde_json::from_str(&body).expect("telegram json");
    assert_eq!(tg["chat_id"], "4242");
    assert_eq!(tg["parse_mode"], "HTML");
    let text = tg["text"].as_str().expect("text");
    assert!(
        text.chars().count() <= 4096 && text.contains("<a href=\"https://"),
        "{text}"
    );

    assert_eq!(
        log.iter().filter(|(p, _, _)| p == "/broken").count(),
        3,
        "retried, then named"
    );
}

#[test]
fn no_notify_skips_them_and_a_long_briefing_is_cut_cleanly() {
    let (server, log) = services();
    let dir = tempfile::tempdir().expect("tempdir");
    let titles: Vec<String> = (0..120)
        .map(|i| format!("Headline number {i} about a long day of news in the city"))
        .collect();
    let links: Vec<String> = (0..120)
        .map(|i| format!("https://news.example/{i}"))
        .collect();
    let feed_items: Vec<crate::support::RssItem<'_>> = (0..120)
        .map(|i| crate::support::RssItem {
            guid: format!("g{i}"),
            title: &titles[i],
            link: &links[i],
            date: "Wed, 03 Sep 2025 12:00:00 +0000".into(),
            description: format!("Story {i}."),
        })
        .collect();
    std::fs::write(
        dir.path().join("big.xml"),
        crate::support::rss_items("Big", &feed_items),
    )
    .expect("feed");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "timezone = \"UTC\"\nwindow = \"24h\"\n[[section]]\ntitle = \"All\"\nfull_text = \"never\"\nmax_items = 120\nfeeds = [\"big.xml\"]\n[[notify]]\nkind = \"discord\"\nurl = \"{}\"\n",
            server.url("/discord")
        ),
    )
    .expect("config");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "--no-state",
            "brief",
            "--config",
            config.to_str().expect("p"),
            "--now",
            NOW,
            "--output",
            "-",
        ];
        args.extend_from_slice(extra);
        command().args(&args).output().expect("run")
    };
    assert!(run(&["--no-notify"]).status.success());
    assert!(
        log.lock().expect("log").is_empty(),
        "--no-notify sends nothing"
    );
    assert!(run(&[]).status.success());
    let log = log.lock().expect("log").clone();
    let content = serde_json::from_str::<serde_json::Value>(&log[0].2).expect("json")["content"]
        .as_str()
        .expect("content")
        .to_string();
    assert!(content.chars().count() <= 2000, "{}", content.len());
    assert!(
        content.trim_end().ends_with("more"),
        "cut with +N more: {content}"
    );
}

#[test]
fn a_bad_notify_entry_is_named_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    // The run's stderr for a config of one [[notify]] entry with these keys.
    let errors_of = |entry: &str| {
        std::fs::write(&config, format!("timezone = \"UTC\"\n[[notify]]\n{entry}"))
            .expect("config");
        let out = command()
            .args([
                "--no-state",
                "brief",
                "--config",
                config.to_str().expect("p"),
            ])
            .output()
            .expect("run");
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = errors_of("kind = \"pager\"\nurl = \"https://x\"\n");
    assert!(
        err.contains("config.toml:2:") && err.contains("unknown notify kind 'pager'"),
        "{err}"
    );
    assert!(errors_of("kind = \"telegram\"\nchat_id = 1\n").contains("token_env"));
    // D14: the URL of a webhook is its secret: an error about it never repeats it.
    for url in [
        "ftp://hooks.slack.com/services/T000/B000/XSECRETX",
        "hooks.slack.com/services/T000/B000/XSECRETX",
        "discord.com/api/webhooks/1/XSECRETX",
    ] {
        let err = errors_of(&format!("kind = \"slack\"\nurl = \"{url}\"\n"));
        assert!(err.contains("not an http(s) address"), "{err}");
        assert!(!err.contains("XSECRETX") && !err.contains("T000"), "{err}");
    }
}

#[test]
fn schedule_install_show_remove_write_the_units() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xdg = dir.path().join("xdg");
    let config = dir.path().join("herald.toml");
    std::fs::write(
        &config,
        "timezone = \"America/Toronto\"\noutput = \"notes/{date}.md\"\n",
    )
    .expect("config");
    let run = |args: &[&str]| {
        command()
            .args(args)
            .env("XDG_CONFIG_HOME", &xdg)
            .env("HOME", dir.path())
            .output()
            .expect("run")
    };
    let out = run(&[
        "schedule",
        "install",
        "--at",
        "06:30",
        "--config",
        config.to_str().expect("p"),
        "--no-enable",
    ]);
    crate::support::ok(&out);
    let units = xdg.join("systemd/user");
    let timer = std::fs::read_to_string(units.join("herald.timer")).expect("timer");
    assert!(
        timer.contains("OnCalendar=*-*-* 06:30:00 America/Toronto"),
        "{timer}"
    );
    assert!(timer.contains("Persistent=true"));
    let service = std::fs::read_to_string(units.join("herald.service")).expect("service");
    let exe = env!("CARGO_BIN_EXE_herald");
    assert!(
        service.contains(&format!(
            "ExecStart=\"{exe}\" \"-q\" \"brief\" \"--config\" "
        )),
        "{service}"
    );
    assert!(service.contains("herald.toml"));
    let show = run(&["schedule", "show"]);
    assert!(String::from_utf8_lossy(&show.stdout).contains("06:30"));
    let bad = run(&[
        "schedule",
        "install",
        "--at",
        "25:00",
        "--config",
        config.to_str().expect("p"),
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected a time of day"));
    let out = run(&["schedule", "remove"]);
    assert!(out.status.success());
    assert!(!units.join("herald.timer").exists() && !units.join("herald.service").exists());

    // A config that sends the briefing nowhere but stdout is refused, saying what to set.
    let stdout_only = dir.path().join("stdout.toml");
    std::fs::write(&stdout_only, "timezone = \"UTC\"\n").expect("config");
    let args = [
        "schedule",
        "install",
        "--at",
        "06:30",
        "--config",
        stdout_only.to_str().expect("p"),
    ];
    let refused = run(&args);
    assert!(!refused.status.success());
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(
        why.contains("output = ") && why.contains("--allow-stdout"),
        "{why}"
    );
    assert!(!units.join("herald.timer").exists());
    // Where systemd does not run (as here), no units are written: the crontab line is printed,
    // with the zone for herald's line alone, and where the briefing goes.
    if !std::path::Path::new("/run/systemd/system").exists() {
        let out = run(&[
            "schedule",
            "install",
            "--at",
            "06:30",
            "--config",
            config.to_str().expect("p"),
        ]);
        let text = crate::support::ok(&out);
        assert!(
            !units.join("herald.timer").exists(),
            "no units without systemd"
        );
        assert!(text.contains("TZ=America/Toronto "), "{text}");
        assert!(!text.contains("CRON_TZ"), "{text}");
        assert!(text.contains("written to notes/{date}.md"), "{text}");
    }
}

/// With a site that has an address, ntfy's click opens the edition's page there.
#[test]
fn ntfy_clicks_through_to_the_site_when_it_has_an_address() {
    let (server, log) = services();
    let dir = tempfile::tempdir().expect("tempdir");
    let demo =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/feeds/npr-top-stories.xml");
    std::fs::copy(demo, dir.path().join("npr.xml")).expect("copy");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "timezone = \"America/Toronto\"\nwindow = \"24h\"\n[site]\ndir = \"site\"\nbase_url = \"https://news.example.org/\"\n[[section]]\ntitle = \"US\"\nfull_text = \"never\"\nfeeds = [\"npr.xml\"]\n[[notify]]\nkind = \"ntfy\"\nurl = \"{}\"\n",
            server.url("/ntfy/t")
        ),
    )
    .expect("config");
    let state = dir.path().join("s.sqlite");
    let out = command()
        .args(["--state", state.to_str().expect("p"), "brief", "--config"])
        .arg(&config)
        .args(["--now", NOW, "--output", "-"])
        .output()
        .expect("run");
    crate::support::ok(&out);
    assert!(
        dir.path().join("site/2025-09-03.html").exists(),
        "the site was updated first"
    );
    let log = log.lock().expect("log").clone();
    let click = log[0].1.get("click").cloned().unwrap_or_default();
    assert_eq!(click, "https://news.example.org/2025-09-03.html");
}
