//! The main job, stage by stage. This is the only module that knows the order of the stages;
//! each stage knows only its input and output types from [`crate::model`]:
//!
//! 1. [`refresh`] — fetch ([`crate::fetch`]), parse ([`crate::parse`]), turn entries into items
//!    ([`crate::items`]) and store them; one [`FeedReport`] per feed.
//! 2. [`compose`] — select the window ([`crate::select`]), read the weather
//!    ([`crate::weather`]), cluster ([`crate::cluster`]) and rank ([`crate::rank`]) each section,
//!    summarize ([`crate::summarize`]) and apply the reading budgets ([`budget`]).
//! 3. render ([`crate::render`]) and deliver ([`crate::deliver`]) — in [`make`].
//! 4. record what was shown and commit the store ([`crate::store`]) — in [`make`].
//!
//! With a store, the whole run is one transaction that commits only after the briefing was
//! delivered, so a crash never loses or repeats news.

mod articles;
mod budget;
mod compose;
mod developing;
mod outcome;
mod refresh;
mod sameday;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};

use crate::config::{Config, Window};
use crate::deliver::email::{self, EmailConfig, EmailError};
use crate::deliver::{self, DeliverError};
use crate::fetch::{EmbeddedLookup, FetchError, FetchOptions};
use crate::model::Briefing;
use crate::render::{self, Style};
use crate::store::{Edition, Store, StoreError};
use crate::summarize::run::SummariesError;

pub use articles::{ArticleLine, MIN_ARTICLE_WORDS, THIN_WORDS, is_thin};
pub use compose::{Composed, compose};
pub use outcome::{BACKOFF_AFTER, FailReason, FeedOutcome, FeedReport, SkipReason};
pub use refresh::refresh;

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

impl From<SummariesError<StoreError>> for BriefError {
    fn from(e: SummariesError<StoreError>) -> Self {
        match e {
            SummariesError::Cache(e) => BriefError::Store(e),
            SummariesError::Runtime(e) => BriefError::Runtime(e),
        }
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
    /// Bundled article pages by URL (the demo's), read instead of the network.
    pub article_pages: Option<crate::extract::fetch::PageLookup>,
}

impl BriefOptions {
    pub fn new(now: Timestamp) -> BriefOptions {
        BriefOptions {
            now,
            window: None,
            fetch: FetchOptions::default(),
            retention_days: crate::config::DEFAULT_RETENTION_DAYS,
            explain: false,
            article_pages: None,
        }
    }
}

/// Runs the pipeline and returns the briefing, without a store and without delivering it.
pub fn run(
    config: &Config,
    options: &BriefOptions,
    embedded: Option<EmbeddedLookup>,
) -> Result<Briefing, BriefError> {
    let started = Instant::now();
    let mut reports = refresh(config, options, embedded, None)?;
    Ok(compose(config, options, &mut reports, None, started)?.briefing)
}

/// The run's fetch limits, with the origins the config names (its feeds and weather sources)
/// allowed to be on private addresses: the reader chose those ([`crate::fetch::guard`]).
fn fetch_options(config: &Config, options: &BriefOptions) -> crate::fetch::FetchOptions {
    let mut fetch = options.fetch.clone();
    let feeds = config.all_feeds();
    fetch
        .private
        .name(feeds.iter().map(|f| f.location.as_str()));
    fetch
}

/// Where the rendered briefing goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    /// The output for a briefing dated `date` (YYYY-MM-DD): `--output` ("-" is stdout), else
    /// stdout for the demo, else the config's `output` path, else stdout.
    pub fn resolve(output: Option<&str>, demo: bool, config: &Config, date: &str) -> Target {
        match output {
            Some("-") => Target::Stdout,
            Some(p) => Target::File(PathBuf::from(p)),
            None if demo => Target::Stdout,
            None => config
                .output_path(date)
                .map_or(Target::Stdout, Target::File),
        }
    }
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
    pub fetch: Duration,
    /// Selecting, clustering, ranking and summarizing.
    pub compose: Duration,
    pub render: Duration,
    /// Writing the output (and mailing it).
    pub deliver: Duration,
    /// Recording the briefing, pruning and committing the store.
    pub store: Duration,
}

/// What a run made.
#[derive(Debug)]
pub struct Made {
    pub briefing: Briefing,
    /// The edition's id in the store (with a store).
    pub edition: Option<i64>,
    pub target: Target,
    pub feeds: Vec<FeedLine>,
    /// What became of each article read for a thin item.
    pub articles: Vec<ArticleLine>,
    /// The site of editions, when the config has one: the files written, or why it was not.
    pub site: Option<Result<usize, String>>,
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
    let mut split = |into: &mut Duration| {
        *into = lap.elapsed();
        lap = Instant::now();
    };
    if let Some(s) = store.as_deref_mut() {
        s.begin()?;
        settle_undelivered(s)?;
    }
    let mut reports = refresh(config, options, embedded, store.as_deref())?;
    split(&mut timings.fetch);
    let mut composed = compose(config, options, &mut reports, store.as_deref(), started)?;
    split(&mut timings.compose);
    let target = (delivery.target)(&composed.briefing);
    if let (Some(s), Target::File(path)) = (store.as_deref(), &target) {
        same_day(s, &mut composed.briefing, path)?;
    }
    let text = render::render(&composed.briefing, delivery.style)?;
    split(&mut timings.render);
    // With a store, the briefing and the items it shows are committed first (as not yet
    // delivered), then the output is written and the briefing marked delivered. A run killed
    // in between is settled by the next run (`settle_undelivered`): kept if its output was
    // written, else forgotten so its items come again. Nothing is lost, nothing repeats.
    let recorded = match store.as_deref_mut() {
        Some(s) => Some(record(s, options, &composed, &target, &text)?),
        None => None,
    };
    split(&mut timings.store);
    let delivered = deliver_briefing(
        &text,
        &target,
        &composed.briefing,
        delivery.style,
        delivery.mail,
    );
    if let (Some(s), Some(id)) = (store.as_deref(), recorded) {
        match &delivered {
            Ok(()) => s.mark_delivered(id)?,
            // Not delivered (a refused mail, an unwritable file): its items are not shown.
            Err(_) => s.forget_briefing(id)?,
        }
    }
    delivered?;
    // The site of editions is rebuilt from the store; a failure is reported, the briefing stands.
    let site = match (&config.site, store.as_deref()) {
        (Some(site), Some(s)) => Some(
            crate::site::editions(s, site.editions)
                .map_err(crate::site::SiteError::from)
                .and_then(|pages| crate::site::build(&site.dir, &pages, site.base_url.as_deref()))
                .map(|files| files.len())
                .map_err(|e| e.to_string()),
        ),
        _ => None,
    };
    split(&mut timings.deliver);

    Ok(Made {
        edition: recorded,
        site,
        articles: composed.articles.clone(),
        briefing: composed.briefing,
        target,
        feeds: reports.iter().map(|r| feed_line(r, config)).collect(),
        timings,
    })
}

/// Pushes the delivered briefing's headlines (and its episode, once read aloud) to every
/// endpoint; called after [`make`] and the audio, so a push can link what exists. A failing
/// endpoint costs only itself: its failure is returned.
pub fn push(
    made: &Made,
    endpoints: &[crate::deliver::notify::NotifyConfig],
    options: &BriefOptions,
) -> Vec<crate::deliver::notify::NotifyError> {
    crate::deliver::notify::send_all(endpoints, &made.briefing, options.fetch.timeout)
}

/// A run whose file already holds an edition of the same day (the morning's note) folds that
/// edition in ([`sameday`]): the day's file only grows.
fn same_day(
    store: &Store,
    briefing: &mut Briefing,
    path: &std::path::Path,
) -> Result<(), BriefError> {
    let output = std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string();
    let Ok(day_start) = briefing.date.start_of_day() else {
        return Ok(());
    };
    if let Some(document) = store.edition_written_to(&output, day_start.timestamp())?
        && let Ok(earlier) = serde_json::from_str::<Briefing>(&document)
        && earlier.date.date() == briefing.date.date()
    {
        sameday::merge(briefing, earlier);
    }
    Ok(())
}

/// Writes the briefing where it goes and mails it when asked.
fn deliver_briefing(
    text: &str,
    target: &Target,
    briefing: &Briefing,
    style: &Style,
    mail: Option<&EmailConfig>,
) -> Result<(), BriefError> {
    match target {
        Target::Stdout => deliver::to_stdout(text)?,
        Target::File(path) => deliver::to_file(path, text)?,
    }
    if let Some(mail) = mail {
        send_mail(mail, briefing, style)?;
    }
    Ok(())
}

/// Mails the briefing: a text part and an HTML part (the reader's own HTML template, if the
/// briefing is written with one).
fn send_mail(mail: &EmailConfig, b: &Briefing, style: &Style) -> Result<(), BriefError> {
    let date = b.date.strftime("%Y-%m-%d").to_string();
    let subject = email::subject(&mail.subject, &b.title, &date);
    let text = render::render(b, &Style::Format(render::Format::Text))?;
    let html_style = match style {
        Style::Template(t) if t.is_html() => style,
        _ => &Style::Format(render::Format::Html),
    };
    let html = render::render(b, html_style)?;
    email::send(mail, &subject, &text, &html)?;
    Ok(())
}

/// Records the briefing (its JSON, and a hash of the text written to its file) with the items
/// it shows, prunes old items, and commits the run. Returns the briefing's id.
fn record(
    store: &mut Store,
    options: &BriefOptions,
    composed: &Composed,
    target: &Target,
    text: &str,
) -> Result<i64, BriefError> {
    // The absolute path, so a run from another directory settles the same file.
    let output = match target {
        Target::File(p) => Some(
            std::path::absolute(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string(),
        ),
        Target::Stdout => None,
    };
    let window = composed.window.to_string();
    let edition = Edition {
        at: options.now,
        window: &window,
        output: output.as_deref(),
        output_hash: output.as_ref().map(|_| content_hash(text.as_bytes())),
        // The briefing itself, so any edition can be rendered again in any format.
        document: serde_json::to_string(&composed.briefing).ok(),
    };
    let id = store.record_edition(&edition, &composed.shown)?;
    store.record_story_entries(id, &composed.stories)?;
    store.prune(options.now - SignedDuration::from_hours(24 * options.retention_days))?;
    store.commit()?;
    Ok(id)
}

/// Settles briefings a killed run left undelivered: one whose output file holds exactly what
/// was rendered reached the reader and stands; any other is forgotten, its items un-shown.
/// Only a regular file is read, and no more of it than was to be written: a FIFO, a device or
/// a file someone replaced can neither block this run nor cost its memory.
fn settle_undelivered(store: &Store) -> Result<(), BriefError> {
    for u in store.undelivered()? {
        let written = match (&u.output, &u.output_hash) {
            (Some(path), Some(hash)) => holds(std::path::Path::new(path), hash),
            _ => false,
        };
        if written {
            store.mark_delivered(u.id)?;
        } else {
            store.forget_briefing(u.id)?;
        }
    }
    Ok(())
}

/// True when the regular file at `path` holds exactly the bytes whose [`content_hash`] is `hash`.
fn holds(path: &std::path::Path, hash: &str) -> bool {
    let Some(len) = hash
        .rsplit_once('-')
        .and_then(|(_, n)| n.parse::<usize>().ok())
    else {
        return false;
    };
    match crate::localfile::read_capped(path, len) {
        Ok(bytes) => content_hash(&bytes) == hash,
        Err(_) => false,
    }
}

/// A stable fingerprint of an output's bytes (FNV-1a, 64 bits, with the length).
fn content_hash(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{h:016x}-{}", bytes.len())
}

fn feed_line(r: &FeedReport, config: &Config) -> FeedLine {
    let weather = config
        .weather
        .iter()
        .flat_map(|w| &w.sources)
        .any(|s| s.location == r.source.location);
    FeedLine {
        name: r.display_name(),
        location: r.source.location.clone(),
        outcome: r.outcome.status(),
        items: r.item_count(),
        warning: r.warning.clone(),
        weather,
    }
}
