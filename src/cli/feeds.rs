//! `herald feeds …`: feed health, a check of every feed now, subscribe and unsubscribe, OPML
//! import and export. Every change to the config goes through one `edit_config`.

use std::path::PathBuf;

use anyhow::{Result, bail};

use herald::brief;
use herald::config::Config;
use herald::fetch::FetchOptions;
use herald::store;
use herald::subscriptions::{self, edit_config};

use super::args::FeedsCommand;
use super::{Globals, config_path, load_config};

pub fn run(cmd: FeedsCommand, globals: &Globals) -> Result<()> {
    match cmd {
        FeedsCommand::List { config, .. } => list(config, globals),
        FeedsCommand::Check { config, .. } => check(config, globals),
        FeedsCommand::Add {
            url,
            section,
            name,
            config,
        } => add(&url, &section, name, config, globals),
        FeedsCommand::Remove { url, config } => remove(&url, config),
        FeedsCommand::Import { file, config } => import(&file, config),
        FeedsCommand::Export { config } => {
            let config = load_config(config)?;
            outln!("{}", subscriptions::export(&config)?);
            Ok(())
        }
    }
}

fn list(config: Option<PathBuf>, globals: &Globals) -> Result<()> {
    let config = load_config(config)?;
    // Health comes from the state file; without one, every feed is simply not yet read.
    let store = globals.existing_store().unwrap_or(None);
    let now = jiff::Timestamp::now();
    outln!(
        "{:<16} {:<17} {:>5} {:>9}  FEED",
        "STATUS",
        "LAST SUCCESS",
        "FAILS",
        "ITEMS/WK"
    );
    for f in config.all_feeds() {
        let rec = match &store {
            Some(s) => s.feed(&f.location, now)?,
            None => store::FeedRecord::default(),
        };
        let status = rec
            .last_status
            .clone()
            .unwrap_or_else(|| "never".to_string());

        let success = rec
            .last_success
            .map(|t| t.strftime("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "-".to_string());
        let name = f.name.clone().or(rec.title.clone()).unwrap_or_default();
        outln!(
            "{status:<16} {success:<17} {:>5} {:>9}  {} {}",
            rec.consecutive_failures,
            rec.items_last_week,
            f.location,
            name
        );
        if let Some(to) = rec.redirect_to {
            outln!("{:>51}moved permanently to {to}", "");
        }
    }
    Ok(())
}

fn check(config: Option<PathBuf>, globals: &Globals) -> Result<()> {
    let config = load_config(config)?;
    let mut store = globals.store(false)?;
    let options = brief::BriefOptions {
        fetch: globals.fetch_options(&config),
        ..brief::BriefOptions::new(jiff::Timestamp::now())
    };
    if let Some(s) = store.as_mut() {
        s.begin()?;
    }
    let reports = brief::refresh(&config, &options, None, store.as_ref())?;
    if let Some(s) = store.as_mut() {
        s.commit()?;
    }
    let mut failed = 0;
    for r in &reports {
        let name = r.name().unwrap_or_default();
        match r.outcome.status() {
            Ok(status) => outln!(
                "ok    {status:<18} {:>4} items  {} {}",
                r.item_count(),
                r.source.location,
                name
            ),
            Err(e) => {
                failed += 1;
                outln!("FAIL  {} {}: {e}", r.source.location, name);
            }
        }
        if let Some(to) = &r.moved_to {
            outln!("      moved permanently to {to}: update your config");
        }
    }
    outln!(
        "{} feed{}, {} failed",
        reports.len(),
        if reports.len() == 1 { "" } else { "s" },
        failed
    );
    // As a check should: some failed is exit 1.
    if failed > 0 {
        return Err(super::Exit(super::EXIT_NONE).into());
    }
    Ok(())
}

fn add(
    url: &str,
    section: &str,
    name: Option<String>,
    config: Option<PathBuf>,
    globals: &Globals,
) -> Result<()> {
    let path = config_path(config)?;
    if !path.exists() {
        bail!(
            "cannot read {} (write one with 'herald init' first)",
            path.display()
        );
    }
    if !globals.quiet {
        eprintln!("herald: looking for a feed at {url}…");
    }
    let found = subscriptions::find_feed(url, FetchOptions::default())?;
    // The name is stored (the feed's own title when none is given), so lists, the web's
    // /feeds and OPML exports name the feed as it was added.
    let stored_name = name.clone().or(found.title.clone());
    let added = edit_config(&path, None, |text| {
        subscriptions::add_feed(text, section, &found.url, stored_name.as_deref())
            .map(|new| (new.clone(), new.is_some()))
    })?;
    if !added {
        outln!("{} is already in section '{section}'", found.url);
        return Ok(());
    }
    let title = name
        .clone()
        .or(found.title.clone())
        .unwrap_or_else(|| found.url.clone());
    match &found.page {
        Some(page) => outln!(
            "added '{title}' ({}, announced by {page}; {} now) to section '{section}'",
            found.url,
            plural(found.entries, "item", "items")
        ),
        None => outln!(
            "added '{title}' ({}; {} now) to section '{section}'",
            found.url,
            plural(found.entries, "item", "items")
        ),
    }
    Ok(())
}

fn remove(url: &str, config: Option<PathBuf>) -> Result<()> {
    let path = config_path(config)?;
    let removed = edit_config(&path, None, |text| {
        subscriptions::remove_feed(text, url)
            .map(|(new, removed)| ((removed > 0).then_some(new), removed))
    })?;
    if removed == 0 {
        bail!("{url} is not in {}", path.display());
    }
    outln!(
        "removed {url} from {} ({removed} entr{})",
        path.display(),
        if removed == 1 { "y" } else { "ies" }
    );
    Ok(())
}

fn import(file: &std::path::Path, config: Option<PathBuf>) -> Result<()> {
    let path = config_path(config)?;
    let xml = herald::localfile::read_text(file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let known: Vec<String> = if path.exists() {
        Config::load(&path)?
            .all_feeds()
            .into_iter()
            .map(|f| f.location)
            .collect()
    } else {
        Vec::new()
    };
    let (sections, skipped) = subscriptions::import(&xml, &known)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    for s in &skipped {
        eprintln!("herald: skipped {}: {}", s.url, s.reason);
    }
    let starter = "# herald configuration (created by 'herald feeds import').\n";
    // Each feed goes into the section of its folder's title: an existing one (the config's own
    // comments kept), or a new one at the end.
    let (added, into) = edit_config(&path, Some(starter), |text| {
        let mut text = text.to_string();
        let mut added = 0;
        let mut into: Vec<&str> = Vec::new();
        for s in &sections {
            for (url, name) in &s.feeds {
                if let Some(new) = subscriptions::add_feed(&text, &s.title, url, Some(name))? {
                    text = new;
                    added += 1;
                    if !into.contains(&s.title.as_str()) {
                        into.push(&s.title);
                    }
                }
            }
        }
        Ok::<_, subscriptions::EditError>((Some(text), (added, into.len())))
    })?;
    eprintln!(
        "herald: added {} in {} to {}{}",
        plural(added, "feed", "feeds"),
        plural(into, "section", "sections"),
        path.display(),
        if skipped.is_empty() {
            String::new()
        } else {
            format!(" ({} skipped, said above)", skipped.len())
        }
    );
    Ok(())
}

/// "1 feed", "3 feeds".
fn plural(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}
