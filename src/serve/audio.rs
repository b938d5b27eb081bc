//! An edition's audio in `herald serve`: the file kept with the edition, with HTTP Range
//! requests answered (206 Partial Content), so a player can seek.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{Shared, editions, store_error};
use crate::site;

/// An edition's audio, with HTTP Range requests answered (206), so a player can seek.
pub(super) async fn audio(
    State(shared): State<Arc<Shared>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let pages = match editions(&shared).await {
        Ok(p) => p,
        Err(e) => return store_error(shared.words, e),
    };
    let found = pages
        .iter()
        .find(|p| site::audio_file(p).as_deref() == Some(file.as_str()))
        .and_then(|p| p.audio.as_ref().map(|a| a.path.clone()));
    let Some(path) = found else {
        return (StatusCode::NOT_FOUND, "no such audio").into_response();
    };
    let mime = if file.ends_with(".mp3") {
        "audio/mpeg"
    } else {
        "audio/wav"
    };
    let bytes = match tokio::task::spawn_blocking(move || {
        crate::localfile::read_capped(std::path::Path::new(&path), 1024 * 1024 * 1024)
    })
    .await
    {
        Ok(Ok(b)) => b,
        _ => return (StatusCode::NOT_FOUND, "the audio file is gone").into_response(),
    };
    let total = bytes.len();
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| byte_range(v, total));
    match range {
        Some((start, end)) => (
            StatusCode::PARTIAL_CONTENT,
            [
                (header::CONTENT_TYPE, mime.to_string()),
                (header::ACCEPT_RANGES, "bytes".to_string()),
                (
                    header::CONTENT_RANGE,
                    format!("bytes {start}-{end}/{total}"),
                ),
            ],
            bytes[start..=end].to_vec(),
        )
            .into_response(),
        None if headers.contains_key(header::RANGE) => (
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(header::CONTENT_RANGE, format!("bytes */{total}"))],
        )
            .into_response(),
        None => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, mime.to_string()),
                (header::ACCEPT_RANGES, "bytes".to_string()),
            ],
            bytes,
        )
            .into_response(),
    }
}

/// `bytes=START-END`, `bytes=START-` or `bytes=-SUFFIX` within `total` bytes: the first and
/// last byte, inclusive; `None` for anything else (one range only).
fn byte_range(header: &str, total: usize) -> Option<(usize, usize)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') || total == 0 {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (start, end) = match (a.trim(), b.trim()) {
        ("", suffix) => {
            let n: usize = suffix.parse().ok()?;
            (total.saturating_sub(n.min(total)), total - 1)
        }
        (start, "") => (start.parse().ok()?, total - 1),
        (start, end) => (
            start.parse().ok()?,
            end.parse::<usize>().ok()?.min(total - 1),
        ),
    };
    (start <= end && start < total).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges() {
        assert_eq!(byte_range("bytes=0-99", 1000), Some((0, 99)));
        assert_eq!(byte_range("bytes=900-", 1000), Some((900, 999)));
        assert_eq!(byte_range("bytes=-100", 1000), Some((900, 999)));
        assert_eq!(byte_range("bytes=500-5000", 1000), Some((500, 999)));
        for bad in [
            "bytes=1000-",
            "bytes=5-2",
            "items=0-1",
            "bytes=0-1,5-6",
            "bytes=x-",
        ] {
            assert_eq!(byte_range(bad, 1000), None, "{bad}");
        }
    }
}
