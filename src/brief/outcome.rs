//! What happened to one feed this run, as a type: the refresh stage says it once and every
//! reader of it (the briefing's failure list, `-v`, `herald feeds check`) words it from here.

use jiff::{SignedDuration, Timestamp};

use crate::model::{FeedSource, Item};

/// After this many failures in a row a feed is tried less often (still listed as failing).
pub const BACKOFF_AFTER: u32 = 5;

/// How one feed's fetch ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedOutcome {
    /// A fresh document was read: `status` is the HTTP status ("200"), or "read" for a file.
    Fetched { status: String },
    /// The server said 304: the stored items stand.
    NotModified,
    /// A weather document, handed to the weather stage unparsed.
    Weather { status: String, body: Vec<u8> },
    /// Not asked for this run (rate-limited or backed off).
    Skipped(SkipReason),
    /// Asked for, and nothing usable came back.
    Failed(FailReason),
}

/// Why a feed was not fetched this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The server's Retry-After has not passed yet.
    RateLimited { until: Timestamp },
    /// Too many failures in a row: tried again after `next`.
    BackedOff {
        failures: u32,
        last_status: Option<String>,
        next: Timestamp,
    },
}

/// Why a fetched feed gave nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailReason {
    /// The request failed (network, HTTP status, size or redirect caps).
    Fetch(String),
    /// The document came, but is not a feed herald can read.
    Parse(String),
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::RateLimited { until } => write!(
                f,
                "rate-limited: the server asked herald to wait until {}",
                until.strftime("%Y-%m-%d %H:%M UTC")
            ),
            SkipReason::BackedOff {
                failures,
                last_status,
                next,
            } => write!(
                f,
                "backed off after {failures} failures in a row (last: {}); next try after {}",
                last_status.as_deref().unwrap_or("unknown"),
                next.strftime("%Y-%m-%d %H:%M UTC")
            ),
        }
    }
}

impl std::fmt::Display for FailReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FailReason::Fetch(e) | FailReason::Parse(e) => f.write_str(e),
        }
    }
}

impl FeedOutcome {
    /// The status line of a feed that was read ("200", "304 Not Modified", "read"), or the
    /// reason it was not.
    pub fn status(&self) -> Result<String, String> {
        match self {
            FeedOutcome::Fetched { status } | FeedOutcome::Weather { status, .. } => {
                Ok(status.clone())
            }
            FeedOutcome::NotModified => Ok("304 Not Modified".to_string()),
            FeedOutcome::Skipped(why) => Err(why.to_string()),
            FeedOutcome::Failed(why) => Err(why.to_string()),
        }
    }

    /// True when the feed gave nothing this run (skipped or failed).
    pub fn is_failure(&self) -> bool {
        matches!(self, FeedOutcome::Skipped(_) | FeedOutcome::Failed(_))
    }

    /// The weather document, when this was a weather source that answered.
    pub fn weather_body(&self) -> Option<&[u8]> {
        match self {
            FeedOutcome::Weather { body, .. } => Some(body),
            _ => None,
        }
    }
}

/// The status a fetch reports: the HTTP status, or "read" for a local file (status 0).
pub(crate) fn status_text(status: u16) -> String {
    if status == 0 {
        "read".to_string()
    } else {
        status.to_string()
    }
}

/// What happened to one feed this run.
#[derive(Debug, Clone)]
pub struct FeedReport {
    pub source: FeedSource,
    /// The feed's title, when it parsed (now or on an earlier run).
    pub title: Option<String>,
    pub outcome: FeedOutcome,
    /// The feed's items (from this fetch, or from the store after a 304). Composing the
    /// briefing takes them (see `items_read`).
    pub items: Vec<Item>,
    /// How many items the feed gave, kept when composing took `items` into its stories.
    pub items_read: usize,
    pub moved_to: Option<String>,
    pub consecutive_failures: u32,
    /// The feed was read, but not cleanly (malformed XML, bad bytes): what was recovered is used
    /// and the reader is told why the feed may be incomplete. A warning is not a failure.
    pub warning: Option<String>,
}

impl FeedReport {
    /// How many items the feed gave (whether or not composing has taken them).
    pub fn item_count(&self) -> usize {
        self.items.len().max(self.items_read)
    }

    /// A report with nothing yet but the feed and its outcome.
    pub fn new(source: &FeedSource, outcome: FeedOutcome) -> FeedReport {
        FeedReport {
            source: source.clone(),
            title: None,
            outcome,
            items: Vec::new(),
            items_read: 0,
            moved_to: None,
            consecutive_failures: 0,
            warning: None,
        }
    }

    /// The configured name, else the feed's title (none for an untitled feed never read).
    pub fn name(&self) -> Option<String> {
        self.source.name.clone().or_else(|| self.title.clone())
    }

    /// The configured name, else the feed's title, else its location.
    pub fn display_name(&self) -> String {
        self.name().unwrap_or_else(|| self.source.location.clone())
    }
}

/// Why a feed is not fetched this run, if it is backed off or rate-limited.
pub fn skip_reason(rec: &crate::store::FeedRecord, now: Timestamp) -> Option<SkipReason> {
    if let Some(until) = rec.retry_after
        && until > now
    {
        return Some(SkipReason::RateLimited { until });
    }
    if rec.consecutive_failures >= BACKOFF_AFTER {
        let hours = 1i64 << (rec.consecutive_failures - BACKOFF_AFTER).min(5);
        let next = rec
            .last_attempt
            .map(|t| t + SignedDuration::from_hours(hours.min(24)));
        if let Some(next) = next
            && next > now
        {
            return Some(SkipReason::BackedOff {
                failures: rec.consecutive_failures,
                last_status: rec.last_status.clone(),
                next,
            });
        }
    }
    None
}
