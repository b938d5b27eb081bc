//! Markdown: front matter for note apps (Obsidian, Logseq, Bear), emoji headings, linked titles.

use std::fmt::Write;

use crate::model::{Briefing, Weather, WeatherBlock, WeatherUnits};

use super::{age, num};

/// Escapes characters Markdown would read as markup in running text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes only what would change running text (emphasis, HTML), for messages that quote code.
fn escape_light(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '<' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A link target that survives Markdown: spaces and parentheses percent-encoded.
fn url(s: &str) -> String {
    s.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

/// The heading's emoji and title, e.g. "✅ Morning News Briefing".
fn titled(emoji: &str, title: &str) -> String {
    if emoji.is_empty() {
        title.to_string()
    } else {
        format!("{emoji} {title}")
    }
}

pub fn render(b: &Briefing) -> String {
    let mut o = String::new();
    let now = b.date.timestamp();
    let _ = writeln!(o, "---");
    let _ = writeln!(o, "date: {}", b.date.strftime("%Y-%m-%dT%H:%M:%S%:z"));
    let _ = writeln!(o, "tags: [{}]", b.tags.join(", "));
    let _ = writeln!(o, "---");
    let _ = writeln!(
        o,
        "# {} — {}",
        titled(&b.emoji, &b.title),
        b.date.strftime("%A, %-d %B %Y, %H:%M")
    );

    match &b.weather {
        WeatherBlock::None => {}
        WeatherBlock::Unavailable(reason) => {
            let _ = writeln!(o, "\n## {}\n", titled(&b.weather_emoji, "Weather"));
            let _ = writeln!(o, "_Weather unavailable: {}._", escape(reason));
        }
        WeatherBlock::Ok(w) => weather(&mut o, w, &b.weather_emoji, b),
    }

    for s in &b.sections {
        let _ = writeln!(o, "\n## {}\n", titled(&s.emoji, &s.title));
        if s.entries.is_empty() {
            if s.shown_elsewhere > 0 {
                let _ = writeln!(
                    o,
                    "_Nothing new that an earlier section does not already show._"
                );
            } else if s.failed_feeds > 0 {
                let feeds = if s.failed_feeds == 1 {
                    "its feed"
                } else {
                    "its feeds"
                };
                let _ = writeln!(o, "_No items: {feeds} failed (listed at the end)._");
            } else {
                let _ = writeln!(o, "_No new items {}._", b.window_label);
            }
            continue;
        }
        for e in &s.entries {
            let title = escape(&e.title);
            let head = match &e.link {
                Some(l) => format!("[{title}]({})", url(l)),
                None => title,
            };
            let mut line = format!("- **{head}** · {}", escape(&e.source));
            if let Some(p) = e.published {
                let _ = write!(line, " · {}", age(p, now));
            }
            for a in &e.also {
                match &a.link {
                    Some(l) => {
                        let _ = write!(line, " · also: [{}]({})", escape(&a.source), url(l));
                    }
                    None => {
                        let _ = write!(line, " · also: {}", escape(&a.source));
                    }
                }
            }
            let _ = writeln!(o, "{line}");
            if let Some(summary) = &e.summary {
                let _ = writeln!(o, "  {}", escape(summary));
            }
            if let Some(why) = &e.explain {
                let _ = writeln!(o, "  _why: {}_", escape(why));
            }
        }
        if !s.more.is_empty() {
            let list: Vec<String> = s
                .more
                .iter()
                .map(|m| match &m.link {
                    Some(l) => format!("[{}]({})", escape(&m.title), url(l)),
                    None => escape(&m.title),
                })
                .collect();
            let _ = writeln!(o, "- _+{} more:_ {}", s.more.len(), list.join(" · "));
        }
    }

    let _ = writeln!(o, "\n---");
    let mut footer = format!("{} feeds · {} new items", b.stats.feeds, b.stats.items_new);
    match b.failures.len() {
        0 => {}
        1 => footer.push_str(" · 1 feed failed:"),
        n => {
            let _ = write!(footer, " · {n} feeds failed:");
        }
    }
    let _ = writeln!(o, "{footer}");
    if !b.failures.is_empty() || !b.notices.is_empty() {
        o.push('\n');
    }
    for n in &b.notices {
        let _ = writeln!(
            o,
            "- ℹ️ {} (`{}`): {}",
            escape(&n.feed),
            n.url.replace('`', "'"),
            escape_light(&n.message)
        );
    }
    for f in &b.failures {
        let _ = writeln!(
            o,
            "- {} (`{}`): {}",
            escape(&f.feed),
            f.url.replace('`', "'"),
            escape_light(&f.error)
        );
    }
    o
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
fn period_line(p: &crate::model::ForecastPeriod, units: WeatherUnits) -> String {
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

fn weather(o: &mut String, w: &Weather, emoji: &str, b: &Briefing) {
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
    let _ = writeln!(o, "\n## {}\n", titled(emoji, &heading));
    for warning in &w.warnings {
        let _ = match &warning.link {
            Some(l) => writeln!(o, "- **⚠️ [{}]({})**", escape(&warning.title), url(l)),
            None => writeln!(o, "- **⚠️ {}**", escape(&warning.title)),
        };
    }
    let c = &w.current;
    let mut now_parts: Vec<String> = Vec::new();
    let mut first = String::new();
    if let Some(t) = c.temperature_c {
        first = temp(t, units);
    }
    if let Some(cond) = &c.condition {
        if first.is_empty() {
            first = cond.to_lowercase();
        } else {
            let _ = write!(first, ", {}", cond.to_lowercase());
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
    if !now_parts.is_empty() {
        let mut line = format!("- **Now** {}", escape(&now_parts.join(" · ")));
        if let Some(obs) = w
            .observed_at
            .as_deref()
            .and_then(|s| s.parse::<jiff::Timestamp>().ok())
        {
            let at = obs.to_zoned(tz.clone()).strftime("%H:%M").to_string();
            if w.stale {
                let _ = write!(
                    line,
                    " _(observed {at}, {} — may be out of date)_",
                    age(obs, b.date.timestamp())
                );
            } else {
                let _ = write!(line, " _(observed {at})_");
            }
        }
        let _ = writeln!(o, "{line}");
    }
    for p in w.periods.iter().take(3) {
        let _ = writeln!(
            o,
            "- **{}** {}",
            escape(&p.name),
            escape(&period_line(p, units))
        );
    }
    if w.warnings.is_empty() && !w.periods.is_empty() {
        let _ = writeln!(o, "- No watches or warnings in effect.");
    }
    let mut notes: Vec<String> = Vec::new();
    if let (Some(rise), Some(set)) = (
        w.sunrise.as_deref().and_then(local),
        w.sunset.as_deref().and_then(local),
    ) {
        notes.push(format!("sunrise {rise}, sunset {set}"));
    }
    if let Some(issued) = w.issued_at.as_deref().and_then(local) {
        notes.push(format!("forecast issued {issued}"));
    }
    if let Some(a) = &w.attribution {
        notes.push(a.clone());
    }
    if !notes.is_empty() {
        let _ = writeln!(o, "\n_{}_", escape(&notes.join(" · ")));
    }
}
