//! `herald story [ID]`: a developing story's timeline from the state file, or the recent
//! stories that ran over several editions.

use anyhow::{Result, bail};

use super::Globals;
use super::lines::one_line;

pub fn run(id: Option<&str>, json: bool, globals: &Globals) -> Result<()> {
    let Some(store) = globals.existing_store()? else {
        bail!("--no-state: there are no stories without the state file");
    };
    let Some(id) = id else {
        let recent = store.recent_stories(20)?;
        if recent.is_empty() && !globals.quiet {
            eprintln!("herald: no story has run over more than one edition yet");
        }
        for (story, n) in recent {
            if json {
                let line = serde_json::json!({
                    "story": story.id, "title": story.title,
                    "first_seen": story.first_day, "entries": n,
                });
                outln!("{line}");
            } else {
                outln!(
                    "{}  since {}  {} entries  {}",
                    story.id,
                    story.first_day,
                    n,
                    one_line(&story.title)
                );
            }
        }
        return Ok(());
    };
    let (Some(info), entries) = (store.story(id)?, store.story_entries(id)?) else {
        eprintln!("herald: no story has the id '{}'", one_line(id));
        return Err(super::Exit(super::EXIT_NONE).into());
    };
    if json {
        let list: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "date": e.day, "title": e.title, "source": e.source, "link": e.link,
                    "summary": e.summary, "reported_again": e.again,
                })
            })
            .collect();
        let doc = serde_json::json!({
            "story": info.id, "title": info.title, "first_seen": info.first_day,
            "entries": list,
        });
        outln!("{doc}");
        return Ok(());
    }
    outln!("{} · since {}", one_line(&info.title), info.first_day);
    for e in &entries {
        let again = if e.again { " (reported again)" } else { "" };
        outln!(
            "{}  {} · {}{again}",
            e.day,
            one_line(&e.title),
            one_line(&e.source)
        );
        if let Some(link) = &e.link {
            outln!("            {}", one_line(link));
        }
        if let Some(summary) = &e.summary {
            outln!("            {}", one_line(summary));
        }
    }
    Ok(())
}
