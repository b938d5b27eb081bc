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
        crate::support::ok(&out);
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

    // A second run asks the model again only where it gave no usable answer (the time-out and
    // the malformed reply): its verdicts are cached.
    let again = run();
    assert_eq!(
        server.requests.load(std::sync::atomic::Ordering::SeqCst),
        first_requests + 2
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

/// A French reader with `translate_to = "fr"`: a faithful translation of an English summary is
/// shown, marked, with the original kept; an unfaithful one (a figure changed) is not, and the
/// English summary is shown with the reason; a French item is never sent for translation.
#[test]
fn translations_are_checked_and_the_original_kept() {
    const ARENA: &str = "Pembroke council approved repairs to the Kinsmen arena on Tuesday. The work will cost about 2.1 million dollars, Mayor Ron Gervais said.";
    const BRIDGE: &str = "The Champlain Bridge will close for 12 nights starting Monday. Crews will replace 40 expansion joints, the federal agency said.";
    const FR: &str = "Le conseil municipal de Gatineau a adopté mardi un budget de 812,5 millions de dollars. La séance a duré plus de six heures et s'est terminée peu avant minuit.";
    let server = Server::start(|r| {
        let body: serde_json::Value = serde_json::from_str(&r.body).expect("request JSON");
        let system = body["messages"][0]["content"].as_str().unwrap_or("");
        let user = body["messages"][1]["content"].as_str().unwrap_or("");
        if system.starts_with("Translate") {
            assert!(system.contains("from English into French"), "{system}");
            if user.contains("Kinsmen") {
                completion(
                    "Le conseil de Pembroke a approuvé mardi des réparations à l'aréna Kinsmen. Les travaux coûteront environ 2,1 millions de dollars, a déclaré le maire Ron Gervais.",
                )
            } else {
                // Unfaithful: 12 nights became 21.
                completion(
                    "Le pont Champlain fermera pendant 21 nuits à partir de lundi. Les équipes remplaceront 40 joints de dilatation, a indiqué l'agence fédérale.",
                )
            }
        } else if user.contains("Kinsmen") {
            completion(ARENA)
        } else if user.contains("Champlain") {
            completion(BRIDGE)
        } else {
            completion(FR)
        }
    });
    let item = |guid: &str, title: &str, text: &str| {
        format!(
            "<item><guid>{guid}</guid><title>{title}</title><link>https://example.com/{guid}</link><pubDate>{DATE}</pubDate><description>{text}</description></item>"
        )
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let feeds = [
        (
            "en",
            "en-CA",
            item("arena", "Arena repairs approved", ARENA)
                + &item("bridge", "Bridge to close", BRIDGE),
        ),
        (
            "fr",
            "fr-CA",
            item("budget", "Gatineau adopte son budget", FR),
        ),
    ];
    let mut config = format!(
        "timezone = \"UTC\"\nlocale = \"fr-CA\"\n[summarizer]\nkind = \"openai-compatible\"\nbase_url = \"{}\"\nmodel = \"m\"\ntranslate_to = \"fr\"\n",
        server.url("/v1")
    );
    for (name, lang, items) in &feeds {
        std::fs::write(
            dir.path().join(format!("{name}.xml")),
            format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{name}</title><language>{lang}</language>{items}</channel></rss>"),
        )
        .expect("feed");
        config.push_str(&format!(
            "[[section]]\nfull_text = \"never\"\ntitle = \"{name}\"\nfeeds = [\"{name}.xml\"]\n"
        ));
    }
    std::fs::write(dir.path().join("c.toml"), config).expect("config");
    let run = |format: &str| {
        let out = crate::support::command()
            .args([
                "brief", "--format", format, "--output", "-", "--window", "24h",
            ])
            .args(["--now", "2025-09-03T14:00:00Z", "--explain", "--config"])
            .arg(dir.path().join("c.toml"))
            .arg("--state")
            .arg(dir.path().join("state.sqlite"))
            .output()
            .expect("run herald");
        crate::support::ok(&out)
    };
    let v: serde_json::Value = serde_json::from_str(&run("json")).expect("json");
    let entries: Vec<serde_json::Value> = v["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["entries"].as_array().cloned().unwrap_or_default())
        .collect();
    let entry = |t: &str| {
        entries
            .iter()
            .find(|e| e["title"] == t)
            .unwrap_or_else(|| panic!("no entry {t}"))
    };
    let arena = entry("Arena repairs approved");
    assert_eq!(arena["lang"], "en");
    assert_eq!(arena["translated_from"], "en");
    assert!(
        arena["summary"]
            .as_str()
            .is_some_and(|s| s.starts_with("Le conseil de Pembroke"))
    );
    assert_eq!(arena["summary_original"], ARENA);
    assert!(
        arena["explain"]
            .as_str()
            .is_some_and(|e| e.contains("Kinsmen arena")),
        "{arena}"
    );

    let bridge = entry("Bridge to close");
    assert!(bridge.get("translated_from").is_none(), "{bridge}");
    assert_eq!(bridge["summary"], BRIDGE);
    let why = bridge["summary_fallback"].as_str().expect("reason");
    assert!(
        why.contains("translation not shown") && why.contains("21"),
        "{why}"
    );

    let budget = entry("Gatineau adopte son budget");
    assert_eq!(budget["lang"], "fr");
    assert!(budget.get("translated_from").is_none());
    assert_eq!(budget["summary"], FR);

    // Three summaries and two translations asked; the French item was never sent to translate.
    assert_eq!(server.requests.load(std::sync::atomic::Ordering::SeqCst), 5);
    // The page says which summary is a translation, in the reader's language.
    let md = run("markdown");
    assert!(md.contains("(traduction ; original en anglais)"), "{md}");
    // Cached: the second run asked nothing.
    assert_eq!(server.requests.load(std::sync::atomic::Ordering::SeqCst), 5);
}

/// One item in `dir/city.xml` and a config that asks the model at `base` (with `extra` lines).
fn one_item_config(dir: &std::path::Path, base: &str) -> std::path::PathBuf {
    std::fs::write(dir.join("city.xml"), feed_of("faithful")).expect("feed");
    let path = dir.join("c.toml");
    std::fs::write(
        &path,
        format!(
            "timezone = \"UTC\"\n[summarizer]\nkind = \"openai-compatible\"\nbase_url = \"{base}\"\nmodel = \"m\"\ntimeout_secs = 5\n\
             [[section]]\nfull_text = \"never\"\ntitle = \"City\"\nfeeds = [\"city.xml\"]\n"
        ),
    )
    .expect("config");
    path
}

/// D12: a model's reply was read whole, so an endless answer took the run's memory with it.
/// Now at most 1 MiB is read; beyond that the summary falls back with the reason.
#[test]
fn a_reply_larger_than_the_cap_falls_back() {
    let server = Server::start(|_| {
        let mut body = serde_json::json!({"choices": [{"message": {"role": "assistant",
            "content": "The city council approved a $4 million budget on Tuesday."}}]})
        .to_string()
        .into_bytes();
        // Valid JSON, padded past the cap: read whole, it would have been accepted.
        body.resize(body.len() + 3 * 1024 * 1024, b' ');
        Reply::with(200, &[("Content-Type", "application/json")], body)
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let config = one_item_config(dir.path(), &server.url("/v1"));
    let out = crate::support::command()
        .args(["--no-state", "brief", "--format", "json", "--output", "-"])
        .args(["--now", "2025-09-03T14:00:00Z", "--config"])
        .arg(&config)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_str(&crate::support::ok(&out)).expect("json");
    let e = &v["sections"][0]["entries"][0];
    assert_eq!(e["summary_engine"], "extractive");
    assert!(
        e["summary_fallback"]
            .as_str()
            .is_some_and(|r| r.contains("larger than 1 MiB")),
        "{e}"
    );
}

/// D13: a model that failed (here a refused key) was said only in the JSON, and the failure
/// was cached, so the fallback stuck after the key was fixed. Now `-v` and `--explain` say it,
/// and the next run asks again.
#[test]
fn a_failing_model_is_reported_and_asked_again_once_fixed() {
    let fixed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let f = fixed.clone();
    let server = Server::start(move |_| {
        if f.load(std::sync::atomic::Ordering::SeqCst) {
            completion("The city council approved a $4 million budget on Tuesday.")
        } else {
            Reply::status(401)
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let config = one_item_config(dir.path(), &server.url("/v1"));
    let state = dir.path().join("state.sqlite");
    let run = || {
        crate::support::command()
            .args([
                "-v",
                "brief",
                "--explain",
                "--format",
                "json",
                "--output",
                "-",
            ])
            .args([
                "--window",
                "24h",
                "--now",
                "2025-09-03T14:00:00Z",
                "--config",
            ])
            .arg(&config)
            .arg("--state")
            .arg(&state)
            .output()
            .expect("run")
    };
    let out = run();
    let v: serde_json::Value = serde_json::from_str(&crate::support::ok(&out)).expect("json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "model: 1 of 1 summaries not by the model: the model's server answered HTTP 401"
        ),
        "{stderr}"
    );
    let e = &v["sections"][0]["entries"][0];
    assert!(
        e["explain"]
            .as_str()
            .is_some_and(|x| x.contains("HTTP 401")),
        "{e}"
    );
    fixed.store(true, std::sync::atomic::Ordering::SeqCst);
    let out = run();
    let v: serde_json::Value = serde_json::from_str(&crate::support::ok(&out)).expect("json");
    assert_eq!(v["sections"][0]["entries"][0]["summary_engine"], "llm:m");
}
