//! The schema: numbered migrations, applied in order when a state file is opened.

use std::time::Duration;

use super::{Store, StoreError};

/// Schema migrations, applied in order; the index + 1 is the schema version.
pub(super) const MIGRATIONS: &[&str] = &[
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
    // Delivery that survives a crash, and every edition kept: a briefing is committed with its
    // items marked shown *before* its output is written (delivered = 0), then marked delivered.
    // A run that finds an undelivered briefing keeps it if its output file holds exactly what
    // was rendered (output_hash), else forgets it and un-shows its items (shown.briefing_id),
    // so a kill at any moment neither loses nor repeats news. `document` is the briefing's
    // JSON, so any edition can be shown again. Items get the article text read for them.
    r#"
ALTER TABLE briefings ADD COLUMN delivered INTEGER NOT NULL DEFAULT 1;
ALTER TABLE briefings ADD COLUMN output_hash TEXT;
ALTER TABLE briefings ADD COLUMN document TEXT;
ALTER TABLE shown ADD COLUMN briefing_id INTEGER;
CREATE INDEX shown_briefing ON shown(briefing_id);
CREATE INDEX briefings_at ON briefings(at);
ALTER TABLE items ADD COLUMN article TEXT;
ALTER TABLE items ADD COLUMN article_note TEXT;
ALTER TABLE items ADD COLUMN article_at INTEGER;
CREATE TRIGGER items_fts_article AFTER UPDATE OF article ON items
WHEN old.article IS NOT new.article BEGIN
    DELETE FROM items_fts WHERE rowid = old.id;
    INSERT OR IGNORE INTO fts_pending VALUES (new.id);
END;
"#,
    // 6: each item's language (ISO 639-1), declared by its feed or detected from its text;
    // a cached summary's translation: the language it was translated from, and the original.
    r#"
ALTER TABLE items ADD COLUMN lang TEXT;
ALTER TABLE summaries ADD COLUMN translated_from TEXT;
ALTER TABLE summaries ADD COLUMN original TEXT;
"#,
    // 7: `since-last` by sequence, not by clock: each new item takes the next number of a
    // counter, and a briefing records the highest number it covered, so two runs in the same
    // second can neither lose nor repeat an item.
    r#"
ALTER TABLE items ADD COLUMN seq INTEGER;
ALTER TABLE briefings ADD COLUMN seq_high INTEGER;
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO counters VALUES ('item_seq', 0);
"#,
    // 8: cached model failures that were not verdicts (a refused key, a malformed reply) stuck
    // until the cache aged out; only verdicts are cached now, and every cached fallback is
    // asked again once.
    r#"
DELETE FROM summaries WHERE fallback IS NOT NULL;
"#,
    // 9: the name the config gives a feed, so the web's /feeds names it as the reader does.
    r#"
ALTER TABLE feeds ADD COLUMN name TEXT;
"#,
    // 10: an edition's audio: the file kept beside the state, its length, its chapters (JSON).
    r#"
ALTER TABLE briefings ADD COLUMN audio TEXT;
ALTER TABLE briefings ADD COLUMN audio_seconds REAL;
ALTER TABLE briefings ADD COLUMN chapters TEXT;
"#,
    // 11: stories across editions. Every entry a briefing shows is remembered with the story
    // it belongs to (title, source, the words it was matched on, the summary the reader read),
    // apart from the items themselves: a story keeps its id and dates when its items age out.
    r#"
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    first_seen INTEGER NOT NULL,
    first_day TEXT NOT NULL,
    title TEXT NOT NULL
);
CREATE TABLE story_entries (
    id INTEGER PRIMARY KEY,
    story TEXT NOT NULL,
    briefing_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    day TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    link TEXT,
    feed TEXT NOT NULL,
    lang TEXT,
    lead TEXT NOT NULL,
    summary TEXT,
    again INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX story_entries_at ON story_entries(at);
CREATE INDEX story_entries_story ON story_entries(story);
CREATE INDEX story_entries_briefing ON story_entries(briefing_id);
"#,
];

impl Store {
    pub(super) fn setup(&mut self) -> Result<(), StoreError> {
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
}
