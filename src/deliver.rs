//! Deliver stage: the rendered briefing to stdout or to a file, atomically.

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
}
