//! `herald search`: full-text search of the stored archive, indexing what new runs queued first.

use std::io::{IsTerminal, Write};

use anyhow::{Result, bail};

use super::Globals;

/// "30d", "2w", "12h" before now, or a date (midnight UTC).
fn parse_since(s: &str, now: jiff::Timestamp) -> Result<jiff::Timestamp> {
    if let Ok(date) = s.trim().parse::<jiff::civil::Date>() {
        return Ok(date.to_zoned(jiff::tz::TimeZone::UTC)?.timestamp());
    }
    match herald::span::Span::parse(s, herald::span::Span::CENTURY) {
        Ok(span) => Ok(now - span.duration()),
        Err(herald::span::SpanError::TooLong { max, .. }) => {
            bail!("--since '{s}': at most {max} back, or a date such as 2025-09-01")
        }
        Err(_) => bail!(
            "--since '{s}': expected a span such as 30d, 2w or 12h, or a date such as 2025-09-01"
        ),
    }
}

pub fn run(
    query: &str,
    since: Option<&str>,
    limit: usize,
    json: bool,
    globals: &Globals,
) -> Result<()> {
    let since = since
        .map(|s| parse_since(s, jiff::Timestamp::now()))
        .transpose()?;
    let Some(mut store) = globals.existing_store()? else {
        bail!("--no-state: there is no archive to search");
    };
    // Briefings only queue new items; they are indexed here, before the first search sees them.
    let pending = store.unindexed()?;
    if pending > 0 {
        let bar = if !globals.quiet && pending >= 10_000 && std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(pending as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} indexing stored items for search {pos}/{len} {wide_bar} {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        } else {
            if !globals.quiet && pending >= 10_000 {
                eprintln!("herald: indexing {pending} stored items for search (once)…");
            }
            indicatif::ProgressBar::hidden()
        };
        store.update_index(|done| bar.set_position(done as u64))?;
        bar.finish_and_clear();
    }
    let hits = store.search(query, since, limit)?;
    let mut out = std::io::stdout().lock();
    // As grep: no match is exit 1, so a script can tell "nothing" from "something".
    if hits.is_empty() {
        if !json {
            eprintln!("herald: nothing stored matches {query:?}");
        }
        return Err(super::Exit(super::EXIT_NONE).into());
    }
    if json {
        for h in &hits {
            writeln!(out, "{}", serde_json::to_string(h)?)?;
        }
        return Ok(());
    }
    for h in &hits {
        let when = h
            .published
            .or(h.first_seen)
            .map(|t| t.strftime("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "----------".to_string());
        writeln!(out, "{when}  {}  {}", h.title, h.source)?;
        if let Some(link) = &h.link {
            writeln!(out, "            {link}")?;
        }
        if !h.snippet.is_empty() {
            writeln!(out, "            {}", h.plain_snippet())?;
        }
    }
    Ok(())
}
