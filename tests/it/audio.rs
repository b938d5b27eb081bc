//! The briefing read aloud (issue 24, first floor): the speech script synthesized by Debian's
//! espeak-ng (`.ci/run` installs it), a piece per chapter, joined into one WAV with a chapters
//! file whose start times are the pieces' own; and a failing engine that costs the audio, never
//! the text briefing. Skipped, saying so, where espeak-ng is not installed.

use std::path::Path;

use crate::support::{command, ok};

fn espeak() -> bool {
    std::process::Command::new("espeak-ng")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_demo_is_read_aloud_with_a_chapter_per_section() {
    if !espeak() {
        println!("audio: espeak-ng not installed, not run (.ci/run installs it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let wav_path = dir.path().join("briefing.wav");
    let json_path = dir.path().join("briefing.json");
    let out = command()
        .args(["brief", "--demo", "--format", "json", "-o"])
        .arg(&json_path)
        .arg("--audio")
        .arg(&wav_path)
        .output()
        .expect("run");
    ok(&out);
    let bytes = std::fs::read(&wav_path).expect("the audio");
    let (format, pcm) = herald::audio::wav::read(&bytes).expect("a WAV that reads back");
    let seconds = pcm.len() as f64 / f64::from(format.byte_rate());
    // In proportion to the script: espeak-ng speaks about 175 words a minute.
    let script = ok(&crate::support::herald(&[
        "brief", "--demo", "--format", "speech",
    ]));
    let words = script.split_whitespace().count() as f64;
    let per_word = seconds / words;
    assert!(
        (0.15..1.0).contains(&per_word),
        "{seconds} s for {words} words"
    );
    let chapters: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("briefing.chapters.json")).expect("chapters"),
    )
    .expect("JSON");
    let chapters = chapters["chapters"].as_array().expect("a list").clone();
    let briefing: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("json")).expect("JSON");
    let mut expected = vec!["Weather — Pembroke".to_string()];
    for s in briefing["sections"].as_array().expect("sections") {
        if s["entries"].as_array().is_some_and(|e| !e.is_empty()) {
            expected.push(s["title"].as_str().unwrap_or("").to_string());
        }
    }
    let titles: Vec<String> = chapters
        .iter()
        .map(|c| c["title"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        titles, expected,
        "a chapter per non-empty section, in order"
    );
    let starts: Vec<f64> = chapters
        .iter()
        .map(|c| c["startTime"].as_f64().expect("a start"))
        .collect();
    assert_eq!(starts[0], 0.0);
    assert!(starts.windows(2).all(|w| w[1] > w[0] + 1.0), "{starts:?}");
    assert!(
        *starts.last().expect("last") < seconds,
        "{starts:?} in {seconds} s"
    );
}

#[test]
fn a_failing_engine_costs_the_audio_not_the_briefing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/feeds/npr-top-stories.xml");
    std::fs::copy(demo, dir.path().join("npr.xml")).expect("copy");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "timezone = \"UTC\"\nwindow = \"24h\"\n[audio]\nengine = \"command\"\ncommand = [\"sh\", \"-c\", \"echo the voice is missing >&2; exit 3\"]\n[[section]]\ntitle = \"News\"\nfull_text = \"never\"\nfeeds = [\"npr.xml\"]\n",
    )
    .expect("config");
    let out = command()
        .args(["--no-state", "brief", "--config"])
        .arg(&config)
        .args(["--now", "2025-09-03T14:42:00Z", "-o"])
        .arg(dir.path().join("b.md"))
        .arg("--audio")
        .arg(dir.path().join("b.wav"))
        .output()
        .expect("run");
    ok(&out);
    assert!(std::fs::read_to_string(dir.path().join("b.md")).is_ok_and(|t| t.contains("NPR")));
    assert!(!dir.path().join("b.wav").exists());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("audio not made") && err.contains("the voice is missing"),
        "{err}"
    );
}
