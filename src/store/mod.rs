//! The store: one SQLite file that remembers feeds (validators, health), items (first seen,
//! text), briefings and what they showed.
//!
//! WAL mode, numbered migrations, and one write transaction per run (`BEGIN IMMEDIATE`): a second
//! concurrent run waits a few seconds for the lock, then gives up with a clear message; a crash
//! at any point rolls back to the last complete run.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::Connection;

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
    #[error("the search took longer than its limit and was stopped; use fewer or longer words")]
    Interrupted,
    #[error(
        "state file {path} was written by a newer herald (schema {found}, this one knows {known})"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
}

mod briefings;
mod feeds;
mod items;
mod schema;
mod search;
mod stories;
mod summaries;
#[cfg(test)]
mod tests;

pub use briefings::{Edition, EditionAudio, StoredEdition, Undelivered};
pub use feeds::FeedRecord;
pub use items::StoredArticle;
pub use search::{MATCH_END, MATCH_START, MAX_TERMS, MIN_PREFIX, SearchHit, fts_query, snippet};
pub use stories::{StoryEntry, StoryInfo};

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
                && e.code == rusqlite::ErrorCode::OperationInterrupted
            {
                return StoreError::Interrupted;
            }
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

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(self.sql())
    }
}
