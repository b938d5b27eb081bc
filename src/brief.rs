//! The main job, stage by stage: config → fetch → parse → items → select → summarize → compose.
//!
//! This is the only module that knows the order of the stages; each stage knows only its input
//! and output types from [`crate::model`].

use std::collections::HashMap;
use std::time::Instant;

use jiff::{Timestamp, ToSpan};

use crate::config::{Config, Window};
use crate::fetch::{EmbeddedLookup, FetchOptions, Fetcher};
use crate::model::{
    BriefEntry, Briefing, Failure, FeedSource, Item, ParsedFeed, Section, Stats, WeatherBlock,
};
use crate::summarize::{Budget, Extractive, Summarizer};
use crate::{items, parse, select, weather};

/// Why no briefing could be made at all (a failed feed is not one of these).
#[derive(Debug, thiserror::Error)]
pub enum BriefError {
    #[error("cannot start the fetcher: {0}")]
    Fetcher(#[from] crate::fetch::FetchError),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

/// What a run may override from the config.
#[derive(Debug, Clone)]
pub struct BriefOptions {
    pub now: Timestamp,
    pub window: Option<Window>,
    pub fetch: FetchOptions,
}

/// The outcome of fetching and parsing one feed.
type FeedOutcome = Result<ParsedFeed, String>;

/// Runs the pipeline and returns the briefing. Feeds that fail are listed in it.
pub fn run(
    config: &Config,
    options: &BriefOptions,
    embedded: Option<EmbeddedLookup>,
) -> Result<Briefing, BriefError> {
    let started = Instant::now();
    let now = options.now;
    let window = options.window.unwrap_or(config.window);
    // Until the store remembers the last briefing, since-last covers the last 24 hours.
    let (since, window_label) = match window {
        Window::Last24h | Window::SinceLast => (now - 24.hours(), "in the last 24 hours"),
    };

    let sources = config.all_feeds();
    let fetcher = Fetcher::new(options.fetch.clone(), &config.base_dir, embedded)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(BriefError::Runtime)?;
    let fetched = runtime.block_on(fetcher.fetch_all(&sources));

    let mut outcomes: HashMap<&str, FeedOutcome> = HashMap::new();
    let mut finals: HashMap<&str, Option<String>> = HashMap::new();
    for (source, result) in sources.iter().zip(fetched) {
        let outcome = result.map_err(|e| e.to_string()).and_then(|f| {
            finals.insert(source.location.as_str(), f.final_url.clone());
            parse::parse_feed(&f.body, f.content_type.as_deref(), f.final_url.as_deref())
                .map_err(|e| e.to_string())
        });
        outcomes.insert(source.location.as_str(), outcome);
    }

    let mut failures = Vec::new();
    for source in &sources {
        if let Some(Err(e)) = outcomes.get(source.location.as_str()) {
            failures.push(Failure {
                feed: source
                    .name
                    .clone()
                    .unwrap_or_else(|| source.location.clone()),
                url: source.location.clone(),
                error: e.clone(),
            });
        }
    }

    let weather = match &config.weather {
        None => WeatherBlock::None,
        Some(w) => match outcomes.get(w.source.location.as_str()) {
            Some(Ok(feed)) => match weather::from_city_feed(feed, &w.source.location, now) {
                Ok(data) => WeatherBlock::Ok(Box::new(data)),
                Err(e) => WeatherBlock::Unavailable(e.to_string()),
            },
            Some(Err(e)) => WeatherBlock::Unavailable(e.clone()),
            None => WeatherBlock::Unavailable("not fetched".to_string()),
        },
    };

    let summarizer = Extractive::default();
    let mut items_seen = 0;
    let mut items_new = 0;
    let mut counted: Vec<&str> = Vec::new();
    let mut sections = Vec::new();
    for sc in &config.sections {
        let mut pool: Vec<Item> = Vec::new();
        for source in &sc.feeds {
            let Some(Ok(feed)) = outcomes.get(source.location.as_str()) else {
                continue;
            };
            let name = display_name(source, feed);
            let base = finals.get(source.location.as_str()).cloned().flatten();
            let feed_items = items::from_feed(feed, &source.location, &name, base.as_deref());
            if !counted.contains(&source.location.as_str()) {
                counted.push(source.location.as_str());
                items_seen += feed_items.len();
                items_new += feed_items
                    .iter()
                    .filter(|i| i.published.is_none_or(|p| p >= since))
                    .count();
            }
            pool.extend(feed_items);
        }
        let (chosen, _) = select::select(pool, since, sc.max_items);
        let budget = Budget {
            sentences: sc.summary_sentences.unwrap_or(Budget::default().sentences),
            words: sc.summary_words.unwrap_or(Budget::default().words),
        };
        let entries = chosen
            .into_iter()
            .map(|item| BriefEntry {
                summary: summarizer.summarize(&item.title, &item.text, budget),
                title: item.title,
                link: item.link,
                source: item.source,
                published: item.published,
                also: Vec::new(),
            })
            .collect();
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
        });
    }

    let date = now.to_zoned(config.tz.clone());
    Ok(Briefing {
        title: config.title.clone(),
        emoji: config.emoji.clone(),
        date,
        timezone: config.timezone.clone(),
        tags: config.tags.clone(),
        window_label: window_label.to_string(),
        weather,
        weather_emoji: config
            .weather
            .as_ref()
            .map(|w| w.emoji.clone())
            .unwrap_or_default(),
        sections,
        failures,
        stats: Stats {
            feeds: sources.len(),
            items_seen,
            items_new,
            elapsed_ms: started.elapsed().as_millis() as u64,
        },
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
