//! The briefing as words: every sentence the reader sees, decided once, for every format.
//!
//! Markdown, HTML, plain text and user templates differ in markup, not in what they say: why a
//! section is empty, how the weather line reads, what the footer counts. That wording lives here,
//! in a plain serializable [`View`] (also what a user template receives), and each renderer only
//! dresses it. Text is raw here; each format escapes it for itself.

use serde::Serialize;

use crate::model::{Briefing, ForecastPeriod, Weather, WeatherBlock, WeatherUnits};

use super::{age, num};

/// A piece of text that may link somewhere.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkView {
    pub text: String,
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryView {
    pub title: String,
    pub link: Option<String>,
    pub source: String,
    /// "8 h ago", at the briefing's moment.
    pub age: Option<String>,
    /// RFC 3339, in the briefing's time zone.
    pub published: Option<String>,
    /// Other sources that carried the story.
    pub also: Vec<LinkView>,
    pub summary: Option<String>,
    /// With `--explain`: why the entry is where it is.
    pub why: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionView {
    /// Emoji and title: "🇺🇸 U.S. Top Stories".
    pub heading: String,
    pub title: String,
    pub emoji: String,
    pub entries: Vec<EntryView>,
    /// Why there are no entries, when there are none.
    pub empty: Option<String>,
    /// Entries left out to fit the reading budget.
    pub more: Vec<LinkView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodView {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeatherView {
    /// "🧾 Weather — Pembroke".
    pub heading: String,
    /// Set when no source gave weather: the reason for each.
    pub unavailable: Option<String>,
    pub warnings: Vec<LinkView>,
    /// "11.4 °C, mist · humidity 97 % · wind calm · 101.3 kPa, falling".
    pub now: Option<String>,
    /// "observed 10:00", or with the age and "may be out of date" when stale.
    pub observed: Option<String>,
    pub stale: bool,
    pub periods: Vec<PeriodView>,
    /// "No watches or warnings in effect." when the source has a forecast and no warnings.
    pub all_clear: Option<String>,
    /// Sunrise and sunset, when the forecast was issued, whom to credit.
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteView {
    pub feed: String,
    pub url: String,
    pub message: String,
}

/// The whole briefing, worded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    /// Emoji and title: "✅ Morning News Briefing".
    pub heading: String,
    pub title: String,
    /// "Wednesday, 3 September 2025, 10:42".
    pub date_long: String,
    /// "2025-09-03".
    pub date: String,
    /// "2025-09-03T10:42:00-04:00".
    pub date_iso: String,
    pub timezone: String,
    pub tags: Vec<String>,
    pub weather: Option<WeatherView>,
    pub sections: Vec<SectionView>,
    /// "14 feeds · 43 new items · 1 feed failed:".
    pub footer: String,
    pub notices: Vec<NoteView>,
    pub failures: Vec<NoteView>,
}

/// "✅ Morning News Briefing": the emoji (if any) before the title.
pub fn titled(emoji: &str, title: &str) -> String {
    if emoji.is_empty() {
        title.to_string()
    } else {
        format!("{emoji} {title}")
    }
}

/// Words the briefing.
pub fn view(b: &Briefing) -> View {
    let now = b.date.timestamp();
    let tz = b.date.time_zone().clone();
    let sections = b
        .sections
        .iter()
        .map(|s| {
            let empty = s.entries.is_empty().then(|| {
                if s.shown_elsewhere > 0 {
                    "Nothing new that an earlier section does not already show.".to_string()
                } else if s.failed_feeds > 0 {
                    let feeds = if s.failed_feeds == 1 {
                        "its feed"
                    } else {
                        "its feeds"
                    };
                    format!("No items: {feeds} failed (listed at the end).")
                } else {
                    format!("No new items {}.", b.window_label)
                }
            });
            SectionView {
                heading: titled(&s.emoji, &s.title),
                title: s.title.clone(),
                emoji: s.emoji.clone(),
                entries: s
                    .entries
                    .iter()
                    .map(|e| EntryView {
                        title: e.title.clone(),
                        link: e.link.clone(),
                        source: e.source.clone(),
                        age: e.published.map(|p| age(p, now)),
                        published: e.published.map(|p| {
                            p.to_zoned(tz.clone())
                                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                                .to_string()
                        }),
                        also: e
                            .also
                            .iter()
                            .map(|a| LinkView {
                                text: a.source.clone(),
                                link: a.link.clone(),
                            })
                            .collect(),
                        summary: e.summary.clone(),
                        why: e.explain.clone(),
                    })
                    .collect(),
                empty,
                more: s
                    .more
                    .iter()
                    .map(|m| LinkView {
                        text: m.title.clone(),
                        link: m.link.clone(),
                    })
                    .collect(),
            }
        })
        .collect();

    let mut footer = format!("{} feeds · {} new items", b.stats.feeds, b.stats.items_new);
    match b.failures.len() {
        0 => {}
        1 => footer.push_str(" · 1 feed failed:"),
        n => footer.push_str(&format!(" · {n} feeds failed:")),
    }
    let note = |feed: &str, url: &str, message: &str| NoteView {
        feed: feed.to_string(),
        url: url.to_string(),
        message: message.to_string(),
    };
    View {
        heading: titled(&b.emoji, &b.title),
        title: b.title.clone(),
        date_long: b.date.strftime("%A, %-d %B %Y, %H:%M").to_string(),
        date: b.date.strftime("%Y-%m-%d").to_string(),
        date_iso: b.date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        timezone: b.timezone.clone(),
        tags: b.tags.clone(),
        weather: weather(b),
        sections,
        footer,
        notices: b
            .notices
            .iter()
            .map(|n| note(&n.feed, &n.url, &n.message))
            .collect(),
        failures: b
            .failures
            .iter()
            .map(|f| note(&f.feed, &f.url, &f.error))
            .collect(),
    }
}

/// A temperature in the briefing's units.
fn temp(c: f64, units: WeatherUnits) -> String {
    match units {
        WeatherUnits::Metric => format!("{} °C", num(c)),
        WeatherUnits::Imperial => format!("{} °F", num((c * 9.0 / 5.0 + 32.0).round())),
    }
}

/// A forecast period's text with its numbers: the source's words, and in imperial units its
/// metric "High 26." sentences replaced by converted ones.
fn period_line(p: &ForecastPeriod, units: WeatherUnits) -> String {
    let mut text = p.summary.trim().to_string();
    if units == WeatherUnits::Imperial {
        text = text
            .split(". ")
            .filter(|s| !(s.starts_with("High ") || s.starts_with("Low ")))
            .collect::<Vec<_>>()
            .join(". ");
    }
    let has = |word: &str| text.split_whitespace().any(|w| w == word);
    let mut extra: Vec<String> = Vec::new();
    if let Some(h) = p.high_c
        && (units == WeatherUnits::Imperial || !has("High"))
    {
        extra.push(format!("High {}.", temp(h, units)));
    }
    if let Some(l) = p.low_c
        && (units == WeatherUnits::Imperial || !has("Low"))
    {
        extra.push(format!("Low {}.", temp(l, units)));
    }
    if let Some(pop) = p.pop_pct {
        extra.push(format!("Chance of precipitation {} %.", num(pop)));
    }
    if !text.is_empty() && !text.ends_with('.') {
        text.push('.');
    }
    let mut parts = vec![text];
    parts.extend(extra);
    parts.retain(|x| !x.is_empty());
    parts.join(" ")
}

/// The "Now" line's parts: temperature and condition, humidex or wind chill, humidity, wind,
/// pressure and tendency, air quality.
fn now_parts(c: &crate::model::CurrentConditions, units: WeatherUnits) -> Vec<String> {
    let mut now_parts: Vec<String> = Vec::new();
    let mut first = String::new();
    if let Some(t) = c.temperature_c {
        first = temp(t, units);
    }
    if let Some(cond) = &c.condition {
        if first.is_empty() {
            first = cond.to_lowercase();
        } else {
            first.push_str(&format!(", {}", cond.to_lowercase()));
        }
    }
    if !first.is_empty() {
        now_parts.push(first);
    }
    if let Some(h) = c.humidex {
        now_parts.push(format!("humidex {}", num(h)));
    }
    if let Some(wc) = c.wind_chill {
        now_parts.push(format!("wind chill {}", num(wc)));
    }
    if let Some(h) = c.humidity_pct {
        now_parts.push(format!("humidity {} %", num(h)));
    }
    if let Some(wind) = &c.wind {
        now_parts.push(format!("wind {wind}"));
    }
    if let Some(p) = c.pressure_kpa {
        match &c.tendency {
            Some(t) => now_parts.push(format!("{} kPa, {t}", num(p))),
            None => now_parts.push(format!("{} kPa", num(p))),
        }
    }
    if let Some(a) = &c.aqhi {
        now_parts.push(format!("AQHI {a}"));
    }
    now_parts
}

/// The weather block's last line: sunrise and sunset, when the forecast was issued, credit.
fn notes(w: &Weather, local: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    if let (Some(rise), Some(set)) = (
        w.sunrise.as_deref().and_then(&local),
        w.sunset.as_deref().and_then(&local),
    ) {
        notes.push(format!("sunrise {rise}, sunset {set}"));
    }
    if let Some(issued) = w.issued_at.as_deref().and_then(&local) {
        notes.push(format!("forecast issued {issued}"));
    }
    if let Some(a) = &w.attribution {
        notes.push(a.clone());
    }
    notes
}

fn weather(b: &Briefing) -> Option<WeatherView> {
    let empty = |heading: String| WeatherView {
        heading,
        unavailable: None,
        warnings: Vec::new(),
        now: None,
        observed: None,
        stale: false,
        periods: Vec::new(),
        all_clear: None,
        notes: None,
    };
    let w: &Weather = match &b.weather {
        WeatherBlock::None => return None,
        WeatherBlock::Unavailable(reason) => {
            let mut v = empty(titled(&b.weather_emoji, "Weather"));
            v.unavailable = Some(reason.clone());
            return Some(v);
        }
        WeatherBlock::Ok(w) => w,
    };
    let units = b.units;
    let tz = b.date.time_zone().clone();
    let local = |s: &str| {
        s.parse::<jiff::Timestamp>()
            .ok()
            .map(|t| t.to_zoned(tz.clone()).strftime("%H:%M").to_string())
    };
    let heading = match &w.location {
        Some(l) => format!("Weather — {l}"),
        None => "Weather".to_string(),
    };
    let mut v = empty(titled(&b.weather_emoji, &heading));
    v.warnings = w
        .warnings
        .iter()
        .map(|x| LinkView {
            text: x.title.clone(),
            link: x.link.clone(),
        })
        .collect();

    let now_parts = now_parts(&w.current, units);
    if !now_parts.is_empty() {
        v.now = Some(now_parts.join(" · "));
        if let Some(obs) = w
            .observed_at
            .as_deref()
            .and_then(|s| s.parse::<jiff::Timestamp>().ok())
        {
            let at = obs.to_zoned(tz.clone()).strftime("%H:%M").to_string();
            v.stale = w.stale;
            v.observed = Some(if w.stale {
                format!(
                    "observed {at}, {} — may be out of date",
                    age(obs, b.date.timestamp())
                )
            } else {
                format!("observed {at}")
            });
        }
    }
    v.periods = w
        .periods
        .iter()
        .take(3)
        .map(|p| PeriodView {
            name: p.name.clone(),
            text: period_line(p, units),
        })
        .collect();
    if w.warnings.is_empty() && !w.periods.is_empty() {
        v.all_clear = Some("No watches or warnings in effect.".to_string());
    }
    let notes = notes(w, local);
    if !notes.is_empty() {
        v.notes = Some(notes.join(" · "));
    }
    Some(v)
}
