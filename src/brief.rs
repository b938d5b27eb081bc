//! The main job, stage by stage: config → fetch → parse → items → (store) → select → summarize →
//! compose → render → deliver → (store).
//!
//! This is the only module that knows the order of the stages; each stage knows only its input
//! and output types from [`crate::model`]. With a store, the whole run is one transaction that
//! commits only after the briefing was delivered, so a crash never loses or repeats news.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use futures::StreamExt;

use jiff::{SignedDuration, Timestamp};

use crate::cluster::{self, ClusterOptions};
use crate::config::{Config, Window};
use crate::deliver::email::{self, EmailConfig, EmailError};
use crate::deliver::{self, DeliverError};
use crate::fetch::{EmbeddedLookup, FetchError, FetchOptions, FetchRequest, Fetcher};
use crate::items::canonical_url;
use crate::model::{
    AlsoLink, BriefEntry, Briefing, Failure, FeedSource, Item, MoreItem, Notice, ParsedFeed,
    Section, Stats, Validators, WeatherBlock,
};
use crate::rank::{self, Preferences};
use crate::render::{self, Style};
use crate::select::WindowSpec;
use crate::store::{Store, StoreError};
use crate::summarize::llm::{self, Job, LlmSummarizer, Outcome};
use crate::summarize::{Budget, Extractive, Summarizer};
use crate::{items, parse, weather};

/// Why no briefing could be made at all (a failed feed is not one of these).
#[derive(Debug, thiserror::Error)]
pub enum BriefError {
    #[error("cannot start the fetcher: {0}")]
    Fetcher(#[from] FetchError),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Deliver(#[from] DeliverError),
    #[error(transparent)]
    Template(#[from] render::TemplateError),
    #[error(transparent)]
    Email(#[from] EmailError),
}

/// After this many failures in a row a feed is tried less often (still listed as failing).
pub const BACKOFF_AFTER: u32 = 5;
/// `since-last` never reaches back further than this.
pub const SINCE_LAST_CAP_DAYS: i64 = 3;
/// How far back a window can reach: older stored items are never read for its briefing.
fn window_reach(window: Window) -> SignedDuration {
    match window {
        Window::Last { hours } => SignedDuration::from_hours(i64::from(hours)),
        Window::SinceLast => SignedDuration::from_hours(24 * SINCE_LAST_CAP_DAYS),
    }
}

/// What a run may override from the config.
#[derive(Debug, Clone)]
pub struct BriefOptions {
    pub now: Timestamp,
    pub window: Option<Window>,
    pub fetch: FetchOptions,
    /// Items first seen longer ago than this are pruned from the store.
    pub retention_days: i64,
    /// Say for each entry why it is where it is.
    pub explain: bool,
}

impl BriefOptions {
    pub fn new(now: Timestamp) -> BriefOptions {
        BriefOptions {
            now,
            window: None,
            fetch: FetchOptions::default(),
            retention_days: 90,
            explain: false,
        }
    }
}

/// What happened to one feed this run.
#[derive(Debug, Clone)]
pub struct FeedReport {
    pub source: FeedSource,
    /// The feed's title, when it parsed.
    pub title: Option<String>,
    /// "200", "304 Not Modified", or the error.
    pub outcome: Result<String, String>,
    /// The feed's items (from this fetch, or from the store after a 304).
    pub items: Vec<Item>,
    /// The raw document of a weather source (read by the weather stage, not as a feed).
    pub body: Option<Vec<u8>>,
    pub moved_to: Option<String>,
    pub consecutive_failures: u32,
    /// The feed was read, but not cleanly (malformed XML, bad bytes): what was recovered is used
    /// and the reader is told why the feed may be incomplete.
    pub warning: Option<String>,
}

/// Fetches, parses and stores every feed of the config. Never fails because a feed did.
pub fn refresh(
    config: &Config,
    options: &BriefOptions,
    embedded: Option<EmbeddedLookup>,
    store: Option<&Store>,
) -> Result<Vec<FeedReport>, BriefError> {
    let now = options.now;
    let sources = config.all_feeds();
    let weather_urls: Vec<&str> = config
        .weather
        .iter()
        .flat_map(|w| w.sources.iter().map(|s| s.location.as_str()))
        .collect();
    let mut reports: Vec<Option<FeedReport>> = vec![None; sources.len()];
    let mut requests = Vec::new();
    let mut request_index = Vec::new();
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
            reports[i] = Some(FeedReport {
                source: source.clone(),
                title: rec.title.clone(),
                outcome: Err(reason),
                items: Vec::new(),
                body: None,
                moved_to: None,
                consecutive_failures: rec.consecutive_failures,
                warning: None,
            });
            continue;
        }
        let validators = match &record {
            // The weather is not stored, so it is always fetched whole.
            Some(rec) if !is_weather => rec.validators.clone(),
            _ => Validators::default(),
        };
        requests.push(FetchRequest {
            location: source.location.clone(),
            validators,
        });
        request_index.push(i);
    }

    let reach = window_reach(options.window.unwrap_or(config.window));
    let fetcher = Fetcher::new(options.fetch.clone(), &config.base_dir, embedded)?;
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
        let parsed = fetcher.stream(&requests).map(|(k, result)| {
            let i = request_index[k];
            let source = sources[i].clone();
            let is_weather = weather_urls.contains(&source.location.as_str());
            async move {
                let task = tokio::task::spawn_blocking(move || {
                    let parsed = match &result {
                        Ok(f) if !f.not_modified && !is_weather => {
                            // A panic in the parser costs this feed, never the briefing.
                            let parse = std::panic::AssertUnwindSafe(|| parse_items(&source, f));
                            Some(std::panic::catch_unwind(parse).unwrap_or_else(|_| {
                                Err("the parser crashed on this feed (please report it)".into())
                            }))
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
            let report = match joined {
                Ok((result, parsed)) => {
                    handle_fetched(&sources[i], result, parsed, is_weather, store, now, reach)?
                }
                // Only if the worker itself was lost (the runtime shutting down).
                Err(e) => handle_fetched(
                    &sources[i],
                    Err(FetchError::Other(format!("the parse was interrupted: {e}"))),
                    None,
                    is_weather,
                    store,
                    now,
                    reach,
                )?,
            };
            reports[i] = Some(report);
        }
        Ok::<(), BriefError>(())
    })?;
    Ok(reports.into_iter().flatten().collect())
}

/// What the parse of one fetched feed gives the store: its title, its items, and why it was
/// not clean (malformed XML recovered by the forgiving parser).
struct ParsedItems {
    title: Option<String>,
    items: Vec<Item>,
    bozo: Option<String>,
}

/// Parses a fetched feed into items: pure CPU work, so it runs off the store's thread.
fn parse_items(source: &FeedSource, f: &crate::model::Fetched) -> Result<ParsedItems, String> {
    let parsed = parse::parse_feed(&f.body, f.content_type.as_deref(), f.final_url.as_deref())
        .map_err(|e| e.to_string())?;
    let name = display_name(source, &parsed);
    let items = items::from_feed(&parsed, &source.location, &name, f.final_url.as_deref());
    let bozo = parsed.bozo.then(|| {
        parsed
            .bozo_exception
            .clone()
            .unwrap_or_else(|| "not well-formed".into())
    });
    Ok(ParsedItems {
        title: parsed.feed.title,
        items,
        bozo,
    })
}

/// Stores one fetched feed, parsed on a worker (or records its failure), as soon as it arrives.
/// `parsed` is the worker's parse of a 200 response; without one the feed is parsed here.
fn handle_fetched(
    source: &FeedSource,
    result: Result<crate::model::Fetched, FetchError>,
    parsed: Option<Result<ParsedItems, String>>,
    is_weather: bool,
    store: Option<&Store>,
    now: Timestamp,
    reach: SignedDuration,
) -> Result<FeedReport, BriefError> {
    let url = source.location.as_str();
    let mut report = FeedReport {
        source: source.clone(),
        title: None,
        outcome: Err(String::new()),
        items: Vec::new(),
        body: None,
        moved_to: None,
        consecutive_failures: 0,
        warning: None,
    };
    let failure: Option<(String, Option<Timestamp>)> = match result {
        Err(e) => {
            let retry_at = e
                .retry_after()
                .map(|s| now + SignedDuration::from_secs(s as i64));
            Some((e.to_string(), retry_at))
        }
        Ok(f) if f.not_modified => {
            report.moved_to = f.moved_to.clone();
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
            report.outcome = Ok("304 Not Modified".to_string());
            None
        }
        Ok(f) if is_weather => {
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
            report.moved_to = f.moved_to;
            report.outcome = Ok(if f.status == 0 {
                "read".to_string()
            } else {
                f.status.to_string()
            });
            report.body = Some(f.body);
            None
        }
        Ok(f) => match parsed.unwrap_or_else(|| parse_items(source, &f)) {
            Err(e) => Some((e, None)),
            Ok(parsed) => {
                let status = if f.status == 0 {
                    "read".to_string()
                } else {
                    f.status.to_string()
                };
                report.title = parsed.title.clone();
                report.items = match store {
                    Some(s) => {
                        let stored = s.upsert_items(url, parsed.items, now)?;
                        s.record_success(
                            url,
                            &status,
                            &f.validators,
                            f.moved_to.as_deref(),
                            parsed.title.as_deref(),
                            now,
                        )?;
                        stored
                    }
                    None => parsed.items,
                };
                report.moved_to = f.moved_to;
                if let Some(why) = parsed.bozo {
                    let n = report.items.len();
                    report.warning = Some(format!(
                        "malformed feed ({why}); {n} item{} recovered",
                        if n == 1 { "" } else { "s" }
                    ));
                }
                report.outcome = Ok(status);
                None
            }
        },
    };
    if let Some((error, retry_at)) = failure {
        if let Some(s) = store {
            report.consecutive_failures = s.record_failure(url, &error, retry_at, now)?;
        }
        report.outcome = Err(error);
    }
    Ok(report)
}

/// Why a feed is not fetched this run, if it is backed off or rate-limited.
fn skip_reason(rec: &crate::store::FeedRecord, now: Timestamp) -> Option<String> {
    if let Some(until) = rec.retry_after
        && until > now
    {
        return Some(format!(
            "rate-limited: the server asked herald to wait until {}",
            until.strftime("%Y-%m-%d %H:%M UTC")
        ));
    }
    if rec.consecutive_failures >= BACKOFF_AFTER {
        let hours = 1i64 << (rec.consecutive_failures - BACKOFF_AFTER).min(5);
        let next = rec
            .last_attempt
            .map(|t| t + SignedDuration::from_hours(hours.min(24)));
        if let Some(next) = next
            && next > now
        {
            return Some(format!(
                "backed off after {} failures in a row (last: {}); next try after {}",
                rec.consecutive_failures,
                rec.last_status.as_deref().unwrap_or("unknown"),
                next.strftime("%Y-%m-%d %H:%M UTC")
            ));
        }
    }
    None
}

/// The briefing and the items it shows (to be recorded once it is delivered).
pub struct Composed {
    pub briefing: Briefing,
    pub shown: Vec<Item>,
    pub window: Window,
}

/// Builds the briefing from this run's feed reports.
pub fn compose(
    config: &Config,
    options: &BriefOptions,
    reports: &[FeedReport],
    store: Option<&Store>,
    started: Instant,
) -> Result<Composed, BriefError> {
    let now = options.now;
    let window = options.window.unwrap_or(config.window);
    let previous = match (window, store) {
        (Window::SinceLast, Some(s)) => s.last_briefing()?,
        _ => None,
    };
    let (spec, window_label) = match previous {
        Some(prev) => (
            WindowSpec {
                published_since: now - SignedDuration::from_hours(24 * SINCE_LAST_CAP_DAYS),
                first_seen_after: Some(
                    prev.max(now - SignedDuration::from_hours(24 * SINCE_LAST_CAP_DAYS)),
                ),
            },
            "since the last briefing".to_string(),
        ),
        None => {
            // since-last before any briefing: the last 24 hours.
            let hours = match window {
                Window::Last { hours } => hours,
                Window::SinceLast => 24,
            };
            let label = if hours > 24 && hours % 24 == 0 {
                format!("in the last {} days", hours / 24)
            } else {
                format!("in the last {hours} hours")
            };
            (
                WindowSpec {
                    published_since: now - SignedDuration::from_hours(i64::from(hours)),
                    first_seen_after: None,
                },
                label,
            )
        }
    };
    let dedup_across_runs = window == Window::SinceLast && store.is_some();

    let report_of = |loc: &str| reports.iter().find(|r| r.source.location == loc);
    let mut failures = Vec::new();
    let mut notices = Vec::new();
    for r in reports {
        let feed = r
            .source
            .name
            .clone()
            .or_else(|| r.title.clone())
            .unwrap_or_else(|| r.source.location.clone());
        if let Some(w) = &r.warning {
            failures.push(Failure {
                feed: feed.clone(),
                url: r.source.location.clone(),
                error: w.clone(),
            });
        }
        if let Err(e) = &r.outcome {
            let mut error = e.clone();
            if r.consecutive_failures > 1 {
                error.push_str(&format!(" ({} failures in a row)", r.consecutive_failures));
            }
            failures.push(Failure {
                feed: feed.clone(),
                url: r.source.location.clone(),
                error,
            });
        }
        if let Some(to) = &r.moved_to {
            notices.push(Notice {
                feed,
                url: r.source.location.clone(),
                message: format!("moved permanently to {to}: update your config"),
            });
        }
    }

    let weather = match &config.weather {
        None => WeatherBlock::None,
        Some(w) => {
            // The first source that gives weather wins; otherwise say why each one failed.
            let mut reasons: Vec<String> = Vec::new();
            let mut block = None;
            for source in &w.sources {
                let reason = match report_of(&source.location) {
                    Some(FeedReport {
                        body: Some(body), ..
                    }) => match weather::read(body, &source.location, w.name.as_deref(), now) {
                        Ok(data) => {
                            block = Some(WeatherBlock::Ok(Box::new(data)));
                            break;
                        }
                        Err(e) => e.to_string(),
                    },
                    Some(FeedReport {
                        outcome: Err(e), ..
                    }) => e.clone(),
                    _ => "not fetched".to_string(),
                };
                reasons.push(if w.sources.len() > 1 {
                    format!("{}: {reason}", source.location)
                } else {
                    reason
                });
            }
            block.unwrap_or_else(|| WeatherBlock::Unavailable(reasons.join("; ")))
        }
    };

    let mut jobs: Vec<(usize, usize, Budget, Item)> = Vec::new();
    let mut scores: Vec<Vec<f64>> = Vec::new();
    let mut items_seen = 0;
    let mut counted: HashSet<&str> = HashSet::new();
    let mut new_keys: HashSet<(String, String)> = HashSet::new();
    // A story shown in one section is not repeated in a later one.
    let mut placed: HashSet<String> = HashSet::new();
    let mut placed_stories = cluster::Placed::new(ClusterOptions::default());
    let mut shown: Vec<Item> = Vec::new();
    let mut sections = Vec::new();
    for sc in &config.sections {
        let mut pool: Vec<Item> = Vec::new();
        for source in &sc.feeds {
            let Some(report) = report_of(&source.location) else {
                continue;
            };
            if counted.insert(source.location.as_str()) {
                items_seen += report.items.len();
            }
            for item in &report.items {
                if !spec.contains(item) {
                    continue;
                }
                if dedup_across_runs
                    && let Some(s) = store
                    && s.was_shown(item)?
                {
                    continue;
                }
                new_keys.insert((item.feed.clone(), item.key.clone()));
                pool.push(item.clone());
            }
        }
        let before = pool.len();
        if !sc.repeat {
            // The same link, or the same story in other words, as something already shown.
            pool.retain(|i| {
                !placed.contains(&placement_key(i)) && !placed_stories.has_same_story(i)
            });
        }
        let shown_elsewhere = before - pool.len();
        let stories = cluster::cluster(pool, &config.priority, &ClusterOptions::default());
        let prefs = Preferences {
            boost: config.boost.iter().chain(&sc.boost).cloned().collect(),
            mute: config.mute.iter().chain(&sc.mute).cloned().collect(),
            priority: config.priority.clone(),
        };
        let (ranked, _muted) = rank::rank(stories, &prefs, now);
        let chosen: Vec<rank::Ranked> = ranked.into_iter().take(sc.max_items).collect();
        let budget = Budget {
            sentences: sc.summary_sentences.unwrap_or(Budget::default().sentences),
            words: sc.summary_words.unwrap_or(Budget::default().words),
        };
        let mut section_scores = Vec::with_capacity(chosen.len());
        let entries = chosen
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let item = &r.story.lead;
                jobs.push((sections.len(), k, budget, item.clone()));
                section_scores.push(r.score);
                BriefEntry {
                    summary: None,
                    summary_engine: None,
                    summary_fallback: None,
                    title: item.title.clone(),
                    link: item.link.clone(),
                    source: item.source.clone(),
                    published: item.published,
                    also: r
                        .story
                        .also
                        .iter()
                        .map(|a| AlsoLink {
                            source: a.source.clone(),
                            link: a.link.clone(),
                        })
                        .collect(),
                    explain: options.explain.then(|| r.why.join(" · ")),
                }
            })
            .collect();
        scores.push(section_scores);
        for r in chosen {
            placed_stories.add(&r.story.lead);
            for item in std::iter::once(r.story.lead).chain(r.story.also) {
                placed.insert(placement_key(&item));
                shown.push(item);
            }
        }
        let failed_feeds = sc
            .feeds
            .iter()
            .filter(|f| failures.iter().any(|x| x.url == f.location))
            .count();
        sections.push(Section {
            title: sc.title.clone(),
            emoji: sc.emoji.clone(),
            entries,
            failed_feeds,
            shown_elsewhere,
            more: Vec::new(),
        });
    }

    let outcomes = summarize(config, store, &jobs, now)?;
    for ((si, ei, _, _), outcome) in jobs.iter().zip(outcomes) {
        let entry = &mut sections[*si].entries[*ei];
        entry.summary_engine = outcome.summary.as_ref().map(|_| outcome.engine.clone());
        entry.summary = outcome.summary;
        entry.summary_fallback = outcome.fallback_reason;
    }
    apply_budgets(config, &mut sections, &mut scores);

    let briefing = Briefing {
        title: config.title.clone(),
        emoji: config.emoji.clone(),
        date: now.to_zoned(config.tz.clone()),
        timezone: config.timezone.clone(),
        tags: config.tags.clone(),
        window_label,
        weather,
        weather_emoji: config
            .weather
            .as_ref()
            .map(|w| w.emoji.clone())
            .unwrap_or_default(),
        units: config.weather.as_ref().map(|w| w.units).unwrap_or_default(),
        sections,
        failures,
        notices,
        stats: Stats {
            feeds: reports.len(),
            items_seen,
            items_new: new_keys.len(),
            elapsed_ms: started.elapsed().as_millis() as u64,
        },
    };
    Ok(Composed {
        briefing,
        shown,
        window,
    })
}

/// Words a reader reads for an entry: its title and summary.
fn entry_words(e: &BriefEntry) -> usize {
    e.title.split_whitespace().count()
        + e.summary
            .as_deref()
            .map_or(0, |s| s.split_whitespace().count())
}

/// Trims sections to their reading budgets, then the briefing to its own: the lowest-ranked
/// entries go first, and each section lists what it lost under "+N more".
fn apply_budgets(config: &Config, sections: &mut [Section], scores: &mut [Vec<f64>]) {
    let drop_entry = |section: &mut Section, scores: &mut Vec<f64>, k: usize| {
        let e = section.entries.remove(k);
        scores.remove(k);
        section.more.push(MoreItem {
            title: e.title,
            link: e.link,
        });
    };
    for (sc, (section, sscores)) in config
        .sections
        .iter()
        .zip(sections.iter_mut().zip(scores.iter_mut()))
    {
        if let Some(minutes) = sc.budget_minutes {
            let limit = (minutes * rank::WORDS_PER_MINUTE) as usize;
            while section.entries.iter().map(entry_words).sum::<usize>() > limit
                && !section.entries.is_empty()
            {
                let last = section.entries.len() - 1;
                drop_entry(section, sscores, last);
            }
        }
    }
    if let Some(minutes) = config.budget_minutes {
        let limit = (minutes * rank::WORDS_PER_MINUTE) as usize;
        loop {
            let total: usize = sections
                .iter()
                .flat_map(|s| s.entries.iter())
                .map(entry_words)
                .sum();
            if total <= limit {
                break;
            }
            // The lowest score anywhere; on a tie, the later section gives way.
            let mut worst: Option<(usize, usize, f64)> = None;
            for (si, ss) in scores.iter().enumerate() {
                for (k, &score) in ss.iter().enumerate() {
                    if worst.is_none_or(|(_, _, w)| score <= w) {
                        worst = Some((si, k, score));
                    }
                }
            }
            let Some((si, k, _)) = worst else { break };
            drop_entry(&mut sections[si], &mut scores[si], k);
        }
    }
}

/// Summaries for the chosen items: extractive, or by the configured model behind the gate, with
/// model results cached in the store so a re-run costs nothing.
fn summarize(
    config: &Config,
    store: Option<&Store>,
    jobs: &[(usize, usize, Budget, Item)],
    now: Timestamp,
) -> Result<Vec<Outcome>, BriefError> {
    let extractive = Extractive::default();
    let plain = |i: &Item, b: Budget| {
        let summary = extractive.summarize(&i.title, &i.text, b);
        Outcome {
            summary,
            engine: "extractive".to_string(),
            fallback_reason: None,
        }
    };
    let Some(llm_config) = &config.llm else {
        return Ok(jobs.iter().map(|(_, _, b, i)| plain(i, *b)).collect());
    };
    let llm = match LlmSummarizer::new(llm_config.clone()) {
        Ok(l) => l,
        Err(reason) => {
            return Ok(jobs
                .iter()
                .map(|(_, _, b, i)| Outcome {
                    fallback_reason: Some(reason.clone()),
                    ..plain(i, *b)
                })
                .collect());
        }
    };
    let all: Vec<Job<'_>> = jobs
        .iter()
        .map(|(_, _, b, i)| Job {
            title: &i.title,
            text: &i.text,
            budget: *b,
        })
        .collect();
    let keys: Vec<String> = all.iter().map(|j| llm::cache_key(llm.model(), j)).collect();
    let mut results: Vec<Option<Outcome>> = Vec::with_capacity(all.len());
    for key in &keys {
        results.push(match store {
            Some(s) => s.cached_summary(key)?,
            None => None,
        });
    }
    let missing: Vec<usize> = (0..all.len()).filter(|i| results[*i].is_none()).collect();
    if !missing.is_empty() {
        let ask: Vec<Job<'_>> = missing
            .iter()
            .map(|&i| Job {
                title: all[i].title,
                text: all[i].text,
                budget: all[i].budget,
            })
            .collect();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(BriefError::Runtime)?;
        let fresh = runtime.block_on(llm.summarize_all(&ask));
        for (&i, outcome) in missing.iter().zip(fresh) {
            if let Some(s) = store
                && !outcome
                    .fallback_reason
                    .as_deref()
                    .is_some_and(llm::is_transient)
            {
                s.put_summary(&keys[i], &outcome, now)?;
            }
            results[i] = Some(outcome);
        }
    }
    Ok(results.into_iter().flatten().collect())
}

fn placement_key(item: &Item) -> String {
    item.link
        .as_deref()
        .map(canonical_url)
        .unwrap_or_else(|| item.key.clone())
}

/// Runs the pipeline and returns the briefing, without a store and without delivering it.
pub fn run(
    config: &Config,
    options: &BriefOptions,
    embedded: Option<EmbeddedLookup>,
) -> Result<Briefing, BriefError> {
    let started = Instant::now();
    let reports = refresh(config, options, embedded, None)?;
    Ok(compose(config, options, &reports, None, started)?.briefing)
}

/// Where the rendered briefing goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

/// One feed's outcome, for `-v`.
#[derive(Debug, Clone)]
pub struct FeedLine {
    pub name: String,
    pub location: String,
    /// "200", "304 Not Modified", "read", or the error.
    pub outcome: Result<String, String>,
    pub items: usize,
    pub warning: Option<String>,
    /// A weather source (read by the weather stage, so it has no items).
    pub weather: bool,
}

/// Where the run's time went, for `-v`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Fetching, parsing and storing the feeds (mostly waiting for the network).
    pub fetch: std::time::Duration,
    /// Selecting, clustering, ranking and summarizing.
    pub compose: std::time::Duration,
    pub render: std::time::Duration,
    /// Writing the output (and mailing it).
    pub deliver: std::time::Duration,
    /// Recording the briefing, pruning and committing the store.
    pub store: std::time::Duration,
}

/// What a run made.
#[derive(Debug)]
pub struct Made {
    pub briefing: Briefing,
    pub target: Target,
    pub feeds: Vec<FeedLine>,
    pub timings: Timings,
}

/// How the briefing leaves: its style, where the text goes, and whether it is mailed too.
pub struct Delivery<'a, F: FnOnce(&Briefing) -> Target> {
    pub style: &'a Style,
    /// Chooses the output once the briefing (and so its date) is known.
    pub target: F,
    pub mail: Option<&'a EmailConfig>,
}

/// The whole job: refresh, compose, render, deliver, and (with a store) record and commit.
pub fn make<F: FnOnce(&Briefing) -> Target>(
    config: &Config,
    options: &BriefOptions,
    embedded: Option<EmbeddedLookup>,
    mut store: Option<&mut Store>,
    delivery: Delivery<'_, F>,
) -> Result<Made, BriefError> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let mut lap = Instant::now();
    let mut split = |into: &mut std::time::Duration| {
        *into = lap.elapsed();
        lap = Instant::now();
    };
    if let Some(s) = store.as_deref_mut() {
        s.begin()?;
    }
    let reports = refresh(config, options, embedded, store.as_deref())?;
    split(&mut timings.fetch);
    let composed = compose(config, options, &reports, store.as_deref(), started)?;
    split(&mut timings.compose);
    let text = render::render(&composed.briefing, delivery.style)?;
    split(&mut timings.render);
    let target = (delivery.target)(&composed.briefing);
    match &target {
        Target::Stdout => deliver::to_stdout(&text)?,
        Target::File(path) => deliver::to_file(path, &text)?,
    }
    if let Some(mail) = delivery.mail {
        // A briefing that could not be mailed is not recorded as shown: the next run mails
        // these items again rather than losing them.
        let b = &composed.briefing;
        let subject = email::subject(
            &mail.subject,
            &b.title,
            &b.date.strftime("%Y-%m-%d").to_string(),
        );
        let text = render::render(b, &Style::Format(render::Format::Text))?;
        // The reader's own HTML template, if the briefing is written with one.
        let html_style = match delivery.style {
            Style::Template(t) if t.is_html() => delivery.style,
            _ => &Style::Format(render::Format::Html),
        };
        let html = render::render(b, html_style)?;
        email::send(mail, &subject, &text, &html)?;
    }
    split(&mut timings.deliver);
    if let Some(s) = store {
        let output = match &target {
            Target::File(p) => Some(p.display().to_string()),
            Target::Stdout => None,
        };
        let window = composed.window.to_string();
        s.record_briefing(options.now, &window, output.as_deref(), &composed.shown)?;
        s.prune(options.now - SignedDuration::from_hours(24 * options.retention_days))?;
        s.commit()?;
    }
    split(&mut timings.store);
    let feeds = reports
        .iter()
        .map(|r| FeedLine {
            name: r
                .source
                .name
                .clone()
                .or_else(|| r.title.clone())
                .unwrap_or_else(|| r.source.location.clone()),
            location: r.source.location.clone(),
            outcome: r.outcome.clone(),
            items: r.items.len(),
            warning: r.warning.clone(),
            weather: r.body.is_some(),
        })
        .collect();
    Ok(Made {
        briefing: composed.briefing,
        target,
        feeds,
        timings,
    })
}

/// The configured name, else the feed's title, else its location.
fn display_name(source: &FeedSource, feed: &ParsedFeed) -> String {
    source
        .name
        .clone()
        .or_else(|| feed.feed.title.clone().filter(|t| !t.is_empty()))
        .unwrap_or_else(|| source.location.clone())
}
