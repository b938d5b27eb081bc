//! Mail delivery against an SMTP server on 127.0.0.1 started by the test: the message carries
//! the briefing as text and HTML, a refused mail is an error that loses nothing, and a bad
//! `[email]` section is named with its line.

use std::path::{Path, PathBuf};

use mail_parser::MessageParser;

use crate::support::{SmtpServer, config_dir, herald};

use crate::support::NOW;

/// A config reading the NPR sample feed and mailing through `port`.
fn setup(port: u16, email_extra: &str) -> (tempfile::TempDir, PathBuf) {
    config_dir(
        "demo/feeds/npr-top-stories.xml",
        "npr.xml",
        &format!(
            "title = \"Morning News\"\ntimezone = \"America/Toronto\"\nwindow = \"since-last\"\n\
             [email]\nfrom = \"herald <herald@example.com>\"\nto = [\"ada@example.com\", \"Bob <bob@example.com>\"]\n\
             server = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\ntimeout_secs = 5\n{email_extra}\n\
             [[section]]\nfull_text = \"never\"\ntitle = \"U.S.\"\nmax_items = 3\nfeeds = [\"npr.xml\"]\n"
        ),
    )
}

fn brief(dir: &Path, config: &Path, extra: &[&str]) -> std::process::Output {
    let state = dir.join("state.sqlite");
    let out = dir.join("brief.md");
    let mut args = vec![
        "brief",
        "--config",
        config.to_str().expect("path"),
        "--state",
        state.to_str().expect("path"),
        "--now",
        NOW,
        "--output",
        out.to_str().expect("path"),
    ];
    args.extend(extra);
    herald(&args)
}

#[test]
fn the_briefing_arrives_as_text_and_html() {
    let server = SmtpServer::start(false);
    let (dir, config) = setup(server.port, "");
    let out = brief(dir.path(), &config, &[]);
    crate::support::ok(&out);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("mailed to ada@example.com, bob@example.com")
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "one message for all recipients");
    let m = MessageParser::default()
        .parse(messages[0].as_bytes())
        .expect("a well-formed message");
    assert_eq!(m.subject(), Some("Morning News — 2025-09-03"));
    let from = m.from().and_then(|a| a.first()).expect("from");
    assert_eq!(from.address(), Some("herald@example.com"));
    let to: Vec<&str> = m
        .to()
        .map(|a| a.iter().filter_map(|x| x.address()).collect())
        .unwrap_or_default();
    assert_eq!(to, ["ada@example.com", "bob@example.com"]);
    let text = m.body_text(0).expect("text part");
    let html = m.body_html(0).expect("HTML part");
    // The same stories as the file on disk.
    let md = std::fs::read_to_string(dir.path().join("brief.md")).expect("file written too");
    let headline =
        "With federal money in doubt, California's high-speed train seeks a new path forward";
    assert!(md.contains(headline));
    assert!(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(headline)
    );
    assert!(html.contains("With federal money in doubt, California&#x27;s high-speed train"));
    assert!(html.contains("<!DOCTYPE html>") && !html.contains("<script"));
}

#[test]
fn a_refused_mail_fails_the_run_and_loses_nothing() {
    let refusing = SmtpServer::start(true);
    let (dir, config) = setup(refusing.port, "");
    let out = brief(dir.path(), &config, &[]);
    assert!(
        !out.status.success(),
        "a briefing nobody received is a failure"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "cannot send the briefing through 127.0.0.1:{}",
            refusing.port
        )) && err.contains("550"),
        "{err}"
    );
    assert!(refusing.messages().is_empty());

    // Next morning the server takes it: the stories the failed run would have shown are there.
    let accepting = SmtpServer::start(false);
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(
        &config,
        text.replace(
            &format!("port = {}", refusing.port),
            &format!("port = {}", accepting.port),
        ),
    )
    .expect("rewrite");
    let out = brief(dir.path(), &config, &[]);
    crate::support::ok(&out);
    let m = MessageParser::default()
        .parse(accepting.messages()[0].as_bytes())
        .expect("message")
        .body_text(0)
        .expect("text")
        .into_owned();
    assert!(
        m.contains("high-speed train"),
        "the items of the failed run were not marked shown: {m}"
    );
}

#[test]
fn the_readers_html_template_is_the_mails_html_part() {
    let server = SmtpServer::start(false);
    let (dir, config) = setup(server.port, "");
    let template = dir.path().join("mine.html");
    std::fs::write(&template, "<p>Mine: {{ sections[0].entries[0].title }}</p>").expect("write");
    let out = brief(
        dir.path(),
        &config,
        &["--template", template.to_str().expect("path")],
    );
    crate::support::ok(&out);
    let message = &server.messages()[0];
    let m = MessageParser::default()
        .parse(message.as_bytes())
        .expect("message");
    let html = m.body_html(0).expect("HTML part");
    assert!(html.starts_with("<p>Mine: "), "{html}");
    let text = m.body_text(0).expect("text part");
    assert!(
        text.starts_with("Morning News — "),
        "the text part stays the built-in one: {text}"
    );
}

#[test]
fn no_email_skips_the_mail() {
    let server = SmtpServer::start(false);
    let (dir, config) = setup(server.port, "");
    let out = brief(dir.path(), &config, &["--no-email"]);
    assert!(out.status.success());
    assert!(server.messages().is_empty());
    assert!(dir.path().join("brief.md").exists());
}

#[test]
fn a_bad_email_section_is_named_with_its_line() {
    for (from, to, expected) in [
        (
            "security = \"none\"",
            "security = \"ssl\"",
            "unknown security 'ssl'",
        ),
        ("ada@example.com", "ada-at-example", "is not a mail address"),
    ] {
        let (dir, config) = setup(25, "");
        let text = std::fs::read_to_string(&config).expect("config");
        std::fs::write(&config, text.replace(from, to)).expect("write");
        let out = brief(dir.path(), &config, &[]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("config.toml:4:") && err.contains("[email]") && err.contains(expected),
            "{err}"
        );
    }
}
