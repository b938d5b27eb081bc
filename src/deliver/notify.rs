//! Push: the morning's headlines where people look — ntfy, a webhook, Slack, Discord or
//! Telegram — sent after the briefing is written. Each endpoint gets one message in its own
//! shape, cut cleanly to its length limit with "+N more"; a failing endpoint is retried, then
//! named on stderr (by its kind and host only: webhook URLs and bot tokens are secrets), and it
//! never costs the briefing or the other endpoints.

use std::time::Duration;

use crate::model::Briefing;

/// Which service an endpoint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ntfy,
    Webhook,
    Slack,
    Discord,
    Telegram,
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        match s {
            "ntfy" => Ok(Kind::Ntfy),
            "webhook" => Ok(Kind::Webhook),
            "slack" => Ok(Kind::Slack),
            "discord" => Ok(Kind::Discord),
            "telegram" => Ok(Kind::Telegram),
            other => Err(format!(
                "unknown notify kind '{other}': expected ntfy, webhook, slack, discord or telegram"
            )),
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::Ntfy => "ntfy",
            Kind::Webhook => "webhook",
            Kind::Slack => "slack",
            Kind::Discord => "discord",
            Kind::Telegram => "telegram",
        })
    }
}

/// One `[[notify]]` entry, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyConfig {
    pub kind: Kind,
    /// ntfy: server and topic; webhook, Slack, Discord: the hook's URL. Unused for Telegram.
    pub url: Option<String>,
    /// The environment variable holding a token (ntfy access token, Telegram bot token).
    pub token_env: Option<String>,
    /// Telegram: the chat to post to.
    pub chat_id: Option<String>,
    /// Telegram: the Bot API's base (default the public API).
    pub api_base: String,
    /// Webhook: extra headers; each value names an environment variable holding it.
    pub headers_env: Vec<(String, String)>,
    /// Only these sections (by title); all when empty.
    pub sections: Vec<String>,
    /// The `[site]` base URL, when the config has one: ntfy's click opens the edition's page.
    pub site_url: Option<String>,
}

/// The public Telegram Bot API.
pub const TELEGRAM_API: &str = "https://api.telegram.org";

/// Why one endpoint got nothing. Messages never hold a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} ({host}): {reason}")]
pub struct NotifyError {
    pub kind: Kind,
    /// The endpoint's host (never its path or query, which may hold a secret).
    pub host: String,
    pub reason: String,
}

/// A section's title and its entries' (title, link).
type Headlines<'a> = (&'a str, Vec<(&'a str, Option<&'a str>)>);

/// The headlines a message carries, for the sections chosen.
fn headlines<'a>(b: &'a Briefing, only: &[String]) -> Vec<Headlines<'a>> {
    b.sections
        .iter()
        .filter(|s| only.is_empty() || only.iter().any(|o| o.eq_ignore_ascii_case(&s.title)))
        .filter(|s| !s.entries.is_empty())
        .map(|s| {
            let entries = s
                .entries
                .iter()
                .map(|e| (e.title.as_str(), e.link.as_deref()))
                .collect();
            (s.title.as_str(), entries)
        })
        .collect()
}

/// The message's heading: "Morning News Briefing — Wednesday, 3 September 2025".
fn heading(b: &Briefing) -> String {
    crate::site::edition_title(b)
}

/// The episode's address and its label ("Listen (3 min)"), when the edition was read aloud and
/// the endpoint knows the site it is published on.
fn listen(n: &NotifyConfig, b: &Briefing) -> Option<(String, String)> {
    let audio = b.audio.as_ref()?;
    let base = n.site_url.as_deref()?;
    let url = format!("{}/{}", base.trim_end_matches('/'), audio.file);
    let minutes = audio.seconds.div_ceil(60).max(1);
    let label = crate::locale::Locale::or_english(&b.locale)
        .t("site.listen")
        .replace("{n}", &minutes.to_string());
    Some((url, label))
}

/// "+3 more" in the briefing's language ("+3 autres").
fn more_label(b: &Briefing, k: usize) -> String {
    let l = crate::locale::Locale::or_english(&b.locale);
    l.t("section.more")
        .replace("{n}", &k.to_string())
        .trim_end_matches([':', ' '])
        .to_string()
}

/// Lines of text, kept whole, until `limit` characters; the rest is counted as "+N more".
fn fit(lines: Vec<String>, limit: usize, more: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let rest = lines.len() - i;
        let tail = more(rest);
        let needed = out.chars().count() + line.chars().count() + 1;
        if needed + tail.chars().count() + 1 > limit && i > 0 || line.chars().count() + 1 > limit {
            out.push_str(&tail);
            return out;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// A plain-text list of headlines, one section a line-group (ntfy, Slack's fallback text).
fn plain_lines(b: &Briefing, only: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    for (section, entries) in headlines(b, only) {
        lines.push(format!("{section}:"));
        lines.extend(entries.iter().map(|(t, _)| format!("• {t}")));
    }
    lines
}

fn escape_slack(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Discord Markdown: escape what it reads as markup; links in angle brackets (no previews).
fn escape_discord(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '[' | ']' | '(' | ')' | '<' | '>' | '#' | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One request for an endpoint: URL, headers and body.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Reads the environment variable `name` (when one is named) through `env`.
type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

fn secret(env: Env<'_>, name: &Option<String>) -> Result<Option<String>, String> {
    match name {
        None => Ok(None),
        Some(var) => env(var)
            .filter(|v| !v.is_empty())
            .map(Some)
            .ok_or_else(|| format!("the environment variable {var} is not set")),
    }
}

fn content_json() -> (String, String) {
    ("Content-Type".to_string(), "application/json".to_string())
}

/// Builds the request for one endpoint. `env` reads an environment variable (so tests and the
/// caller decide where secrets come from).
pub fn request(n: &NotifyConfig, b: &Briefing, env: Env<'_>) -> Result<Outgoing, String> {
    let url = || {
        n.url
            .clone()
            .ok_or_else(|| format!("{} needs a url", n.kind))
    };
    match n.kind {
        Kind::Ntfy => ntfy(n, b, env, url()?),
        Kind::Webhook => webhook(n, b, env, url()?),
        Kind::Slack => Ok(slack(n, b, url()?)),
        Kind::Discord => Ok(discord(n, b, url()?)),
        Kind::Telegram => telegram(n, b, env),
    }
}

fn ntfy(n: &NotifyConfig, b: &Briefing, env: Env<'_>, url: String) -> Result<Outgoing, String> {
    let mut headers = vec![("Title".to_string(), heading(b))];
    let edition = n.site_url.as_deref().map(|base| {
        format!(
            "{}/{}.html",
            base.trim_end_matches('/'),
            b.date.strftime("%Y-%m-%d")
        )
    });
    if let Some(link) = edition.or_else(|| first_link(b, &n.sections).map(str::to_string)) {
        headers.push(("Click".to_string(), link));
    }
    // ntfy's action button; its header is `view, label, url` (commas and semicolons split it).
    if let Some((url, label)) = listen(n, b)
        && !url.contains([',', ';', '"'])
    {
        let label = label.replace([',', ';', '"'], " ");
        headers.push(("Actions".to_string(), format!("view, {label}, {url}")));
    }
    if let Some(token) = secret(env, &n.token_env)? {
        headers.push(("Authorization".to_string(), format!("Bearer {token}")));
    }
    let body = fit(plain_lines(b, &n.sections), 3_800, |k| more_label(b, k));
    Ok(Outgoing {
        url,
        headers,
        body: body.into_bytes(),
    })
}

fn webhook(n: &NotifyConfig, b: &Briefing, env: Env<'_>, url: String) -> Result<Outgoing, String> {
    let mut headers = vec![content_json()];
    for (name, var) in &n.headers_env {
        let value = secret(env, &Some(var.clone()))?.unwrap_or_default();
        headers.push((name.clone(), value));
    }
    let mut document = crate::render::json::document(b);
    if let (Some(audio), Some(fields)) = (&b.audio, document.as_object_mut()) {
        let link = listen(n, b).map(|(url, _)| url);
        fields.insert(
            "audio".to_string(),
            serde_json::json!({"file": audio.file, "seconds": audio.seconds, "url": link}),
        );
    }
    let body = serde_json::to_vec(&document).unwrap_or_default();
    Ok(Outgoing { url, headers, body })
}

fn slack(n: &NotifyConfig, b: &Briefing, url: String) -> Outgoing {
    let mut blocks = vec![serde_json::json!({
        "type": "header",
        "text": {"type": "plain_text", "text": heading(b).chars().take(150).collect::<String>()}
    })];
    for (section, entries) in headlines(b, &n.sections) {
        let lines: Vec<String> = entries
            .iter()
            .map(|(t, l)| match l {
                Some(l) => format!("• <{}|{}>", l, escape_slack(t)),
                None => format!("• {}", escape_slack(t)),
            })
            .collect();
        let text = fit(lines, 2_900, |k| format!("_{}_", more_label(b, k)));
        blocks.push(serde_json::json!({
            "type": "section",
            "text": {"type": "mrkdwn", "text": format!("*{}*\n{}", escape_slack(section), text)}
        }));
    }
    blocks.truncate(49);
    let mut text = fit(plain_lines(b, &n.sections), 3_000, |k| more_label(b, k));
    if let Some((url, label)) = listen(n, b) {
        blocks.push(serde_json::json!({
            "type": "section",
            "text": {"type": "mrkdwn", "text": format!("🎧 <{}|{}>", url, escape_slack(&label))}
        }));
        text = format!("🎧 {label}: {url}\n{text}");
    }
    let body = serde_json::json!({"text": format!("{}\n{}", heading(b), text), "blocks": blocks});
    Outgoing {
        url,
        headers: vec![content_json()],
        body: body.to_string().into_bytes(),
    }
}

fn discord(n: &NotifyConfig, b: &Briefing, url: String) -> Outgoing {
    let mut lines = vec![format!("**{}**", escape_discord(&heading(b)))];
    if let Some((url, label)) = listen(n, b) {
        lines.push(format!("🎧 [{}](<{}>)", escape_discord(&label), url));
    }
    for (section, entries) in headlines(b, &n.sections) {
        lines.push(format!("__{}__", escape_discord(section)));
        lines.extend(entries.iter().map(|(t, l)| match l {
            Some(l) => format!("• [{}](<{}>)", escape_discord(t), l),
            None => format!("• {}", escape_discord(t)),
        }));
    }
    let content = fit(lines, 2_000, |k| more_label(b, k));
    let body = serde_json::json!({"content": content, "allowed_mentions": {"parse": []}});
    Outgoing {
        url,
        headers: vec![content_json()],
        body: body.to_string().into_bytes(),
    }
}

fn telegram(n: &NotifyConfig, b: &Briefing, env: Env<'_>) -> Result<Outgoing, String> {
    let token = secret(env, &n.token_env)?.ok_or("telegram needs token_env")?;
    let chat = n.chat_id.clone().ok_or("telegram needs chat_id")?;
    let mut lines = vec![format!("<b>{}</b>", escape_html(&heading(b)))];
    if let Some((url, label)) = listen(n, b) {
        lines.push(format!(
            "🎧 <a href=\"{}\">{}</a>",
            escape_html(&url).replace('"', "&quot;"),
            escape_html(&label)
        ));
    }
    for (section, entries) in headlines(b, &n.sections) {
        lines.push(format!("<b>{}</b>", escape_html(section)));
        lines.extend(entries.iter().map(|(t, l)| match l {
            Some(l) => format!(
                "• <a href=\"{}\">{}</a>",
                escape_html(l).replace('"', "&quot;"),
                escape_html(t)
            ),
            None => format!("• {}", escape_html(t)),
        }));
    }
    let text = fit(lines, 4_096, |k| more_label(b, k));
    let body = serde_json::json!({
        "chat_id": chat,
        "text": text,
        "parse_mode": "HTML",
        "disable_web_page_preview": true
    });
    let base = n.api_base.trim_end_matches('/');
    Ok(Outgoing {
        url: format!("{base}/bot{token}/sendMessage"),
        headers: vec![content_json()],
        body: body.to_string().into_bytes(),
    })
}

/// The link of the briefing's first headline (ntfy's click target).
fn first_link<'a>(b: &'a Briefing, only: &[String]) -> Option<&'a str> {
    headlines(b, only)
        .into_iter()
        .flat_map(|(_, e)| e)
        .find_map(|(_, l)| l)
}

/// The host of an endpoint, for messages (never the path, which may hold a secret).
fn host_of(n: &NotifyConfig) -> String {
    let url = match n.kind {
        Kind::Telegram => n.api_base.clone(),
        _ => n.url.clone().unwrap_or_default(),
    };
    url::Url::parse(&url)
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| u.port().map_or(h.to_string(), |p| format!("{h}:{p}")))
        })
        .unwrap_or_else(|| "no address".to_string())
}

/// Sends the briefing to every endpoint at once; each failure is returned, none stops another.
/// Each endpoint is tried up to three times (1 s, then 2 s apart) within `timeout` a try.
pub fn send_all(endpoints: &[NotifyConfig], b: &Briefing, timeout: Duration) -> Vec<NotifyError> {
    if endpoints.is_empty() {
        return Vec::new();
    }
    let env = |var: &str| std::env::var(var).ok();
    let fail = |n: &NotifyConfig, reason: String| NotifyError {
        kind: n.kind,
        host: host_of(n),
        reason,
    };
    let client = match reqwest::Client::builder()
        .timeout(timeout)
        .user_agent(crate::fetch::user_agent())
        .build()
    {
        Ok(c) => c,
        Err(e) => return endpoints.iter().map(|n| fail(n, e.to_string())).collect(),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return endpoints.iter().map(|n| fail(n, e.to_string())).collect(),
    };
    runtime.block_on(async {
        let sends = endpoints.iter().map(|n| {
            let client = &client;
            async move {
                let out = request(n, b, &env).map_err(|e| fail(n, e))?;
                send_with_retries(client, &out)
                    .await
                    .map_err(|e| fail(n, e))
            }
        });
        futures::future::join_all(sends)
            .await
            .into_iter()
            .filter_map(Result::err)
            .collect()
    })
}

async fn send_with_retries(client: &reqwest::Client, out: &Outgoing) -> Result<(), String> {
    let mut last = String::new();
    for attempt in 0..3u32 {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_secs(u64::from(attempt))).await;
        }
        let mut req = client.post(&out.url).body(out.body.clone());
        for (k, v) in &out.headers {
            req = req.header(k, v);
        }
        match req.send().await {
            Ok(r) if r.status().is_success() => return Ok(()),
            Ok(r) if r.status().is_client_error() && r.status().as_u16() != 429 => {
                return Err(format!("refused with HTTP {}", r.status().as_u16()));
            }
            Ok(r) => last = format!("HTTP {}", r.status().as_u16()),
            // reqwest's messages quote the URL, which may hold a token: say only what failed.
            Err(e) if e.is_timeout() => last = "timed out".to_string(),
            Err(e) if e.is_connect() => last = "could not connect".to_string(),
            Err(_) => last = "the request failed".to_string(),
        }
    }
    Err(format!("{last} (tried 3 times)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_cut_whole_with_a_count() {
        let lines: Vec<String> = (0..100).map(|i| format!("• headline number {i}")).collect();
        let text = fit(lines, 200, |k| format!("+{k} more"));
        assert!(text.chars().count() <= 200, "{}", text.len());
        assert!(text.ends_with("more"));
        assert!(text.contains("• headline number 0\n"));
        let n: usize = text
            .rsplit('+')
            .next()
            .and_then(|t| t.split(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("count");
        let shown = text.lines().filter(|l| l.starts_with('•')).count();
        assert_eq!(shown + n, 100, "every headline is shown or counted");
    }

    #[test]
    fn discord_and_telegram_escape_what_they_must() {
        assert_eq!(
            escape_discord("a_b *c* @everyone"),
            "a\\_b \\*c\\* \\@everyone"
        );
        assert_eq!(escape_html("<b>&"), "&lt;b&gt;&amp;");
    }
}
