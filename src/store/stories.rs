//! Stories across editions: what each briefing showed, by story, so tomorrow's briefing can
//! tell what continues and what the reader already read. Kept apart from items (which age out):
//! a story keeps its id, its first day and its timeline.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Row, params};

use super::{Store, StoreError};

/// One entry an edition showed, as its story remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryEntry {
    pub story: String,
    pub at: Timestamp,
    /// The edition's day in the reader's time (YYYY-MM-DD).
    pub day: String,
    pub title: String,
    pub source: String,
    pub link: Option<String>,
    /// The feed it came from (config spelling).
    pub feed: String,
    pub lang: Option<String>,
    /// The words it is matched on: the item's lead.
    pub lead: String,
    /// The summary the reader read (none for a title-only item).
    pub summary: Option<String>,
    /// Folded into "reported again" rather than shown in full.
    pub again: bool,
    /// The file the edition was written to, when it was (read back only).
    pub note: Option<String>,
}

/// A story's own record: its id, when and with what title it began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryInfo {
    pub id: String,
    pub first_seen: Timestamp,
    pub first_day: String,
    pub title: String,
}

const COLUMNS: &str = "story, at, day, title, source, link, feed, lang, lead, summary, again";

/// [`COLUMNS`] read back, with the output file of the entry's edition.
const READ: &str = "e.story, e.at, e.day, e.title, e.source, e.link, e.feed, e.lang, e.lead, e.summary, e.again, b.output FROM story_entries e LEFT JOIN briefings b ON b.id = e.briefing_id";

fn entry(r: &Row<'_>) -> rusqlite::Result<StoryEntry> {
    Ok(StoryEntry {
        story: r.get(0)?,
        at: Timestamp::from_second(r.get(1)?).unwrap_or(Timestamp::UNIX_EPOCH),
        day: r.get(2)?,
        title: r.get(3)?,
        source: r.get(4)?,
        link: r.get(5)?,
        feed: r.get(6)?,
        lang: r.get(7)?,
        lead: r.get(8)?,
        summary: r.get(9)?,
        again: r.get::<_, i64>(10)? != 0,
        note: r.get(11)?,
    })
}

impl Store {
    /// Remembers what the briefing `briefing` showed, story by story (in the run's
    /// transaction: a run killed before its commit remembers nothing, one forgotten by
    /// [`Store::forget_briefing`] takes its entries with it).
    pub fn record_story_entries(
        &self,
        briefing: i64,
        entries: &[StoryEntry],
    ) -> Result<(), StoreError> {
        let mut story = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO stories (id, first_seen, first_day, title) VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(self.sql())?;
        let mut row = self
            .conn
            .prepare_cached(&format!(
                "INSERT INTO story_entries (briefing_id, {COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
            ))
            .map_err(self.sql())?;
        for e in entries {
            story
                .execute(params![e.story, e.at.as_second(), e.day, e.title])
                .map_err(self.sql())?;
            row.execute(params![
                briefing,
                e.story,
                e.at.as_second(),
                e.day,
                e.title,
                e.source,
                e.link,
                e.feed,
                e.lang,
                e.lead,
                e.summary,
                i64::from(e.again)
            ])
            .map_err(self.sql())?;
        }
        Ok(())
    }

    /// The entries of a forgotten briefing, and stories left with none.
    pub(super) fn forget_story_entries(&self, briefing: i64) -> Result<(), StoreError> {
        self.conn
            .execute(
                "DELETE FROM story_entries WHERE briefing_id = ?1",
                params![briefing],
            )
            .map_err(self.sql())?;
        self.conn
            .execute(
                "DELETE FROM stories WHERE NOT EXISTS
                 (SELECT 1 FROM story_entries e WHERE e.story = stories.id)",
                [],
            )
            .map_err(self.sql())?;
        Ok(())
    }

    /// Entries shown at or after `since`, oldest first: what today's items are matched against.
    pub fn story_entries_since(&self, since: Timestamp) -> Result<Vec<StoryEntry>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {READ} WHERE e.at >= ?1 ORDER BY e.at, e.id"
            ))
            .map_err(self.sql())?;
        let rows = stmt
            .query_map(params![since.as_second()], entry)
            .map_err(self.sql())?;
        rows.collect::<Result<_, _>>().map_err(self.sql())
    }

    /// A story's whole timeline, oldest first.
    pub fn story_entries(&self, id: &str) -> Result<Vec<StoryEntry>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {READ} WHERE e.story = ?1 ORDER BY e.at, e.id"
            ))
            .map_err(self.sql())?;
        let rows = stmt.query_map(params![id], entry).map_err(self.sql())?;
        rows.collect::<Result<_, _>>().map_err(self.sql())
    }

    /// A story's record, when it exists.
    pub fn story(&self, id: &str) -> Result<Option<StoryInfo>, StoreError> {
        self.conn
            .query_row(
                "SELECT id, first_seen, first_day, title FROM stories WHERE id = ?1",
                params![id],
                |r| {
                    Ok(StoryInfo {
                        id: r.get(0)?,
                        first_seen: Timestamp::from_second(r.get(1)?)
                            .unwrap_or(Timestamp::UNIX_EPOCH),
                        first_day: r.get(2)?,
                        title: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(self.sql())
    }

    /// The most recent stories with more than one entry (for `herald story` without an id).
    pub fn recent_stories(&self, limit: usize) -> Result<Vec<(StoryInfo, usize)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.id, s.first_seen, s.first_day, s.title, COUNT(e.id), MAX(e.at) AS last
                 FROM stories s JOIN story_entries e ON e.story = s.id
                 GROUP BY s.id HAVING COUNT(e.id) > 1 ORDER BY last DESC LIMIT ?1",
            )
            .map_err(self.sql())?;
        let rows = stmt
            .query_map(params![limit as i64], |r| {
                Ok((
                    StoryInfo {
                        id: r.get(0)?,
                        first_seen: Timestamp::from_second(r.get(1)?)
                            .unwrap_or(Timestamp::UNIX_EPOCH),
                        first_day: r.get(2)?,
                        title: r.get(3)?,
                    },
                    r.get::<_, i64>(4)? as usize,
                ))
            })
            .map_err(self.sql())?;
        rows.collect::<Result<_, _>>().map_err(self.sql())
    }
}
