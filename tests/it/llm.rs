//! LLM summaries behind the gate, against an OpenAI-compatible server on 127.0.0.1 that replays
//! recorded completions: one faithful, one with an invented number, one with an invented person,
//! one that ignores the length limit, one malformed reply, one time-out.

use std::time::Duration;

use crate::support::{Reply, Server};

const DATE: &str = "Wed, 03 Sep 2025 12:00:00 +0000";

/// Six items; each article's title tells the fake model which recorded reply to give. (Each is
/// put in its own section that repeats stories: as one story told six times, they would
/// otherwise be one entry.)
fn feed_of(kind: &str) -> String {
    feed()
        .replace("<item>", "\n<item>")
        .lines()
        .filter(|l| !l.starts_with("<item>") || l.contains(&format!("Budget story {kind}<")))
        .collect()
}

fn feed() -> String {
    let article = "The city council approved a $4 million budget on Tuesday after a long debate. \
        Mayor Jane Smith said the plan would repair roads and expand bus service. \
        The council did not raise property taxes this year.";
    let items: String = ["faithful", "number", "person", "long", "malformed", "timeout"]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "<item><guid>g{i}</guid><title>Budget story {t}</title><link>https://example.com/{t}</link>\
                 <pubDate>{DATE}</pubDate><description>{article}</description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>City</title>{items}</channel></rss>"
    )
}

fn completion(text: &str) -> Reply {
    let body =
        serde_json::json!({"choices": [{"message": {"role": "assistant", "content": text}}]});
    Reply::with(
        200,
        &[("Content-Type", "application/json")],
        body.to_string(),
    )
}

#[test]
fn model_summaries_pass_the_gate_or_fall_back_with_a_reason() {
    let server = Server::start(|r| {
        assert_eq!(r.path, "/v1/chat/completions");
        let title = r
            .body
            .split("Budget story ")
            .nth(1)
            .unwrap_or("")
            .split('\\')
            .next()
            .unwrap_or("")
            .to_string();
        match title.as_str() {
            "faithful" => completion(
                "The city council approved a $4 million budget on Tuesday. The council did not raise property taxes this year.",
            ),
            "number" => completion("The city council approved a $9 million budget on Tuesday."),
            "person" => completion(
                "Mayor Robert Ford said the plan would repair roads and expand bus service.",
            ),
            "long" => completion(
                "The council met. It debated. It voted. The mayor spoke. Roads will be fixed. Buses will run.",
            ),
            "malformed" => Reply::with(
                200,
                &[("Content-Type", "application/json")],
                "{\"choices\": oops",
            ),
            "timeout" => Reply::Delay(Duration::from_secs(3), Box::new(completion("Too late."))),
            other => panic!("unexpected request for {other:?}"),
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = format!(
        "timezone = \"UTC\"\n[summarizer]\nkind = \"openai-compatible\"\nbase_url = \"{}\"\nmodel = \"test-model\"\ntimeout_secs = 1\n",
        server.url("/v1")
    );
    for kind in [
        "faithful",
        "number",
        "person",
        "long",
        "malformed",
        "timeout",
    ] {
        std::fs::write(dir.path().join(format!("{kind}.xml")), feed_of(kind)).expect("feed");
        config.push_str(&format!(
            "[[section]]\nfull_text = \"never\"\ntitle = \"{kind}\"\nrepeat = true\nfeeds = [\"{kind}.xml\"]\n"
        ));
    }
    std::fs::write(dir.path().join("c.toml"), config).expect("config");
    let state = dir.path().join("state.sqlite");
    let run = || {
        let out = crate::support::command()
            .args([
                "brief",
                "--format",
                "json",
                "--output",
                "-",
                "--window",
                "24h",
                "--now",
                "2025-09-03T14:00:00Z",
                "--config",
            ])
            .arg(dir.path().join("c.toml"))
            .arg("--state")
            .arg(&state)
            .output()
            .expect("run herald");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let all: Vec<serde_json::Value> = v["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .flat_map(|s| s["entries"].as_array().cloned().unwrap_or_default())
            .collect();
        assert_eq!(all.len(), 6);
        all
    };
    let entries = run();
    let entry = |t: &str| {
        entries
            .iter()
            .find(|e| e["title"] == format!("Budget story {t}"))
            .unwrap_or_else(|| panic!("no entry {t}"))
            .clone()
    };
    let faithful = entry("faithful");
    assert_eq!(faithful["summary_engine"], "llm:test-model");
    assert_eq!(
        faithful["summary"],
        "The city council approved a $4 million budget on Tuesday. The council did not raise property taxes this year."
    );
    assert!(faithful.get("summary_fallback").is_none());
    for (t, why) in [
        ("number", "9"),
        ("person", "robert"),
        ("long", "length limit"),
        ("malformed", "malformed reply"),
        ("timeout", "timed out"),
    ] {
        let e = entry(t);
        assert_eq!(e["summary_engine"], "extractive", "{t}");
        let reason = e["summary_fallback"]
            .as_str()
            .unwrap_or_else(|| panic!("{t}: no reason"));
        assert!(reason.to_lowercase().contains(why), "{t}: {reason}");
        assert!(
            e["summary"]
                .as_str()
                .is_some_and(|s| s.starts_with("The city council approved a $4 million budget")),
            "{t}"
        );
    }
    let first_requests = server.requests.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(first_requests, 6);

    // A second run asks the model again only for the one that timed out: the rest is cached.
    let again = run();
    assert_eq!(
        server.requests.load(std::sync::atomic::Ordering::SeqCst),
        first_requests + 1
    );
    assert_eq!(
        again
            .iter()
            .find(|e| e["title"] == "Budget story faithful")
            .expect("entry")["summary_engine"],
        "llm:test-model"
    );
}

#[test]
fn a_missing_api_key_falls_back_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("city.xml"), feed()).expect("feed");
    std::fs::write(
        dir.path().join("c.toml"),
        "timezone = \"UTC\"\n[summarizer]\nkind = \"openai-compatible\"\nbase_url = \"http://127.0.0.1:9/v1\"\nmodel = \"m\"\napi_key_env = \"HERALD_TEST_NO_SUCH_KEY\"\n\
         [[section]]\nfull_text = \"never\"\ntitle = \"City\"\nfeeds = [\"city.xml\"]\n",
    )
    .expect("config");
    let out = crate::support::command()
        .args([
            "--no-state",
            "brief",
            "--format",
            "json",
            "--output",
            "-",
            "--now",
            "2025-09-03T14:00:00Z",
            "--config",
        ])
        .arg(dir.path().join("c.toml"))
        .env_remove("HERALD_TEST_NO_SUCH_KEY")
        .output()
        .expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let e = &v["sections"][0]["entries"][0];
    assert_eq!(e["summary_engine"], "extractive");
    assert!(
        e["summary_fallback"]
            .as_str()
            .is_some_and(|r| r.contains("HERALD_TEST_NO_SUCH_KEY"))
    );
}
