//! The developing-stories step of compose: each entry is linked to a story an earlier edition
//! showed (or starts one), a continuing story is summarized from what the reader has not read,
//! and an item that brings nothing new folds into one "reported again" line.

use jiff::{SignedDuration, Timestamp};

use super::BriefError;
use super::compose::Draft;
use crate::config::Config;
use crate::locale::Locale;
use crate::model::{Earlier, ReportedAgain, Section, StoryMark};
use crate::store::{Store, StoryEntry};
use crate::stories::{self, Memory};

/// Earlier entries a continuing story lists (the most recent).
const MAX_EARLIER: usize = 10;

/// Links every entry of the drafts to a story. Returns the remembered rows of the entries that
/// were folded (the shown ones are remembered once summarized: [`remember`]).
pub(super) fn link(
    config: &Config,
    store: Option<&Store>,
    drafts: &mut [Draft],
    now: Timestamp,
    explain: bool,
) -> Result<Vec<StoryEntry>, BriefError> {
    // Without a state file nothing is remembered, so there are no stories to name.
    if store.is_none() {
        return Ok(Vec::new());
    }
    let today = day(config, now);
    let mut memory = match (store, config.stories.span_days) {
        (Some(s), days) if days > 0 => {
            let since = now - SignedDuration::from_hours(24 * i64::from(days));
            Memory::new(s.story_entries_since(since)?)
        }
        _ => Memory::new(Vec::new()),
    };
    let words = Locale::or_english(&config.locale);
    let mut folded = Vec::new();
    for draft in drafts.iter_mut() {
        let mut i = 0;
        while i < draft.entries.len() {
            let e = &mut draft.entries[i];
            if let Some(id) = memory.shown_before(&e.item) {
                e.entry.story.story = Some(id.to_string());
                i += 1;
                continue;
            }
            let Some(id) = memory.link(&e.item).map(str::to_string) else {
                e.entry.story.story = Some(stories::new_id(&e.item, now));
                i += 1;
                continue;
            };
            let earlier: Vec<&StoryEntry> = memory.of_story(&id).collect();
            let first_day = match store.map(|s| s.story(&id)).transpose()?.flatten() {
                Some(info) => info.first_day,
                None => earlier
                    .first()
                    .map(|x| x.day.clone())
                    .unwrap_or(today.clone()),
            };
            let said: Vec<&str> = earlier
                .iter()
                .flat_map(|x| std::iter::once(x.title.as_str()).chain(x.summary.as_deref()))
                .collect();
            let novelty = stories::what_is_new(&e.item.text, e.item.lang.as_deref(), &said);
            let first = first_shown(words, &first_day, &today);
            if config.stories.fold_reports && novelty.nothing_new() {
                let e = draft.entries.remove(i);
                folded.push(row(&e.item, &e.entry.title, None, &id, now, &today, true));
                draft.section.again.push(ReportedAgain {
                    title: e.entry.title,
                    source: e.entry.source,
                    link: e.entry.link,
                    story: id.clone(),
                    first_seen: first_day.clone(),
                    explain: explain.then(|| words.f("explain.folded", &[("first", &first)])),
                });
                continue;
            }
            if novelty.known > 0 && !novelty.text.is_empty() {
                e.fresh = Some(novelty.text.clone());
            }
            if let Some(why) = e.entry.explain.as_mut() {
                let title = earlier.first().map(|x| x.title.as_str()).unwrap_or("");
                why.push_str(" · ");
                why.push_str(&words.f("explain.continues", &[("first", &first), ("title", title)]));
                if novelty.known > 0 {
                    why.push_str(" · ");
                    why.push_str(&words.f(
                        "explain.left_out",
                        &[
                            ("known", &novelty.known.to_string()),
                            ("total", &novelty.sentences.to_string()),
                        ],
                    ));
                }
            }
            let mut list: Vec<Earlier> = Vec::new();
            for x in earlier.iter().filter(|x| !x.again) {
                if !list.iter().any(|l| l.date == x.day && l.title == x.title) {
                    list.push(Earlier {
                        date: x.day.clone(),
                        title: x.title.clone(),
                        source: x.source.clone(),
                        link: x.link.clone(),
                        note: x.note.as_deref().and_then(|p| {
                            std::path::Path::new(p)
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                        }),
                    });
                }
            }
            let skip = list.len().saturating_sub(MAX_EARLIER);
            e.entry.story = StoryMark {
                story_day: Some(stories::day_of(&first_day, &today)),
                story: Some(id),
                first_seen: Some(first_day),
                earlier: list.into_iter().skip(skip).collect(),
            };
            i += 1;
        }
    }
    Ok(folded)
}

/// With `[stories] section`, moves every developing entry into a section of its own, first
/// in the briefing (after budgets, which are per configured section). A section left empty
/// says its news is shown by an earlier one.
pub(super) fn gather(config: &Config, drafts: &mut Vec<Draft>) {
    let Some(title) = &config.stories.section else {
        return;
    };
    let mut gathered = Vec::new();
    for d in drafts.iter_mut() {
        let (developing, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut d.entries)
            .into_iter()
            .partition(|e| e.entry.story.is_developing());
        d.section.shown_elsewhere += developing.len();
        d.entries = rest;
        gathered.extend(developing);
    }
    if gathered.is_empty() {
        return;
    }
    let section = Section::new(title.clone(), config.stories.section_emoji.clone());
    drafts.insert(
        0,
        Draft {
            section,
            entries: gathered,
        },
    );
}

/// The rows to remember for the entries the briefing shows (after summaries and budgets).
pub(super) fn remember(config: &Config, drafts: &[Draft], now: Timestamp) -> Vec<StoryEntry> {
    let today = day(config, now);
    drafts
        .iter()
        .flat_map(|d| &d.entries)
        .filter_map(|e| {
            let id = e.entry.story.story.as_deref()?;
            Some(row(
                &e.item,
                &e.entry.title,
                e.entry.summary.clone(),
                id,
                now,
                &today,
                false,
            ))
        })
        .collect()
}

fn row(
    item: &crate::model::Item,
    title: &str,
    summary: Option<String>,
    story: &str,
    now: Timestamp,
    today: &str,
    again: bool,
) -> StoryEntry {
    StoryEntry {
        story: story.to_string(),
        at: now,
        day: today.to_string(),
        title: title.to_string(),
        source: item.source.clone(),
        link: item.link.clone(),
        feed: item.feed.clone(),
        lang: item.lang.clone(),
        lead: stories::lead_of(&item.text),
        summary,
        again,
        note: None,
    }
}

/// The briefing's day in the reader's time, YYYY-MM-DD.
fn day(config: &Config, now: Timestamp) -> String {
    now.to_zoned(config.tz.clone())
        .strftime("%Y-%m-%d")
        .to_string()
}

/// "Monday", "28 August": when the story was first shown, as the reader says it.
fn first_shown(words: &Locale, first: &str, today: &str) -> String {
    match (
        first.parse::<jiff::civil::Date>(),
        today.parse::<jiff::civil::Date>(),
    ) {
        (Ok(a), Ok(b)) => words.recent_day(a, b),
        _ => first.to_string(),
    }
}
