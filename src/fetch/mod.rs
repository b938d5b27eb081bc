//! Fetch stage: bytes of every feed, concurrently, from HTTP(S), local files or the bundled demo.
//!
//! A failure here is a value, never an abort: each feed gets its own `Result`, so one dead server
//! costs the briefing one line.

use std::path::{Path, PathBuf};
use std::time::Duration;

use futures::StreamExt;

use crate::model::{FeedSource, Fetched};

/// Why a feed could not be fetched. Messages are short: they end up in the briefing's footer.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("HTTP {0}")]
    Status(u16),
    #[error("connection failed: {0}")]
    Connect(String),
    #[error("response larger than {0} bytes")]
    TooLarge(usize),
    #[error("cannot read {path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("no bundled demo feed named '{0}'")]
    UnknownDemo(String),
    #[error("invalid URL '{0}'")]
    BadUrl(String),
    #[error("{0}")]
    Other(String),
}

/// Limits that keep a hostile or broken server from costing more than its own line.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_body: usize,
    pub concurrency: usize,
    pub max_redirects: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(5),
            max_body: 10 * 1024 * 1024,
            concurrency: 32,
            max_redirects: 5,
        }
    }
}

/// Looks up a bundled file by name, for `demo:NAME` locations.
pub type EmbeddedLookup = fn(&str) -> Option<&'static [u8]>;

/// The `User-Agent` herald sends: who we are and where to read about us.
pub fn user_agent() -> String {
    format!(
        "herald/{} (+{})",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// Fetches feeds; holds one HTTP client so connections are reused.
pub struct Fetcher {
    client: reqwest::Client,
    options: FetchOptions,
    base_dir: PathBuf,
    embedded: Option<EmbeddedLookup>,
}

impl Fetcher {
    pub fn new(
        options: FetchOptions,
        base_dir: &Path,
        embedded: Option<EmbeddedLookup>,
    ) -> Result<Fetcher, FetchError> {
        let client = reqwest::Client::builder()
            .user_agent(user_agent())
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .redirect(reqwest::redirect::Policy::limited(options.max_redirects))
            .build()
            .map_err(|e| FetchError::Other(format!("cannot start HTTP client: {e}")))?;
        Ok(Fetcher {
            client,
            options,
            base_dir: base_dir.to_path_buf(),
            embedded,
        })
    }

    /// Fetches every source, at most `concurrency` at once; results come back in input order.
    pub async fn fetch_all(&self, sources: &[FeedSource]) -> Vec<Result<Fetched, FetchError>> {
        let mut indexed: Vec<(usize, Result<Fetched, FetchError>)> =
            futures::stream::iter(sources.iter().enumerate())
                .map(|(i, s)| async move { (i, self.fetch(&s.location).await) })
                .buffer_unordered(self.options.concurrency.max(1))
                .collect()
                .await;
        indexed.sort_by_key(|(i, _)| *i);
        indexed.into_iter().map(|(_, r)| r).collect()
    }

    /// Fetches one location.
    pub async fn fetch(&self, location: &str) -> Result<Fetched, FetchError> {
        if let Some(name) = location.strip_prefix("demo:") {
            let lookup = self
                .embedded
                .ok_or_else(|| FetchError::UnknownDemo(name.to_string()))?;
            let body = lookup(name).ok_or_else(|| FetchError::UnknownDemo(name.to_string()))?;
            return Ok(Fetched {
                location: location.to_string(),
                final_url: None,
                content_type: None,
                body: body.to_vec(),
            });
        }
        if location.starts_with("http://") || location.starts_with("https://") {
            return self.fetch_http(location).await;
        }
        let path = if let Some(rest) = location.strip_prefix("file://") {
            PathBuf::from(rest)
        } else {
            self.base_dir.join(location)
        };
        self.fetch_file(location, &path).await
    }

    async fn fetch_file(&self, location: &str, path: &Path) -> Result<Fetched, FetchError> {
        let file_err = |e: std::io::Error| FetchError::File {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let meta = tokio::fs::metadata(path).await.map_err(file_err)?;
        if meta.len() > self.options.max_body as u64 {
            return Err(FetchError::TooLarge(self.options.max_body));
        }
        let body = tokio::fs::read(path).await.map_err(file_err)?;
        Ok(Fetched {
            location: location.to_string(),
            final_url: None,
            content_type: None,
            body,
        })
    }

    async fn fetch_http(&self, location: &str) -> Result<Fetched, FetchError> {
        let url =
            reqwest::Url::parse(location).map_err(|_| FetchError::BadUrl(location.to_string()))?;
        let mut response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|e| self.classify(e))?;
        let status = response.status();
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        let final_url = Some(response.url().to_string());
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        // Read chunk by chunk so the cap holds on the decompressed size, whatever the server says.
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.classify(e))? {
            if body.len() + chunk.len() > self.options.max_body {
                return Err(FetchError::TooLarge(self.options.max_body));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            location: location.to_string(),
            final_url,
            content_type,
            body,
        })
    }

    fn classify(&self, e: reqwest::Error) -> FetchError {
        if e.is_timeout() {
            FetchError::Timeout(self.options.timeout.as_secs())
        } else if e.is_redirect() {
            FetchError::Other(format!(
                "more than {} redirects",
                self.options.max_redirects
            ))
        } else if e.is_connect() {
            FetchError::Connect(root_cause(&e))
        } else {
            FetchError::Other(root_cause(&e))
        }
    }
}

/// The innermost error message: reqwest's outer ones repeat the URL, which the footer already has.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_lookup(name: &str) -> Option<&'static [u8]> {
        (name == "a.xml").then_some(b"<rss/>".as_slice())
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(f)
    }

    #[test]
    fn demo_and_file_sources() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("f.xml"), b"hello").expect("write");
        let f =
            Fetcher::new(FetchOptions::default(), dir.path(), Some(demo_lookup)).expect("client");
        let sources: Vec<FeedSource> = ["demo:a.xml", "f.xml", "demo:nope", "missing.xml"]
            .iter()
            .map(|l| FeedSource {
                location: l.to_string(),
                name: None,
            })
            .collect();
        let results = block_on(f.fetch_all(&sources));
        assert_eq!(results[0].as_ref().expect("demo").body, b"<rss/>");
        assert_eq!(results[1].as_ref().expect("file").body, b"hello");
        assert!(matches!(results[2], Err(FetchError::UnknownDemo(_))));
        assert!(matches!(results[3], Err(FetchError::File { .. })));
    }

    #[test]
    fn file_over_cap_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("big.xml"), vec![b'x'; 100]).expect("write");
        let opts = FetchOptions {
            max_body: 10,
            ..FetchOptions::default()
        };
        let f = Fetcher::new(opts, dir.path(), None).expect("client");
        let r = block_on(f.fetch("big.xml"));
        assert!(matches!(r, Err(FetchError::TooLarge(10))));
    }
}
