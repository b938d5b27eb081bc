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
    #[error("not bundled with the demo (the demo reads no network)")]
    NotBundled,
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
    let mut options = FetchOptions {
        max_body: MAX_PAGE,
        ..options.clone()
    };
    // The reader named this page: its origin may be a local one (not where it redirects).
    options.private.name([url]);
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

/// Looks up a bundled article page by its URL (the demo's pages; no network).
pub type PageLookup = fn(&str) -> Option<&'static [u8]>;

/// One article to read.
#[derive(Debug, Clone)]
pub struct ArticleRequest {
    pub url: String,
    /// Whether robots.txt is consulted (a reader may turn this off for their own sites).
    pub obey_robots: bool,
}

/// Reads article pages politely: robots.txt fetched once per host, the feeds' limits and caps,
/// HTML only. Results come back in request order; a page that fails costs only itself.
pub fn read_all(
    requests: &[ArticleRequest],
    options: &FetchOptions,
    embedded: Option<PageLookup>,
) -> Result<Vec<Result<Extracted, PageError>>, FetchError> {
    if requests.is_empty() {
        return Ok(Vec::new());
    }
    // The feeds' bar has finished; articles get one of their own, so a slow page never
    // leaves the display standing at "8/8".
    let bar = if options.progress && embedded.is_none() {
        let bar = indicatif::ProgressBar::new(requests.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} reading articles {pos}/{len} {wide_bar} {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let options = FetchOptions {
        max_body: MAX_PAGE,
        progress: false,
        ..options.clone()
    };
    let fetcher = Fetcher::new(options.clone(), ".".as_ref(), None)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| FetchError::Other(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(async {
        let robots = robots_for(requests, &fetcher, embedded).await;
        let jobs = requests.iter().map(|r| {
            let robots = &robots;
            let fetcher = &fetcher;
            let bar = &bar;
            async move {
                let read = read_one(r, fetcher, robots, embedded).await;
                bar.inc(1);
                read
            }
        });
        let concurrency = options.concurrency.max(1);
        let all = futures::stream::iter(jobs)
            .buffered(concurrency)
            .collect::<Vec<_>>()
            .await;
        bar.finish_and_clear();
        Ok(all)
    })
}

/// `scheme://host[:port]` of a URL.
fn origin(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?;
    Some(match u.port() {
        Some(p) => format!("{}://{host}:{p}", u.scheme()),
        None => format!("{}://{host}", u.scheme()),
    })
}

/// Each host's robots.txt rules for herald, fetched once (concurrently) for the hosts whose
/// pages obey them. A robots.txt that is missing, fails or is not text allows everything.
async fn robots_for(
    requests: &[ArticleRequest],
    fetcher: &Fetcher,
    embedded: Option<PageLookup>,
) -> std::collections::HashMap<String, super::robots::Robots> {
    use super::robots::Robots;
    let mut origins: Vec<String> = requests
        .iter()
        .filter(|r| r.obey_robots && embedded.is_none())
        .filter_map(|r| origin(&r.url))
        .collect();
    origins.sort();
    origins.dedup();
    let agent = crate::fetch::user_agent();
    let reads = origins.into_iter().map(|o| {
        let agent = &agent;
        async move {
            let request = FetchRequest {
                location: format!("{o}/robots.txt"),
                validators: Default::default(),
            };
            let rules = match fetcher.fetch(&request).await {
                Ok(f) if f.status == 200 || f.status == 0 => {
                    Robots::parse(&String::from_utf8_lossy(&f.body), agent)
                }
                _ => Robots::allow_all(),
            };
            (o, rules)
        }
    });
    futures::stream::iter(reads)
        .buffer_unordered(16)
        .collect()
        .await
}

use futures::StreamExt;

async fn read_one(
    r: &ArticleRequest,
    fetcher: &Fetcher,
    robots: &std::collections::HashMap<String, super::robots::Robots>,
    embedded: Option<PageLookup>,
) -> Result<Extracted, PageError> {
    if let Some(lookup) = embedded {
        // With bundled pages (the demo), nothing is read from the network.
        let bytes = lookup(&r.url).ok_or(PageError::NotBundled)?;
        return Ok(super::extract_bytes(bytes, None, Some(&r.url))?);
    }
    if r.obey_robots
        && let Some(o) = origin(&r.url)
        && let Some(rules) = robots.get(&o)
    {
        let path = url::Url::parse(&r.url)
            .map(|u| match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_string(),
            })
            .unwrap_or_else(|_| "/".into());
        if !rules.allows(&path) {
            return Err(PageError::Disallowed(o));
        }
    }
    let request = FetchRequest {
        location: r.url.clone(),
        validators: Default::default(),
    };
    let fetched = fetcher.fetch(&request).await?;
    if !is_html(fetched.content_type.as_deref()) {
        return Err(PageError::NotHtml(fetched.content_type.unwrap_or_default()));
    }
    let base = fetched.final_url.clone().unwrap_or_else(|| r.url.clone());
    let content_type = fetched.content_type.clone();
    let body = fetched.body;
    tokio::task::spawn_blocking(move || {
        super::extract_bytes(&body, content_type.as_deref(), Some(&base))
    })
    .await
    .map_err(|e| FetchError::Other(format!("the extraction was interrupted: {e}")))?
    .map_err(PageError::from)
}
