//! The types that cross pipeline stages.
//!
//! Every stage imports this module; this module imports nothing else of ours, so the data can
//! only flow one way (config → fetch → parse → items → select → summarize → compose → render).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One feed as the config names it, before anything was fetched.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedSource {
    /// What the user wrote: an `http(s)://` URL, a `file://` URL, a path, or `demo:NAME`.
    pub location: String,
    /// A display name the user chose; else the feed's own title is used.
    pub name: Option<String>,
    /// When to read the linked article for this feed's items (`None`: the section's choice).
    pub full_text: Option<FullText>,
    /// Whether article fetches for this feed obey the site's robots.txt (a reader may turn
    /// this off for their own sites).
    pub robots: Option<bool>,
}

/// When herald reads the article an item links to, instead of only what the feed says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FullText {
    /// When the feed gives no text, a teaser, or a truncation stub.
    #[default]
    Auto,
    /// For every new item.
    Always,
    /// Never.
    Never,
}

/// HTTP cache validators from the last good response, sent back as a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Raw bytes of one feed, as the fetch stage got them.
#[derive(Debug, Clone, Default)]
pub struct Fetched {
    /// The location asked for (config spelling).
    pub location: String,
    /// Where the bytes came from after redirects (a URL or a path); used to resolve relative links.
    pub final_url: Option<String>,
    /// The `Content-Type` header, when fetched over HTTP.
    pub content_type: Option<String>,
    /// True for `304 Not Modified`: the body is empty and the stored items still stand.
    pub not_modified: bool,
    /// Validators of this response, to send next time.
    pub validators: Validators,
    /// Where a permanent redirect (301/308) pointed, so the user can update the config.
    pub moved_to: Option<String>,
    /// The HTTP status (200, 304), or 0 for files and bundled feeds.
    pub status: u16,
    pub body: Vec<u8>,
}

/// A person named by a feed (author, editor).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
    pub uri: Option<String>,
}

/// A link with its relation, as in Atom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub href: String,
    pub rel: String,
    #[serde(rename = "type")]
    pub media_type: Option<String>,
    pub length: Option<u64>,
}

/// A media enclosure (podcast audio, image).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Enclosure {
    pub href: String,
    #[serde(rename = "type")]
    pub media_type: Option<String>,
    pub length: Option<u64>,
}

/// One block of entry content with its MIME type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Content {
    pub value: String,
    #[serde(rename = "type")]
    pub media_type: String,
}

/// Feed-level metadata after parsing (the `feed` object of `herald parse --json`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct FeedMeta {
    pub title: Option<String>,
    pub link: Option<String>,
    pub subtitle: Option<String>,
    pub language: Option<String>,
    pub updated: Option<Timestamp>,
    pub authors: Vec<Person>,
    pub id: Option<String>,
    pub published: Option<Timestamp>,
    pub links: Vec<Link>,
    pub categories: Vec<String>,
}

/// One entry as the parser read it: markup kept, nothing cleaned yet.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Entry {
    pub id: Option<String>,
    pub title: Option<String>,
    pub link: Option<String>,
    pub links: Vec<Link>,
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    pub summary: Option<String>,
    pub content: Vec<Content>,
    pub authors: Vec<Person>,
    pub categories: Vec<String>,
    pub enclosures: Vec<Enclosure>,
    /// The entry's own language (`xml:lang`, `dc:language`, JSON Feed `language`), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// A parsed feed: the JSON shape of `herald parse --json` (see `tests/fixtures/feedsuite/SCHEMA.md`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ParsedFeed {
    /// feedparser's vocabulary: `rss20`, `rss10`, `atom10`, `json11`, ...
    pub version: String,
    /// True when the input was not well-formed and what is here was recovered.
    pub bozo: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bozo_exception: Option<String>,
    pub feed: FeedMeta,
    pub entries: Vec<Entry>,
}

impl ParsedFeed {
    /// A feed that parsed cleanly.
    pub fn well_formed(version: &str, feed: FeedMeta, entries: Vec<Entry>) -> ParsedFeed {
        ParsedFeed {
            version: version.to_string(),
            bozo: false,
            bozo_exception: None,
            feed,
            entries,
        }
    }
}

/// One news item after cleaning: plain text, absolute link, ready for selection.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The feed location it came from (config spelling).
    pub feed: String,
    /// The display name of its source ("NPR").
    pub source: String,
    /// A key stable across runs: GUID, else link, else a hash of the title.
    pub key: String,
    pub title: String,
    pub link: Option<String>,
    pub published: Option<Timestamp>,
    /// When herald first saw it (from the store; `None` in a run without state).
    pub first_seen: Option<Timestamp>,
    /// The order in which the store first saw it (a sequence, exact where clocks are not).
    pub seen_seq: Option<i64>,
    /// Clean plain text of the body: entities decoded once, paragraphs separated by `\n\n`.
    pub text: String,
    /// Its language as an ISO 639-1 code ("fr"): declared by the entry or feed, or detected.
    pub lang: Option<String>,
}

/// Another source that carried the same story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AlsoLink {
    pub source: String,
    pub link: Option<String>,
}

/// One line of the briefing.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct BriefEntry {
    pub title: String,
    pub link: Option<String>,
    pub source: String,
    pub published: Option<Timestamp>,
    /// Whole sentences copied from the item; `None` when the item has nothing to summarize.
    pub summary: Option<String>,
    /// Which engine wrote the summary: "extractive" or "llm:MODEL" (`None` without a summary).
    pub summary_engine: Option<String>,
    /// Why a model's summary was not used, when one was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary_fallback: Option<String>,
    pub also: Vec<AlsoLink>,
    /// Why the entry is where it is (sources, age, preferences, boosts), with `--explain`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
    /// The language of the item (and of its summary, unless translated): ISO 639-1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Set when the summary shown is a checked translation: the item's own language...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<String>,
    /// ...and the summary in that language, as the source wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_original: Option<String>,
    /// The story across editions this entry belongs to (JSON: `story`, `first_seen`,
    /// `story_day`, `earlier`, side by side with the entry's other fields).
    #[serde(default, flatten)]
    pub story: StoryMark,
}

impl BriefEntry {
    /// An entry with its headline, link and source, and nothing else yet (no summary, no
    /// also-links, no story).
    pub fn new(title: String, link: Option<String>, source: String) -> BriefEntry {
        BriefEntry {
            title,
            link,
            source,
            published: None,
            summary: None,
            summary_engine: None,
            summary_fallback: None,
            also: Vec::new(),
            explain: None,
            lang: None,
            translated_from: None,
            summary_original: None,
            story: StoryMark::default(),
        }
    }
}

/// Where an entry stands in a story that runs over several editions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct StoryMark {
    /// The story's stable id ("s3f9a2c1b"), the same in every edition that shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// The day (YYYY-MM-DD, the reader's time) an edition first showed the story; set only for
    /// an entry that continues a story shown before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// Which day of the story this is (1 is the day it was first shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story_day: Option<u32>,
    /// What earlier editions showed of it, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Earlier>,
}

impl StoryMark {
    /// True when the entry continues a story an earlier edition showed.
    pub fn is_developing(&self) -> bool {
        !self.earlier.is_empty()
    }
}

/// An earlier edition's entry of a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Earlier {
    /// The edition's day, YYYY-MM-DD in the reader's time.
    pub date: String,
    pub title: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The name of the file that edition was written to ("2025-09-01.md"), when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An item that continues a story but says nothing the reader has not read: one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ReportedAgain {
    pub title: String,
    pub source: String,
    pub link: Option<String>,
    pub story: String,
    /// The day the story was first shown (YYYY-MM-DD).
    pub first_seen: String,
    /// Why it was folded, with `--explain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
}

/// An entry left out to keep the briefing within its reading budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct MoreItem {
    pub title: String,
    pub link: Option<String>,
}

/// A topic section of the briefing.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Section {
    pub title: String,
    pub emoji: String,
    pub entries: Vec<BriefEntry>,
    /// How many of the section's feeds failed, to explain an empty section honestly (kept in
    /// the stored edition, so it is shown again as it was delivered).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub failed_feeds: usize,
    /// New items left out because an earlier section already shows the same story.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub shown_elsewhere: usize,
    /// The section has no feeds configured at all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_feeds: bool,
    /// Entries left out (past `max_items`, or to fit the reading budget), lowest-ranked last.
    pub more: Vec<MoreItem>,
    /// Further new items left out and not named in `more` (a huge feed's tail).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more_unlisted: usize,
    /// Items that continue a story already shown and bring nothing new: folded to one line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub again: Vec<ReportedAgain>,
}

impl Section {
    /// A section with its title and emoji and nothing in it yet.
    pub fn new(title: String, emoji: String) -> Section {
        Section {
            title,
            emoji,
            entries: Vec::new(),
            failed_feeds: 0,
            shown_elsewhere: 0,
            no_feeds: false,
            more: Vec::new(),
            more_unlisted: 0,
            again: Vec::new(),
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A feed that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Failure {
    /// The feed's display name (its configured name, else its location).
    pub feed: String,
    pub url: String,
    pub error: String,
}

/// Something the reader should act on that is not a failure (a feed that moved for good).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Notice {
    pub feed: String,
    pub url: String,
    pub message: String,
}

/// Counts for the footer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Stats {
    pub feeds: usize,
    pub items_seen: usize,
    pub items_new: usize,
    pub elapsed_ms: u64,
}

/// Current conditions at the weather station.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct CurrentConditions {
    pub temperature_c: Option<f64>,
    pub condition: Option<String>,
    pub humidity_pct: Option<f64>,
    pub wind: Option<String>,
    pub pressure_kpa: Option<f64>,
    pub tendency: Option<String>,
    pub aqhi: Option<String>,
    pub dewpoint_c: Option<f64>,
    pub humidex: Option<f64>,
    pub wind_chill: Option<f64>,
}

/// One forecast period ("Wednesday night").
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct ForecastPeriod {
    pub name: String,
    pub summary: String,
    pub high_c: Option<f64>,
    pub low_c: Option<f64>,
    pub pop_pct: Option<f64>,
}

/// A weather warning or watch in effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct WeatherWarning {
    pub title: String,
    pub link: Option<String>,
}

/// The weather block that opens the briefing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Weather {
    pub location: Option<String>,
    /// When the current conditions were observed, as the source states it (RFC 3339 with offset).
    pub observed_at: Option<String>,
    /// True when the observation is more than 3 hours older than the briefing.
    pub stale: bool,
    pub current: CurrentConditions,
    pub periods: Vec<ForecastPeriod>,
    pub warnings: Vec<WeatherWarning>,
    /// Where the data came from (the feed location).
    pub source: String,
    /// Who to credit ("Environment and Climate Change Canada", "Open-Meteo.com").
    pub attribution: Option<String>,
    /// When the forecast was issued, as the source states it (RFC 3339 with offset).
    pub issued_at: Option<String>,
    pub sunrise: Option<String>,
    pub sunset: Option<String>,
}

/// Units for showing the weather.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WeatherUnits {
    #[default]
    Metric,
    Imperial,
}

/// The weather part of a briefing: data, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub enum WeatherBlock {
    None,
    Ok(Box<Weather>),
    Unavailable(String),
}

/// The whole briefing, ready to render.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Briefing {
    pub title: String,
    /// Shown before the title in headings ("✅"); may be empty.
    pub emoji: String,
    /// The briefing's moment in the reader's time zone.
    pub date: jiff::Zoned,
    pub timezone: String,
    pub tags: Vec<String>,
    /// What the window was (worded by the view: "since the last briefing", "in the last 24
    /// hours").
    #[serde(deserialize_with = "WindowLabel::deserialize_any")]
    pub window_label: WindowLabel,
    /// The reader's locale ("fr-CA"): the language of herald's own words.
    #[serde(default = "english")]
    pub locale: String,
    pub weather: WeatherBlock,
    pub weather_emoji: String,
    /// Units for showing the weather (the JSON is always metric).
    pub units: WeatherUnits,
    pub sections: Vec<Section>,
    pub failures: Vec<Failure>,
    pub notices: Vec<Notice>,
    pub stats: Stats,
    /// The edition read aloud, once it was (pushes link the episode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<Listen>,
}

/// An edition's audio as pushes and JSON name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Listen {
    /// Its file name on the site of editions ("2025-09-03.mp3").
    pub file: String,
    /// Its length, in whole seconds.
    pub seconds: u32,
}

/// Which items a briefing covered, for its wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum WindowLabel {
    /// Items first seen since the previous briefing.
    SinceLast,
    /// Items of the last so many hours...
    Hours(u32),
    /// ...or whole days.
    Days(u32),
}

impl WindowLabel {
    /// Reads the label as stored now, or as editions stored before the locale was: English
    /// words ("in the last 24 hours").
    fn deserialize_any<'de, D: serde::Deserializer<'de>>(d: D) -> Result<WindowLabel, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Now(WindowLabel),
            Words(String),
        }
        Ok(match Stored::deserialize(d)? {
            Stored::Now(w) => w,
            Stored::Words(words) => {
                let n = words
                    .split_whitespace()
                    .find_map(|w| w.parse::<u32>().ok())
                    .unwrap_or(24);
                if words.ends_with("days") {
                    WindowLabel::Days(n)
                } else if words.ends_with("hours") {
                    WindowLabel::Hours(n)
                } else {
                    WindowLabel::SinceLast
                }
            }
        })
    }
}

fn english() -> String {
    "en".to_string()
}

/// Built-in output formats (chosen on the command line or in the config, used by render).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Text,
    Json,
    /// A script for the ear: to be read aloud by a speech engine (`render/speech.rs`).
    Speech,
}

impl Format {
    /// The format a file name asks for by its extension (`.html`, `.txt`, `.json`, `.md`).
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "txt" | "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "markdown" | "md" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "text" | "txt" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "speech" => Ok(Format::Speech),
            other => Err(format!(
                "unknown format '{other}': expected markdown, html, text, json or speech"
            )),
        }
    }
}
