//! The refresh stage: fetch every configured feed, parse what came on worker threads, and store
//! it (one SQLite writer, on this thread). A feed that fails costs only its own report.

use futures::StreamExt;
use jiff::{SignedDuration, Timestamp};

use super::outcome::{FailReason, FeedOutcome, FeedReport, skip_reason, status_text};
use super::{BriefError, BriefOptions};
use crate::config::Config;
use crate::fetch::{EmbeddedLookup, FetchError, FetchRequest, Fetcher};
use crate::model::{FeedSource, Fetched, Item, ParsedFeed, Validators};
use crate::store::Store;
use crate::{items, parse, select};

/// Fetches, parses and stores every feed of the config. Never fails because a feed did. The
/// weather's fallback sources are read only when the ones before them gave no weather.
pub fn refresh(
    config: &Config,
    options: &BriefOptions,
    embedded: Option<EmbeddedLookup>,
    store: Option<&Store>,
) -> Result<Vec<FeedReport>, BriefError> {
    let fallbacks: Vec<FeedSource> = config
        .weather
        .iter()
        .flat_map(|w| w.sources.iter().skip(1))
        .cloned()
        .collect();
    let first: Vec<FeedSource> = config
        .all_feeds()
        .into_iter()
        .filter(|s| !fallbacks.iter().any(|f| f.location == s.location))
        .collect();
    if let Some(s) = store {
        for source in config.all_feeds() {
            s.name_feed(&source.location, source.name.as_deref())?;
        }
    }
    let mut reports = refresh_sources(config, &first, options, embedded, store)?;
    for fallback in fallbacks {
        if weather_read(config, &reports, options.now) {
            break;
        }
        let one = std::slice::from_ref(&fallback);
        reports.extend(refresh_sources(config, one, options, embedded, store)?);
    }
    Ok(reports)
}

/// True when one of the reports holds weather the weather stage can read.
fn weather_read(config: &Config, reports: &[FeedReport], now: Timestamp) -> bool {
    let name = config.weather.as_ref().and_then(|w| w.name.as_deref());
    reports.iter().any(|r| {
        r.outcome
            .weather_body()
            .is_some_and(|body| crate::weather::read(body, &r.source.location, name, now).is_ok())
    })
}

/// Fetches, parses and stores these feeds.
fn refresh_sources(
    config: &Config,
    sources: &[FeedSource],
    options: &BriefOptions,
    embedded: Option<EmbeddedLookup>,
    store: Option<&Store>,
) -> Result<Vec<FeedReport>, BriefError> {
    let weather_urls = weather_locations(config);
    let plan = plan_requests(sources, &weather_urls, store, options.now)?;
    let reach = select::window_reach(options.window.unwrap_or(config.window));
    let fetcher = Fetcher::new(
        super::fetch_options(config, options),
        &config.base_dir,
        embedded,
    )?;
    let mut reports = plan.skipped;
    // Feeds are parsed as they arrive, on worker threads, while this thread keeps receiving and
    // writes the store (one SQLite connection, so one writer): on a morning when most feeds
    // answer together, parsing runs on the other cores instead of after the last response.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(workers.max(2))
        .build()
        .map_err(BriefError::Runtime)?;
    runtime.block_on(async {
        let parsed = fetcher.stream(&plan.requests).map(|(k, result)| {
            let i = plan.index[k];
            let source = sources[i].clone();
            let is_weather = weather_urls.contains(&source.location.as_str());
            async move {
                let task = tokio::task::spawn_blocking(move || {
                    let mut result = result;
                    let parsed = match &mut result {
                        Ok(f) if !f.not_modified && !is_weather => {
                            // The body goes to the parser, which drops it before the items
                            // are made: a big feed is not held as bytes, entries and items
                            // at once.
                            let body = std::mem::take(&mut f.body);
                            Some(parse_guarded(&source, f, body))
                        }
                        _ => None,
                    };
                    (result, parsed)
                });
                (i, is_weather, task.await)
            }
        });
        // Bounded only so memory stays bounded; far above any sane fetch concurrency, so the
        // fetches are never held back waiting for parses.
        let mut parsed = std::pin::pin!(parsed.buffer_unordered(1024));
        while let Some((i, is_weather, joined)) = parsed.next().await {
            let (result, parsed) = joined.unwrap_or_else(|e| {
                // Only if the worker itself was lost (the runtime shutting down).
                let lost = FetchError::Other(format!("the parse was interrupted: {e}"));
                (Err(lost), None)
            });
            let arrived = Arrived {
                source: &sources[i],
                result,
                parsed,
                is_weather,
            };
            reports[i] = Some(arrived.store(store, options.now, reach)?);
        }
        Ok::<(), BriefError>(())
    })?;
    Ok(reports.into_iter().flatten().collect())
}

/// The locations the weather stage reads: fetched like feeds, never parsed as feeds.
fn weather_locations(config: &Config) -> Vec<&str> {
    config
        .weather
        .iter()
        .flat_map(|w| w.sources.iter().map(|s| s.location.as_str()))
        .collect()
}

/// What to ask for this run, and the reports of the feeds that are not asked (backed off or
/// rate-limited), in config order.
struct Plan {
    requests: Vec<FetchRequest>,
    /// For each request, the index of its feed in config order.
    index: Vec<usize>,
    skipped: Vec<Option<FeedReport>>,
}

fn plan_requests(
    sources: &[FeedSource],
    weather_urls: &[&str],
    store: Option<&Store>,
    now: Timestamp,
) -> Result<Plan, BriefError> {
    let mut plan = Plan {
        requests: Vec::new(),
        index: Vec::new(),
        skipped: vec![None; sources.len()],
    };
    for (i, source) in sources.iter().enumerate() {
        let is_weather = weather_urls.contains(&source.location.as_str());
        let is_http =
            source.location.starts_with("http://") || source.location.starts_with("https://");
        let record = match store {
            Some(s) if is_http => Some(s.feed(&source.location, now)?),
            _ => None,
        };
        if let Some(rec) = &record
            && let Some(reason) = skip_reason(rec, now)
        {
            let mut report = FeedReport::new(source, FeedOutcome::Skipped(reason));
            report.title = rec.title.clone();
            report.consecutive_failures = rec.consecutive_failures;
            plan.skipped[i] = Some(report);
            continue;
        }
        let validators = match &record {
            // The weather is not stored, so it is always fetched whole.
            Some(rec) if !is_weather => rec.validators.clone(),
            _ => Validators::default(),
        };
        plan.requests.push(FetchRequest {
            location: source.location.clone(),
            validators,
        });
        plan.index.push(i);
    }
    Ok(plan)
}

/// What the parse of one fetched feed gives the store: its title, its items, and why it was
/// not clean (malformed XML recovered by the forgiving parser).
struct ParsedItems {
    title: Option<String>,
    items: Vec<Item>,
    bozo: Option<String>,
}

/// Parses on a worker; a panic in the parser costs this feed, never the briefing.
fn parse_guarded(source: &FeedSource, f: &Fetched, body: Vec<u8>) -> Result<ParsedItems, String> {
    let parse = std::panic::AssertUnwindSafe(|| parse_items(source, f, body));
    std::panic::catch_unwind(parse)
        .unwrap_or_else(|_| Err("the parser crashed on this feed (please report it)".into()))
}

/// Parses a fetched feed into items: pure CPU work, so it runs off the store's thread.
fn parse_items(source: &FeedSource, f: &Fetched, body: Vec<u8>) -> Result<ParsedItems, String> {
    let parsed = parse::parse_feed(&body, f.content_type.as_deref(), f.final_url.as_deref())
        .map_err(|e| e.to_string())?;
    drop(body);
    let name = display_name(source, &parsed);
    let bozo = parsed
        .bozo
        .then(|| {
            parsed
                .bozo_exception
                .clone()
                .unwrap_or_else(|| "not well-formed".into())
        })
        .filter(|why| !parse::is_cosmetic(why));
    let title = parsed.feed.title.clone();
    let items = items::into_items(parsed, &source.location, &name, f.final_url.as_deref());
    Ok(ParsedItems { title, items, bozo })
}

/// The configured name, else the feed's title, else its location.
fn display_name(source: &FeedSource, feed: &ParsedFeed) -> String {
    source
        .name
        .clone()
        .or_else(|| feed.feed.title.clone().filter(|t| !t.is_empty()))
        .unwrap_or_else(|| source.location.clone())
}

/// One feed's answer, parsed on a worker (a 200 that is not weather) or not.
struct Arrived<'a> {
    source: &'a FeedSource,
    result: Result<Fetched, FetchError>,
    parsed: Option<Result<ParsedItems, String>>,
    is_weather: bool,
}

impl Arrived<'_> {
    /// Stores the feed (or records its failure) as soon as it arrives, and reports on it.
    fn store(
        self,
        store: Option<&Store>,
        now: Timestamp,
        reach: SignedDuration,
    ) -> Result<FeedReport, BriefError> {
        let url = self.source.location.as_str();
        let f = match self.result {
            Ok(f) => f,
            Err(e) => {
                let retry_at = e
                    .retry_after()
                    .map(|s| now + SignedDuration::from_secs(s as i64));
                return failed(
                    self.source,
                    FailReason::Fetch(e.to_string()),
                    retry_at,
                    store,
                    now,
                );
            }
        };
        let mut report = FeedReport::new(self.source, FeedOutcome::NotModified);
        report.moved_to = f.moved_to.clone();
        let status = status_text(f.status);
        if f.not_modified {
            if let Some(s) = store {
                report.items = s.items_of(url, now - reach)?;
                report.title = s.feed(url, now)?.title;
                s.record_success(
                    url,
                    "304 Not Modified",
                    &f.validators,
                    f.moved_to.as_deref(),
                    None,
                    now,
                )?;
            }
            return Ok(report);
        }
        if self.is_weather {
            // Weather documents are read by the weather stage, not parsed as feeds.
            if let Some(s) = store {
                s.record_success(
                    url,
                    &f.status.to_string(),
                    &f.validators,
                    f.moved_to.as_deref(),
                    None,
                    now,
                )?;
            }
            report.outcome = FeedOutcome::Weather {
                status,
                body: f.body,
            };
            return Ok(report);
        }
        let parsed = match self
            .parsed
            .unwrap_or_else(|| parse_items(self.source, &f, f.body.clone()))
        {
            Ok(parsed) => parsed,
            Err(e) => return failed(self.source, FailReason::Parse(e), None, store, now),
        };
        report.title = parsed.title.clone();
        report.items = match store {
            Some(s) => {
                let stored = s.upsert_items(url, parsed.items, now)?;
                let title = parsed.title.as_deref();
                s.record_success(
                    url,
                    &status,
                    &f.validators,
                    f.moved_to.as_deref(),
                    title,
                    now,
                )?;
                stored
            }
            None => parsed.items,
        };
        if let Some(why) = parsed.bozo {
            let n = report.items.len();
            let s = if n == 1 { "" } else { "s" };
            report.warning = Some(format!("malformed feed ({why}); {n} item{s} recovered"));
        }
        report.outcome = FeedOutcome::Fetched { status };
        Ok(report)
    }
}

/// The report of a feed that gave nothing, with its failure recorded in the store.
fn failed(
    source: &FeedSource,
    reason: FailReason,
    retry_at: Option<Timestamp>,
    store: Option<&Store>,
    now: Timestamp,
) -> Result<FeedReport, BriefError> {
    let error = reason.to_string();
    let mut report = FeedReport::new(source, FeedOutcome::Failed(reason));
    if let Some(s) = store {
        report.consecutive_failures = s.record_failure(&source.location, &error, retry_at, now)?;
    }
    Ok(report)
}
