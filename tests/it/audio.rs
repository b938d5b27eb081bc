//! The briefing read aloud (issue 24, first floor): the speech script synthesized by Debian's
//! espeak-ng (`.ci/run` installs it), a piece per chapter, joined into one WAV with a chapters
//! file whose start times are the pieces' own; and a failing engine that costs the audio, never
//! the text briefing. Skipped, saying so, where espeak-ng is not installed.

use crate::support::{command, ok};

/// `herald brief` with a state file in `dir`, writing `b.md` and its audio `b.wav` there.
fn brief_with_audio(dir: &std::path::Path, config: &std::path::Path) -> std::process::Command {
    let mut cmd = command();
    cmd.arg("--state")
        .arg(dir.join("state.sqlite"))
        .args(["brief", "--config"])
        .arg(config)
        .args(["--now", "2025-09-03T14:42:00Z", "-o"])
        .arg(dir.join("b.md"))
        .arg("--audio")
        .arg(dir.join("b.wav"));
    cmd
}

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
    let (dir, config) = crate::support::config_dir(
        "demo/feeds/npr-top-stories.xml",
        "npr.xml",
        "timezone = \"UTC\"\nwindow = \"24h\"\n[audio]\nengine = \"command\"\ncommand = [\"sh\", \"-c\", \"echo the voice is missing >&2; exit 3\"]\n[[section]]\ntitle = \"News\"\nfull_text = \"never\"\nfeeds = [\"npr.xml\"]\n",
    );
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

/// The `openai-compatible` engine against a stand-in `/audio/speech` server on 127.0.0.1: each
/// chapter is one request (model, voice and text, the key as a bearer token), and the audio is
/// the server's pieces joined, so its length is theirs plus the pauses between chapters.
#[test]
fn an_openai_compatible_speech_server_reads_it() {
    use crate::support::{Reply, Server};
    use std::sync::{Arc, Mutex};
    let seen: Arc<Mutex<Vec<(String, serde_json::Value, String)>>> = Arc::default();
    let log = seen.clone();
    let server = Server::start(move |r| {
        let body: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
        let auth = r.headers.get("authorization").cloned().unwrap_or_default();
        let chars = body["input"].as_str().map_or(0, |t| t.chars().count());
        log.lock().expect("log").push((r.path.clone(), body, auth));
        // A second of 8 kHz 16-bit mono per 100 characters of text.
        let format = herald::audio::wav::Format {
            channels: 1,
            sample_rate: 8_000,
            bits: 16,
        };
        let pcm = vec![0u8; chars * 160];
        Reply::with(
            200,
            &[("Content-Type", "audio/wav")],
            herald::audio::wav::write(format, &pcm),
        )
    });
    let (dir, config) = crate::support::config_dir(
        "demo/feeds/npr-top-stories.xml",
        "npr.xml",
        &format!(
            "timezone = \"UTC\"\nwindow = \"24h\"\n[audio]\nengine = \"openai-compatible\"\nbase_url = \"{}\"\nmodel = \"tts-test\"\nvoice = \"nova\"\napi_key_env = \"HERALD_TEST_TTS_KEY\"\n\
             [[section]]\ntitle = \"News\"\nfull_text = \"never\"\nfeeds = [\"npr.xml\"]\n[[section]]\ntitle = \"Again\"\nrepeat = true\nfull_text = \"never\"\nfeeds = [\"npr.xml\"]\n",
            server.url("/v1")
        ),
    );
    let run = || {
        let out = brief_with_audio(dir.path(), &config)
            .env("HERALD_TEST_TTS_KEY", "k-123")
            .output()
            .expect("run");
        ok(&out);
    };
    run();
    let requests = seen.lock().expect("log").clone();
    assert_eq!(
        requests.len(),
        3,
        "the opening and two sections: {requests:?}"
    );
    for (path, body, auth) in &requests {
        assert_eq!(path, "/v1/audio/speech");
        assert_eq!(body["model"], "tts-test");
        assert_eq!(body["voice"], "nova");
        assert_eq!(auth, "Bearer k-123");
    }
    let chars: usize = requests
        .iter()
        .map(|(_, b, _)| b["input"].as_str().map_or(0, |t| t.chars().count()))
        .sum();
    let bytes = std::fs::read(dir.path().join("b.wav")).expect("audio");
    let (format, pcm) = herald::audio::wav::read(&bytes).expect("WAV");
    let seconds = pcm.len() as f64 / f64::from(format.byte_rate());
    let expected = chars as f64 / 100.0 + 2.0 * 0.8;
    assert!(
        (seconds - expected).abs() < 0.01,
        "{seconds} s, expected {expected}"
    );
    // Run again: what was already spoken comes from the cache beside the state file.
    std::fs::remove_file(dir.path().join("b.wav")).expect("remove");
    run();
    assert_eq!(seen.lock().expect("log").len(), 3, "nothing spoken twice");
    let again = std::fs::read(dir.path().join("b.wav")).expect("audio again");
    assert_eq!(again, bytes, "the same audio");
}

/// `--audio FILE.mp3`: the WAV encoded by Debian's `lame` (`.ci/run` installs it); an MP3 frame
/// (or an ID3 tag) opens the file, far smaller than the WAV. Skipped where lame or espeak-ng
/// is not installed.
#[test]
fn an_mp3_is_written_through_lame() {
    let lame = std::process::Command::new("lame")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !lame || !espeak() {
        println!("audio: lame or espeak-ng not installed, MP3 check not run");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mp3 = dir.path().join("b.mp3");
    ok(&command()
        .args(["-q", "brief", "--demo", "-o"])
        .arg(dir.path().join("b.md"))
        .arg("--audio")
        .arg(&mp3)
        .output()
        .expect("run"));
    let bytes = std::fs::read(&mp3).expect("mp3");
    // An ID3v2.4 tag with a table of contents and a chapter per section, then MP3 frames.
    assert!(
        bytes.starts_with(b"ID3\x04"),
        "{:02x?}",
        &bytes[..4.min(bytes.len())]
    );
    let size = bytes[6..10]
        .iter()
        .fold(0usize, |n, &x| (n << 7) | usize::from(x));
    let tag = &bytes[..10 + size];
    let chapters: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("b.chapters.json")).expect("chapters"),
    )
    .expect("JSON");
    let n = chapters["chapters"].as_array().map_or(0, Vec::len);
    assert!(n > 3, "{chapters}");
    assert_eq!(tag.windows(4).filter(|w| *w == b"CHAP").count(), n);
    assert_eq!(tag.windows(4).filter(|w| *w == b"CTOC").count(), 1);
    let audio = &bytes[10 + size..];
    assert!(
        audio[0] == 0xFF && audio[1] & 0xE0 == 0xE0,
        "an MP3 frame after the tag"
    );
    // A decoder accepts it whole: lame decodes it back to a WAV of about the same length.
    let decoded = dir.path().join("decoded.wav");
    let status = std::process::Command::new("lame")
        .args(["--quiet", "--decode"])
        .arg(&mp3)
        .arg(&decoded)
        .status()
        .expect("lame --decode");
    assert!(status.success());
    let back = std::fs::read(&decoded).expect("decoded");
    let (f, pcm) = herald::audio::wav::read(&back).expect("a WAV");
    let seconds = pcm.len() as f64 / f64::from(f.byte_rate());
    assert!(seconds > 60.0, "{seconds} s decoded");
    assert!(bytes.len() > 100_000, "{} bytes", bytes.len());
    assert!(dir.path().join("b.chapters.json").exists());
}

/// Editions read aloud are kept with the edition, and `site build` writes their audio, their
/// chapters and `podcast.xml` (RSS 2.0 with an enclosure, iTunes duration and Podcasting 2.0
/// chapters per edition), read back by herald's own parser and by feed-rs.
#[test]
fn the_site_has_a_podcast_of_editions_read_aloud() {
    if !espeak() {
        println!("audio: espeak-ng not installed, podcast check not run");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.sqlite");
    for now in ["2025-09-03T14:42:00Z", "2025-09-04T14:42:00Z"] {
        ok(&command()
            .arg("-q")
            .arg("--state")
            .arg(&state)
            .args(["brief", "--demo", "--window", "48h", "--now", now, "-o"])
            .arg(dir.path().join("b.md"))
            .arg("--audio")
            .arg(dir.path().join("b.wav"))
            .output()
            .expect("run"));
    }
    let site = dir.path().join("site");
    ok(&command()
        .arg("-q")
        .arg("--state")
        .arg(&state)
        .args(["site", "build", "--base-url", "https://news.example.org"])
        .arg(&site)
        .output()
        .expect("site build"));
    let xml = std::fs::read(site.join("podcast.xml")).expect("podcast.xml");
    let ours = herald::parse::parse_feed(&xml, None, None).expect("herald reads it");
    assert_eq!(ours.entries.len(), 2);
    for e in &ours.entries {
        let enclosure = e.enclosures.first().expect("an enclosure");
        assert!(
            enclosure
                .href
                .starts_with("https://news.example.org/2025-09-0"),
            "{enclosure:?}"
        );
    }
    let theirs = feed_rs::parser::parse(&xml[..]).expect("feed-rs reads it");
    assert_eq!(theirs.entries.len(), 2);
    let text = String::from_utf8_lossy(&xml);
    assert!(text.contains("<itunes:duration>00:1"), "{text}");
    assert!(
        text.contains("podcast:chapters url=\"https://news.example.org/2025-09-04.chapters.json\"")
    );
    // `herald show --audio`: an old edition's audio (the one kept with it), as WAV or MP3.
    let old = dir.path().join("sept3.wav");
    ok(&command()
        .arg("-q")
        .arg("--state")
        .arg(&state)
        .args(["show", "2025-09-03", "--audio"])
        .arg(&old)
        .output()
        .expect("show --audio"));
    assert_eq!(
        std::fs::read(&old).expect("old audio"),
        std::fs::read(site.join("2025-09-03.wav")).expect("site audio")
    );
    assert!(dir.path().join("sept3.chapters.json").exists());
    // `herald serve`: a player on the edition's page, and the audio with Range requests.
    let (child, port) = crate::web::serve(&state, "127.0.0.1:0", None);
    let page = http(port, "/2025-09-04", None);
    assert!(
        page.contains("<audio controls preload=\"none\" src=\"/audio/2025-09-04.wav\">"),
        "{page:.400}"
    );
    let whole = std::fs::read(site.join("2025-09-04.wav")).expect("audio");
    let part = http(port, "/audio/2025-09-04.wav", Some("bytes=100-199"));
    assert!(part.starts_with("HTTP/1.1 206"), "{part:.200}");
    assert!(
        part.contains(&format!("content-range: bytes 100-199/{}", whole.len())),
        "{part:.300}"
    );
    let body = http_body(port, "/audio/2025-09-04.wav", "bytes=100-199");
    assert_eq!(body, whole[100..200], "the right bytes");
    let past = http(
        port,
        "/audio/2025-09-04.wav",
        Some(&format!("bytes={}-", whole.len())),
    );
    assert!(past.starts_with("HTTP/1.1 416"), "{past:.200}");
    crate::web::stop(child);
    for day in ["2025-09-03", "2025-09-04"] {
        let (_, pcm) = herald::audio::wav::read(
            &std::fs::read(site.join(format!("{day}.wav"))).expect("audio"),
        )
        .map(|(f, p)| (f, p.len()))
        .expect("a WAV");
        assert!(pcm > 0);
        assert!(site.join(format!("{day}.chapters.json")).exists());
    }
}

/// GET `path` from a server on 127.0.0.1, with a Range header when given: the raw answer, its
/// headers lower-cased.
fn http(port: u16, path: &str, range: Option<&str>) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let range = range.map(|r| format!("Range: {r}\r\n")).unwrap_or_default();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{range}Connection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    match text.split_once("\r\n\r\n") {
        Some((head, body)) => format!(
            "{}\r\n\r\n{body}",
            head.to_ascii_lowercase()
                .replacen("http/1.1", "HTTP/1.1", 1)
        ),
        None => text,
    }
}

/// The body of a ranged GET, as bytes.
fn http_body(port: u16, path: &str, range: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: {range}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |i| i + 4);
    raw[split..].to_vec()
}

/// `[audio] enabled`: every briefing is read aloud beside its output file, in the format
/// the config names.
#[test]
fn enabled_audio_goes_beside_the_output() {
    if !espeak() {
        println!("audio: espeak-ng not installed, not run");
        return;
    }
    let (dir, config) = crate::support::config_dir(
        "demo/feeds/npr-top-stories.xml",
        "npr.xml",
        "timezone = \"UTC\"\nwindow = \"24h\"\noutput = \"notes/{date}.md\"\n[audio]\nenabled = true\nformat = \"wav\"\n[[section]]\ntitle = \"News\"\nfull_text = \"never\"\nfeeds = [\"npr.xml\"]\n",
    );
    ok(&command()
        .args(["--no-state", "-q", "brief", "--config"])
        .arg(&config)
        .args(["--now", "2025-09-03T14:42:00Z"])
        .output()
        .expect("run"));
    let notes = dir.path().join("notes");
    assert!(notes.join("2025-09-03.md").exists());
    let wav = std::fs::read(notes.join("2025-09-03.wav")).expect("audio beside the note");
    assert!(herald::audio::wav::read(&wav).is_ok());
    assert!(notes.join("2025-09-03.chapters.json").exists());
}

/// A command engine that writes a file rather than stdout (as Piper does with several
/// lines): `{out}` names a temporary file herald reads back.
#[test]
fn a_command_engine_may_write_a_file() {
    if !espeak() {
        println!("audio: espeak-ng not installed, not run");
        return;
    }
    let (dir, config) = crate::support::config_dir(
        "demo/feeds/npr-top-stories.xml",
        "npr.xml",
        "timezone = \"UTC\"\nwindow = \"24h\"\n[audio]\nengine = \"command\"\ncommand = [\"sh\", \"-c\", \"espeak-ng --stdin -w \\\"$0\\\"\", \"{out}\"]\n[[section]]\ntitle = \"News\"\nfull_text = \"never\"\nfeeds = [\"npr.xml\"]\n",
    );
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
    let wav = std::fs::read(dir.path().join("b.wav")).unwrap_or_default();
    assert!(
        herald::audio::wav::read(&wav).is_ok_and(|(_, pcm)| !pcm.is_empty()),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Pushes go out after the audio is made, so they link the episode on the site: ntfy as an
/// action button, Discord as a line, a webhook in its JSON.
#[test]
fn pushes_link_the_episode() {
    if !espeak() {
        println!("audio: espeak-ng not installed, not run");
        return;
    }
    let (server, log) = crate::notify::services();
    let (dir, config) = crate::support::config_dir(
        "demo/feeds/npr-top-stories.xml",
        "npr.xml",
        &format!(
            "timezone = \"UTC\"\nwindow = \"24h\"\n[site]\ndir = \"site\"\nbase_url = \"https://news.example.org/daily/\"\n[[section]]\ntitle = \"News\"\nfull_text = \"never\"\nfeeds = [\"npr.xml\"]\n[[notify]]\nkind = \"ntfy\"\nurl = \"{}\"\n[[notify]]\nkind = \"discord\"\nurl = \"{}\"\n[[notify]]\nkind = \"webhook\"\nurl = \"{}\"\n",
            server.url("/ntfy/morning"),
            server.url("/api/webhooks/1/x"),
            server.url("/hook"),
        ),
    );
    let out = brief_with_audio(dir.path(), &config).output().expect("run");
    ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("notified 3 endpoints"), "{stderr}");
    let episode = "https://news.example.org/daily/2025-09-03.wav";
    assert!(
        dir.path().join("site/2025-09-03.wav").exists(),
        "the site holds the episode the pushes link"
    );
    let log = log.lock().expect("log").clone();
    let ntfy = log.iter().find(|r| r.0 == "/ntfy/morning").expect("ntfy");
    let action = ntfy.1.get("actions").expect("an action button");
    assert!(action.starts_with("view, Listen ("), "{action}");
    assert!(action.ends_with(&format!(" min), {episode}")), "{action}");
    let discord = log
        .iter()
        .find(|r| r.0 == "/api/webhooks/1/x")
        .expect("discord");
    assert!(
        discord.2.contains(&format!("(<{episode}>)")),
        "{}",
        discord.2
    );
    let hook = log.iter().find(|r| r.0 == "/hook").expect("webhook");
    let json: serde_json::Value = serde_json::from_str(&hook.2).expect("json");
    assert_eq!(json["audio"]["url"], episode);
    assert!(json["audio"]["seconds"].as_u64().is_some_and(|s| s > 5));
}
