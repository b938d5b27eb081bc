//! Markdown: front matter for note apps (Obsidian, Logseq, Bear), emoji headings, linked titles.

use std::fmt::Write;

use crate::model::{Briefing, Weather, WeatherBlock};

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

fn weather(o: &mut String, w: &Weather, emoji: &str, b: &Briefing) {
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
        first = format!("{} °C", num(t));
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
            let local = obs.to_zoned(b.date.time_zone().clone());
            if w.stale {
                let _ = write!(
                    line,
                    " _(observed {}, {} — may be out of date)_",
                    local.strftime("%H:%M"),
                    age(obs, b.date.timestamp())
                );
            } else {
                let _ = write!(line, " _(observed {})_", local.strftime("%H:%M"));
            }
        }
        let _ = writeln!(o, "{line}");
    }
    for p in w.periods.iter().take(3) {
        let mut line = format!("- **{}** {}", escape(&p.name), escape(&p.summary));
        if let Some(pop) = p.pop_pct {
            let _ = write!(line, " Chance of precipitation {} %.", num(pop));
        }
        let _ = writeln!(o, "{line}");
    }
    if w.warnings.is_empty() && !w.periods.is_empty() {
        let _ = writeln!(o, "- No watches or warnings in effect.");
    }
}
