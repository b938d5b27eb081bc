//! Feed discovery: from an address a reader gives (a feed, or a page announcing one) to a feed
//! that really parses.

/// A feed found at an address the reader gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The feed's own URL (after a permanent redirect, the new one).
    pub url: String,
    pub title: Option<String>,
    pub entries: usize,
    /// The web page that announced the feed, when the address was a page.
    pub page: Option<String>,
}

/// Why no feed was found at an address.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    #[error("cannot fetch {0}: {1}")]
    Fetch(String, crate::fetch::FetchError),
    #[error("{url} is not a feed ({reason}) and announces none with <link rel=\"alternate\">")]
    NoFeed { url: String, reason: String },
    #[error("{url} announces {candidates}, but none of them could be read as a feed")]
    BadAnnounced { url: String, candidates: String },
}

/// Finds the feed at `url`: the address itself if it is a feed, else the first feed the page
/// announces (feed autodiscovery) that really parses.
pub fn find_feed(url: &str, mut options: crate::fetch::FetchOptions) -> Result<Found, FindError> {
    use crate::fetch::{FetchRequest, Fetcher};
    // The reader named this address: its origin may be a local one.
    options.private.name([url]);
    let fetcher = Fetcher::new(options, ".".as_ref(), None)
        .map_err(|e| FindError::Fetch(url.to_string(), e))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            FindError::Fetch(
                url.to_string(),
                crate::fetch::FetchError::Other(e.to_string()),
            )
        })?;
    let fetch = |u: &str| {
        let request = FetchRequest {
            location: u.to_string(),
            ..FetchRequest::default()
        };
        runtime
            .block_on(fetcher.fetch(&request))
            .map_err(|e| FindError::Fetch(u.to_string(), e))
    };
    let read = |f: &crate::model::Fetched, asked: &str| {
        crate::parse::parse_feed(&f.body, f.content_type.as_deref(), f.final_url.as_deref()).map(
            |parsed| Found {
                url: f.moved_to.clone().unwrap_or_else(|| asked.to_string()),
                title: parsed.feed.title.clone().filter(|t| !t.trim().is_empty()),
                entries: parsed.entries.len(),
                page: None,
            },
        )
    };
    let page = fetch(url)?;
    let reason = match read(&page, url) {
        Ok(found) => return Ok(found),
        Err(e) => e.to_string(),
    };
    let html = String::from_utf8_lossy(&page.body);
    let base = page.final_url.clone().unwrap_or_else(|| url.to_string());
    let announced = crate::parse::discover::announced_feeds(&html, &base);
    if announced.is_empty() {
        return Err(FindError::NoFeed {
            url: url.to_string(),
            reason,
        });
    }
    for candidate in announced.iter().take(3) {
        if let Ok(f) = fetch(&candidate.url)
            && let Ok(mut found) = read(&f, &candidate.url)
        {
            found.page = Some(url.to_string());
            if found.title.is_none() {
                found.title = candidate.title.clone();
            }
            return Ok(found);
        }
    }
    Err(FindError::BadAnnounced {
        url: url.to_string(),
        candidates: announced
            .iter()
            .map(|a| a.url.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })
}
