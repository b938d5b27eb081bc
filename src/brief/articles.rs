//! The extract step of a run: for the entries chosen for the briefing whose feed gives no real
//! text (a title only, a one-line teaser, "Read more", "The post … appeared first on …"), read
//! the article the item links to, and let the summarizer (and the LLM gate) work on it. An
//! article is read once: what came of it is kept with the item in the store.

use super::compose::Draft;
use super::{BriefError, BriefOptions};
use crate::config::Config;
use crate::extract::fetch::{ArticleRequest, PageError, read_all};
use crate::fetch::FetchError;
use crate::model::{FeedSource, FullText, Item};
use crate::store::{Store, StoredArticle};

/// Extracted text shorter than this is not an article (a stub, a notice, an error page).
pub const MIN_ARTICLE_WORDS: usize = 30;

/// Feed text shorter than this many words is a teaser (under `full_text = "auto"`).
pub const THIN_WORDS: usize = 60;

/// What happened to one entry's article, for `-v`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLine {
    pub title: String,
    pub url: String,
    /// "read the article (540 words)", "kept the feed's text: HTTP 404", …
    pub note: String,
    /// The article's text is what the summary is made from.
    pub used: bool,
    /// Read from the store (an earlier run fetched it).
    pub cached: bool,
}

/// Whether an item's own text is only a teaser or a truncation stub.
pub fn is_thin(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words < THIN_WORDS {
        return true;
    }
    let lower = text.trim_end().to_lowercase();
    lower.contains("appeared first on")
        || [
            "read more",
            "continue reading",
            "[…]",
            "[...]",
            "…",
            "(more…)",
            "read the full story",
        ]
        .iter()
        .any(|end| lower.ends_with(end))
}

/// When to read the article of `item`, by its feed's setting, else its section's.
fn mode(item: &Item, feeds: &[FeedSource], section: FullText) -> FullText {
    feeds
        .iter()
        .find(|f| f.location == item.feed)
        .and_then(|f| f.full_text)
        .unwrap_or(section)
}

/// One entry whose article is wanted.
struct Wanted {
    section: usize,
    entry: usize,
    request: ArticleRequest,
}

/// Reads the articles the chosen entries need, puts their text where the summarizer reads it,
/// and says what happened to each.
pub fn read_articles(
    config: &Config,
    options: &BriefOptions,
    drafts: &mut [Draft],
    store: Option<&Store>,
) -> Result<Vec<ArticleLine>, BriefError> {
    let feeds = config.all_feeds();
    // With --explain, the notes in the reader's words.
    let words = crate::locale::Locale::or_english(&config.locale);
    let explain = options.explain.then_some(words);
    let mut lines = Vec::new();
    let mut wanted: Vec<Wanted> = Vec::new();
    for (si, (draft, sc)) in drafts.iter_mut().zip(&config.sections).enumerate() {
        for (ei, e) in draft.entries.iter_mut().enumerate() {
            let item = &e.item;
            let want = match mode(item, &feeds, sc.full_text) {
                FullText::Never => false,
                FullText::Always => true,
                FullText::Auto => is_thin(&item.text),
            };
            let Some(url) = item.link.clone().filter(|_| want) else {
                continue;
            };
            if let Some(s) = store
                && let Some(stored) = s.article(&item.feed, &item.key)?
            {
                lines.push(apply(e, &url, &stored, true, explain));
                continue;
            }
            let obey_robots = feeds
                .iter()
                .find(|f| f.location == item.feed)
                .and_then(|f| f.robots)
                .unwrap_or(true);
            wanted.push(Wanted {
                section: si,
                entry: ei,
                request: ArticleRequest { url, obey_robots },
            });
        }
    }
    // At most this many pages a run: a huge feed cannot turn a morning run into a crawl.
    wanted.truncate(config.fetch.max_articles);
    let requests: Vec<ArticleRequest> = wanted.iter().map(|w| w.request.clone()).collect();
    let results = read_all(
        &requests,
        &super::fetch_options(config, options),
        options.article_pages,
    )?;
    for (w, result) in wanted.iter().zip(results) {
        let e = &mut drafts[w.section].entries[w.entry];
        let (stored, keep) = judge(&e.item.text, result);
        if keep && let Some(s) = store {
            s.put_article(&e.item.feed, &e.item.key, &stored, options.now)?;
        }
        lines.push(apply(e, &w.request.url, &stored, false, explain));
    }
    Ok(lines)
}

/// What to make of a page: its text when it is the article and says more than the feed, else
/// the reason the feed's text is kept; and whether to remember that (a transient failure, such
/// as a timeout, is tried again next run).
fn judge(
    feed_text: &str,
    result: Result<crate::extract::Extracted, PageError>,
) -> (StoredArticle, bool) {
    let kept = |why: String| StoredArticle {
        text: None,
        note: format!("kept the feed's text: {why}"),
    };
    match result {
        Ok(a) if a.wall => (
            kept("the page looks like a paywall, consent or sign-in page".into()),
            true,
        ),
        Ok(a) if a.words < MIN_ARTICLE_WORDS => (kept("the page has no article text".into()), true),
        Ok(a) if a.words <= feed_text.split_whitespace().count() => {
            (kept("the page says less than the feed".into()), true)
        }
        Ok(a) => (
            StoredArticle {
                note: format!("read the article ({} words)", a.words),
                text: Some(a.text),
            },
            true,
        ),
        Err(PageError::Fetch(e)) => {
            let transient = matches!(
                e,
                FetchError::Timeout(_)
                    | FetchError::Connect(_)
                    | FetchError::Body(_)
                    | FetchError::RateLimited { .. }
            ) || matches!(e, FetchError::Status(s) if s >= 500);
            (kept(e.to_string()), !transient)
        }
        Err(e) => (kept(e.to_string()), true),
    }
}

/// Puts an article's text where the summarizer reads it, and says so.
fn apply(
    e: &mut super::compose::DraftEntry,
    url: &str,
    stored: &StoredArticle,
    cached: bool,
    explain: Option<&crate::locale::Locale>,
) -> ArticleLine {
    if let Some(text) = &stored.text {
        e.item.text = text.clone();
        // A title-only item's language shows in its article.
        if e.item.lang.is_none() {
            e.item.lang = crate::lang::detect(text);
            e.entry.lang = e.item.lang.clone();
        }
    }
    if let Some(l) = explain {
        let why = e.entry.explain.get_or_insert_with(String::new);
        if !why.is_empty() {
            why.push_str(" · ");
        }
        why.push_str(&l.f("explain.full_text", &[("note", &l.message(&stored.note))]));
    }
    ArticleLine {
        title: e.item.title.clone(),
        url: url.to_string(),
        note: stored.note.clone(),
        used: stored.text.is_some(),
        cached,
    }
}
