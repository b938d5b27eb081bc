//! Feeds: validators for conditional GET, health (failures, back-off, Retry-After), redirects.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, ts};
use crate::model::Validators;

/// What the store knows of a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedRecord {
    pub url: String,
    /// The name the config gives it, when it gives one.
    pub name: Option<String>,
    /// The feed's own title.
    pub title: Option<String>,
    pub validators: Validators,
    pub last_status: Option<String>,
    pub last_attempt: Option<Timestamp>,
    pub last_success: Option<Timestamp>,
    pub consecutive_failures: u32,
    pub retry_after: Option<Timestamp>,
    pub redirect_to: Option<String>,
    pub items_last_week: u32,
}

impl Store {
    pub(super) fn feed_id(&self, url: &str) -> Result<i64, StoreError> {
        self.conn
            .execute(
                "INSERT INTO feeds (url) VALUES (?1) ON CONFLICT(url) DO NOTHING",
                params![url],
            )
            .map_err(self.sql())?;
        self.conn
            .query_row("SELECT id FROM feeds WHERE url = ?1", params![url], |r| {
                r.get(0)
            })
            .map_err(self.sql())
    }

    /// What the store knows of a feed (a default record for a feed never seen).
    pub fn feed(&self, url: &str, now: Timestamp) -> Result<FeedRecord, StoreError> {
        let week_ago = now.as_second() - 7 * 86400;
        let rec = self
            .conn
            .query_row(
                "SELECT title, etag, last_modified, last_status, last_attempt, last_success,
                        consecutive_failures, retry_after, redirect_to,
                        (SELECT COUNT(*) FROM items i WHERE i.feed_id = f.id AND i.first_seen >= ?2),
                        name
                 FROM feeds f WHERE url = ?1",
                params![url, week_ago],
                |r| {
                    Ok(FeedRecord {
                        url: url.to_string(),
                        title: r.get(0)?,
                        validators: Validators {
                            etag: r.get(1)?,
                            last_modified: r.get(2)?,
                        },
                        last_status: r.get(3)?,
                        last_attempt: ts(r.get(4)?),
                        last_success: ts(r.get(5)?),
                        consecutive_failures: r.get(6)?,
                        retry_after: ts(r.get(7)?),
                        redirect_to: r.get(8)?,
                        items_last_week: r.get(9)?,
                        name: r.get(10)?,
                    })
                },
            )
            .optional()
            .map_err(self.sql())?;
        Ok(rec.unwrap_or_else(|| FeedRecord {
            url: url.to_string(),
            ..FeedRecord::default()
        }))
    }

    /// Keeps the name the config gives a feed (none clears an old one).
    pub fn name_feed(&self, url: &str, name: Option<&str>) -> Result<(), StoreError> {
        let id = self.feed_id(url)?;
        self.conn
            .execute(
                "UPDATE feeds SET name = ?2 WHERE id = ?1 AND name IS NOT ?2",
                params![id, name],
            )
            .map_err(self.sql())?;
        Ok(())
    }

    /// Every feed the store knows, by URL.
    pub fn feeds(&self, now: Timestamp) -> Result<Vec<FeedRecord>, StoreError> {
        let urls: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT url FROM feeds ORDER BY url")
                .map_err(self.sql())?;
            stmt.query_map([], |r| r.get(0))
                .map_err(self.sql())?
                .collect::<Result<_, _>>()
                .map_err(self.sql())?
        };
        urls.iter().map(|u| self.feed(u, now)).collect()
    }

    /// Records a successful fetch (200 or 304).
    pub fn record_success(
        &self,
        url: &str,
        status: &str,
        validators: &Validators,
        redirect_to: Option<&str>,
        title: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let id = self.feed_id(url)?;
        self.conn
            .execute(
                "UPDATE feeds SET last_status = ?2, last_attempt = ?3, last_success = ?3,
                    consecutive_failures = 0, retry_after = NULL, redirect_to = ?4,
                    etag = COALESCE(?5, etag), last_modified = COALESCE(?6, last_modified),
                    title = COALESCE(?7, title)
                 WHERE id = ?1",
                params![
                    id,
                    status,
                    now.as_second(),
                    redirect_to,
                    validators.etag,
                    validators.last_modified,
                    title
                ],
            )
            .map_err(self.sql())?;
        Ok(())
    }

    /// Records a failed fetch or parse; returns the new count of consecutive failures.
    pub fn record_failure(
        &self,
        url: &str,
        status: &str,
        retry_after: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<u32, StoreError> {
        let id = self.feed_id(url)?;
        self.conn
            .execute(
                "UPDATE feeds SET last_status = ?2, last_attempt = ?3,
                    consecutive_failures = consecutive_failures + 1, retry_after = ?4
                 WHERE id = ?1",
                params![
                    id,
                    status,
                    now.as_second(),
                    retry_after.map(|t| t.as_second())
                ],
            )
            .map_err(self.sql())?;
        self.conn
            .query_row(
                "SELECT consecutive_failures FROM feeds WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .map_err(self.sql())
    }
}
