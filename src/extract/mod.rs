//! Extract stage: the article an item links to, when the feed gives only a teaser. From a page's
//! HTML, its main text (paragraphs in order, without navigation, share buttons, related links,
//! captions, bylines, newsletter boxes, comments or footers), its title, byline, date and
//! language.
//!
//! The main content is found by `dom_smoothie` (a Rust port of Mozilla's Readability, measured
//! against the other extractors in BENCHMARKS.md). Before it reads the page, [`prune`] removes
//! what the markup says is not the article (captions, hover cards, link-only paragraphs); after,
//! herald's own [`boilerplate`] filter removes what Readability keeps around an article. [`fetch`] reads the pages politely
//! (robots.txt, per-host limits, a cap per run) for the brief stage.

pub mod boilerplate;
pub mod fetch;
mod prune;
pub mod robots;

use crate::parse::charset;

/// What was read from an article page.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Extracted {
    pub title: Option<String>,
    /// The article's text: paragraphs separated by blank lines.
    pub text: String,
    pub byline: Option<String>,
    /// As the page states it (ISO 8601 when the page uses it).
    pub published: Option<String>,
    pub lang: Option<String>,
    pub words: usize,
    /// The page reads as a paywall, consent or sign-in page rather than an article.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub wall: bool,
}

/// Why no article text came out of a page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("empty page")]
    Empty,
    #[error("no article found on the page: {0}")]
    NoArticle(String),
    #[error("page too large or too deeply nested to read ({0})")]
    TooComplex(String),
    #[error("the page could not be read ({0})")]
    Failed(String),
}

/// Pages nested deeper than this (by a rough count of unclosed tags) are not read: real pages
/// stay far below it, and the HTML tree is walked recursively.
pub const MAX_DEPTH: usize = 1_500;

/// Pages with more elements than this are not read (a hostile or absurd page; real articles
/// have a few thousand).
pub const MAX_ELEMENTS: usize = 60_000;

/// Decodes an HTML page's bytes: BOM, then valid UTF-8, then the HTTP header's charset, then
/// the page's own `<meta charset>`, then windows-1252.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    if std::str::from_utf8(bytes).is_ok() || encoding_rs::Encoding::for_bom(bytes).is_some() {
        return charset::decode(bytes, content_type).0.into_owned();
    }
    let label = content_type
        .and_then(charset::header_charset)
        .or_else(|| meta_charset(bytes));
    let charset = label
        .as_deref()
        .and_then(charset::charset_for)
        .unwrap_or(charset::Charset::Standard(encoding_rs::WINDOWS_1252));
    charset.decode(bytes).0.into_owned()
}

/// The `charset` a page declares in its first kilobytes (`<meta charset="…">` or the
/// http-equiv form).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Extracts the article from a page's HTML. `url` resolves relative links in metadata.
///
/// A page that makes the HTML tree or Readability fail in a way they do not report (a panic)
/// costs only itself: it is an [`ExtractError::Failed`], and the run goes on.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, ExtractError> {
    std::panic::catch_unwind(|| extract_unguarded(html, url)).unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        Err(ExtractError::Failed(why))
    })
}

fn extract_unguarded(html: &str, url: Option<&str>) -> Result<Extracted, ExtractError> {
    if html.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    // Hostile nesting: Readability walks the tree recursively. A page nested deeper than any
    // article is refused before it is parsed.
    if crate::text::nesting_depth(html) > MAX_DEPTH {
        return Err(ExtractError::TooComplex(format!(
            "nested more than {MAX_DEPTH} levels"
        )));
    }
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    let doc = dom_query::Document::from(html);
    prune::prune(&doc);
    let mut reader = dom_smoothie::Readability::with_document(doc, url, Some(config))
        .map_err(|e| ExtractError::TooComplex(e.to_string()))?;
    let article = reader
        .parse()
        .map_err(|e| ExtractError::NoArticle(e.to_string()))?;
    let raw_words = article.text_content.split_whitespace().count();
    let wall = looks_like_a_wall(&article.text_content, raw_words);
    // A page is outside text, as a feed is: controls (terminal escapes), bidi overrides and
    // C1 go where it enters, so no output format or command ever sees them.
    let text = crate::parse::sanitize::clean(
        &crate::text::clean_text(&boilerplate::clean(&article.text_content)),
        usize::MAX,
    );
    if text.trim().is_empty() {
        return Err(ExtractError::NoArticle(
            "nothing left after removing boilerplate".into(),
        ));
    }
    let words = text.split_whitespace().count();
    let nonempty = |s: Option<String>| {
        s.map(|s| crate::text::collapse_ws(&crate::parse::sanitize::clean(&s, 1_000)))
            .filter(|s| !s.is_empty())
    };
    Ok(Extracted {
        title: nonempty(Some(article.title.to_string())),
        byline: nonempty(article.byline),
        published: nonempty(article.published_time),
        lang: nonempty(article.lang),
        text,
        words,
        wall,
    })
}

/// Whether a page's text is a paywall, consent or sign-in notice rather than an article: one
/// of their phrases in a short text.
pub fn looks_like_a_wall(text: &str, words: usize) -> bool {
    const WALLS: &[&str] = &[
        "subscribe to continue",
        "subscribe to read",
        "to continue reading",
        "already a subscriber",
        "sign in to continue",
        "log in to continue",
        "sign in to read",
        "create a free account",
        "this content is for subscribers",
        "subscribers only",
        "we use cookies",
        "accept all cookies",
        "manage your cookie",
        "enable javascript",
        "are you a robot",
        "access denied",
    ];
    let lower = text.to_lowercase();
    words < 250 && WALLS.iter().any(|w| lower.contains(w))
}

/// Reads a page from bytes (decoding as [`decode`] does) and extracts its article.
pub fn extract_bytes(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> Result<Extracted, ExtractError> {
    extract(&decode(bytes, content_type), url)
}

#[cfg(test)]
mod tests;
