//! Briefings: when they were made, what they showed (so nothing repeats), and pruning.

use jiff::Timestamp;
use rusqlite::params;

use super::items::fingerprints;
use super::{Store, StoreError, ts};
use crate::model::Item;

impl Store {
    /// When the previous briefing was made.
    pub fn last_briefing(&self) -> Result<Option<Timestamp>, StoreError> {
        let at: Option<i64> = self
            .conn
            .query_row("SELECT MAX(at) FROM briefings", [], |r| r.get(0))
            .map_err(self.sql())?;
        Ok(ts(at))
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

    /// Records a briefing and the items it showed.
    pub fn record_briefing(
        &self,
        at: Timestamp,
        window: &str,
        output: Option<&str>,
        shown: &[Item],
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO briefings (at, window, output) VALUES (?1, ?2, ?3)",
                params![at.as_second(), window, output],
            )
            .map_err(self.sql())?;
        let briefing = self.conn.last_insert_rowid();
        let mut mark = self
            .conn
            .prepare_cached("INSERT OR IGNORE INTO shown (fingerprint, at) VALUES (?1, ?2)")
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
                mark.execute(params![fp, at.as_second()])
                    .map_err(self.sql())?;
            }
            link.execute(params![briefing, item.feed, item.key])
                .map_err(self.sql())?;
        }
        Ok(())
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
