//! Items: stored once per feed and key, first-seen time kept, read back for a window.

use jiff::Timestamp;
use rusqlite::params;

use super::{Store, StoreError, ts};
use crate::model::Item;

impl Store {
    /// Stores a feed's items; sets each item's `first_seen` (now for new ones, the stored
    /// moment for known ones). Returns the items with `first_seen` filled in.
    pub fn upsert_items(
        &self,
        url: &str,
        items: Vec<Item>,
        now: Timestamp,
    ) -> Result<Vec<Item>, StoreError> {
        let id = self.feed_id(url)?;
        let mut insert = self
            .conn
            .prepare_cached(
                "INSERT INTO items (feed_id, key, canonical_link, title, link, source, published, first_seen, text, lang, seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT(feed_id, key) DO UPDATE SET
                    title = excluded.title, link = excluded.link, canonical_link = excluded.canonical_link,
                    text = excluded.text, source = excluded.source, lang = excluded.lang
                 RETURNING first_seen, seq",
            )
            .map_err(self.sql())?;
        // A new item takes the next number; a known one keeps its own (the number offered to
        // it is unused, which leaves a gap and nothing else).
        let mut next = self.item_seq()?;
        let mut out = Vec::with_capacity(items.len());
        for mut item in items {
            next += 1;
            let canonical = item.link.as_deref().map(crate::items::canonical_url);
            let (first, seq): (i64, Option<i64>) = insert
                .query_row(
                    params![
                        id,
                        item.key,
                        canonical,
                        item.title,
                        item.link,
                        item.source,
                        item.published.map(|p| p.as_second()),
                        now.as_second(),
                        item.text,
                        item.lang,
                        next
                    ],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(self.sql())?;
            item.first_seen = ts(Some(first));
            item.seen_seq = seq;
            out.push(item);
        }
        self.conn
            .execute(
                "UPDATE counters SET value = MAX(value, ?1) WHERE name = 'item_seq'",
                params![next],
            )
            .map_err(self.sql())?;
        Ok(out)
    }

    /// The highest sequence number given to an item so far.
    pub(super) fn item_seq(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                "SELECT value FROM counters WHERE name = 'item_seq'",
                [],
                |r| r.get(0),
            )
            .map_err(self.sql())
    }

    /// The stored items of a feed that could still be news at `since` or later: published
    /// since then, or undated and first seen since then (for a feed that answered 304 Not
    /// Modified). Older ones stay in the archive; loading them would cost a large archive its
    /// memory every morning.
    pub fn items_of(&self, url: &str, since: Timestamp) -> Result<Vec<Item>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT key, title, link, source, published, first_seen, text, lang, seq FROM items
                 WHERE feed_id = (SELECT id FROM feeds WHERE url = ?1) AND published >= ?2
                 UNION ALL
                 SELECT key, title, link, source, published, first_seen, text, lang, seq FROM items
                 WHERE feed_id = (SELECT id FROM feeds WHERE url = ?1) AND published IS NULL
                   AND first_seen >= ?2",
            )
            .map_err(self.sql())?;
        let rows = stmt
            .query_map(params![url, since.as_second()], |r| {
                Ok(Item {
                    feed: url.to_string(),
                    key: r.get(0)?,
                    title: r.get(1)?,
                    link: r.get(2)?,
                    source: r.get(3)?,
                    published: ts(r.get(4)?),
                    first_seen: ts(r.get(5)?),
                    text: r.get(6)?,
                    lang: r.get(7)?,
                    seen_seq: r.get(8)?,
                })
            })
            .map_err(self.sql())?;
        rows.collect::<Result<_, _>>().map_err(self.sql())
    }
}

/// The fingerprints that identify an item across runs: its key and its canonical link.
pub(super) fn fingerprints(item: &Item) -> Vec<String> {
    let mut v = vec![format!("key:{}\u{1f}{}", item.feed, item.key)];
    if let Some(link) = &item.link {
        v.push(format!("link:{}", crate::items::canonical_url(link)));
    }
    v
}

/// What an earlier run read from an item's article page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    /// The article's text, when it was used.
    pub text: Option<String>,
    /// What happened ("read 540 words", "kept the feed's text: paywall", "HTTP 404").
    pub note: String,
}

impl Store {
    /// The article read for an item on an earlier run, if any.
    pub fn article(&self, feed: &str, key: &str) -> Result<Option<StoredArticle>, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "SELECT i.article, i.article_note FROM items i JOIN feeds f ON f.id = i.feed_id
                 WHERE f.url = ?1 AND i.key = ?2 AND i.article_note IS NOT NULL",
                params![feed, key],
                |r| {
                    Ok(StoredArticle {
                        text: r.get(0)?,
                        note: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(self.sql())
    }

    /// Keeps what was read from an item's article page, so it is never fetched again (and is
    /// pruned with the item). Search indexes the text.
    pub fn put_article(
        &self,
        feed: &str,
        key: &str,
        article: &StoredArticle,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE items SET article = ?3, article_note = ?4, article_at = ?5
                 WHERE key = ?2 AND feed_id = (SELECT id FROM feeds WHERE url = ?1)",
                params![feed, key, article.text, article.note, at.as_second()],
            )
            .map_err(self.sql())?;
        Ok(())
    }
}
