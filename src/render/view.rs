//! The briefing as words: every sentence the reader sees, decided once, for every format.
//!
//! Markdown, HTML, plain text and user templates differ in markup, not in what they say: why a
//! section is empty, how the weather line reads, what the footer counts. That wording lives here,
//! in a plain serializable [`View`] (also what a user template receives), and each renderer only
//! dresses it. Text is raw here; each format escapes it for itself.

use serde::Serialize;

use crate::locale::Locale;
use crate::model::{Briefing, ForecastPeriod, Weather, WeatherBlock, WeatherUnits, WindowLabel};

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
    /// The item's language (ISO 639-1), for `lang` attributes.
    pub lang: Option<String>,
    /// "translated; original in English", when the summary is a checked translation.
    pub translated: Option<String>,
    /// The summary in the item's own language, when the one shown is a translation.
    pub summary_original: Option<String>,
    /// The entry's story id: its anchor in HTML, and what `herald story` takes.
    pub story: Option<String>,
    /// "Developing · day 3 · since Monday", when it continues a story shown before.
    pub developing: Option<String>,
    /// What earlier editions showed of the story, oldest first.
    pub earlier: Vec<EarlierView>,
}

/// An earlier edition's entry of a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EarlierView {
    /// "Monday", "28 August".
    pub day: String,
    /// The edition's date (YYYY-MM-DD): edition pages are named by it.
    pub date: String,
    pub title: String,
    pub source: String,
    pub link: Option<String>,
    /// The file that edition was written to ("2025-09-01.md"), when it was.
    pub note: Option<String>,
    /// The edition's page, for HTML links: its HTML file when it was written to one, else the
    /// page the site and `serve` name by date ("2025-09-01.html").
    pub page: String,
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
    /// Entries left out (past `max_items`, or to fit the reading budget), named.
    pub more: Vec<LinkView>,
    /// How many entries were left out in all (`more` and those not named).
    pub more_count: usize,
    /// Items that continue a story and say nothing new: "Title (Source)", linked.
    pub again: Vec<LinkView>,
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
    /// The reader's language (ISO 639-1), for the page's `lang`.
    pub lang: String,
    /// herald's short labels in the reader's language, for every format and user templates:
    /// `now`, `also`, `more_one`/`more` (with `{n}`), `weather_unavailable`.
    pub labels: Labels,
}

/// Short labels the formats put around the worded parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labels {
    /// "Now".
    pub now: String,
    /// "also:".
    pub also: String,
    /// "+{n} more:" (the format fills in `{n}`).
    pub more: String,
    /// "Weather unavailable: {reason}." (the format fills in `{reason}`).
    pub weather_unavailable: String,
    /// "WARNING", before a weather warning in plain text.
    pub warning: String,
    /// "why:", before an entry's `--explain` line.
    pub why: String,
    /// "Earlier:", before a developing story's earlier entries.
    pub earlier: String,
    /// "Reported again, nothing new:".
    pub again: String,
}

impl Labels {
    fn of(l: &Locale) -> Labels {
        Labels {
            now: l.t("weather.now").to_string(),
            also: l.t("section.also").to_string(),
            more: l.t("section.more").to_string(),
            weather_unavailable: l.t("weather.unavailable").to_string(),
            warning: l.t("weather.warning").to_string(),
            why: l.t("explain.label").to_string(),
            earlier: l.t("story.earlier").to_string(),
            again: l.t("story.again").to_string(),
        }
    }

    /// "+3 more:".
    pub fn more(&self, n: usize) -> String {
        self.more.replace("{n}", &n.to_string())
    }

    /// "Weather unavailable: the server did not answer."
    pub fn weather_unavailable(&self, reason: &str) -> String {
        self.weather_unavailable
            .replace("{reason}", reason.trim_end_matches('.'))
    }
}

/// The window in words: "since the last briefing", "in the last 24 hours".
fn window_words(w: WindowLabel, l: &Locale) -> String {
    match w {
        WindowLabel::SinceLast => l.t("window.since_last").to_string(),
        WindowLabel::Hours(n) => l.f("window.hours", &[("n", &n.to_string())]),
        WindowLabel::Days(n) => l.f("window.days", &[("n", &n.to_string())]),
    }
}

/// "✅ Morning News Briefing": the emoji (if any) before the title.
pub fn titled(emoji: &str, title: &str) -> String {
    if emoji.is_empty() {
        title.to_string()
    } else {
        format!("{emoji} {title}")
    }
}

/// "Developing · day 3 · since Monday" for an entry that continues a story.
fn developing(mark: &crate::model::StoryMark, b: &Briefing, l: &Locale) -> Option<String> {
    if !mark.is_developing() {
        return None;
    }
    let day = mark.story_day.unwrap_or(1);
    let first = mark
        .first_seen
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok());
    let since = match first {
        Some(first) if day > 1 => l.f(
            "story.since",
            &[("when", &l.recent_day(first, b.date.date()))],
        ),
        _ => l.t("story.today").to_string(),
    };
    Some(format!(
        "{} · {} · {since}",
        l.t("story.developing"),
        l.f("story.day", &[("n", &day.to_string())])
    ))
}

fn earlier(mark: &crate::model::StoryMark, b: &Briefing, l: &Locale) -> Vec<EarlierView> {
    mark.earlier
        .iter()
        .map(|e| EarlierView {
            day: e
                .date
                .parse::<jiff::civil::Date>()
                .map(|d| l.recent_day(d, b.date.date()))
                .unwrap_or_else(|_| e.date.clone()),
            date: e.date.clone(),
            title: e.title.clone(),
            source: e.source.clone(),
            link: e.link.clone(),
            note: e.note.clone(),
            page: e
                .note
                .clone()
                .filter(|n| n.ends_with(".html"))
                .unwrap_or_else(|| format!("{}.html", e.date)),
        })
        .collect()
}

/// Words the briefing.
pub fn view(b: &Briefing) -> View {
    let l = Locale::or_english(&b.locale);
    let now = b.date.timestamp();
    let tz = b.date.time_zone().clone();
    let sections = b
        .sections
        .iter()
        .map(|s| {
            let empty = (s.entries.is_empty() && s.again.is_empty()).then(|| {
                if s.no_feeds {
                    l.t("section.no_feeds").to_string()
                } else if s.shown_elsewhere > 0 {
                    l.t("section.nothing_new").to_string()
                } else if s.failed_feeds > 0 {
                    l.plural("section.failed", s.failed_feeds as u64, &[])
                } else {
                    l.f(
                        "section.empty",
                        &[("window", &window_words(b.window_label, l))],
                    )
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
                        age: e.published.map(|p| l.age(p, now)),
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
                        lang: e.lang.clone(),
                        translated: e.translated_from.as_deref().map(|from| {
                            l.f("briefing.translated", &[("lang", l.language_name(from))])
                        }),
                        summary_original: e.summary_original.clone(),
                        story: e.story.story.clone(),
                        developing: developing(&e.story, b, l),
                        earlier: earlier(&e.story, b, l),
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
                more_count: s.more.len() + s.more_unlisted,
                again: s
                    .again
                    .iter()
                    .map(|a| LinkView {
                        text: format!("{} ({})", a.title, a.source),
                        link: a.link.clone(),
                    })
                    .collect(),
            }
        })
        .collect();

    let mut footer = l.f(
        "footer.counts",
        &[
            ("feeds", &b.stats.feeds.to_string()),
            ("items", &b.stats.items_new.to_string()),
        ],
    );
    if !b.failures.is_empty() {
        footer.push_str(&l.plural("footer.failed", b.failures.len() as u64, &[]));
    }
    let note = |feed: &str, url: &str, message: &str| NoteView {
        feed: feed.to_string(),
        url: url.to_string(),
        message: l.message(message),
    };
    View {
        heading: titled(&b.emoji, &b.title),
        title: b.title.clone(),
        date_long: l.date_long(&b.date),
        date: b.date.strftime("%Y-%m-%d").to_string(),
        date_iso: b.date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        timezone: b.timezone.clone(),
        tags: b.tags.clone(),
        weather: weather(b, l),
        sections,
        footer,
        notices: b
            .notices
            .iter()
            .map(|n| note(&n.feed, &n.url, &n.message))
            .collect(),
        failures: grouped_failures(b, l),
        lang: l.lang.to_string(),
        labels: Labels::of(l),
    }
}

/// The failures, those of one cause said once: twelve feeds that could not be resolved are
/// one line naming them ("NPR, BBC, The Guardian and 9 more"), not twelve alike.
fn grouped_failures(b: &Briefing, l: &Locale) -> Vec<NoteView> {
    let mut groups: Vec<(&str, Vec<&crate::model::Failure>)> = Vec::new();
    for f in &b.failures {
        match groups.iter_mut().find(|(e, _)| *e == f.error) {
            Some((_, fs)) => fs.push(f),
            None => groups.push((&f.error, vec![f])),
        }
    }
    groups
        .into_iter()
        .map(|(error, fs)| {
            let message = l.message(error);
            match fs.as_slice() {
                [one] => NoteView {
                    feed: one.feed.clone(),
                    url: one.url.clone(),
                    message,
                },
                many => {
                    let names: Vec<&str> = many.iter().take(3).map(|f| f.feed.as_str()).collect();
                    let feed = if many.len() > 3 {
                        l.f(
                            "footer.group",
                            &[
                                ("names", &names.join(", ")),
                                ("n", &(many.len() - 3).to_string()),
                            ],
                        )
                    } else {
                        names.join(", ")
                    };
                    NoteView {
                        feed,
                        url: String::new(),
                        message,
                    }
                }
            }
        })
        .collect()
}

/// A temperature in the briefing's units.
fn temp(c: f64, units: WeatherUnits, l: &Locale) -> String {
    match units {
        WeatherUnits::Metric => format!("{} °C", l.num(c)),
        WeatherUnits::Imperial => format!("{} °F", l.num((c * 9.0 / 5.0 + 32.0).round())),
    }
}

/// A forecast period's text with its numbers: the source's words, and in imperial units its
/// metric "High 26." sentences replaced by converted ones.
fn period_line(p: &ForecastPeriod, units: WeatherUnits, l: &Locale) -> String {
    // The source's words for highs and lows (Environment Canada writes both languages).
    const HIGH: &[&str] = &["High", "Maximum"];
    const LOW: &[&str] = &["Low", "Minimum"];
    let mut text = l.weather_word(p.summary.trim()).to_string();
    if units == WeatherUnits::Imperial {
        let starts =
            |s: &str, words: &[&str]| words.iter().any(|w| s.starts_with(&format!("{w} ")));
        text = text
            .split(". ")
            .filter(|s| !(starts(s, HIGH) || starts(s, LOW)))
            .collect::<Vec<_>>()
            .join(". ");
    }
    let has = |words: &[&str]| text.split_whitespace().any(|w| words.contains(&w));
    // herald's additions are in the language of the source's own sentence on that line, when
    // the reader's catalogue could not word it: never "Low 17. Probabilité de précipitations".
    let same_words = l.weather_word(p.summary.trim()) == p.summary.trim();
    let l = match weather_text_language(&text) {
        Some(lang) if same_words && lang != l.lang => Locale::or_english(lang),
        _ => l,
    };
    let mut extra: Vec<String> = Vec::new();
    if let Some(h) = p.high_c
        && (units == WeatherUnits::Imperial || !has(HIGH))
    {
        extra.push(l.f("weather.high", &[("t", &temp(h, units, l))]));
    }
    if let Some(low) = p.low_c
        && (units == WeatherUnits::Imperial || !has(LOW))
    {
        extra.push(l.f("weather.low", &[("t", &temp(low, units, l))]));
    }
    if let Some(pop) = p.pop_pct {
        extra.push(l.f("weather.pop", &[("n", &l.num(pop))]));
    }
    if !text.is_empty() && !text.ends_with('.') {
        text.push('.');
    }
    let mut parts = vec![text];
    parts.extend(extra);
    parts.retain(|x| !x.is_empty());
    parts.join(" ")
}

/// The language of a forecast's own words, English or French (Environment Canada writes
/// both), by words only one of them uses; `None` when the text does not say.
pub(crate) fn weather_text_language(text: &str) -> Option<&'static str> {
    const EN: &[&str] = &[
        "chance",
        "showers",
        "sunny",
        "cloudy",
        "clear",
        "rain",
        "snow",
        "high",
        "low",
        "mainly",
        "periods",
        "wind",
        "flurries",
        "cloud",
        "sun",
        "mix",
        "fog",
        "thunderstorm",
    ];
    const FR: &[&str] = &[
        "averses",
        "ensoleillé",
        "nuageux",
        "dégagé",
        "pluie",
        "neige",
        "maximum",
        "minimum",
        "généralement",
        "passages",
        "vent",
        "probabilité",
        "brouillard",
        "orage",
        "alternance",
    ];
    let (mut en, mut fr) = (0, 0);
    for w in text.split(|c: char| !c.is_alphabetic()) {
        let w = w.to_lowercase();
        en += usize::from(EN.contains(&w.as_str()));
        fr += usize::from(FR.contains(&w.as_str()));
    }
    match en.cmp(&fr) {
        std::cmp::Ordering::Greater => Some("en"),
        std::cmp::Ordering::Less => Some("fr"),
        std::cmp::Ordering::Equal => None,
    }
}

/// The "Now" line's parts: temperature and condition, humidex or wind chill, humidity, wind,
/// pressure and tendency, air quality.
fn now_parts(c: &crate::model::CurrentConditions, units: WeatherUnits, l: &Locale) -> Vec<String> {
    let mut now_parts: Vec<String> = Vec::new();
    let mut first = String::new();
    if let Some(t) = c.temperature_c {
        first = temp(t, units, l);
    }
    if let Some(cond) = &c.condition {
        let cond = l.weather_word(cond).to_lowercase();
        if first.is_empty() {
            first = cond;
        } else {
            first.push_str(&format!(", {cond}"));
        }
    }
    if !first.is_empty() {
        now_parts.push(first);
    }
    if let Some(h) = c.humidex {
        now_parts.push(l.f("weather.humidex", &[("n", &l.num(h))]));
    }
    if let Some(wc) = c.wind_chill {
        now_parts.push(l.f("weather.wind_chill", &[("n", &l.num(wc))]));
    }
    if let Some(h) = c.humidity_pct {
        now_parts.push(l.f("weather.humidity", &[("n", &l.num(h))]));
    }
    if let Some(wind) = &c.wind {
        // herald's own words inside the wind: "gusting to", and a compass point it computed
        // from degrees ("W 12 km/h" is "O 12 km/h" in French).
        let wind = l.weather_word(wind).replace(
            " gusting to ",
            &format!(" {} ", l.weather_word("gusting to")),
        );
        let wind = match wind.split_once(' ') {
            Some((point, rest)) if is_compass_point(point) => {
                format!("{} {rest}", l.weather_word(point))
            }
            _ => wind,
        };
        now_parts.push(l.f("weather.wind", &[("wind", &wind)]));
    }
    if let Some(p) = c.pressure_kpa {
        match &c.tendency {
            Some(t) => now_parts.push(format!("{} kPa, {}", l.num(p), l.weather_word(t))),
            None => now_parts.push(format!("{} kPa", l.num(p))),
        }
    }
    if let Some(a) = &c.aqhi {
        now_parts.push(format!("AQHI {a}"));
    }
    now_parts
}

/// One of the 16 compass points in English letters ("N", "WSW").
fn is_compass_point(s: &str) -> bool {
    (1..=3).contains(&s.len()) && s.chars().all(|c| matches!(c, 'N' | 'E' | 'S' | 'W'))
}

/// The weather block's last line: sunrise and sunset, when the forecast was issued, credit.
fn notes(w: &Weather, local: impl Fn(&str) -> Option<String>, l: &Locale) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    if let (Some(rise), Some(set)) = (
        w.sunrise.as_deref().and_then(&local),
        w.sunset.as_deref().and_then(&local),
    ) {
        notes.push(l.f("weather.sun", &[("rise", &rise), ("set", &set)]));
    }
    if let Some(issued) = w.issued_at.as_deref().and_then(&local) {
        notes.push(l.f("weather.issued", &[("time", &issued)]));
    }
    if let Some(a) = &w.attribution {
        notes.push(l.weather_word(a).to_string());
    }
    notes
}

fn weather(b: &Briefing, l: &Locale) -> Option<WeatherView> {
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
            let mut v = empty(titled(&b.weather_emoji, l.t("weather.title")));
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
            .map(|t| l.time(&t.to_zoned(tz.clone())))
    };
    let heading = match &w.location {
        Some(place) => l.f("weather.title_at", &[("place", place)]),
        None => l.t("weather.title").to_string(),
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

    let now_parts = now_parts(&w.current, units, l);
    if !now_parts.is_empty() {
        v.now = Some(now_parts.join(" · "));
        if let Some(obs) = w
            .observed_at
            .as_deref()
            .and_then(|s| s.parse::<jiff::Timestamp>().ok())
        {
            let at = l.time(&obs.to_zoned(tz.clone()));
            v.stale = w.stale;
            v.observed = Some(if w.stale {
                let age = l.age(obs, b.date.timestamp());
                l.f("weather.observed_stale", &[("time", &at), ("age", &age)])
            } else {
                l.f("weather.observed", &[("time", &at)])
            });
        }
    }
    v.periods = w
        .periods
        .iter()
        .take(3)
        .map(|p| PeriodView {
            name: l.weather_word(&p.name).to_string(),
            text: period_line(p, units, l),
        })
        .collect();
    if w.warnings.is_empty() && !w.periods.is_empty() {
        v.all_clear = Some(l.t("weather.all_clear").to_string());
    }
    let notes = notes(w, local, l);
    if !notes.is_empty() {
        v.notes = Some(notes.join(" · "));
    }
    Some(v)
}
