//! The briefing's own words in the reader's language: one catalogue file per language.
//!
//! Feeds speak their own language; herald's chrome (dates, ages, empty-section and failure
//! lines, weather labels, the footer) speaks the reader's, chosen by the config's `locale`
//! (`fr-CA`, `de-DE`; default `en`). Adding a language is adding `xx.toml` beside `en.toml` and
//! one line in [`CATALOGUES`]; a key a catalogue lacks falls back to English, so a partial
//! catalogue still works.

use std::collections::HashMap;
use std::sync::OnceLock;

use jiff::Timestamp;

/// The built-in catalogues, by ISO 639-1 code.
pub const CATALOGUES: &[(&str, &str)] = &[
    ("en", include_str!("en.toml")),
    ("fr", include_str!("fr.toml")),
    ("de", include_str!("de.toml")),
    ("es", include_str!("es.toml")),
];

/// A locale herald has no words for.
#[derive(Debug, thiserror::Error)]
#[error("unknown locale '{tag}': herald speaks {}", available())]
pub struct UnknownLocale {
    pub tag: String,
}

fn available() -> String {
    CATALOGUES
        .iter()
        .map(|(c, _)| *c)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One language's words.
#[derive(Debug)]
pub struct Locale {
    /// ISO 639-1 ("fr").
    pub lang: &'static str,
    words: HashMap<String, String>,
    lists: HashMap<String, Vec<String>>,
    english: Option<&'static Locale>,
}

impl Locale {
    /// The catalogue for a tag such as `fr-CA`, or an error naming the ones there are.
    pub fn for_tag(tag: &str) -> Result<&'static Locale, UnknownLocale> {
        let lang = crate::lang::normalize(tag).unwrap_or_default();
        all()
            .iter()
            .find(|l| l.lang == lang)
            .ok_or_else(|| UnknownLocale {
                tag: tag.to_string(),
            })
    }

    /// The catalogue for `tag`, or English when there is none (for editions stored by a
    /// version that knew the locale).
    pub fn or_english(tag: &str) -> &'static Locale {
        Locale::for_tag(tag).unwrap_or_else(|_| english())
    }

    /// A message; English when this catalogue lacks it, the key itself when both do.
    pub fn t(&self, key: &str) -> &str {
        match self.words.get(key) {
            Some(w) => w,
            None => match self.english {
                Some(en) => en.t(key),
                None => "",
            },
        }
    }

    /// A message with its `{name}` placeholders filled in.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut out = self.t(key).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// A message that depends on a count: `key.one` or `key.other`, with `{n}` filled in.
    pub fn plural(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        // French counts 0 and 1 as singular; English, German and Spanish only 1.
        let one = if self.lang == "fr" { n <= 1 } else { n == 1 };
        let key = format!("{key}.{}", if one { "one" } else { "other" });
        let n = n.to_string();
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        self.f(&key, &all)
    }

    /// herald's own weather word (a period name, an Open-Meteo condition) in this language;
    /// any other text (a source's own words) as it is.
    pub fn weather_word<'a>(&'a self, english: &'a str) -> &'a str {
        self.words
            .get(&format!("weather.words.{english}"))
            .map_or(english, String::as_str)
    }

    /// A failure or notice message with herald's own English opening ("connection failed:",
    /// "not a feed:") in this language; what follows (a server's or the system's own words)
    /// stays as it was.
    pub fn message(&self, english: &str) -> String {
        let best = self
            .words
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("errors.")?, v)))
            .filter(|(k, _)| english.starts_with(k))
            .max_by_key(|(k, _)| k.len());
        match best {
            // What follows a known opening may open with one too ("kept the feed's text: not
            // bundled with the demo…"): it is read the same way.
            Some((k, v)) => {
                let rest = &english[k.len()..];
                let lead = &rest[..rest.len() - rest.trim_start().len()];
                format!("{v}{lead}{}", self.message(rest.trim_start()))
            }
            None => english.to_string(),
        }
    }

    /// A language's name ("anglais"), or its code when the catalogue does not name it.
    pub fn language_name<'a>(&'a self, code: &'a str) -> &'a str {
        let name = self.t(&format!("languages.{code}"));
        if name.is_empty() { code } else { name }
    }

    /// A number as this language writes it: no trailing ".0", its decimal sign.
    pub fn num(&self, v: f64) -> String {
        let s = if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v}")
        };
        s.replace('.', self.t("meta.decimal"))
    }

    /// A clock time ("10:42", "10 h 42").
    pub fn time(&self, z: &jiff::Zoned) -> String {
        z.strftime(self.t("meta.time")).to_string()
    }

    /// "Wednesday, 3 September 2025" / "mercredi 3 septembre 2025".
    pub fn date_day(&self, z: &jiff::Zoned) -> String {
        self.date_in("date.day", z)
    }

    /// "Wednesday, 3 September 2025, 10:42" / "mercredi 3 septembre 2025, 10 h 42".
    pub fn date_long(&self, z: &jiff::Zoned) -> String {
        self.date_in("date.long", z)
    }

    /// A recent day as a reader says it: its weekday within the last six days ("Monday"), else
    /// its date ("28 August").
    pub fn recent_day(&self, day: jiff::civil::Date, today: jiff::civil::Date) -> String {
        let back = day.until(today).map(|s| s.get_days()).unwrap_or(i32::MAX);
        if (0..7).contains(&back) {
            let i = day.weekday().to_monday_zero_offset() as usize;
            return self
                .list("date.weekdays")
                .get(i)
                .cloned()
                .unwrap_or_default();
        }
        let month = self
            .list("date.months")
            .get(day.month() as usize - 1)
            .cloned()
            .unwrap_or_default();
        self.f(
            "date.short",
            &[("day", &day.day().to_string()), ("month", &month)],
        )
    }

    fn date_in(&self, key: &str, z: &jiff::Zoned) -> String {
        let weekday = z.weekday().to_monday_zero_offset() as usize;
        let month = z.month() as usize - 1;
        let list = |key: &str, i: usize| {
            self.list(key)
                .get(i)
                .cloned()
                .unwrap_or_else(|| i.to_string())
        };
        self.f(
            key,
            &[
                ("weekday", &list("date.weekdays", weekday)),
                ("day", &z.day().to_string()),
                ("month", &list("date.months", month)),
                ("year", &z.year().to_string()),
                ("time", &self.time(z)),
            ],
        )
    }

    /// "8 h ago" / "il y a 8 h", at the briefing's moment.
    pub fn age(&self, published: Timestamp, now: Timestamp) -> String {
        let secs = now.as_second() - published.as_second();
        let n = |v: i64| v.to_string();
        if secs < 60 {
            self.t("age.just_now").to_string()
        } else if secs < 3600 {
            self.f("age.minutes", &[("n", &n(secs / 60))])
        } else if secs < 48 * 3600 {
            self.f("age.hours", &[("n", &n(secs / 3600))])
        } else {
            self.f("age.days", &[("n", &n(secs / 86400))])
        }
    }

    fn list(&self, key: &str) -> &[String] {
        match self.lists.get(key) {
            Some(l) => l,
            None => self.english.map_or(&[], |en| en.list(key)),
        }
    }

    /// Every key of this catalogue (for checking that catalogues agree).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.words
            .keys()
            .chain(self.lists.keys())
            .map(String::as_str)
    }
}

fn english() -> &'static Locale {
    &all()[0]
}

fn all() -> &'static [Locale] {
    static ALL: OnceLock<Vec<Locale>> = OnceLock::new();
    ALL.get_or_init(|| {
        // English first: the others fall back to it.
        static EN: OnceLock<Locale> = OnceLock::new();
        let en = EN.get_or_init(|| load("en", CATALOGUES[0].1, None));
        CATALOGUES
            .iter()
            .map(|(code, text)| load(code, text, (*code != "en").then_some(en)))
            .collect()
    })
}

/// Reads one catalogue. The catalogues are part of the program (tests parse every one), so a
/// broken one is a bug, shown as missing words rather than a crash.
fn load(code: &'static str, text: &str, english: Option<&'static Locale>) -> Locale {
    let mut words = HashMap::new();
    let mut lists = HashMap::new();
    if let Ok(table) = text.parse::<toml::Table>() {
        flatten("", &table, &mut words, &mut lists);
    }
    Locale {
        lang: code,
        words,
        lists,
        english,
    }
}

fn flatten(
    prefix: &str,
    table: &toml::Table,
    words: &mut HashMap<String, String>,
    lists: &mut HashMap<String, Vec<String>>,
) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::String(s) => {
                words.insert(key, s.clone());
            }
            toml::Value::Array(a) => {
                let items = a.iter().filter_map(|x| x.as_str().map(str::to_string));
                lists.insert(key, items.collect());
            }
            toml::Value::Table(t) => flatten(&key, t, words, lists),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_parses_and_has_every_english_key() {
        let en = Locale::for_tag("en").expect("en");
        for (code, text) in CATALOGUES {
            text.parse::<toml::Table>()
                .unwrap_or_else(|e| panic!("{code}.toml: {e}"));
            let l = Locale::for_tag(code).expect("catalogue");
            for key in en.keys().filter(|k| !k.starts_with("weather.words.")) {
                assert!(l.keys().any(|k| k == key), "{code}.toml lacks {key}");
            }
        }
    }

    #[test]
    fn french_dates_ages_numbers_and_plurals() {
        let fr = Locale::for_tag("fr-CA").expect("fr");
        let z: jiff::Zoned = "2025-09-03T10:42:00-04:00[America/Toronto]"
            .parse()
            .expect("date");
        assert_eq!(fr.date_long(&z), "mercredi 3 septembre 2025, 10 h 42");
        let now = z.timestamp();
        assert_eq!(
            fr.age(now - jiff::SignedDuration::from_hours(2), now),
            "il y a 2 h"
        );
        assert_eq!(fr.num(11.4), "11,4");
        assert_eq!(fr.plural("footer.failed", 1, &[]), " · 1 fil en échec :");
        assert_eq!(fr.plural("footer.failed", 3, &[]), " · 3 fils en échec :");
        assert_eq!(fr.weather_word("Partly cloudy"), "Partiellement nuageux");
        assert_eq!(fr.weather_word("Brume"), "Brume");
        assert_eq!(fr.weather_word("WSW"), "OSO");
        assert_eq!(
            fr.message("connection failed: Connection refused (os error 111)"),
            "échec de connexion : Connection refused (os error 111)"
        );
        assert_eq!(fr.message("HTTP 404 Not Found"), "HTTP 404 Not Found");
        let en = Locale::for_tag("en").expect("en");
        assert_eq!(en.date_long(&z), "Wednesday, 3 September 2025, 10:42");
    }

    #[test]
    fn unknown_locales_name_the_known_ones() {
        let e = Locale::for_tag("tlh").expect_err("no Klingon");
        assert!(e.to_string().contains("en, fr, de, es"), "{e}");
    }
}
