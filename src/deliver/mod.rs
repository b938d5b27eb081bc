//! Deliver stage: the rendered briefing to stdout, to a file (atomically), or by mail.

pub mod email;
pub mod notify;

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
    Stdout(#[source] std::io::Error),
}

/// Writes to stdout.
pub fn to_stdout(text: &str) -> Result<(), DeliverError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(DeliverError::Stdout)
}

/// Whether `path` names standard output: `-` or `/dev/stdout` (and `/dev/fd/1`).
pub fn is_stdout(path: &Path) -> bool {
    path == Path::new("-") || path == Path::new("/dev/stdout") || path == Path::new("/dev/fd/1")
}

/// Writes to `path`. A regular file (or a new one) is replaced atomically through a temporary
/// file in its directory and a rename, so a reader (or a crash) never sees half a briefing; an
/// existing file keeps its permissions, and a symlink is followed, so its target is replaced
/// and the link stays. A device or FIFO (`/dev/null`, a named pipe) is written straight
/// through: a rename would replace it with a regular file. `-` and `/dev/stdout` are stdout.
/// Creates missing parent directories.
pub fn to_file(path: &Path, text: &str) -> Result<(), DeliverError> {
    if is_stdout(path) {
        return to_stdout(text);
    }
    let err = |source| DeliverError::Write {
        path: path.to_path_buf(),
        source,
    };
    // Follow a symlink to what it names: the link is the reader's, the file is the output
    // (a dangling link too: its target is created, the link stays).
    let target = follow_links(path).map_err(err)?;
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing
        && !meta.is_file()
    {
        if meta.is_dir() {
            return Err(err(std::io::Error::other("it is a directory")));
        }
        // A character device, FIFO or socket: write through, never replace.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .map_err(err)?;
        return f
            .write_all(text.as_bytes())
            .and_then(|_| f.flush())
            .map_err(err);
    }
    atomic_replace(&target, text.as_bytes(), existing.map(|m| m.permissions())).map_err(err)
}

/// Writes `name` inside `dir` (herald's own directory, such as the site's) without following
/// a symlink there: a link planted in the directory is replaced by the file, and nothing
/// outside the directory is ever written.
pub fn to_file_in(dir: &Path, name: &str, text: &str) -> Result<PathBuf, DeliverError> {
    bytes_to_file_in(dir, name, text.as_bytes())
}

/// [`to_file_in`] for any bytes (an edition's audio).
pub fn bytes_to_file_in(dir: &Path, name: &str, text: &[u8]) -> Result<PathBuf, DeliverError> {
    let path = dir.join(name);
    let err = |source| DeliverError::Write {
        path: path.clone(),
        source,
    };
    let existing = std::fs::symlink_metadata(&path).ok();
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(err(std::io::Error::other("it is a directory")));
    }
    let permissions = existing.filter(|m| m.is_file()).map(|m| m.permissions());
    atomic_replace(&path, text, permissions).map_err(err)?;
    Ok(path)
}

/// The path a chain of symlinks ends at (itself when it is none), even when that end does not
/// exist yet; at most 40 links, as the kernel allows.
fn follow_links(path: &Path) -> Result<PathBuf, std::io::Error> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// The temp file + rename write of a regular file, keeping `permissions` when given.
fn atomic_replace(
    path: &Path,
    text: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<(), std::io::Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    remove_stale_temp_files(&dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(".herald-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(text)?;
    match permissions {
        Some(p) => tmp.as_file().set_permissions(p)?,
        // A new file gets the usual mode (0644 under the usual umask), not tempfile's 0600.
        None => set_default_mode(tmp.as_file())?,
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn set_default_mode(f: &std::fs::File) -> Result<(), std::io::Error> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_mode(_: &std::fs::File) -> Result<(), std::io::Error> {
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

    #[cfg(unix)]
    #[test]
    fn writes_keep_modes_follow_links_and_spare_devices() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        // A new file: the usual 0644, not a temp file's 0600.
        let new = dir.path().join("new.md");
        to_file(&new, "one").expect("write");
        assert_eq!(mode(&new), 0o644);
        // An existing file keeps its mode.
        std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        to_file(&new, "two").expect("rewrite");
        assert_eq!(mode(&new), 0o640);
        // A symlink: its target is written, the link stays a link.
        let link = dir.path().join("today.md");
        std::os::unix::fs::symlink(&new, &link).expect("symlink");
        to_file(&link, "three").expect("through the link");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&new).expect("read"), "three");
        // /dev/null stays a device.
        to_file(Path::new("/dev/null"), "gone").expect("write to /dev/null");
        assert!(!std::fs::metadata("/dev/null").expect("meta").is_file());
        // A directory is refused with a message.
        let e = to_file(dir.path(), "x").expect_err("a directory");
        assert!(e.to_string().contains("directory"), "{e}");
        assert!(is_stdout(Path::new("-")) && is_stdout(Path::new("/dev/stdout")));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_through_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pipe");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return; // no mkfifo on this system
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read fifo"))
        };
        to_file(&fifo, "through the pipe").expect("write");
        assert_eq!(reader.join().expect("reader"), "through the pipe");
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::metadata(&fifo)
                .expect("meta")
                .file_type()
                .is_fifo()
        );
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
