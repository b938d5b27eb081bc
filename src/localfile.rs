//! Reading the reader's local files (feeds named by path, configs, templates, OPML) safely:
//! only regular files, and never more than a size cap, so `/dev/zero`, a FIFO or a 1 GB file
//! named by mistake (or by a shared OPML) costs a message, not the machine's memory.

use std::path::Path;

/// The largest config, template or OPML file read (far beyond any real one).
pub const MAX_SMALL_FILE: usize = 16 * 1024 * 1024;

/// Why a local file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("larger than the size cap")]
    TooLarge,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Reads a local file through the same size cap as HTTP bodies. Only regular files: a device
/// (`/dev/zero`), a FIFO or a directory is refused with a message, never read forever.
pub fn read_capped(path: &Path, max: usize) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    // Opened without blocking, then judged by what was opened: a FIFO swapped in after a
    // check of the name could otherwise hold the open (and so the whole run) forever.
    let file = open_nonblocking(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file (a device, FIFO or socket)"
        };
        return Err(ReadError::Io(std::io::Error::other(what)));
    }
    if meta.len() > max as u64 {
        return Err(ReadError::TooLarge);
    }
    let mut body = Vec::with_capacity(meta.len() as usize);
    // The file may grow while it is read: never take more than the cap.
    file.take(max as u64 + 1)
        .read_to_end(&mut body)
        .map_err(ReadError::Io)?;
    if body.len() > max {
        return Err(ReadError::TooLarge);
    }
    Ok(body)
}

/// Opens a file for reading without waiting for a writer (a FIFO) or a device.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// A small text file (config, template, OPML) read through [`MAX_SMALL_FILE`], as UTF-8.
pub fn read_text(path: &Path) -> Result<String, std::io::Error> {
    let bytes = read_capped(path, MAX_SMALL_FILE).map_err(|e| match e {
        ReadError::Io(e) => e,
        ReadError::TooLarge => std::io::Error::other(format!(
            "larger than {} MiB",
            MAX_SMALL_FILE / (1024 * 1024)
        )),
    })?;
    String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_fifos_dirs_and_huge_files_are_refused() {
        let e = read_capped(Path::new("/dev/zero"), 1024).expect_err("a device");
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let dir = tempfile::tempdir().expect("tempdir");
        let e = read_capped(dir.path(), 1024).expect_err("a directory");
        assert!(e.to_string().contains("directory"), "{e}");
        let big = dir.path().join("big.xml");
        std::fs::write(&big, vec![b'x'; 2048]).expect("write");
        assert!(matches!(read_capped(&big, 1024), Err(ReadError::TooLarge)));
        assert_eq!(read_capped(&big, 4096).expect("read").len(), 2048);
        assert!(read_text(Path::new("/dev/zero")).is_err());
    }
}
