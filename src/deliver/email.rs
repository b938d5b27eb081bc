//! The briefing by mail: one message with a plain-text and an HTML part (the reader's mail
//! program shows whichever it prefers), sent over SMTP with TLS (lettre, rustls).

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart, SinglePart, header};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (SMTPS, port 465 by default).
    Tls,
    /// Plain, then upgraded with STARTTLS, refusing to go on if the server cannot (port 587).
    StartTls,
    /// No encryption (port 25): only for a relay on this machine or a test server.
    None,
}

impl std::str::FromStr for Security {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "tls" => Ok(Security::Tls),
            "starttls" => Ok(Security::StartTls),
            "none" => Ok(Security::None),
            other => Err(format!(
                "unknown security '{other}': expected \"starttls\", \"tls\" or \"none\""
            )),
        }
    }
}

/// The `[email]` section of the config, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct EmailConfig {
    pub from: Mailbox,
    pub to: Vec<Mailbox>,
    pub server: String,
    pub port: u16,
    pub security: Security,
    pub username: Option<String>,
    /// The environment variable holding the password (never the password itself in the file).
    pub password_env: Option<String>,
    /// The subject; `{title}` and `{date}` are filled in.
    pub subject: String,
    pub timeout_secs: u64,
}

impl EmailConfig {
    /// The port a security mode uses unless one is given.
    pub fn default_port(security: Security) -> u16 {
        match security {
            Security::Tls => 465,
            Security::StartTls => 587,
            Security::None => 25,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    #[error("the SMTP password variable {0} is not set (export it, or remove password_env)")]
    MissingPassword(String),
    #[error(
        "refusing to send the SMTP password to {0} unencrypted: use security = \"starttls\" or \"tls\""
    )]
    PlaintextPassword(String),
    #[error("cannot build the message: {0}")]
    Build(String),
    #[error("cannot send the briefing through {server}:{port}: {message}")]
    Send {
        server: String,
        port: u16,
        message: String,
    },
}

/// The subject line: `{title}` and `{date}` filled in.
pub fn subject(template: &str, title: &str, date: &str) -> String {
    template.replace("{title}", title).replace("{date}", date)
}

/// Builds the message: plain text first, HTML second (the preferred part comes last).
pub fn message(
    config: &EmailConfig,
    subject: &str,
    text: &str,
    html: &str,
) -> Result<Message, EmailError> {
    let mut builder = Message::builder()
        .from(config.from.clone())
        .subject(subject)
        .header(header::MIME_VERSION_1_0)
        .user_agent(format!("herald/{}", env!("CARGO_PKG_VERSION")));
    for to in &config.to {
        builder = builder.to(to.clone());
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::plain(text.to_string()))
                .singlepart(SinglePart::html(html.to_string())),
        )
        .map_err(|e| EmailError::Build(e.to_string()))
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Sends the briefing. Waits at most `timeout_secs` for each step of the conversation.
pub fn send(config: &EmailConfig, subject: &str, text: &str, html: &str) -> Result<(), EmailError> {
    let email = message(config, subject, text, html)?;
    let failed = |e: &dyn std::fmt::Display| EmailError::Send {
        server: config.server.clone(),
        port: config.port,
        message: e.to_string(),
    };
    let mut builder = match config.security {
        Security::Tls => SmtpTransport::relay(&config.server).map_err(|e| failed(&e))?,
        Security::StartTls => {
            SmtpTransport::starttls_relay(&config.server).map_err(|e| failed(&e))?
        }
        Security::None => SmtpTransport::builder_dangerous(&config.server),
    }
    .port(config.port)
    .timeout(Some(Duration::from_secs(config.timeout_secs)));
    if let Some(user) = &config.username {
        let password = match &config.password_env {
            Some(var) => {
                std::env::var(var).map_err(|_| EmailError::MissingPassword(var.clone()))?
            }
            None => String::new(),
        };
        if config.security == Security::None && !is_loopback(&config.server) {
            return Err(EmailError::PlaintextPassword(config.server.clone()));
        }
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    builder.build().send(&email).map_err(|e| failed(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> EmailConfig {
        EmailConfig {
            from: "herald <herald@example.com>".parse().expect("mailbox"),
            to: vec!["reader@example.com".parse().expect("mailbox")],
            server: "smtp.example.com".into(),
            port: 25,
            security: Security::None,
            username: None,
            password_env: None,
            subject: "{title} — {date}".into(),
            timeout_secs: 5,
        }
    }

    #[test]
    fn the_message_has_both_parts_and_the_headers() {
        let m = message(
            &config(),
            &subject("{title} — {date}", "Morning", "2025-09-03"),
            "plain words",
            "<p>html words</p>",
        )
        .expect("message");
        let raw = String::from_utf8(m.formatted()).expect("utf-8");
        assert!(raw.contains("From: herald <herald@example.com>"), "{raw}");
        assert!(raw.contains("To: reader@example.com"), "{raw}");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("text/plain"), "{raw}");
        assert!(raw.contains("text/html"), "{raw}");
        assert!(
            raw.find("text/plain") < raw.find("text/html"),
            "HTML, the preferred part, comes last"
        );
    }

    #[test]
    fn a_password_is_never_sent_in_the_clear_to_another_machine() {
        let mut c = config();
        c.username = Some("me".into());
        let e = send(&c, "s", "t", "h").expect_err("refused");
        assert!(
            matches!(e, EmailError::PlaintextPassword(ref s) if s == "smtp.example.com"),
            "{e}"
        );
        c.password_env = Some("HERALD_TEST_SURELY_UNSET_VARIABLE".into());
        let e = send(&c, "s", "t", "h").expect_err("missing");
        assert!(
            e.to_string().contains("HERALD_TEST_SURELY_UNSET_VARIABLE"),
            "{e}"
        );
    }

    #[test]
    fn security_modes_and_ports() {
        assert_eq!("starttls".parse(), Ok(Security::StartTls));
        assert_eq!(EmailConfig::default_port(Security::Tls), 465);
        assert_eq!(EmailConfig::default_port(Security::StartTls), 587);
        assert!("ssl".parse::<Security>().is_err());
    }
}
