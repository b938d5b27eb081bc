//! Markdown: front matter for note apps (Obsidian, Logseq, Bear), emoji headings, linked titles.

use std::fmt::Write;

use crate::model::Briefing;

use super::view::{Labels, WeatherView, view};

/// Escapes characters Markdown would read as markup in running text. The one function every
/// feed- or server-supplied string goes through, in every position: titles, sources, summaries,
/// weather texts, failure and notice messages (a redirect URL a server chose included).
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

/// A link target that survives Markdown: spaces and parentheses percent-encoded.
fn url(s: &str) -> String {
    s.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

pub fn render(b: &Briefing) -> String {
    let v = view(b);
    let mut o = String::new();
    let _ = writeln!(o, "---");
    let _ = writeln!(o, "date: {}", v.date_iso);
    let _ = writeln!(o, "tags: [{}]", v.tags.join(", "));
    let _ = writeln!(o, "---");
    let _ = writeln!(o, "# {} — {}", v.heading, v.date_long);

    if let Some(w) = &v.weather {
        weather(&mut o, w, &v.labels);
    }

    for s in &v.sections {
        let _ = writeln!(o, "\n## {}\n", s.heading);
        if let Some(why) = &s.empty {
            let _ = writeln!(o, "_{why}_");
            continue;
        }
        for e in &s.entries {
            let mut line = format!(
                "- **{}** · {}",
                linked(&e.title, &e.link),
                escape(&e.source)
            );
            if let Some(age) = &e.age {
                let _ = write!(line, " · {age}");
            }
            for a in &e.also {
                let _ = write!(line, " · {} {}", v.labels.also, linked(&a.text, &a.link));
            }
            let _ = writeln!(o, "{line}");
            if let Some(mark) = &e.developing {
                let _ = writeln!(o, "  _{}_{}", escape(mark), earlier(e, &v.labels));
            }
            if let Some(summary) = &e.summary {
                match &e.translated {
                    Some(note) => {
                        let _ = writeln!(o, "  {} _({})_", escape(summary), escape(note));
                    }
                    None => {
                        let _ = writeln!(o, "  {}", escape(summary));
                    }
                }
            }
            if let Some(why) = &e.why {
                let _ = writeln!(o, "  _{} {}_", escape(&v.labels.why), escape(why));
            }
        }
        if !s.again.is_empty() {
            let list: Vec<String> = s.again.iter().map(|m| linked(&m.text, &m.link)).collect();
            let _ = writeln!(o, "- _{}_ {}", escape(&v.labels.again), list.join(" · "));
        }
        if !s.more.is_empty() {
            let list: Vec<String> = s.more.iter().map(|m| linked(&m.text, &m.link)).collect();
            let more = v.labels.more(s.more_count);
            let _ = writeln!(o, "- _{more}_ {}", list.join(" · "));
        }
    }

    let _ = writeln!(o, "\n---");
    let _ = writeln!(o, "{}", v.footer);
    if !v.failures.is_empty() || !v.notices.is_empty() {
        o.push('\n');
    }
    let notes = v.notices.iter().map(|n| ("ℹ️ ", n));
    for (mark, n) in notes.chain(v.failures.iter().map(|f| ("", f))) {
        let url = if n.url.is_empty() {
            String::new()
        } else {
            format!(" (`{}`)", n.url.replace('`', "'"))
        };
        let _ = writeln!(
            o,
            "- {mark}{}{url}: {}",
            escape(&n.feed),
            escape(&n.message)
        );
    }
    o
}

/// Escaped text, as a link when it has one.
/// " · Earlier: [Monday: Title](2025-09-01.md) · …": the last three earlier entries, each
/// linked to the day's note when that edition was written to a file, else to the article.
fn earlier(e: &super::view::EntryView, labels: &Labels) -> String {
    let skip = e.earlier.len().saturating_sub(3);
    let list: Vec<String> = e
        .earlier
        .iter()
        .skip(skip)
        .map(|x| {
            // A note's name is relative to this one ("./" so no name reads as a scheme).
            let target = x
                .note
                .as_ref()
                .map(|n| format!("./{n}"))
                .or_else(|| x.link.clone());
            linked(&format!("{}: {}", x.day, x.title), &target)
        })
        .collect();
    if list.is_empty() {
        return String::new();
    }
    format!(" · {} {}", escape(&labels.earlier), list.join(" · "))
}

fn linked(text: &str, link: &Option<String>) -> String {
    match link {
        Some(l) => format!("[{}]({})", escape(text), url(l)),
        None => escape(text),
    }
}

fn weather(o: &mut String, w: &WeatherView, labels: &Labels) {
    let _ = writeln!(o, "\n## {}\n", w.heading);
    if let Some(reason) = &w.unavailable {
        let _ = writeln!(o, "_{}_", labels.weather_unavailable(&escape(reason)));
        return;
    }
    for warning in &w.warnings {
        let _ = writeln!(o, "- **⚠️ {}**", linked(&warning.text, &warning.link));
    }
    if let Some(now) = &w.now {
        let mut line = format!("- **{}** {}", labels.now, escape(now));
        if let Some(observed) = &w.observed {
            let _ = write!(line, " _({observed})_");
        }
        let _ = writeln!(o, "{line}");
    }
    for p in &w.periods {
        let _ = writeln!(o, "- **{}** {}", escape(&p.name), escape(&p.text));
    }
    if let Some(all_clear) = &w.all_clear {
        let _ = writeln!(o, "- {all_clear}");
    }
    if let Some(notes) = &w.notes {
        let _ = writeln!(o, "\n_{}_", escape(notes));
    }
}
