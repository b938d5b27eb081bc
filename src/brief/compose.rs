//! The compose stage: this run's feed reports become the `Briefing` value, in named steps:
//! the window, what failed, the weather, each section (select → cluster → rank → choose), the
//! summaries, and the reading budgets.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use jiff::Timestamp;

use super::outcome::{FeedOutcome, FeedReport};
use super::{BriefError, BriefOptions, budget};
use crate::cluster::{self, ClusterOptions};
use crate::config::{Config, SectionConfig, Window};
use crate::items::canonical_url;
use crate::model::{
    AlsoLink, BriefEntry, Briefing, Failure, Item, Notice, Section, Stats, WeatherBlock,
};
use crate::rank::{self, Preferences};
use crate::select::{self, WindowSpec};
use crate::store::Store;
use crate::summarize::Budget;
use crate::summarize::run::{Request, summarize_all};
use crate::weather;

/// Stories past a section's `max_items` named under "+N more"; the rest are counted.
const MAX_MORE_LISTED: usize = 10;

/// The briefing and the items it shows (to be recorded once it is delivered).
pub struct Composed {
    pub briefing: Briefing,
    pub shown: Vec<Item>,
    pub window: Window,
    /// What became of each article read for a thin item.
    pub articles: Vec<super::articles::ArticleLine>,
    /// The briefing's entries as their stories remember them.
    pub stories: Vec<crate::store::StoryEntry>,
}

/// Builds the briefing from this run's feed reports.
pub fn compose(
    config: &Config,
    options: &BriefOptions,
    reports: &mut [FeedReport],
    store: Option<&Store>,
    started: Instant,
) -> Result<Composed, BriefError> {
    let now = options.now;
    let window = options.window.unwrap_or(config.window);
    let previous = match (window, store) {
        (Window::SinceLast, Some(s)) => s.last_mark()?,
        _ => None,
    };
    let (spec, window_label) = select::window_spec(window, previous, now);
    let (failures, notices) = failures_and_notices(reports);
    let weather = weather_block(config, &index_reports(reports), now);
    // The sections take the items: moved into the last section that reads a feed, cloned
    // only for earlier ones (a 45,000-item feed is then held once, not twice).
    let mut pools: HashMap<String, Vec<Item>> = HashMap::new();
    for r in reports.iter_mut() {
        r.items_read = r.items.len();
        pools
            .entry(r.source.location.clone())
            .or_insert_with(|| std::mem::take(&mut r.items));
    }
    let mut last_use: HashMap<&str, usize> = HashMap::new();
    for (i, sc) in config.sections.iter().enumerate() {
        for f in &sc.feeds {
            last_use.insert(f.location.as_str(), i);
        }
    }
    let feeds = reports.len();

    let mut builder = SectionBuilder {
        options,
        spec,
        store: store.filter(|_| window == Window::SinceLast),
        pools,
        last_use,
        counted: HashSet::new(),
        items_seen: 0,
        new_keys: HashSet::new(),
        placed: HashSet::new(),
        placed_stories: cluster::Placed::new(ClusterOptions::default()),
        shown: Vec::new(),
    };
    let mut drafts = Vec::with_capacity(config.sections.len());
    for (i, sc) in config.sections.iter().enumerate() {
        drafts.push(builder.section(config, i, sc, &failures)?);
    }
    let articles = super::articles::read_articles(config, options, &mut drafts, store)?;
    let mut stories = super::developing::link(config, store, &mut drafts, now, options.explain)?;
    summarize_drafts(config, store, &mut drafts, now)?;
    budget::apply(config, &mut drafts);
    super::developing::gather(config, &mut drafts);
    stories.extend(super::developing::remember(config, &drafts, now));

    let briefing = Briefing {
        title: config.title.clone(),
        emoji: config.emoji.clone(),
        date: now.to_zoned(config.tz.clone()),
        timezone: config.timezone.clone(),
        tags: config.tags.clone(),
        window_label,
        locale: config.locale.clone(),
        weather,
        weather_emoji: config
            .weather
            .as_ref()
            .map(|w| w.emoji.clone())
            .unwrap_or_default(),
        units: config.weather.as_ref().map(|w| w.units).unwrap_or_default(),
        sections: drafts.into_iter().map(Draft::finish).collect(),
        failures,
        notices,
        audio: None,
        stats: Stats {
            feeds,
            items_seen: builder.items_seen,
            items_new: builder.new_keys.len(),
            elapsed_ms: started.elapsed().as_millis() as u64,
        },
    };
    Ok(Composed {
        briefing,
        shown: builder.shown,
        window,
        articles,
        stories,
    })
}

/// Each feed's report by its location (the first, when a feed is listed twice).
fn index_reports(reports: &[FeedReport]) -> HashMap<&str, &FeedReport> {
    let mut by_url = HashMap::with_capacity(reports.len());
    for r in reports {
        by_url.entry(r.source.location.as_str()).or_insert(r);
    }
    by_url
}

/// The feeds that failed or were not clean, and the ones that moved for good.
fn failures_and_notices(reports: &[FeedReport]) -> (Vec<Failure>, Vec<Notice>) {
    let mut failures = Vec::new();
    let mut notices = Vec::new();
    for r in reports {
        let feed = r.display_name();
        let url = r.source.location.clone();
        if let Some(w) = &r.warning {
            failures.push(Failure {
                feed: feed.clone(),
                url: url.clone(),
                error: w.clone(),
            });
        }
        if let Err(mut error) = r.outcome.status() {
            if r.consecutive_failures > 1 {
                error.push_str(&format!(" ({} failures in a row)", r.consecutive_failures));
            }
            failures.push(Failure {
                feed: feed.clone(),
                url: url.clone(),
                error,
            });
        }
        if let Some(to) = &r.moved_to {
            notices.push(Notice {
                feed,
                url,
                message: format!("moved permanently; update your config to {to}"),
            });
        }
    }
    (failures, notices)
}

/// The weather block from whichever configured source answered.
fn weather_block(
    config: &Config,
    reports: &HashMap<&str, &FeedReport>,
    now: Timestamp,
) -> WeatherBlock {
    let Some(w) = &config.weather else {
        return WeatherBlock::None;
    };
    let fetched = |location: &str| match reports.get(location).map(|r| &r.outcome) {
        Some(FeedOutcome::Weather { body, .. }) => weather::Fetched::Document(body),
        Some(o @ (FeedOutcome::Failed(_) | FeedOutcome::Skipped(_))) => {
            weather::Fetched::Failed(o.status().err().unwrap_or_default())
        }
        _ => weather::Fetched::NotFetched,
    };
    weather::block(&w.sources, w.name.as_deref(), fetched, now)
}

/// A section being built: its entries with the item each summarizes and the score it ranked
/// with (the budgets drop the lowest first).
pub struct Draft {
    pub section: Section,
    pub entries: Vec<DraftEntry>,
}

pub struct DraftEntry {
    pub entry: BriefEntry,
    pub item: Item,
    /// The item's text less what the reader already read of its story (summarized instead
    /// of the whole text when set).
    pub fresh: Option<String>,
    pub budget: Budget,
    pub score: f64,
}

impl Draft {
    fn finish(self) -> Section {
        Section {
            entries: self.entries.into_iter().map(|e| e.entry).collect(),
            ..self.section
        }
    }
}

/// What the sections share while they are built in order: a story shown in one section is not
/// repeated in a later one, and each item is counted once.
struct SectionBuilder<'a> {
    options: &'a BriefOptions,
    spec: WindowSpec,
    /// The store, when items shown by an earlier briefing are to be left out (since-last).
    store: Option<&'a Store>,
    /// Each feed's items, until the last section that reads the feed takes them.
    pools: HashMap<String, Vec<Item>>,
    /// The last section (by index) that reads each feed.
    last_use: HashMap<&'a str, usize>,
    counted: HashSet<&'a str>,
    items_seen: usize,
    new_keys: HashSet<(String, String)>,
    placed: HashSet<String>,
    placed_stories: cluster::Placed,
    shown: Vec<Item>,
}

impl<'a> SectionBuilder<'a> {
    /// One section: its new items, minus stories shown above, clustered, ranked and chosen.
    fn section(
        &mut self,
        config: &Config,
        index: usize,
        sc: &'a SectionConfig,
        failures: &[Failure],
    ) -> Result<Draft, BriefError> {
        let mut pool = self.new_items(index, sc)?;
        let before = pool.len();
        if !sc.repeat {
            // The same link, or the same story in other words, as something already shown.
            pool.retain(|i| {
                !self.placed.contains(&placement_key(i)) && !self.placed_stories.has_same_story(i)
            });
        }
        let shown_elsewhere = before - pool.len();
        let stories = cluster::cluster(pool, &config.priority, &ClusterOptions::default());
        let prefs = Preferences {
            boost: config.boost.iter().chain(&sc.boost).cloned().collect(),
            mute: config.mute.iter().chain(&sc.mute).cloned().collect(),
            priority: config.priority.clone(),
        };
        let (ranked, _muted) = rank::rank(stories, &prefs, self.options.now);
        let mut ranked = ranked.into_iter();
        let mut chosen: Vec<rank::Ranked> = ranked.by_ref().take(sc.max_items).collect();
        // New stories past `max_items` are named under "+N more" (the first few) and counted
        // (all), and so are shown: none is dropped without a word.
        let mut more = Vec::new();
        let mut more_unlisted = 0;
        for r in ranked {
            let listed = more.len() < MAX_MORE_LISTED;
            if listed {
                more.push(crate::model::MoreItem {
                    title: r.story.lead.title.clone(),
                    link: r.story.lead.link.clone(),
                });
            } else {
                more_unlisted += 1;
            }
            for item in std::iter::once(r.story.lead).chain(r.story.also) {
                self.placed.insert(placement_key(&item));
                // The counted tail is covered by the briefing's sequence mark (since-last
                // never shows an item first seen before it); recording each one as shown cost
                // a 10,000-item morning a tenth of a second for nothing.
                if listed {
                    self.shown.push(item);
                }
            }
        }
        if self.options.explain {
            for r in &mut chosen {
                r.explain(&prefs, self.options.now);
            }
        }
        let budget = Budget {
            sentences: sc.summary_sentences.unwrap_or(Budget::default().sentences),
            words: sc.summary_words.unwrap_or(Budget::default().words),
        };
        let entries = chosen
            .iter()
            .map(|r| DraftEntry {
                entry: entry(
                    r,
                    self.options.explain,
                    crate::locale::Locale::or_english(&config.locale),
                ),
                item: r.story.lead.clone(),
                fresh: None,
                budget,
                score: r.score,
            })
            .collect();
        for r in chosen {
            self.placed_stories.add(&r.story.lead);
            for item in std::iter::once(r.story.lead).chain(r.story.also) {
                self.placed.insert(placement_key(&item));
                self.shown.push(item);
            }
        }
        let failed_feeds = sc
            .feeds
            .iter()
            .filter(|f| failures.iter().any(|x| x.url == f.location))
            .count();
        let section = Section {
            failed_feeds,
            shown_elsewhere,
            more,
            more_unlisted,
            no_feeds: sc.feeds.is_empty(),
            ..Section::new(sc.title.clone(), sc.emoji.clone())
        };
        Ok(Draft { section, entries })
    }

    /// The section's items inside the window and not shown by an earlier briefing.
    /// True for an item in the window and not shown before (and counts it as new).
    fn is_new(&mut self, item: &Item) -> Result<bool, BriefError> {
        is_new(self.spec, self.store, &mut self.new_keys, item)
    }

    fn new_items(&mut self, index: usize, sc: &'a SectionConfig) -> Result<Vec<Item>, BriefError> {
        let mut pool: Vec<Item> = Vec::new();
        for source in &sc.feeds {
            let location = source.location.as_str();
            let Some(items) = self.pools.get(location) else {
                continue;
            };
            if self.counted.insert(location) {
                self.items_seen += items.len();
            }
            if self.last_use.get(location) == Some(&index) {
                let mut moved = self.pools.remove(location).unwrap_or_default();
                let mut keep = Vec::with_capacity(moved.len());
                for item in &moved {
                    keep.push(self.is_new(item)?);
                }
                let mut flags = keep.into_iter();
                moved.retain(|_| flags.next().unwrap_or(false));
                // The first feed's vector becomes the pool itself: no second copy.
                if pool.is_empty() {
                    pool = moved;
                } else {
                    pool.append(&mut moved);
                }
            } else {
                for item in items {
                    if is_new(self.spec, self.store, &mut self.new_keys, item)? {
                        pool.push(item.clone());
                    }
                }
            }
        }
        Ok(pool)
    }
}

/// True for an item in the window and not shown by an earlier briefing; counts it as new.
fn is_new(
    spec: WindowSpec,
    store: Option<&Store>,
    new_keys: &mut HashSet<(String, String)>,
    item: &Item,
) -> Result<bool, BriefError> {
    if !spec.contains(item) {
        return Ok(false);
    }
    if let Some(s) = store
        && s.was_shown(item)?
    {
        return Ok(false);
    }
    new_keys.insert((item.feed.clone(), item.key.clone()));
    Ok(true)
}

/// The briefing entry for a ranked story (its summary comes later).
fn entry(r: &rank::Ranked, explain: bool, words: &crate::locale::Locale) -> BriefEntry {
    let item = &r.story.lead;
    BriefEntry {
        published: item.published,
        also: also_links(item, &r.story.also),
        explain: explain.then(|| {
            r.why
                .iter()
                .map(|w| w.words(words))
                .collect::<Vec<_>>()
                .join(" · ")
        }),
        lang: item.lang.clone(),
        ..BriefEntry::new(item.title.clone(), item.link.clone(), item.source.clone())
    }
}

/// The other outlets that carried the story: the same URL from another feed is the same item,
/// not another outlet, so it is never an "also" (nor is any URL twice).
fn also_links(lead: &Item, also: &[Item]) -> Vec<AlsoLink> {
    let mut seen: Vec<String> = lead.link.iter().map(|l| canonical_url(l)).collect();
    let mut out = Vec::new();
    for a in also {
        if let Some(link) = &a.link {
            let key = canonical_url(link);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
        }
        out.push(AlsoLink {
            source: a.source.clone(),
            link: a.link.clone(),
        });
    }
    out
}

/// Fills in every chosen entry's summary, in section order.
fn summarize_drafts(
    config: &Config,
    store: Option<&Store>,
    drafts: &mut [Draft],
    now: Timestamp,
) -> Result<(), BriefError> {
    let requests: Vec<Request<'_>> = drafts
        .iter()
        .flat_map(|d| &d.entries)
        .map(|e| Request {
            title: &e.item.title,
            text: e.fresh.as_deref().unwrap_or(&e.item.text),
            lang: e.item.lang.as_deref(),
            budget: e.budget,
        })
        .collect();
    let outcomes = summarize_all(config.llm.as_ref(), store, &requests, now)?;
    let entries = drafts.iter_mut().flat_map(|d| &mut d.entries);
    for (e, outcome) in entries.zip(outcomes) {
        let entry = &mut e.entry;
        entry.summary_engine = outcome.summary.as_ref().map(|_| outcome.engine.clone());
        entry.summary = outcome.summary;
        entry.summary_fallback = outcome.fallback_reason;
        entry.translated_from = outcome.translated_from;
        entry.summary_original = outcome.original;
        let l = crate::locale::Locale::or_english(&config.locale);
        if let (Some(explain), Some(why)) = (entry.explain.as_mut(), &entry.summary_fallback) {
            explain.push_str(" · ");
            explain.push_str(&l.f("explain.model_not_used", &[("why", why)]));
        }
        if let (Some(explain), Some(from), Some(original)) = (
            entry.explain.as_mut(),
            &entry.translated_from,
            &entry.summary_original,
        ) {
            explain.push_str(" · ");
            explain.push_str(&l.f(
                "explain.translated",
                &[("lang", l.language_name(from)), ("original", original)],
            ));
        }
    }
    Ok(())
}

/// What makes two items "the same link" across sections.
fn placement_key(item: &Item) -> String {
    item.link
        .as_deref()
        .map(canonical_url)
        .unwrap_or_else(|| item.key.clone())
}
