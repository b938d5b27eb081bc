//! The summary cache: model summaries keyed by model and input, so a re-run costs nothing.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

impl Store {
    /// A model summary cached by content hash (see `summarize::llm::cache_key`).
    pub fn cached_summary(
        &self,
        key: &str,
    ) -> Result<Option<crate::summarize::llm::Outcome>, StoreError> {
        self.conn
            .query_row(
                "SELECT summary, engine, fallback, translated_from, original FROM summaries
                 WHERE key = ?1",
                params![key],
                |r| {
                    Ok(crate::summarize::llm::Outcome {
                        summary: r.get(0)?,
                        engine: r.get(1)?,
                        fallback_reason: r.get(2)?,
                        translated_from: r.get(3)?,
                        original: r.get(4)?,
                        unanswered: false,
                    })
                },
            )
            .optional()
            .map_err(self.sql())
    }

    /// Caches a summary outcome.
    pub fn put_summary(
        &self,
        key: &str,
        o: &crate::summarize::llm::Outcome,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO summaries
                    (key, summary, engine, fallback, created, translated_from, original)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    key,
                    o.summary,
                    o.engine,
                    o.fallback_reason,
                    now.as_second(),
                    o.translated_from,
                    o.original
                ],
            )
            .map_err(self.sql())?;
        Ok(())
    }
}

impl crate::summarize::run::SummaryCache for Store {
    type Error = StoreError;

    fn cached(&self, key: &str) -> Result<Option<crate::summarize::llm::Outcome>, StoreError> {
        self.cached_summary(key)
    }

    fn put(
        &self,
        key: &str,
        outcome: &crate::summarize::llm::Outcome,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.put_summary(key, outcome, now)
    }
}
