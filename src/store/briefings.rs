//! Briefings: when they were made, what they showed (so nothing repeats), and pruning.

use jiff::Timestamp;
use rusqlite::params;

use super::items::fingerprints;
use super::{Store, StoreError, ts};
use crate::model::Item;
use crate::select::Since;

/// A briefing as it is recorded.
#[derive(Debug, Clone)]
pub struct Edition<'a> {
    pub at: Timestamp,
    pub window: &'a str,
    /// The file it is written to (none for stdout).
    pub output: Option<&'a str>,
    /// A hash of the text written there, to recognise a write that finished.
    pub output_hash: Option<String>,
    /// The briefing as JSON, so the edition can be shown again.
    pub document: Option<String>,
}

/// A delivered briefing kept with its full value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEdition {
    pub id: i64,
    pub at: Timestamp,
    /// The briefing, as `serde_json` of [`crate::model::Briefing`].
    pub document: String,
    /// The edition read aloud, when it was.
    pub audio: Option<EditionAudio>,
}

/// An edition's audio: the file kept beside the state file, its length and its chapters.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionAudio {
    pub path: String,
    pub seconds: f64,
    /// Podcasting 2.0 chapters JSON.
    pub chapters: String,
}

impl Eq for EditionAudio {}

/// A briefing whose delivery was not confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undelivered {
    pub id: i64,
    pub output: Option<String>,
    pub output_hash: Option<String>,
}

impl Store {
    /// When the previous delivered briefing was made.
    pub fn last_briefing(&self) -> Result<Option<Timestamp>, StoreError> {
        Ok(self.last_mark()?.map(|m| m.at))
    }

    /// Where the previous delivered briefing left off: its time and the highest item sequence
    /// number it covered (none for a briefing recorded before sequences existed).
    pub fn last_mark(&self) -> Result<Option<Since>, StoreError> {
        use rusqlite::OptionalExtension;
        let row: Option<(i64, Option<i64>)> = self
            .conn
            .query_row(
                "SELECT at, seq_high FROM briefings WHERE delivered = 1
                 ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(self.sql())?;
        Ok(row.and_then(|(at, seq)| ts(Some(at)).map(|at| Since { at, seq })))
    }

    /// Briefings recorded but not marked delivered (a run was killed while delivering):
    /// their ids, output paths and the hash of what was to be written there.
    pub fn undelivered(&self) -> Result<Vec<Undelivered>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, output, output_hash FROM briefings WHERE delivered = 0")
            .map_err(self.sql())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Undelivered {
                    id: r.get(0)?,
                    output: r.get(1)?,
                    output_hash: r.get(2)?,
                })
            })
            .map_err(self.sql())?;
        rows.collect::<Result<_, _>>().map_err(self.sql())
    }

    /// A token that changes whenever an edition is added or removed: the newest delivered id
    /// and the count (for caches of the editions).
    pub fn editions_version(&self) -> Result<(i64, i64), StoreError> {
        self.conn
            .query_row(
                "SELECT COALESCE(MAX(id), 0), COUNT(*) FROM briefings WHERE delivered = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(self.sql())
    }

    /// The newest delivered editions, newest first (at most `limit`).
    pub fn editions(&self, limit: usize) -> Result<Vec<StoredEdition>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, at, document, audio, audio_seconds, chapters FROM briefings
                 WHERE delivered = 1 AND document IS NOT NULL
                 ORDER BY at DESC, id DESC LIMIT ?1",
            )
            .map_err(self.sql())?;
        let rows = stmt
            .query_map(params![limit as i64], |r| {
                let audio = match (r.get::<_, Option<String>>(3)?, r.get::<_, Option<f64>>(4)?) {
                    (Some(path), Some(seconds)) => Some(EditionAudio {
                        path,
                        seconds,
                        chapters: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                    }),
                    _ => None,
                };
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    audio,
                ))
            })
            .map_err(self.sql())?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at, document, audio) = row.map_err(self.sql())?;
            if let Some(at) = ts(Some(at)) {
                out.push(StoredEdition {
                    id,
                    at,
                    document,
                    audio,
                });
            }
        }
        Ok(out)
    }

    /// The newest delivered edition written to `output` (an absolute path) at or after
    /// `since`: its document.
    pub fn edition_written_to(
        &self,
        output: &str,
        since: Timestamp,
    ) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "SELECT document FROM briefings
                 WHERE delivered = 1 AND output = ?1 AND at >= ?2 AND document IS NOT NULL
                 ORDER BY at DESC, id DESC LIMIT 1",
                params![output, since.as_second()],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.sql())
    }

    /// Keeps an edition's audio with it.
    pub fn set_edition_audio(&self, id: i64, audio: &EditionAudio) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE briefings SET audio = ?2, audio_seconds = ?3, chapters = ?4 WHERE id = ?1",
                params![id, audio.path, audio.seconds, audio.chapters],
            )
            .map_err(self.sql())?;
        Ok(())
    }

    /// The briefing's output was written (and mailed): it stands.
    pub fn mark_delivered(&self, id: i64) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE briefings SET delivered = 1 WHERE id = ?1",
                params![id],
            )
            .map_err(self.sql())?;
        Ok(())
    }

    /// The briefing never reached the reader: it is removed and its items are un-shown, so the
    /// next briefing shows them.
    pub fn forget_briefing(&self, id: i64) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM shown WHERE briefing_id = ?1", params![id])
            .map_err(self.sql())?;
        self.conn
            .execute("DELETE FROM briefings WHERE id = ?1", params![id])
            .map_err(self.sql())?;
        self.forget_story_entries(id)?;
        Ok(())
    }

    /// True when a briefing already showed this item (by key or by canonical link).
    pub fn was_shown(&self, item: &Item) -> Result<bool, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM shown WHERE fingerprint = ?1")
            .map_err(self.sql())?;
        for fp in fingerprints(item) {
            if stmt.exists(params![fp]).map_err(self.sql())? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Records a delivered briefing and the items it showed.
    pub fn record_briefing(
        &self,
        at: Timestamp,
        window: &str,
        output: Option<&str>,
        shown: &[Item],
    ) -> Result<i64, StoreError> {
        let edition = Edition {
            at,
            window,
            output,
            output_hash: None,
            document: None,
        };
        let id = self.record_edition(&edition, shown)?;
        self.mark_delivered(id)?;
        Ok(id)
    }

    /// Records a briefing about to be delivered (not yet marked delivered) with the items it
    /// shows; returns its id.
    pub fn record_edition(&self, e: &Edition<'_>, shown: &[Item]) -> Result<i64, StoreError> {
        let at = e.at;
        self.conn
            .execute(
                "INSERT INTO briefings (at, window, output, output_hash, document, delivered, seq_high)
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, (SELECT value FROM counters WHERE name = 'item_seq'))",
                params![
                    at.as_second(),
                    e.window,
                    e.output,
                    e.output_hash,
                    e.document
                ],
            )
            .map_err(self.sql())?;
        let briefing = self.conn.last_insert_rowid();
        let mut mark = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO shown (fingerprint, at, briefing_id) VALUES (?1, ?2, ?3)",
            )
            .map_err(self.sql())?;
        let mut link = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO briefing_items (briefing_id, item_id)
                 SELECT ?1, i.id FROM items i JOIN feeds f ON f.id = i.feed_id
                 WHERE f.url = ?2 AND i.key = ?3",
            )
            .map_err(self.sql())?;
        for item in shown {
            for fp in fingerprints(item) {
                mark.execute(params![fp, at.as_second(), briefing])
                    .map_err(self.sql())?;
            }
            link.execute(params![briefing, item.feed, item.key])
                .map_err(self.sql())?;
        }
        Ok(briefing)
    }

    /// Deletes items first seen before `before` (and what only they referenced).
    pub fn prune(&self, before: Timestamp) -> Result<usize, StoreError> {
        let n = self
            .conn
            .execute(
                "DELETE FROM items WHERE first_seen < ?1",
                params![before.as_second()],
            )
            .map_err(self.sql())?;
        self.conn
            .execute(
                "DELETE FROM shown WHERE at < ?1",
                params![before.as_second()],
            )
            .map_err(self.sql())?;
        Ok(n)
    }
}
