//! Fetch stage: bytes of every feed, concurrently, from HTTP(S), local files or the bundled demo.
//!
//! A failure here is a value, never an abort: each feed gets its own `Result`, so one dead server
//! costs the briefing one line. Over HTTP it behaves like a good citizen: conditional GET, a
//! per-host limit, retries with backoff and jitter, `Retry-After` honoured, and hard caps on
//! time, redirects and (decompressed) size.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use tokio::sync::Semaphore;

use crate::model::{Fetched, Validators};

pub mod guard;

/// Why a feed could not be fetched. Messages are short: they end up in the briefing's footer.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("timed out after {}", seconds(*.0))]
    Timeout(Duration),
    #[error("HTTP {0}")]
    Status(u16),
    #[error("rate-limited (HTTP {status}){}", retry_after.map(|s| format!(", retry after {s} s")).unwrap_or_default())]
    RateLimited {
        status: u16,
        retry_after: Option<u64>,
    },
    #[error("connection failed: {0}")]
    Connect(String),
    #[error("connection broken while reading: {0}")]
    Body(String),
    #[error("response larger than {} MiB", .0 / (1024 * 1024))]
    TooLarge(usize),
    #[error("redirect loop: {}", .0.join(" → "))]
    RedirectLoop(Vec<String>),
    #[error("more than {max} redirects: {}", chain.join(" → "))]
    TooManyRedirects { max: usize, chain: Vec<String> },
    #[error("cannot read {path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("no bundled demo feed named '{0}'")]
    UnknownDemo(String),
    #[error("invalid URL '{0}'")]
    BadUrl(String),
    #[error("'{0}:' addresses are not supported: herald reads http(s) feeds and local files")]
    UnsupportedScheme(String),
    #[error("refused: {0}")]
    Private(String),
    #[error("could not resolve the name (no network, or no such host)")]
    Unresolved(String),
    #[error("connection refused")]
    Refused,
    #[error("not read within the run's {0} s deadline")]
    Deadline(u64),
    #[error("{0}")]
    Other(String),
}

impl FetchError {
    /// Failures worth another try: the next attempt may well succeed.
    fn is_retryable(&self) -> bool {
        match self {
            FetchError::Timeout(_) | FetchError::Connect(_) | FetchError::Body(_) => true,
            FetchError::Status(s) => *s >= 500 || *s == 408,
            FetchError::RateLimited { .. } => true,
            _ => false,
        }
    }

    /// For a rate-limited answer: how long the server asked us to wait, if it said.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            FetchError::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// Limits that keep a hostile or broken server from costing more than its own line.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Per request, from connect to the last byte.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Cap on the body after decompression.
    pub max_body: usize,
    /// Feeds fetched at once, in all.
    pub concurrency: usize,
    /// Requests at once to one host.
    pub per_host: usize,
    /// Hosts with their own limit (a host name and its subdomains), e.g. `reddit.com` → 1.
    pub host_limits: Vec<(String, usize)>,
    pub max_redirects: usize,
    /// Extra attempts after a retryable failure.
    pub retries: u32,
    /// First backoff delay; doubles each retry, with ±50 % jitter.
    pub backoff: Duration,
    /// The longest `Retry-After` herald waits for within a run; longer means "report and skip".
    pub max_retry_after: Duration,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Where loopback and private addresses may be read ([`guard`]).
    pub private: guard::Private,
    /// Names pinned to an address, or to none (`[fetch.resolve]`, as curl's `--resolve`).
    pub resolve: std::collections::BTreeMap<String, Option<std::net::IpAddr>>,
    /// The longest a run's fetching may take in all: what is not read by then is reported.
    pub deadline: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions::from_config(&crate::config::FetchConfig::default(), false)
    }
}

impl FetchOptions {
    /// The options for a config's `[fetch]` limits (the defaults live there, once).
    pub fn from_config(c: &crate::config::FetchConfig, progress: bool) -> FetchOptions {
        FetchOptions {
            timeout: Duration::from_secs(c.timeout_secs),
            connect_timeout: Duration::from_secs(5),
            max_body: c.max_body_mib.saturating_mul(1024 * 1024),
            concurrency: c.concurrency,
            per_host: c.per_host,
            host_limits: c
                .hosts
                .iter()
                .map(|(h, l)| (h.trim_start_matches('.').to_ascii_lowercase(), l.per_host))
                .collect(),
            max_redirects: 5,
            retries: 2,
            backoff: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(5),
            progress,
            private: guard::Private {
                allow_all: c.allow_private,
                named: Vec::new(),
            },
            resolve: c.resolve.clone(),
            deadline: Duration::from_secs(c.deadline_secs),
        }
    }
}

/// One feed to fetch, with the validators of its last good response.
#[derive(Debug, Clone, Default)]
pub struct FetchRequest {
    pub location: String,
    pub validators: Validators,
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
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    /// When this fetcher's work must be done ([`FetchOptions::deadline`] from its start).
    deadline: tokio::time::Instant,
}

impl Fetcher {
    pub fn new(
        options: FetchOptions,
        base_dir: &Path,
        embedded: Option<EmbeddedLookup>,
    ) -> Result<Fetcher, FetchError> {
        let mut builder = reqwest::Client::builder()
            .user_agent(user_agent())
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            // Redirects are followed by hand, to cap them, name loops and spot permanent moves
            // (and to check each hop's address).
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(options.per_host.max(1));
        builder = builder.dns_resolver(options.private.resolver(&options.resolve));
        let deadline = tokio::time::Instant::now() + options.deadline;
        let client = builder
            .build()
            .map_err(|e| FetchError::Other(format!("cannot start HTTP client: {e}")))?;
        Ok(Fetcher {
            client,
            options,
            base_dir: base_dir.to_path_buf(),
            embedded,
            hosts: Mutex::new(HashMap::new()),
            deadline,
        })
    }

    /// Fetches every request, at most `concurrency` at once, yielding `(index, result)` as each
    /// one completes, so the caller can parse early feeds while late ones are still in flight.
    pub fn stream<'a>(
        &'a self,
        requests: &'a [FetchRequest],
    ) -> impl futures::Stream<Item = (usize, Result<Fetched, FetchError>)> + 'a {
        let bar = if self.options.progress {
            let bar = indicatif::ProgressBar::new(requests.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} fetching feeds {pos}/{len} {wide_bar} {elapsed}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
        let total = requests.len() as u64;
        futures::stream::iter(requests.iter().enumerate())
            .map(move |(i, r)| {
                let bar = bar.clone();
                async move {
                    let result = self.fetch(r).await;
                    bar.inc(1);
                    if bar.position() == total {
                        bar.finish_and_clear();
                    }
                    (i, result)
                }
            })
            .buffer_unordered(self.options.concurrency.max(1))
    }

    /// Fetches every request; results come back in input order.
    pub async fn fetch_all(&self, requests: &[FetchRequest]) -> Vec<Result<Fetched, FetchError>> {
        let mut indexed: Vec<(usize, Result<Fetched, FetchError>)> =
            self.stream(requests).collect().await;
        indexed.sort_by_key(|(i, _)| *i);
        indexed.into_iter().map(|(_, r)| r).collect()
    }

    /// Fetches one location, by the run's deadline at the latest.
    pub async fn fetch(&self, request: &FetchRequest) -> Result<Fetched, FetchError> {
        match tokio::time::timeout_at(self.deadline, self.fetch_any(request)).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::Deadline(self.options.deadline.as_secs())),
        }
    }

    async fn fetch_any(&self, request: &FetchRequest) -> Result<Fetched, FetchError> {
        let location = request.location.as_str();
        if let Some(name) = location.strip_prefix("demo:") {
            let lookup = self
                .embedded
                .ok_or_else(|| FetchError::UnknownDemo(name.to_string()))?;
            let body = lookup(name).ok_or_else(|| FetchError::UnknownDemo(name.to_string()))?;
            return Ok(Fetched {
                location: location.to_string(),
                body: body.to_vec(),
                ..Fetched::default()
            });
        }
        match scheme(location).map(str::to_ascii_lowercase).as_deref() {
            Some("http" | "https") => return self.fetch_http(request).await,
            Some("file") | None => {}
            Some(other) => return Err(FetchError::UnsupportedScheme(other.to_string())),
        }
        let path = match location.strip_prefix("file://") {
            Some(rest) => PathBuf::from(rest),
            None => self.base_dir.join(location),
        };
        self.fetch_file(location, &path).await
    }

    async fn fetch_file(&self, location: &str, path: &Path) -> Result<Fetched, FetchError> {
        let max = self.options.max_body;
        let owned = path.to_path_buf();
        let body = tokio::task::spawn_blocking(move || crate::localfile::read_capped(&owned, max))
            .await
            .map_err(|e| FetchError::Other(format!("the read was interrupted: {e}")))?
            .map_err(|e| match e {
                crate::localfile::ReadError::TooLarge => FetchError::TooLarge(max),
                crate::localfile::ReadError::Io(e) => FetchError::File {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                },
            })?;
        Ok(Fetched {
            location: location.to_string(),
            body,
            ..Fetched::default()
        })
    }

    /// The limit for `host`: its own (the longest configured name it is or ends in), else the
    /// default.
    fn per_host_limit(&self, host: &str) -> usize {
        let host = host.to_ascii_lowercase();
        self.options
            .host_limits
            .iter()
            .filter(|(name, _)| {
                host == *name
                    || host
                        .strip_suffix(name.as_str())
                        .is_some_and(|rest| rest.ends_with('.'))
            })
            .max_by_key(|(name, _)| name.len())
            .map_or(self.options.per_host, |(_, n)| *n)
            .max(1)
    }

    fn host_limit(&self, host: &str) -> Arc<Semaphore> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts
            .entry(host.to_string())
            .or_insert_with(|| Arc::new(Semaphore::new(self.per_host_limit(host))))
            .clone()
    }

    async fn fetch_http(&self, request: &FetchRequest) -> Result<Fetched, FetchError> {
        let url = reqwest::Url::parse(&request.location)
            .map_err(|_| FetchError::BadUrl(request.location.clone()))?;
        let limit = self.host_limit(url.host_str().unwrap_or(""));
        let mut attempt = 0;
        loop {
            let result = {
                let _permit = limit
                    .acquire()
                    .await
                    .map_err(|_| FetchError::Other("host limiter closed".into()))?;
                self.fetch_once(&url, request).await
            };
            match result {
                // A host that let a request time out is given one more chance, not two.
                Err(e)
                    if attempt < self.options.retries
                        && e.is_retryable()
                        && !(attempt >= 1 && matches!(e, FetchError::Timeout(_))) =>
                {
                    let delay = match e.retry_after() {
                        Some(secs) if Duration::from_secs(secs) > self.options.max_retry_after => {
                            return Err(e);
                        }
                        Some(secs) => Duration::from_secs(secs),
                        None if matches!(e, FetchError::RateLimited { .. }) => {
                            self.backoff(attempt)
                        }
                        None => self.backoff(attempt),
                    };
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// Exponential backoff with ±50 % jitter, so many herald instances do not retry in step.
    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.options.backoff.as_secs_f64() * 2f64.powi(attempt as i32);
        Duration::from_secs_f64(base * (0.5 + fastrand::f64()))
    }

    /// One attempt: follows redirects by hand, then reads the body under the cap.
    async fn fetch_once(
        &self,
        start: &reqwest::Url,
        request: &FetchRequest,
    ) -> Result<Fetched, FetchError> {
        let mut chain = vec![start.to_string()];
        let mut current = start.clone();
        let mut moved_to: Option<String> = None;
        let mut all_permanent = true;
        loop {
            self.check_literal(&current)?;
            let mut req = self.client.get(current.clone());
            if let Some(etag) = &request.validators.etag {
                req = req.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &request.validators.last_modified {
                req = req.header(header::IF_MODIFIED_SINCE, lm);
            }
            let mut response = req.send().await.map_err(|e| self.classify(e))?;
            if let Some(peer) = response.remote_addr()
                && !behind_proxy()
                && let Some(why) = self.options.private.refuses(&current, peer.ip())
            {
                return Err(FetchError::Private(why));
            }
            let status = response.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let next = response
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|l| current.join(l).ok())
                    .ok_or(FetchError::Status(status.as_u16()))?;
                let next_s = next.to_string();
                if chain.contains(&next_s) {
                    chain.push(next_s);
                    return Err(FetchError::RedirectLoop(chain));
                }
                chain.push(next_s.clone());
                if chain.len() > self.options.max_redirects + 1 {
                    return Err(FetchError::TooManyRedirects {
                        max: self.options.max_redirects,
                        chain,
                    });
                }
                let permanent = matches!(
                    status,
                    StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT
                );
                all_permanent &= permanent;
                if all_permanent {
                    moved_to = Some(next_s);
                }
                current = next;
                continue;
            }
            let validators = read_validators(response.headers());
            if status == StatusCode::NOT_MODIFIED {
                return Ok(Fetched {
                    location: request.location.clone(),
                    final_url: Some(current.to_string()),
                    not_modified: true,
                    validators,
                    moved_to,
                    status: 304,
                    ..Fetched::default()
                });
            }
            if status == StatusCode::TOO_MANY_REQUESTS
                || (status == StatusCode::SERVICE_UNAVAILABLE
                    && response.headers().contains_key(header::RETRY_AFTER))
            {
                return Err(FetchError::RateLimited {
                    status: status.as_u16(),
                    retry_after: response
                        .headers()
                        .get(header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(parse_retry_after),
                });
            }
            if !status.is_success() {
                return Err(FetchError::Status(status.as_u16()));
            }
            let content_type = response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            // Read chunk by chunk so the cap holds on the decompressed size, whatever the server says.
            let mut body = Vec::new();
            loop {
                let chunk = response.chunk().await.map_err(|e| {
                    if e.is_timeout() {
                        FetchError::Timeout(self.options.timeout)
                    } else {
                        FetchError::Body(root_cause(&e))
                    }
                })?;
                let Some(chunk) = chunk else { break };
                if body.len() + chunk.len() > self.options.max_body {
                    return Err(FetchError::TooLarge(self.options.max_body));
                }
                body.extend_from_slice(&chunk);
            }
            return Ok(Fetched {
                location: request.location.clone(),
                final_url: Some(current.to_string()),
                content_type,
                not_modified: false,
                validators,
                moved_to,
                status: status.as_u16(),
                body,
            });
        }
    }

    /// Refuses an address literal (`http://127.0.0.1/`, `http://2130706433/`, `http://[::1]/`)
    /// that is not public, unless its origin is allowed; names are checked by the resolver.
    fn check_literal(&self, url: &reqwest::Url) -> Result<(), FetchError> {
        let ip = match url.host() {
            Some(url::Host::Ipv4(v4)) => std::net::IpAddr::V4(v4),
            Some(url::Host::Ipv6(v6)) => std::net::IpAddr::V6(v6),
            _ => return Ok(()),
        };
        match self.options.private.refuses(url, ip) {
            Some(why) => Err(FetchError::Private(why)),
            None => Ok(()),
        }
    }

    fn classify(&self, e: reqwest::Error) -> FetchError {
        if let Some(why) = refused_by_resolver(&e) {
            return FetchError::Private(why);
        }
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(err) = source {
            if let Some(u) = err.downcast_ref::<guard::Unresolved>() {
                return FetchError::Unresolved(u.0.clone());
            }
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused)
            {
                return FetchError::Refused;
            }
            source = err.source();
        }
        if e.is_timeout() {
            FetchError::Timeout(self.options.timeout)
        } else if e.is_connect() {
            FetchError::Connect(root_cause(&e))
        } else {
            FetchError::Other(root_cause(&e))
        }
    }
}

/// True when an HTTP proxy is set in the environment: the peer is then the proxy, whose own
/// address says nothing about the page's.
fn behind_proxy() -> bool {
    ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"].iter().any(|v| {
        std::env::var_os(v).is_some() || std::env::var_os(v.to_ascii_lowercase()).is_some()
    })
}

/// The resolver's refusal of a private address, found among the error's causes.
fn refused_by_resolver(e: &reqwest::Error) -> Option<String> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        let text = err.to_string();
        if text.contains("herald reads private and local addresses only") {
            return Some(text);
        }
        source = err.source();
    }
    None
}

fn read_validators(headers: &HeaderMap) -> Validators {
    let get = |name| {
        headers
            .get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
            .map(str::to_string)
    };
    Validators {
        etag: get(header::ETAG),
        last_modified: get(header::LAST_MODIFIED),
    }
}

/// "10 s", "0.5 s": a duration as a person reads it.
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s:.1} s")
    }
}

/// The scheme of a location (`http` in `http://…`), if it has one. One letter before a colon is
/// a Windows drive, not a scheme.
pub fn scheme(location: &str) -> Option<&str> {
    let (scheme, _) = location.split_once(':')?;
    let ok = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some(scheme)
}

/// The longest wait a server can ask for: a longer `Retry-After` (a typo, or hostile) would
/// mute a feed for years.
pub const MAX_RETRY_AFTER_SECS: u64 = 24 * 3600;

/// `Retry-After`: delta-seconds, or an HTTP date (RFC 9110), as seconds from now, at most a day.
pub fn parse_retry_after(v: &str) -> Option<u64> {
    let v = v.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // Any number of digits: one too large for u64 is still "a long time".
        let secs = v.parse::<u64>().unwrap_or(u64::MAX);
        return Some(secs.min(MAX_RETRY_AFTER_SECS));
    }
    let when = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let secs = when
        .as_second()
        .saturating_sub(jiff::Timestamp::now().as_second());
    Some((secs.max(0) as u64).min(MAX_RETRY_AFTER_SECS))
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

    fn req(l: &str) -> FetchRequest {
        FetchRequest {
            location: l.to_string(),
            validators: Validators::default(),
        }
    }

    #[test]
    fn hosts_get_their_own_limits_subdomains_included() {
        let options = FetchOptions {
            host_limits: vec![("reddit.com".into(), 1), ("old.reddit.com".into(), 2)],
            ..FetchOptions::default()
        };
        let f = Fetcher::new(options, Path::new("."), None).expect("fetcher");
        assert_eq!(f.per_host_limit("reddit.com"), 1);
        assert_eq!(f.per_host_limit("www.Reddit.com"), 1);
        assert_eq!(
            f.per_host_limit("old.reddit.com"),
            2,
            "the longest name wins"
        );
        assert_eq!(f.per_host_limit("notreddit.com"), 6, "not a subdomain");
        assert_eq!(
            f.per_host_limit("feeds.npr.org"),
            6,
            "the default: as a browser"
        );
        assert_eq!(FetchOptions::default().concurrency, 256);
    }

    #[test]
    fn demo_and_file_sources() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("f.xml"), b"hello").expect("write");
        let f =
            Fetcher::new(FetchOptions::default(), dir.path(), Some(demo_lookup)).expect("client");
        let requests: Vec<FetchRequest> = ["demo:a.xml", "f.xml", "demo:nope", "missing.xml"]
            .iter()
            .map(|l| req(l))
            .collect();
        let results = block_on(f.fetch_all(&requests));
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
        let r = block_on(f.fetch(&req("big.xml")));
        assert!(matches!(r, Err(FetchError::TooLarge(10))));
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("120"), Some(120));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(0));
        assert_eq!(parse_retry_after("soon"), None);
        // Hostile or mistaken values are clamped to a day, never overflow.
        for huge in [
            "99999999999",
            "300000000000",
            "9223372036854775807",
            "300000000000000000000000",
            "01 Jan 2500 00:00:00 GMT",
        ] {
            assert_eq!(
                parse_retry_after(huge),
                Some(MAX_RETRY_AFTER_SECS),
                "{huge}"
            );
        }
    }
}
