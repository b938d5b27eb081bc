//! Deliver stage: the rendered briefing to stdout, to a file (atomically), or by mail.

pub mod email;

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why the briefing could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write to stdout: {0}")]
    Stdout(std::io::Error),
}

/// Writes to stdout.
pub fn to_stdout(text: &str) -> Result<(), DeliverError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(DeliverError::Stdout)
}

/// Writes to `path` through a temporary file in the same directory and a rename, so a reader
/// (or a crash) never sees half a briefing. Creates missing parent directories.
pub fn to_file(path: &Path, text: &str) -> Result<(), DeliverError> {
    let err = |source| DeliverError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(err)?;
    remove_stale_temp_files(&dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(".herald-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(err)?;
    tmp.write_all(text.as_bytes()).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// A temp file older than this was left by a run that was killed mid-write.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes `.herald-*.tmp` files that a killed run left beside its output. Only old ones: a
/// younger one may belong to a run writing right now. Best effort: a file that cannot be listed
/// or removed is left alone, since tidying must never cost the briefing.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".herald-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_creates_dirs_and_replaces() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a/b/brief.md");
        to_file(&path, "one").expect("write");
        to_file(&path, "two").expect("rewrite");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "two");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn stale_temp_files_of_killed_runs_are_removed_fresh_ones_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let stale = dir.path().join(".herald-abc123.tmp");
        let fresh = dir.path().join(".herald-def456.tmp");
        let other = dir.path().join("notes.tmp");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, "half a briefing").expect("write");
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for p in [&stale, &other] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .and_then(|f| f.set_modified(two_hours_ago))
                .expect("age the file");
        }
        to_file(&dir.path().join("brief.md"), "whole").expect("write");
        assert!(
            !stale.exists(),
            "an hour-old temp file of a killed run is removed"
        );
        assert!(fresh.exists(), "a young one may be a run writing now");
        assert!(
            other.exists(),
            "files that are not herald's are never touched"
        );
    }
}
