//! Search: the FTS5 index over stored items, kept in step lazily, and what a hit shows.

use jiff::Timestamp;
use rusqlite::params;

use super::{Store, StoreError, ts};

/// One archive search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    pub title: String,
    pub source: String,
    pub link: Option<String>,
    pub published: Option<Timestamp>,
    pub first_seen: Option<Timestamp>,
    /// The passage that matched, with each matched word between [`MATCH_START`] and
    /// [`MATCH_END`] (private-use characters, so a bracket in the source is never mistaken for
    /// a mark); [`SearchHit::plain_snippet`] shows them as [brackets], as JSON does.
    #[serde(serialize_with = "bracketed")]
    pub snippet: String,
}

fn bracketed<S: serde::Serializer>(snippet: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&snippet.replace(MATCH_START, "[").replace(MATCH_END, "]"))
}

/// Marks around a matched word in a snippet.
pub const MATCH_START: char = '\u{e000}';
pub const MATCH_END: char = '\u{e001}';

impl SearchHit {
    /// The snippet for a terminal or JSON: matched words in [brackets].
    pub fn plain_snippet(&self) -> String {
        self.snippet
            .replace(MATCH_START, "[")
            .replace(MATCH_END, "]")
    }
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
/// matched words marked ([`MATCH_START`]…[`MATCH_END`]); the start of the text when no word matches (a title match).
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
                format!("{MATCH_START}{w}{MATCH_END}")
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

/// The most words (and phrases) a search uses; more say nothing a reader needs and each one
/// costs a pass over the index.
pub const MAX_TERMS: usize = 12;
/// The shortest stem a `word*` prefix search takes: `t*` would match most of the archive.
pub const MIN_PREFIX: usize = 3;

/// Turns what a person types into an FTS5 query: every word must appear (in any order),
/// "quoted phrases" must appear as phrases, and `word*` matches words starting with `word`
/// (a stem shorter than [`MIN_PREFIX`] letters is taken as a word). Control characters are
/// spaces, and at most [`MAX_TERMS`] terms are kept, so no input is a syntax error or an
/// unbounded amount of work.
pub fn fts_query(input: &str) -> Option<String> {
    let input: String = input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
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
            let stem = word.trim_end_matches('*');
            if stem.is_empty() {
                continue;
            }
            if stem.len() < word.len() && stem.chars().count() >= MIN_PREFIX {
                terms.push(format!("{}*", quote(stem)));
            } else {
                terms.push(quote(stem));
            }
        }
    }
    terms.dedup();
    terms.truncate(MAX_TERMS);
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
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
        self.begin()?;
        let done = self.index_batches(&mut progress)?;
        self.commit()?;
        Ok(done)
    }

    /// Without a transaction of its own: indexes the queue a batch at a time.
    fn index_pending(&self) -> Result<usize, StoreError> {
        self.index_batches(&mut |_| {})
    }

    fn index_batches(&self, progress: &mut dyn FnMut(usize)) -> Result<usize, StoreError> {
        const BATCH: i64 = 5_000;
        let mut done = 0;
        loop {
            let n = self
                .conn
                .execute(
                    "INSERT INTO items_fts(rowid, title, text)
                     SELECT i.id, i.title, i.text || COALESCE(char(10) || char(10) || i.article, '')
                     FROM items i
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
        Ok(done)
    }

    /// [`Store::update_index`] only if no run holds the file now (never waits for one).
    pub fn try_update_index(&self) -> Result<usize, StoreError> {
        self.conn
            .busy_timeout(std::time::Duration::ZERO)
            .map_err(self.sql())?;
        let result = (|| {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(self.sql())?;
            let done = self.index_pending();
            let end = if done.is_ok() { "COMMIT" } else { "ROLLBACK" };
            self.conn.execute_batch(end).map_err(self.sql())?;
            done
        })();
        self.conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(self.sql())?;
        result
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
        self.run_search(&q, query, since, limit)
    }

    /// [`Store::search`], stopped with [`StoreError::Interrupted`] at `deadline` or as soon as
    /// `cancel` is set (a client that left), checked every few thousand steps of SQLite's work.
    pub fn search_until(
        &self,
        query: &str,
        since: Option<Timestamp>,
        limit: usize,
        deadline: std::time::Instant,
        cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        self.conn.progress_handler(
            4_000,
            Some(move || {
                cancel.load(std::sync::atomic::Ordering::Relaxed)
                    || std::time::Instant::now() >= deadline
            }),
        );
        let result = self.run_search(&q, query, since, limit);
        self.conn.progress_handler(4_000, None::<fn() -> bool>);
        result
    }

    fn run_search(
        &self,
        q: &str,
        query: &str,
        since: Option<Timestamp>,
        limit: usize,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT i.title, i.source, i.link, i.published, i.first_seen, i.text || COALESCE(char(10) || char(10) || i.article, '')
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
}
