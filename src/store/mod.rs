//! The store: one SQLite file that remembers feeds (validators, health), items (first seen,
//! text), briefings and what they showed.
//!
//! WAL mode, numbered migrations, and one write transaction per run (`BEGIN IMMEDIATE`): a second
//! concurrent run waits a few seconds for the lock, then gives up with a clear message; a crash
//! at any point rolls back to the last complete run.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};

use crate::model::{Item, Validators};

/// Why the store could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open state file {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot create directory for state file {path}: {source}")]
    Dir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("another herald run is using {0}; try again when it has finished")]
    Locked(PathBuf),
    #[error("state file {path}: {source}")]
    Sql {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "state file {path} was written by a newer herald (schema {found}, this one knows {known})"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
}

/// Schema migrations, applied in order; the index + 1 is the schema version.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    last_status TEXT,
    last_attempt INTEGER,
    last_success INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    retry_after INTEGER,
    redirect_to TEXT
);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    canonical_link TEXT,
    title TEXT NOT NULL,
    link TEXT,
    source TEXT NOT NULL,
    published INTEGER,
    first_seen INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (feed_id, key)
);
CREATE INDEX items_first_seen ON items(first_seen);
CREATE TABLE briefings (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    window TEXT NOT NULL,
    output TEXT
);
CREATE TABLE briefing_items (
    briefing_id INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    PRIMARY KEY (briefing_id, item_id)
);
CREATE TABLE shown (
    fingerprint TEXT PRIMARY KEY,
    at INTEGER NOT NULL
);
"#,
    r#"
CREATE TABLE summaries (
    key TEXT PRIMARY KEY,
    summary TEXT,
    engine TEXT NOT NULL,
    fallback TEXT,
    created INTEGER NOT NULL
);
"#,
    // Pruning deletes a day of old items; each delete cascades to briefing_items, which without
    // an index is a scan of that table per item. A 304 reads a feed's recent items only, which
    // without an index is a scan of everything the feed ever had.
    r#"
CREATE INDEX briefing_items_item ON briefing_items(item_id);
CREATE INDEX shown_at ON shown(at);
CREATE INDEX items_feed_published ON items(feed_id, published, first_seen);
"#,
    // Full-text search of the archive (`herald search`). The morning run only queues new and
    // changed items (an integer each); `herald search` indexes the queue before it looks, so
    // the briefing never waits for the index. The index keeps no copy of the text
    // (contentless), and deletes are tombstones, so pruning stays cheap.
    r#"
CREATE VIRTUAL TABLE items_fts USING fts5(
    title, text, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE fts_pending (item_id INTEGER PRIMARY KEY);
INSERT INTO fts_pending SELECT id FROM items;
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT OR IGNORE INTO fts_pending VALUES (new.id);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF title, text ON items
WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
    DELETE FROM items_fts WHERE rowid = old.id;
    INSERT OR IGNORE INTO fts_pending VALUES (new.id);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    DELETE FROM items_fts WHERE rowid = old.id;
    DELETE FROM fts_pending WHERE item_id = old.id;
END;
"#,
];

/// One archive search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    pub title: String,
    pub source: String,
    pub link: Option<String>,
    pub published: Option<Timestamp>,
    pub first_seen: Option<Timestamp>,
    /// The passage that matched, with the matched words in [brackets].
    pub snippet: String,
}

/// Folds a word for matching as the index does: lower case, accents dropped.
fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The passage of `text` around the first word the query asked for, about 24 words, with the
/// matched words in [brackets]; the start of the text when no word matches (a title match).
pub fn snippet(text: &str, query: &str) -> String {
    const WORDS: usize = 24;
    let wanted: Vec<(String, bool)> = query
        .split(|c: char| !c.is_alphanumeric() && c != '*')
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c == '*'))
        .map(|w| match w.strip_suffix('*') {
            Some(stem) => (fold(stem), true),
            None => (fold(w), false),
        })
        .collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    let hit = |w: &str| {
        let f = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
        !f.is_empty()
            && wanted.iter().any(|(q, prefix)| {
                if *prefix {
                    f.starts_with(q.as_str())
                } else {
                    f == *q
                }
            })
    };
    let first = words.iter().position(|w| hit(w)).unwrap_or(0);
    let start = first.saturating_sub(WORDS / 3);
    let end = (start + WORDS).min(words.len());
    let mut out: Vec<String> = words[start..end]
        .iter()
        .map(|w| {
            if hit(w) {
                format!("[{w}]")
            } else {
                (*w).to_string()
            }
        })
        .collect();
    if start > 0 {
        out.insert(0, "…".to_string());
    }
    if end < words.len() {
        out.push("…".to_string());
    }
    out.join(" ")
}

/// Turns what a person types into an FTS5 query: every word must appear (in any order),
/// "quoted phrases" must appear as phrases, and `word*` matches words starting with `word`.
/// Everything else is taken literally, so no input is a syntax error.
pub fn fts_query(input: &str) -> Option<String> {
    let mut terms: Vec<String> = Vec::new();
    let quote = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    for (k, part) in input.split('"').enumerate() {
        if k % 2 == 1 {
            // Inside quotes: a phrase.
            if !part.trim().is_empty() {
                terms.push(quote(part.trim()));
            }
            continue;
        }
        for word in part.split_whitespace() {
            match word.strip_suffix('*') {
                Some(stem) if !stem.is_empty() => terms.push(format!("{}*", quote(stem))),
                _ => terms.push(quote(word)),
            }
        }
    }
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// What the store knows of a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedRecord {
    pub url: String,
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

/// The default place: `$XDG_DATA_HOME/herald/herald.sqlite`.
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("herald").join("herald.sqlite"))
}

fn ts(secs: Option<i64>) -> Option<Timestamp> {
    secs.and_then(|s| Timestamp::from_second(s).ok())
}

/// An open state file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    in_run: bool,
}

impl Store {
    /// Opens (creating if needed) the state file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            in_run: false,
        };
        store.setup()?;
        Ok(store)
    }

    fn sql(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| {
            if let rusqlite::Error::SqliteFailure(e, _) = &source
                && matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                )
            {
                return StoreError::Locked(self.path.clone());
            }
            StoreError::Sql {
                path: self.path.clone(),
                source,
            }
        }
    }

    fn setup(&mut self) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(Duration::from_secs(5))
            .map_err(self.sql())?;
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(self.sql())?;
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(self.sql())?;
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(self.sql())?;
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(self.sql())?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        if version < known {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(self.sql())?;
            for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                self.conn.execute_batch(m).map_err(self.sql())?;
                self.conn
                    .pragma_update(None, "user_version", (i + 1) as i64)
                    .map_err(self.sql())?;
            }
            self.conn.execute_batch("COMMIT").map_err(self.sql())?;
        }
        Ok(())
    }

    /// Starts the run's single write transaction. Waits up to 5 s for another run to finish.
    pub fn begin(&mut self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(self.sql())?;
        self.in_run = true;
        Ok(())
    }

    /// Makes the run's changes durable.
    pub fn commit(&mut self) -> Result<(), StoreError> {
        if self.in_run {
            self.conn.execute_batch("COMMIT").map_err(self.sql())?;
            self.in_run = false;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn feed_id(&self, url: &str) -> Result<i64, StoreError> {
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
                        (SELECT COUNT(*) FROM items i WHERE i.feed_id = f.id AND i.first_seen >= ?2)
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
                "INSERT INTO items (feed_id, key, canonical_link, title, link, source, published, first_seen, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT(feed_id, key) DO UPDATE SET
                    title = excluded.title, link = excluded.link, canonical_link = excluded.canonical_link,
                    text = excluded.text, source = excluded.source
                 RETURNING first_seen",
            )
            .map_err(self.sql())?;
        let mut out = Vec::with_capacity(items.len());
        for mut item in items {
            let canonical = item.link.as_deref().map(crate::items::canonical_url);
            let first: i64 = insert
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
                        item.text
                    ],
                    |r| r.get(0),
                )
                .map_err(self.sql())?;
            item.first_seen = ts(Some(first));
            out.push(item);
        }
        Ok(out)
    }

    /// The stored items of a feed that could still be news at `since` or later: published
    /// since then, or undated and first seen since then (for a feed that answered 304 Not
    /// Modified). Older ones stay in the archive; loading them would cost a large archive its
    /// memory every morning.
    pub fn items_of(&self, url: &str, since: Timestamp) -> Result<Vec<Item>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT key, title, link, source, published, first_seen, text FROM items
                 WHERE feed_id = (SELECT id FROM feeds WHERE url = ?1) AND published >= ?2
                 UNION ALL
                 SELECT key, title, link, source, published, first_seen, text FROM items
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
                })
            })
            .map_err(self.sql())?;
        rows.collect::<Result<_, _>>().map_err(self.sql())
    }

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

    /// How many stored items wait to be indexed for search.
    pub fn unindexed(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM fts_pending", [], |r| r.get(0))
            .map_err(self.sql())?;
        Ok(n as usize)
    }

    /// Indexes the items queued since the last search, in one transaction (waiting, like a
    /// briefing, for a run that holds the file). `progress` is told how many are done, a batch
    /// at a time, so a first search over a large archive can show how far it has got.
    pub fn update_index(&mut self, mut progress: impl FnMut(usize)) -> Result<usize, StoreError> {
        const BATCH: i64 = 5_000;
        self.begin()?;
        let mut done = 0;
        loop {
            let n = self
                .conn
                .execute(
                    "INSERT INTO items_fts(rowid, title, text)
                     SELECT i.id, i.title, i.text FROM items i
                     WHERE i.id IN (SELECT item_id FROM fts_pending ORDER BY item_id LIMIT ?1)",
                    params![BATCH],
                )
                .map_err(self.sql())?;
            let removed = self
                .conn
                .execute(
                    "DELETE FROM fts_pending WHERE item_id IN
                     (SELECT item_id FROM fts_pending ORDER BY item_id LIMIT ?1)",
                    params![BATCH],
                )
                .map_err(self.sql())?;
            done += n;
            progress(done);
            if removed == 0 {
                break;
            }
        }
        self.commit()?;
        Ok(done)
    }

    /// Searches the indexed archive (see [`Store::update_index`]): the best matches first (title
    /// words weigh more than text words), at most `limit`, only items first seen at or after
    /// `since` when given.
    pub fn search(
        &self,
        query: &str,
        since: Option<Timestamp>,
        limit: usize,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT i.title, i.source, i.link, i.published, i.first_seen, i.text
                 FROM items_fts JOIN items i ON i.id = items_fts.rowid
                 WHERE items_fts MATCH ?1 AND i.first_seen >= ?2
                 ORDER BY bm25(items_fts, 4.0, 1.0), i.first_seen DESC
                 LIMIT ?3",
            )
            .map_err(self.sql())?;
        let rows = stmt
            .query_map(
                params![q, since.map_or(i64::MIN, |t| t.as_second()), limit as i64],
                |r| {
                    let text: String = r.get(5)?;
                    Ok(SearchHit {
                        title: r.get(0)?,
                        source: r.get(1)?,
                        link: r.get(2)?,
                        published: ts(r.get(3)?),
                        first_seen: ts(r.get(4)?),
                        snippet: snippet(&text, query),
                    })
                },
            )
            .map_err(self.sql())?;
        rows.collect::<Result<_, _>>().map_err(self.sql())
    }

    /// A model summary cached by content hash (see `summarize::llm::cache_key`).
    pub fn cached_summary(
        &self,
        key: &str,
    ) -> Result<Option<crate::summarize::llm::Outcome>, StoreError> {
        self.conn
            .query_row(
                "SELECT summary, engine, fallback FROM summaries WHERE key = ?1",
                params![key],
                |r| {
                    Ok(crate::summarize::llm::Outcome {
                        summary: r.get(0)?,
                        engine: r.get(1)?,
                        fallback_reason: r.get(2)?,
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
                "INSERT OR REPLACE INTO summaries (key, summary, engine, fallback, created) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![key, o.summary, o.engine, o.fallback_reason, now.as_second()],
            )
            .map_err(self.sql())?;
        Ok(())
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(self.sql())
    }
}

/// The fingerprints that identify an item across runs: its key and its canonical link.
fn fingerprints(item: &Item) -> Vec<String> {
    let mut v = vec![format!("key:{}\u{1f}{}", item.feed, item.key)];
    if let Some(link) = &item.link {
        v.push(format!("link:{}", crate::items::canonical_url(link)));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, link: &str) -> Item {
        Item {
            feed: "https://ex.com/feed".into(),
            source: "Ex".into(),
            key: key.into(),
            title: key.into(),
            link: Some(link.into()),
            published: None,
            first_seen: None,
            text: "Body.".into(),
        }
    }

    #[test]
    fn first_seen_is_kept_across_upserts() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("s.sqlite")).expect("open");
        let t1: Timestamp = "2025-09-01T10:00:00Z".parse().expect("ts");
        let t2: Timestamp = "2025-09-02T10:00:00Z".parse().expect("ts");
        let a = store
            .upsert_items("u", vec![item("a", "https://ex.com/a")], t1)
            .expect("upsert");
        assert_eq!(a[0].first_seen, Some(t1));
        let b = store
            .upsert_items(
                "u",
                vec![item("a", "https://ex.com/a"), item("b", "https://ex.com/b")],
                t2,
            )
            .expect("upsert");
        assert_eq!(b[0].first_seen, Some(t1));
        assert_eq!(b[1].first_seen, Some(t2));
        assert_eq!(store.items_of("u", t1).expect("items").len(), 2);
        assert_eq!(
            store.items_of("u", t2).expect("items").len(),
            1,
            "undated: by first seen"
        );
        let dated = Item {
            published: Some("2025-08-01T00:00:00Z".parse().expect("ts")),
            ..item("old", "https://ex.com/old")
        };
        store.upsert_items("u", vec![dated], t2).expect("upsert");
        assert_eq!(
            store.items_of("u", t2).expect("items").len(),
            1,
            "dated: by publication, however recently seen"
        );
    }

    #[test]
    fn shown_survives_tracking_parameters() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("s.sqlite")).expect("open");
        let now: Timestamp = "2025-09-01T10:00:00Z".parse().expect("ts");
        let shown = item("k1", "https://ex.com/story?id=4");
        store
            .record_briefing(now, "since-last", None, &[shown])
            .expect("record");
        let again = item("other-guid", "http://ex.com/story?utm_source=rss&id=4#top");
        assert!(store.was_shown(&again).expect("query"));
        assert!(
            !store
                .was_shown(&item("k2", "https://ex.com/other"))
                .expect("query")
        );
        assert_eq!(store.last_briefing().expect("last"), Some(now));
    }

    #[test]
    fn failures_count_up_and_reset() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("s.sqlite")).expect("open");
        let now: Timestamp = "2025-09-01T10:00:00Z".parse().expect("ts");
        assert_eq!(
            store.record_failure("u", "HTTP 500", None, now).expect("f"),
            1
        );
        assert_eq!(
            store.record_failure("u", "HTTP 500", None, now).expect("f"),
            2
        );
        let v = Validators {
            etag: Some("\"x\"".into()),
            last_modified: None,
        };
        store
            .record_success("u", "200", &v, None, Some("T"), now)
            .expect("ok");
        let rec = store.feed("u", now).expect("feed");
        assert_eq!(rec.consecutive_failures, 0);
        assert_eq!(rec.validators.etag.as_deref(), Some("\"x\""));
        assert_eq!(rec.title.as_deref(), Some("T"));
    }

    #[test]
    fn reopening_keeps_schema_and_prune_works() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.sqlite");
        let t1: Timestamp = "2025-06-01T10:00:00Z".parse().expect("ts");
        {
            let store = Store::open(&path).expect("open");
            store
                .upsert_items("u", vec![item("a", "https://ex.com/a")], t1)
                .expect("upsert");
        }
        let store = Store::open(&path).expect("reopen");
        let later: Timestamp = "2025-09-30T10:00:00Z".parse().expect("ts");
        assert_eq!(store.prune(later).expect("prune"), 1);
        assert_eq!(store.integrity_check().expect("check"), "ok");
    }

    #[test]
    fn a_file_from_an_older_herald_is_upgraded_in_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.sqlite");
        let t1: Timestamp = "2025-09-01T10:00:00Z".parse().expect("ts");
        {
            // What the first release wrote: schema version 1, with an item in it.
            let conn = rusqlite::Connection::open(&path).expect("open");
            conn.execute_batch(MIGRATIONS[0]).expect("v1 schema");
            conn.pragma_update(None, "user_version", 1)
                .expect("version");
            conn.execute_batch(
                "INSERT INTO feeds (id, url) VALUES (1, 'u');
                 INSERT INTO items (feed_id, key, title, source, first_seen, text)
                 VALUES (1, 'a', 'Kept', 'Ex', 1756720800, 'Body.');",
            )
            .expect("v1 data");
        }
        let store = Store::open(&path).expect("upgrade");
        let version: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(version, MIGRATIONS.len() as i64);
        let items = store.items_of("u", t1).expect("items");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].title, "Kept");
        let indexes: i64 = store
            .conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'briefing_items_item'",
                [],
                |r| r.get(0),
            )
            .expect("indexes");
        assert_eq!(indexes, 1);
        assert_eq!(store.integrity_check().expect("check"), "ok");
    }

    #[test]
    fn the_archive_is_searchable_and_stays_in_step() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(&dir.path().join("s.sqlite")).expect("open");
        let t1: Timestamp = "2025-08-01T10:00:00Z".parse().expect("ts");
        let t2: Timestamp = "2025-09-01T10:00:00Z".parse().expect("ts");
        let story = |key: &str, title: &str, text: &str| Item {
            title: title.into(),
            text: text.into(),
            ..item(key, &format!("https://ex.com/{key}"))
        };
        store
            .upsert_items(
                "u",
                vec![
                    story("a", "Bridge vote delayed", "The council met on Tuesday."),
                    story(
                        "b",
                        "Budget news",
                        "The city bridge needs repairs, the mayor said.",
                    ),
                ],
                t1,
            )
            .expect("upsert");
        store
            .upsert_items(
                "u",
                vec![story(
                    "c",
                    "Café owners protest",
                    "Downtown cafés closed early.",
                )],
                t2,
            )
            .expect("upsert");
        assert_eq!(
            store.unindexed().expect("count"),
            3,
            "queued by the run, not indexed"
        );
        assert_eq!(store.update_index(|_| {}).expect("index"), 3);
        assert_eq!(store.unindexed().expect("count"), 0);

        fn titles(store: &Store, q: &str, since: Option<Timestamp>) -> Vec<String> {
            store
                .search(q, since, 10)
                .expect("search")
                .into_iter()
                .map(|h| h.title)
                .collect()
        }
        let none = Vec::<String>::new();
        assert_eq!(
            titles(&store, "bridge", None),
            ["Bridge vote delayed", "Budget news"],
            "a title match ranks above a text match"
        );
        assert_eq!(
            titles(&store, "cafe", None),
            ["Café owners protest"],
            "accents fold"
        );
        assert_eq!(titles(&store, "\"the mayor said\"", None), ["Budget news"]);
        assert_eq!(titles(&store, "\"mayor the said\"", None), none);
        assert_eq!(titles(&store, "protest*", None), ["Café owners protest"]);
        assert_eq!(
            titles(&store, "bridge council", None),
            ["Bridge vote delayed"]
        );
        assert_eq!(titles(&store, "bridge", Some(t2)), none, "since");
        for odd in [
            "",
            "   ",
            "\"",
            "AND OR NOT",
            "-x",
            "(",
            "bridge*)",
            "a:b",
            "*",
        ] {
            store
                .search(odd, None, 10)
                .expect("any input is a query, never an error");
        }
        let hit = &store.search("repairs", None, 10).expect("search")[0];
        assert_eq!(
            hit.snippet,
            "The city bridge needs [repairs,] the mayor said."
        );
        let hit = &store.search("cafe", None, 10).expect("search")[0];
        assert_eq!(
            hit.snippet, "Downtown cafés closed early.",
            "a title match: the text's start"
        );

        // A changed text is re-indexed; a pruned item leaves the index.
        store
            .upsert_items(
                "u",
                vec![story("b", "Budget news", "Ferry service resumes.")],
                t2,
            )
            .expect("upsert");
        assert_eq!(
            titles(&store, "repairs", None),
            none,
            "the old words are gone at once"
        );
        assert_eq!(
            store.update_index(|_| {}).expect("index"),
            1,
            "only the changed item"
        );
        assert_eq!(titles(&store, "ferry", None), ["Budget news"]);
        store.prune(t2).expect("prune");
        assert_eq!(titles(&store, "bridge", None), none);
        assert_eq!(titles(&store, "ferry", None), none);
        assert_eq!(titles(&store, "cafe", None), ["Café owners protest"]);
        let check = store.conn.execute(
            "INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 0)",
            [],
        );
        assert!(check.is_ok(), "the index is sound: {check:?}");
    }

    /// Item ids are rowids, which SQLite reuses after the largest is deleted: an id that was
    /// queued, or indexed, then pruned, and then given to a new item must find the new item.
    #[test]
    fn a_reused_item_id_is_indexed_afresh() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(&dir.path().join("s.sqlite")).expect("open");
        let old: Timestamp = "2025-01-01T00:00:00Z".parse().expect("ts");
        let now: Timestamp = "2025-09-01T00:00:00Z".parse().expect("ts");
        let story = |key: &str, text: &str| Item {
            text: text.into(),
            ..item(key, &format!("https://ex.com/{key}"))
        };
        for indexed_first in [false, true] {
            store
                .upsert_items("u", vec![story("old", "walrus sightings")], old)
                .expect("upsert");
            if indexed_first {
                store.update_index(|_| {}).expect("index");
            }
            store.prune(now).expect("prune");
            store
                .upsert_items("u", vec![story("new", "pelican sightings")], now)
                .expect("upsert");
            store.update_index(|_| {}).expect("index");
            let id: i64 = store
                .conn
                .query_row("SELECT id FROM items WHERE key = 'new'", [], |r| r.get(0))
                .expect("id");
            assert_eq!(id, 1, "the pruned item's id was given to the new one");
            let hits = |q: &str| store.search(q, None, 10).expect("search").len();
            assert_eq!(hits("walrus"), 0, "indexed first: {indexed_first}");
            assert_eq!(hits("pelican"), 1, "indexed first: {indexed_first}");
            store
                .prune(now + jiff::SignedDuration::from_hours(1))
                .expect("prune");
        }
        let check = store.conn.execute(
            "INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 0)",
            [],
        );
        assert!(check.is_ok(), "{check:?}");
    }

    #[test]
    fn indexing_goes_in_batches_and_reports_progress() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(&dir.path().join("s.sqlite")).expect("open");
        let now: Timestamp = "2025-09-01T00:00:00Z".parse().expect("ts");
        let items: Vec<Item> = (0..12_000)
            .map(|k| Item {
                text: format!("story number{k}"),
                ..item(&format!("k{k}"), &format!("https://ex.com/{k}"))
            })
            .collect();
        store.upsert_items("u", items, now).expect("upsert");
        let mut seen = Vec::new();
        assert_eq!(store.update_index(|n| seen.push(n)).expect("index"), 12_000);
        assert_eq!(seen, [5_000, 10_000, 12_000, 12_000]);
        assert_eq!(store.unindexed().expect("count"), 0);
        assert_eq!(
            store.search("number11999", None, 5).expect("search").len(),
            1
        );
        assert_eq!(store.search("story", None, 50).expect("search").len(), 50);
    }
}
