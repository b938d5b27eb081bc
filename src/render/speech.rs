//! The briefing as a script for the ear: what a person would say reading it aloud, from the
//! same wording layer as every other format ([`super::view`]). A greeting with the day, the
//! weather in words, then each section's entries as headline, source and summary, with figures,
//! units, times and abbreviations said and addresses and emoji dropped ([`super::spoken`]).
//! Nothing is read that a listener does not need: no empty sections, no "+N more", no list of
//! failed feeds (one sentence says how many could not be read). A blank line is a short pause
//! (between entries); two are a longer one (between sections): speech engines pause at them.
//!
//! `herald brief --format speech | espeak-ng -w briefing.wav` reads it with Debian's engine.

use crate::locale::Locale;
use crate::model::Briefing;

use super::spoken::spoken;
use super::view::{WeatherView, view};

/// The script.
pub fn render(b: &Briefing) -> String {
    let mut out = pieces(b)
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("\n\n\n");
    out.push('\n');
    out
}

/// The script in pieces, each with its chapter title: the greeting and the weather, each
/// section with entries, the ending.
pub fn pieces(b: &Briefing) -> Vec<(String, String)> {
    let v = view(b);
    let l = Locale::or_english(&b.locale);
    let lang = v.lang.as_str();
    let say = |s: &str| spoken(s, lang);
    let mut opening = vec![say(
        &l.f("speech.greeting", &[("date", &l.date_day(&b.date))])
    )];
    let mut opening_title = v.title.clone();
    if let Some(w) = &v.weather {
        opening.push(weather(w, l, lang));
        opening_title = w
            .heading
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_string();
    }
    let mut parts: Vec<(String, String)> = vec![(opening_title, opening.join("\n\n\n"))];
    for s in v.sections.iter().filter(|s| !s.entries.is_empty()) {
        let mut section = vec![ensure_stop(&say(&s.title))];
        for e in &s.entries {
            // An item's own language is read as it is (only addresses and emoji dropped).
            let item_lang = e.lang.as_deref().unwrap_or(lang);
            let mut line = String::new();
            // "Developing · day 3 · since Monday" is said as "Developing, day 3, since Monday."
            if let Some(mark) = &e.developing {
                line.push_str(&ensure_stop(&say(&mark.replace(" · ", ", "))));
                line.push(' ');
            }
            line.push_str(&ensure_stop(&spoken(&e.title, item_lang)));
            line.push(' ');
            line.push_str(&ensure_stop(
                &l.f("speech.source", &[("source", &e.source)]),
            ));
            if let Some(summary) = &e.summary {
                line.push(' ');
                line.push_str(&spoken(summary, item_lang));
            }
            section.push(line);
        }
        parts.push((s.title.clone(), section.join("\n\n")));
    }
    let mut closing = Vec::new();
    if !b.failures.is_empty() {
        closing.push(say(&l.plural(
            "speech.failed",
            b.failures.len() as u64,
            &[],
        )));
    }
    closing.push(say(l.t("speech.end")));
    if let Some(last) = parts.last_mut() {
        last.1.push_str("\n\n\n");
        last.1.push_str(&closing.join(" "));
    }
    parts
}

/// The weather block, said: the place, now, each period, any warning.
fn weather(w: &WeatherView, l: &Locale, lang: &str) -> String {
    let say = |s: &str| spoken(s, lang);
    let mut lines = Vec::new();
    let heading = w.heading.trim_start_matches(|c: char| !c.is_alphanumeric());
    lines.push(ensure_stop(&say(heading)));
    if w.unavailable.is_some() {
        lines.push(say(l.t("speech.no_weather")));
        return lines.join(" ");
    }
    for warning in &w.warnings {
        lines.push(ensure_stop(&say(&warning.text)));
    }
    if let Some(now) = &w.now {
        let now = now.replace(" · ", ", ");
        lines.push(ensure_stop(&say(&format!("{}: {now}", l.t("weather.now")))));
    }
    // A forecast in the source's language (Environment Canada's English for a French reader)
    // is said in that language.
    for p in &w.periods {
        let line = format!("{}: {}", p.name, p.text);
        let own = super::view::weather_text_language(&p.text).unwrap_or(lang);
        lines.push(ensure_stop(&spoken(&line, own)));
    }
    lines.join(" ")
}

/// A sentence that ends in punctuation, so the engine pauses after it.
fn ensure_stop(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['.', '!', '?', '…', ':']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}
