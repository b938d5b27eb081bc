//! The config file: what to fetch, how to group it, where to write the briefing.
//!
//! TOML, read with serde. Every error names the file, the line and column, and what was expected,
//! because a cron job that fails at 6 a.m. must say exactly what to fix.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::model::FeedSource;

mod read;
pub use read::normalize_location;
use read::{FeedEntry, Source, parse_full_text};

/// Why a config could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

/// Which items a briefing covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(try_from = "String")]
pub enum Window {
    /// Items published in the `hours` before the briefing ("24h", "3d", "1w").
    Last { hours: u32 },
    /// Items first seen since the previous briefing (capped at 3 days).
    #[default]
    SinceLast,
}

impl Window {
    /// The usual window: the last 24 hours.
    pub const DAY: Window = Window::Last { hours: 24 };
    /// The longest window: a month, within the store's default 90-day retention.
    pub const MAX_HOURS: u32 = 31 * 24;
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Window::SinceLast => f.write_str("since-last"),
            Window::Last { hours } => match crate::span::Span::from_hours(*hours) {
                Some(span) => span.fmt(f),
                None => write!(f, "{hours}h"),
            },
        }
    }
}

impl std::str::FromStr for Window {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "since-last" {
            return Ok(Window::SinceLast);
        }
        let max =
            crate::span::Span::from_hours(Window::MAX_HOURS).unwrap_or(crate::span::Span::CENTURY);
        crate::span::Span::parse(s, max)
            .map(|span| Window::Last { hours: span.hours() })
            .map_err(|_| {
                format!(
                    "unknown window '{s}': expected since-last, or a span such as 24h, 3d or 1w (at most 31 days)"
                )
            })
    }
}

impl TryFrom<String> for Window {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeather {
    /// An Environment Canada city feed or citypage XML, or an Open-Meteo forecast URL.
    feed: Option<String>,
    /// Tried in order when the sources before them fail.
    #[serde(default)]
    fallback: Vec<String>,
    /// For Open-Meteo without writing its URL: the place's coordinates.
    latitude: Option<f64>,
    longitude: Option<f64>,
    /// The place's name as the briefing should show it.
    name: Option<String>,
    #[serde(default)]
    units: crate::weather::Units,
    #[serde(default = "default_weather_emoji")]
    emoji: String,
}

fn default_weather_emoji() -> String {
    "🌤️".to_string()
}

/// Network limits; every key optional.
///
/// The defaults make a normal subscription list one round trip: up to 256 feeds in flight (a
/// socket is cheap, and every body is capped), and 6 at once per host, as browsers do, so
/// several feeds from one publisher (NPR's sections, a Substack author's feeds) do not queue.
/// Hosts that rate-limit get their own limit: `[fetch.hosts."reddit.com"] per_host = 1`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FetchConfig {
    /// Feeds fetched at once (default 256).
    #[serde(default = "default_concurrency")]
    pub concurrency: usize,
    /// Requests at once to one host (default 6).
    #[serde(default = "default_per_host")]
    pub per_host: usize,
    /// Seconds per request (default 10).
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    /// Largest response accepted, after decompression, in MiB (default 10).
    #[serde(default = "default_max_mib")]
    pub max_body_mib: usize,
    /// Limits for particular hosts (a host and its subdomains), by host name.
    #[serde(default)]
    pub hosts: std::collections::BTreeMap<String, HostLimits>,
    /// Article pages read at most per run, so a huge feed cannot turn a morning into a crawl
    /// (default 30).
    #[serde(default = "default_max_articles")]
    pub max_articles: usize,
    /// Read loopback, private and link-local addresses for any feed or page, not only for
    /// the origins the config names (default false; see `fetch::guard`).
    #[serde(default)]
    pub allow_private: bool,
    /// Seconds a run may spend fetching in all (feeds, then articles, each); what is not read
    /// by then is reported, so hosts that never answer cannot hold a morning (default 45).
    #[serde(default = "default_deadline")]
    pub deadline_secs: u64,
    /// Names pinned to an address, as curl's `--resolve` (`"news.example" = "10.0.0.5"`), or
    /// blocked (`"tracker.example" = "none"`).
    #[serde(default, deserialize_with = "pinned_names")]
    pub resolve: std::collections::BTreeMap<String, Option<std::net::IpAddr>>,
}

fn default_deadline() -> u64 {
    45
}

/// `[fetch.resolve]`: each value an IP address or "none".
fn pinned_names<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, Option<std::net::IpAddr>>, D::Error> {
    use serde::de::Error;
    let raw: std::collections::BTreeMap<String, String> = Deserialize::deserialize(d)?;
    raw.into_iter()
        .map(|(name, addr)| {
            let value = if addr.trim().eq_ignore_ascii_case("none") {
                None
            } else {
                Some(addr.trim().parse().map_err(|_| {
                    D::Error::custom(format!(
                        "[fetch.resolve] \"{name}\" = \"{addr}\": expected an IP address or \"none\""
                    ))
                })?)
            };
            Ok((name.to_ascii_lowercase(), value))
        })
        .collect()
}

fn default_max_articles() -> usize {
    30
}

/// One host's own limits.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct HostLimits {
    /// Requests at once to this host.
    pub per_host: usize,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            concurrency: default_concurrency(),
            per_host: default_per_host(),
            timeout_secs: default_timeout(),
            max_body_mib: default_max_mib(),
            hosts: std::collections::BTreeMap::new(),
            max_articles: default_max_articles(),
            allow_private: false,
            deadline_secs: default_deadline(),
            resolve: std::collections::BTreeMap::new(),
        }
    }
}

fn default_concurrency() -> usize {
    256
}
fn default_per_host() -> usize {
    6
}
fn default_timeout() -> u64 {
    10
}
fn default_max_mib() -> usize {
    10
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummarizer {
    /// "extractive" (the default) or "openai-compatible".
    kind: String,
    base_url: Option<String>,
    model: Option<String>,
    api_key_env: Option<String>,
    timeout_secs: Option<u64>,
    concurrency: Option<usize>,
    /// Translate summaries of items in other languages into this one ("fr").
    translate_to: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEmail {
    from: String,
    to: OneOrMany,
    server: String,
    port: Option<u16>,
    security: Option<String>,
    username: Option<String>,
    password_env: Option<String>,
    subject: Option<String>,
    timeout_secs: Option<u64>,
}

/// A key that takes one string or a list of them (`to = "a@x"` or `to = ["a@x", "b@y"]`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    title: String,
    #[serde(default)]
    emoji: String,
    #[serde(default = "default_max_items")]
    max_items: usize,
    #[serde(default)]
    feeds: Vec<FeedEntry>,
    summary_sentences: Option<usize>,
    summary_words: Option<usize>,
    #[serde(default)]
    boost: Vec<String>,
    #[serde(default)]
    mute: Vec<String>,
    #[serde(default)]
    repeat: bool,
    budget: Option<String>,
    /// When to read the linked article: "auto" (thin items), "always" or "never".
    full_text: Option<String>,
}

/// The `[site]` section as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    dir: String,
    base_url: Option<String>,
    editions: Option<usize>,
}

/// One `[[notify]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotify {
    kind: String,
    url: Option<String>,
    token_env: Option<String>,
    chat_id: Option<toml::Value>,
    api_base: Option<String>,
    /// Header name → the environment variable that holds its value.
    #[serde(default)]
    headers_env: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    sections: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterests {
    #[serde(default)]
    boost: Vec<String>,
    #[serde(default)]
    mute: Vec<String>,
}

fn default_max_items() -> usize {
    5
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    locale: Option<Spanned<String>>,
    #[serde(default)]
    emoji: String,
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    window: Window,
    output: Option<String>,
    format: Option<Spanned<String>>,
    template: Option<String>,
    #[serde(default = "default_retention")]
    retention_days: i64,
    weather: Option<RawWeather>,
    #[serde(default)]
    fetch: FetchConfig,
    summarizer: Option<RawSummarizer>,
    email: Option<RawEmail>,
    #[serde(default)]
    notify: Vec<RawNotify>,
    site: Option<RawSite>,
    audio: Option<crate::audio::AudioConfig>,
    #[serde(default)]
    stories: StoriesConfig,
    #[serde(default)]
    interests: RawInterests,
    #[serde(default)]
    priority: Vec<String>,
    budget: Option<String>,
    #[serde(default, rename = "section")]
    sections: Vec<RawSection>,
}

/// Items first seen longer ago than this many days are pruned, unless the config says otherwise.
pub const DEFAULT_RETENTION_DAYS: i64 = 90;

fn default_retention() -> i64 {
    DEFAULT_RETENTION_DAYS
}

/// A topic section of the config.
#[derive(Debug, Clone)]
pub struct SectionConfig {
    pub title: String,
    pub emoji: String,
    pub max_items: usize,
    pub feeds: Vec<FeedSource>,
    pub summary_sentences: Option<usize>,
    pub summary_words: Option<usize>,
    pub boost: Vec<crate::rank::Rule>,
    pub mute: Vec<crate::rank::Rule>,
    /// Show stories here even when an earlier section already shows them.
    pub repeat: bool,
    /// Reading budget for this section, in minutes.
    pub budget_minutes: Option<f64>,
    /// When to read the linked article for this section's items (a feed may say otherwise).
    pub full_text: crate::model::FullText,
}

/// The weather sources (first that works wins) and how the block looks.
#[derive(Debug, Clone, PartialEq)]
pub struct WeatherConfig {
    pub sources: Vec<FeedSource>,
    pub name: Option<String>,
    pub units: crate::weather::Units,
    pub emoji: String,
}

/// The Open-Meteo forecast URL for a place, asking for exactly what herald shows.
pub fn open_meteo_url(latitude: f64, longitude: f64) -> String {
    format!(
        "https://api.open-meteo.com/v1/forecast?latitude={latitude}&longitude={longitude}\
         &current=temperature_2m,relative_humidity_2m,apparent_temperature,weather_code,wind_speed_10m,wind_direction_10m,pressure_msl\
         &hourly=temperature_2m,precipitation_probability,weather_code\
         &daily=weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max,precipitation_sum,sunrise,sunset\
         &timezone=auto&forecast_days=3"
    )
}

/// `[stories]` in the config: developing stories across editions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoriesConfig {
    /// How many days back an entry may continue a story (0: stories are not linked).
    #[serde(default = "default_story_days")]
    pub span_days: u32,
    /// Fold an item that continues a story and says nothing new into one line.
    #[serde(default = "default_true")]
    pub fold_reports: bool,
    /// A section of this title, first in the briefing, gathers the developing stories from
    /// the others (none: they stay in their sections).
    #[serde(default)]
    pub section: Option<String>,
    /// That section's emoji.
    #[serde(default = "default_story_emoji")]
    pub section_emoji: String,
}

fn default_story_emoji() -> String {
    "🧵".to_string()
}

fn default_story_days() -> u32 {
    7
}

fn default_true() -> bool {
    true
}

impl Default for StoriesConfig {
    fn default() -> Self {
        StoriesConfig {
            span_days: default_story_days(),
            fold_reports: true,
            section: None,
            section_emoji: default_story_emoji(),
        }
    }
}

/// A validated config.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// The reader's locale ("fr-CA"; default "en"): the language of herald's own words.
    pub locale: String,
    /// Shown before the title in the heading ("✅").
    pub emoji: String,
    /// IANA name, checked to exist.
    pub timezone: String,
    pub tz: jiff::tz::TimeZone,
    pub tags: Vec<String>,
    pub window: Window,
    /// Output path template; `{date}` becomes the briefing's local date (YYYY-MM-DD).
    pub output: Option<String>,
    /// The built-in format to write; `None` to go by the output's extension (else Markdown).
    pub format: Option<crate::model::Format>,
    /// The reader's own template (resolved against the config's directory).
    pub template: Option<PathBuf>,
    /// Items first seen longer ago than this many days are pruned from the store.
    pub retention_days: i64,
    pub weather: Option<WeatherConfig>,
    pub fetch: FetchConfig,
    /// A language model to summarize with (behind the gate); `None` for extractive only.
    pub llm: Option<crate::summarize::llm::LlmConfig>,
    /// Send each briefing by mail, too.
    pub email: Option<crate::deliver::email::EmailConfig>,
    /// Where the headlines are pushed after the briefing is written.
    pub notify: Vec<crate::deliver::notify::NotifyConfig>,
    /// The static site of editions every briefing updates.
    pub site: Option<crate::site::SiteConfig>,
    /// How the briefing is read aloud (`herald brief --audio`).
    pub audio: Option<crate::audio::AudioConfig>,
    /// `[stories]`: how entries are linked to stories earlier editions showed.
    pub stories: StoriesConfig,
    /// Boost and mute rules for every section.
    pub boost: Vec<crate::rank::Rule>,
    pub mute: Vec<crate::rank::Rule>,
    /// Preferred sources, best first: they represent a story several sources carry.
    pub priority: Vec<String>,
    /// Reading budget for the whole briefing, in minutes.
    pub budget_minutes: Option<f64>,
    pub sections: Vec<SectionConfig>,
    /// Directory that relative feed paths are resolved against.
    pub base_dir: PathBuf,
}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = crate::localfile::read_text(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Config::from_toml(&text, path, &base)
    }

    /// Parses config text; `path` is only used in messages, `base_dir` for relative feed paths.
    pub fn from_toml(text: &str, path: &Path, base_dir: &Path) -> Result<Config, ConfigError> {
        let at = Source { text, path };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().replace('\n', " ");
            at.invalid(e.span(), message)
        })?;
        at.check_limits(&raw)?;
        let (timezone, tz) = at.timezone(raw.timezone)?;
        let (locale, words) = at.locale(raw.locale)?;
        let format = match raw.format {
            None => None,
            Some(spanned) => {
                let span = spanned.span();
                let format = spanned.into_inner().parse::<crate::model::Format>();
                Some(format.map_err(|e| at.invalid(Some(span), e))?)
            }
        };
        let template = raw
            .template
            .as_deref()
            .map(|t| base_dir.join(expand_home(t)));
        let mut sections = Vec::with_capacity(raw.sections.len());
        for s in raw.sections {
            sections.push(SectionConfig {
                boost: at.rules(s.boost, "boost")?,
                mute: at.rules(s.mute, "mute")?,
                repeat: s.repeat,
                budget_minutes: at.budget(s.budget)?,
                title: s.title,
                emoji: s.emoji,
                max_items: s.max_items,
                feeds: s.feeds.into_iter().map(FeedEntry::into_source).collect(),
                summary_sentences: s.summary_sentences,
                summary_words: s.summary_words,
                full_text: match s.full_text.as_deref() {
                    None => crate::model::FullText::Auto,
                    Some(mode) => {
                        parse_full_text(mode).map_err(|e| at.invalid(at.at_key("full_text"), e))?
                    }
                },
            });
        }
        let site = raw.site.map(|site| crate::site::SiteConfig {
            dir: base_dir.join(expand_home(&site.dir)),
            base_url: site.base_url,
            editions: site
                .editions
                .unwrap_or(crate::site::DEFAULT_EDITIONS)
                .max(1),
        });
        let mut notify: Vec<crate::deliver::notify::NotifyConfig> = raw
            .notify
            .into_iter()
            .map(|n| at.notify(n))
            .collect::<Result<_, _>>()?;
        // ntfy's click opens the edition on the site, when the site has an address.
        for n in &mut notify {
            n.site_url = site.as_ref().and_then(|s| s.base_url.clone());
        }
        Ok(Config {
            title: raw
                .title
                .unwrap_or_else(|| words.t("briefing.title").to_string()),
            locale,
            emoji: raw.emoji,
            timezone,
            tz,
            tags: raw.tags,
            window: raw.window,
            output: raw.output,
            format,
            template,
            retention_days: raw.retention_days,
            weather: raw.weather.map(|w| at.weather(w)).transpose()?,
            fetch: raw.fetch,
            boost: at.rules(raw.interests.boost, "boost")?,
            mute: at.rules(raw.interests.mute, "mute")?,
            priority: raw.priority,
            budget_minutes: at.budget(raw.budget)?,
            llm: raw
                .summarizer
                .map(|sm| at.summarizer(sm))
                .transpose()?
                .flatten(),
            email: match raw.email {
                None => None,
                Some(e) => Some(email_config(e).map_err(|m| {
                    at.invalid(text.find("[email]").map(|i| i..i), format!("[email] {m}"))
                })?),
            },
            site,
            audio: raw.audio,
            stories: raw.stories,
            notify,
            sections,
            base_dir: base_dir.to_path_buf(),
        })
    }

    /// Every distinct feed of the config, weather first, in config order.
    pub fn all_feeds(&self) -> Vec<FeedSource> {
        let mut out: Vec<FeedSource> = Vec::new();
        let candidates = self
            .weather
            .iter()
            .flat_map(|w| w.sources.iter())
            .chain(self.sections.iter().flat_map(|s| s.feeds.iter()));
        for f in candidates {
            if !out.iter().any(|o| o.location == f.location) {
                out.push(f.clone());
            }
        }
        out
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where the config lives when `--config` is not given: `$XDG_CONFIG_HOME/herald/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("herald").join("config.toml"))
}

impl Config {
    /// The output file for a briefing dated `date` (YYYY-MM-DD), if the config names one.
    /// `~/` is the home directory; a relative path is relative to the config file.
    pub fn output_path(&self, date: &str) -> Option<PathBuf> {
        self.output
            .as_deref()
            .map(|t| self.base_dir.join(expand_output(t, date)))
    }
}

/// Validates the `[email]` section: addresses that parse, a known security mode.
fn email_config(raw: RawEmail) -> Result<crate::deliver::email::EmailConfig, String> {
    use crate::deliver::email::{EmailConfig, Security};
    let mailbox = |key: &str, s: &str| {
        s.parse::<lettre::message::Mailbox>().map_err(|e| {
            format!("{key} = \"{s}\" is not a mail address such as \"Ada <ada@example.com>\" ({e})")
        })
    };
    let to = match raw.to {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    };
    if to.is_empty() {
        return Err("to is empty: name at least one address".to_string());
    }
    let security: Security = raw.security.as_deref().unwrap_or("starttls").parse()?;
    Ok(EmailConfig {
        from: mailbox("from", &raw.from)?,
        to: to
            .iter()
            .map(|s| mailbox("to", s))
            .collect::<Result<_, _>>()?,
        port: raw.port.unwrap_or(EmailConfig::default_port(security)),
        server: raw.server,
        security,
        username: raw.username,
        password_env: raw.password_env,
        subject: raw
            .subject
            .unwrap_or_else(|| "{title} — {date}".to_string()),
        timeout_secs: raw.timeout_secs.unwrap_or(30),
    })
}

/// Expands `~/` and `{date}` in an output path template.
pub fn expand_output(template: &str, date: &str) -> PathBuf {
    expand_home(&template.replace("{date}", date))
}

/// Expands a leading `~/` to the home directory.
pub fn expand_home(path: &str) -> PathBuf {
    if let Some(rest) = path.strip_prefix("~/")
        && let Some(home) = dirs::home_dir()
    {
        return home.join(rest);
    }
    PathBuf::from(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_parse_and_print() {
        for (text, window, shown) in [
            ("since-last", Window::SinceLast, "since-last"),
            ("24h", Window::DAY, "24h"),
            ("36h", Window::Last { hours: 36 }, "36h"),
            ("3d", Window::Last { hours: 72 }, "3d"),
            ("1w", Window::Last { hours: 168 }, "7d"),
            ("31d", Window::Last { hours: 744 }, "31d"),
        ] {
            assert_eq!(text.parse::<Window>(), Ok(window), "{text}");
            assert_eq!(window.to_string(), shown);
        }
        for bad in ["", "0h", "32d", "5w", "3x", "d", "-1d", "24", "since_last"] {
            let e = bad.parse::<Window>().expect_err(bad);
            assert!(
                e.contains("expected since-last, or a span such as 24h"),
                "{e}"
            );
        }
        let e = parse("timezone = \"UTC\"\nwindow = \"fortnight\"\n").expect_err("bad window");
        assert!(e.to_string().contains("test.toml:2:"), "{e}");
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::from_toml(text, Path::new("test.toml"), Path::new("/base"))
    }

    #[test]
    fn full_config_reads() {
        let c = parse(
            r#"
title = "My Briefing"
timezone = "America/Toronto"
tags = ["briefing"]
window = "24h"
output = "~/Notes/{date}.md"
[weather]
feed = "https://weather.gc.ca/rss/city/on-118_e.xml"
[[section]]
title = "U.S."
emoji = "🇺🇸"
max_items = 3
feeds = ["https://feeds.npr.org/1001/rss.xml", { url = "local.xml", name = "Local" }]
"#,
        )
        .expect("valid config");
        assert_eq!(c.title, "My Briefing");
        assert_eq!(c.window, Window::DAY);
        assert_eq!(c.sections[0].max_items, 3);
        assert_eq!(c.sections[0].feeds[1].name.as_deref(), Some("Local"));
        assert_eq!(c.all_feeds().len(), 3);
    }

    #[test]
    fn unknown_timezone_names_line() {
        let err = parse("title = \"x\"\ntimezone = \"Mars/Olympus\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("test.toml:2:12:"), "{msg}");
        assert!(msg.contains("Mars/Olympus"), "{msg}");
    }

    #[test]
    fn translation_needs_a_model_and_a_language() {
        let err = parse(
            "timezone = \"UTC\"\n[summarizer]\nkind = \"extractive\"\ntranslate_to = \"fr\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("test.toml:4:") && err.contains("needs a language model"),
            "{err}"
        );
        let c = parse("timezone = \"UTC\"\nlocale = \"fr-CA\"\n").expect("config");
        assert_eq!(c.locale, "fr-CA");
        assert_eq!(c.title, "Revue de presse du matin");
    }

    #[test]
    fn malformed_toml_names_line_and_expectation() {
        let err = parse("title = \"x\"\n[[section]]\ntitle = 5\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("test.toml:3:"), "{msg}");
        assert!(msg.contains("string"), "{msg}");
        let err = parse("title = \"unterminated\n").unwrap_err();
        assert!(err.to_string().starts_with("test.toml:1:"), "{err}");
    }

    #[test]
    fn unknown_key_is_an_error() {
        let err = parse("titel = \"x\"\n").unwrap_err();
        assert!(err.to_string().contains("titel"), "{err}");
    }

    #[test]
    fn output_template_expands_date() {
        let p = expand_output("/tmp/b/{date}.md", "2025-09-03");
        assert_eq!(p, PathBuf::from("/tmp/b/2025-09-03.md"));
    }
}
