//! Reading article pages: the same client, limits, timeouts, retries and redirect caps as
//! feeds, HTML bodies only, at most [`MAX_PAGE`] bytes after decompression.

use super::{ExtractError, Extracted};
use crate::fetch::{FetchError, FetchOptions, FetchRequest, Fetcher};

/// The largest page read (after decompression): far beyond any article.
pub const MAX_PAGE: usize = 5 * 1024 * 1024;

/// Why an article page gave no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("not a web page ({0})")]
    NotHtml(String),
    #[error(transparent)]
    Extract(#[from] ExtractError),
    #[error("robots.txt of {0} asks robots not to read this page")]
    Disallowed(String),
}

/// Whether a Content-Type is a web page (HTML or XHTML); a missing one is taken as HTML.
pub fn is_html(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type else { return true };
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(mime.as_str(), "text/html" | "application/xhtml+xml" | "")
}

/// Fetches one page and extracts its article (for `herald extract URL`).
pub fn page(url: &str, options: &FetchOptions) -> Result<Extracted, PageError> {
    let options = FetchOptions {
        max_body: MAX_PAGE,
        ..options.clone()
    };
    let fetcher = Fetcher::new(options, ".".as_ref(), None)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| FetchError::Other(e.to_string()))?;
    let request = FetchRequest {
        location: url.to_string(),
        validators: Default::default(),
    };
    let fetched = runtime.block_on(fetcher.fetch(&request))?;
    if !is_html(fetched.content_type.as_deref()) {
        return Err(PageError::NotHtml(fetched.content_type.unwrap_or_default()));
    }
    let base = fetched.final_url.as_deref().unwrap_or(url);
    Ok(super::extract_bytes(
        &fetched.body,
        fetched.content_type.as_deref(),
        Some(base),
    )?)
}
