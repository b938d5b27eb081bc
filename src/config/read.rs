//! Reading the config's values: feed entries (a string or a table, strict about keys), feed
//! locations, and the checks that turn raw sections into validated ones, each error naming
//! the file, line and column.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{
    ConfigError, RawConfig, RawNotify, RawSummarizer, RawWeather, WeatherConfig, line_col,
    open_meteo_url,
};
use crate::model::FeedSource;

/// A feed entry in a section: a bare string, or a table with a display name and options.
/// Read by hand so that a typo in a table (`nmae = "x"`) is an error naming the key, as
/// everywhere else in the config, instead of serde's "did not match any variant".
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "toml::Value")]
pub(super) struct FeedEntry(FeedSource);

impl TryFrom<toml::Value> for FeedEntry {
    type Error = String;
    fn try_from(v: toml::Value) -> Result<Self, Self::Error> {
        let table = match v {
            toml::Value::String(location) => {
                return Ok(FeedEntry(FeedSource {
                    location: normalize_location(&location),
                    ..FeedSource::default()
                }));
            }
            toml::Value::Table(t) => t,
            other => {
                return Err(format!(
                    "a feed is a string or a table {{ url = \"...\" }}, not a {}",
                    other.type_str()
                ));
            }
        };
        let mut source = FeedSource::default();
        let text = |key: &str, v: &toml::Value| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("a feed's {key} must be a string"))
        };
        for (key, value) in &table {
            match key.as_str() {
                "url" => source.location = normalize_location(&text("url", value)?),
                "name" => source.name = Some(text("name", value)?),
                "full_text" => {
                    let mode = text("full_text", value)?;
                    source.full_text = Some(parse_full_text(&mode)?);
                }
                "robots" => {
                    let obey = value
                        .as_bool()
                        .ok_or("a feed's robots must be true or false")?;
                    source.robots = Some(obey);
                }
                other => {
                    return Err(format!(
                        "unknown key '{other}' in a feed table: expected url, name, full_text or robots"
                    ));
                }
            }
        }
        if source.location.is_empty() {
            return Err("a feed table needs url = \"...\"".to_string());
        }
        Ok(FeedEntry(source))
    }
}

/// A feed location as herald reads it: the scheme in lower case (`HTTP://` → `http://`), and
/// the `feed:` pseudo-scheme that browsers hand out turned into the web address it stands for
/// (`feed://x` → `https://x`, `feed:https://x` → `https://x`). Paths and other text are
/// returned as written (trimmed); unsupported schemes are refused by the fetch stage.
pub fn normalize_location(location: &str) -> String {
    let s = location.trim();
    let Some((scheme, rest)) = s.split_once(':') else {
        return s.to_string();
    };
    let is_scheme = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return s.to_string();
    }
    let scheme = scheme.to_ascii_lowercase();
    if scheme == "feed" {
        if let Some(inner) = rest.strip_prefix("//") {
            return format!("https://{inner}");
        }
        return normalize_location(rest);
    }
    format!("{scheme}:{rest}")
}

/// "auto", "always" or "never".
pub(super) fn parse_full_text(mode: &str) -> Result<crate::model::FullText, String> {
    use crate::model::FullText;
    match mode {
        "auto" => Ok(FullText::Auto),
        "always" => Ok(FullText::Always),
        "never" => Ok(FullText::Never),
        other => Err(format!(
            "full_text '{other}': expected \"auto\", \"always\" or \"never\""
        )),
    }
}

impl FeedEntry {
    pub(super) fn into_source(self) -> FeedSource {
        self.0
    }
}

/// The config text being read, to name the file, line and column of what is wrong.
pub(super) struct Source<'a> {
    pub(super) text: &'a str,
    pub(super) path: &'a Path,
}

impl Source<'_> {
    pub(super) fn invalid(
        &self,
        span: Option<std::ops::Range<usize>>,
        message: String,
    ) -> ConfigError {
        let (line, column) = line_col(self.text, span.map(|s| s.start).unwrap_or(0));
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            line,
            column,
            message,
        }
    }

    /// Numbers that must be in range: a zero or absurd value would hide items or overflow.
    pub(super) fn check_limits(&self, raw: &RawConfig) -> Result<(), ConfigError> {
        if !(1..=36_500).contains(&raw.retention_days) {
            return Err(self.invalid(
                self.at_key("retention_days"),
                format!(
                    "retention_days = {}: expected a number of days from 1 to 36500",
                    raw.retention_days
                ),
            ));
        }
        for (key, value) in [
            ("concurrency", raw.fetch.concurrency),
            ("per_host", raw.fetch.per_host),
            ("max_body_mib", raw.fetch.max_body_mib),
        ] {
            if value == 0 {
                return Err(self.invalid(
                    self.at_key(key),
                    format!("[fetch] {key} = 0: expected at least 1"),
                ));
            }
        }
        if let Some((host, _)) = raw.fetch.hosts.iter().find(|(_, h)| h.per_host == 0) {
            return Err(self.invalid(
                self.at_key(host),
                format!("[fetch.hosts.\"{host}\"] per_host = 0: expected at least 1"),
            ));
        }
        if raw.fetch.timeout_secs == 0 || raw.fetch.timeout_secs > 3600 {
            return Err(self.invalid(
                self.at_key("timeout_secs"),
                "[fetch] timeout_secs: expected 1 to 3600 seconds".to_string(),
            ));
        }
        if let Some(s) = raw.sections.iter().find(|s| s.max_items == 0) {
            return Err(self.invalid(
                self.at_key("max_items"),
                format!(
                    "section '{}': max_items = 0 would hide every item; use at least 1, or remove the section",
                    s.title
                ),
            ));
        }
        Ok(())
    }

    /// Where `key` first appears, for errors about values serde has already unwrapped.
    pub(super) fn at_key(&self, key: &str) -> Option<std::ops::Range<usize>> {
        self.text.find(key).map(|i| i..i)
    }

    /// The configured IANA timezone (checked to exist), else the system's.
    pub(super) fn timezone(
        &self,
        raw: Option<Spanned<String>>,
    ) -> Result<(String, jiff::tz::TimeZone), ConfigError> {
        let Some(spanned) = raw else {
            let tz = jiff::tz::TimeZone::system();
            let name = tz.iana_name().unwrap_or("UTC").to_string();
            return Ok((name, tz));
        };
        let span = spanned.span();
        let name = spanned.into_inner();
        let tz = jiff::tz::TimeZone::get(&name).map_err(|_| {
            self.invalid(
                Some(span),
                format!(
                    "unknown timezone '{name}': expected an IANA name such as \"America/Toronto\" or \"UTC\""
                ),
            )
        })?;
        Ok((name, tz))
    }

    /// The `locale` key: a tag whose language herald has words for (default English).
    pub(super) fn locale(
        &self,
        raw: Option<Spanned<String>>,
    ) -> Result<(String, &'static crate::locale::Locale), ConfigError> {
        let Some(spanned) = raw else {
            let en = crate::locale::Locale::or_english("en");
            return Ok(("en".to_string(), en));
        };
        let span = spanned.span();
        let tag = spanned.into_inner();
        let words = crate::locale::Locale::for_tag(&tag)
            .map_err(|e| self.invalid(Some(span), e.to_string()))?;
        Ok((tag, words))
    }

    pub(super) fn rules(
        &self,
        list: Vec<String>,
        key: &str,
    ) -> Result<Vec<crate::rank::Rule>, ConfigError> {
        list.iter()
            .map(|r| crate::rank::Rule::parse(r))
            .collect::<Result<_, _>>()
            .map_err(|e| self.invalid(self.at_key(key), e.to_string()))
    }

    pub(super) fn budget(&self, b: Option<String>) -> Result<Option<f64>, ConfigError> {
        let Some(b) = b else { return Ok(None) };
        crate::rank::parse_budget(&b).map(Some).ok_or_else(|| {
            self.invalid(
                self.at_key("budget"),
                format!("budget '{b}' is not a reading time such as \"10m\", \"90s\" or \"1h\""),
            )
        })
    }

    /// The weather sources, in the order they are tried.
    pub(super) fn weather(&self, w: RawWeather) -> Result<WeatherConfig, ConfigError> {
        let mut locations: Vec<String> = w.feed.into_iter().collect();
        locations.extend(w.fallback);
        if let (Some(la), Some(lo)) = (w.latitude, w.longitude) {
            locations.push(open_meteo_url(la, lo));
        }
        if locations.is_empty() {
            return Err(self.invalid(
                self.at_key("[weather]"),
                "[weather] needs a feed (an Environment Canada or Open-Meteo URL) or latitude and longitude".to_string(),
            ));
        }
        let sources = locations
            .into_iter()
            .map(|location| FeedSource {
                location,
                name: Some("Weather".to_string()),
                ..FeedSource::default()
            })
            .collect();
        Ok(WeatherConfig {
            sources,
            name: w.name,
            units: w.units,
            emoji: w.emoji,
        })
    }

    /// One `[[notify]]` entry: a known kind with what that kind needs.
    pub(super) fn notify(
        &self,
        n: RawNotify,
    ) -> Result<crate::deliver::notify::NotifyConfig, ConfigError> {
        use crate::deliver::notify::{Kind, NotifyConfig, TELEGRAM_API};
        let at = self.at_key("[[notify]]");
        let kind: Kind = n.kind.parse().map_err(|e| self.invalid(at.clone(), e))?;
        let need = |what: &str| {
            self.invalid(
                at.clone(),
                format!("[[notify]] kind = \"{kind}\" needs {what}"),
            )
        };
        match kind {
            Kind::Telegram if n.chat_id.is_none() || n.token_env.is_none() => {
                return Err(need(
                    "chat_id and token_env (the bot token comes from the environment)",
                ));
            }
            Kind::Telegram => {}
            _ if n.url.is_none() => return Err(need("url")),
            _ => {}
        }
        if let Some(url) = &n.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            // Never the address itself: a Slack or Discord webhook's path is its secret.
            let scheme: String = url
                .split(':')
                .next()
                .unwrap_or("")
                .chars()
                .take(12)
                .filter(|c| c.is_ascii_alphanumeric() || "+-.".contains(*c))
                .collect();
            return Err(self.invalid(
                at,
                format!(
                    "[[notify]] url is not an http(s) address (it starts with '{scheme}'); the address is not repeated here, as it may hold a secret"
                ),
            ));
        }
        let chat_id = n.chat_id.map(|v| match v {
            toml::Value::String(s) => s,
            other => other.to_string(),
        });
        Ok(NotifyConfig {
            kind,
            url: n.url,
            token_env: n.token_env,
            chat_id,
            api_base: n.api_base.unwrap_or_else(|| TELEGRAM_API.to_string()),
            headers_env: n.headers_env.into_iter().collect(),
            sections: n.sections,
            site_url: None,
        })
    }

    /// The model summarizer, or `None` for the extractive one.
    pub(super) fn summarizer(
        &self,
        sm: RawSummarizer,
    ) -> Result<Option<crate::summarize::llm::LlmConfig>, ConfigError> {
        let at = self.at_key("[summarizer]");
        let translate_to = match &sm.translate_to {
            None => None,
            Some(tag) => Some(crate::lang::normalize(tag).ok_or_else(|| {
                self.invalid(
                    self.at_key("translate_to"),
                    format!("translate_to = \"{tag}\" is not a language tag (e.g. \"fr\", \"de\")"),
                )
            })?),
        };
        match sm.kind.as_str() {
            "extractive" if translate_to.is_some() => Err(self.invalid(
                self.at_key("translate_to"),
                "translate_to needs a language model (kind = \"openai-compatible\"): without one, \
                 items keep their own language"
                    .to_string(),
            )),
            "extractive" => Ok(None),
            "openai-compatible" => {
                let (Some(base_url), Some(model)) = (sm.base_url, sm.model) else {
                    return Err(self.invalid(
                        at,
                        "[summarizer] kind = \"openai-compatible\" needs base_url and model"
                            .to_string(),
                    ));
                };
                Ok(Some(crate::summarize::llm::LlmConfig {
                    base_url,
                    model,
                    api_key_env: sm.api_key_env,
                    timeout_secs: sm.timeout_secs.unwrap_or(30),
                    concurrency: sm.concurrency.unwrap_or(4),
                    translate_to,
                }))
            }
            other => Err(self.invalid(
                at,
                format!(
                    "unknown summarizer kind '{other}': expected \"extractive\" or \"openai-compatible\""
                ),
            )),
        }
    }
}
