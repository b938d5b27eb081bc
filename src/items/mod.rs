//! Items stage: parsed entries to clean [`Item`]s — plain text, absolute links, a stable key.

use crate::model::{Entry, Item, ParsedFeed};
use crate::text::{clean_inline, html_to_text};

/// Turns one parsed feed into items. `source` is the display name; `base` resolves relative links.
pub fn from_feed(feed: &ParsedFeed, location: &str, source: &str, base: Option<&str>) -> Vec<Item> {
    let base = base.and_then(|b| url::Url::parse(b).ok()).or_else(|| {
        feed.feed
            .link
            .as_deref()
            .and_then(|l| url::Url::parse(l).ok())
    });
    feed.entries
        .iter()
        .map(|e| from_entry(e, location, source, base.as_ref()))
        .collect()
}

fn from_entry(e: &Entry, location: &str, source: &str, base: Option<&url::Url>) -> Item {
    let title = e.title.as_deref().map(clean_inline).unwrap_or_default();
    let link = e.link.as_deref().map(|l| absolute(l.trim(), base));
    let text = body_text(e);
    let key = e
        .id
        .clone()
        .filter(|id| !id.trim().is_empty())
        .or_else(|| link.clone())
        .unwrap_or_else(|| format!("hash:{:016x}", fnv1a(format!("{title}\n{text}").as_bytes())));
    Item {
        feed: location.to_string(),
        source: source.to_string(),
        key,
        title: if title.is_empty() {
            "(untitled)".to_string()
        } else {
            title
        },
        link,
        published: e.published.or(e.updated),
        text,
    }
}

/// The fullest body the entry offers (content over summary when longer), as clean text.
fn body_text(e: &Entry) -> String {
    let mut best = String::new();
    let candidates = e
        .content
        .iter()
        .map(|c| c.value.as_str())
        .chain(e.summary.as_deref());
    for raw in candidates {
        let t = html_to_text(raw);
        if t.len() > best.len() {
            best = t;
        }
    }
    best
}

/// Resolves a link against the feed's base; leaves it as it is when it cannot be resolved.
pub fn absolute(link: &str, base: Option<&url::Url>) -> String {
    if url::Url::parse(link).is_ok() {
        return link.to_string();
    }
    base.and_then(|b| b.join(link).ok())
        .map(|u| u.to_string())
        .unwrap_or_else(|| link.to_string())
}

/// 64-bit FNV-1a: a stable, dependency-free hash for item keys (not for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Content, FeedMeta};

    #[test]
    fn relative_links_made_absolute_and_content_preferred() {
        let feed = ParsedFeed {
            feed: FeedMeta {
                link: Some("https://ex.com/blog/".into()),
                ..FeedMeta::default()
            },
            entries: vec![Entry {
                title: Some("A &amp; B".into()),
                link: Some("post/1".into()),
                summary: Some("Short.".into()),
                content: vec![Content {
                    value: "<p>Long body&#8217;s text.</p>".into(),
                    media_type: "text/html".into(),
                }],
                ..Entry::default()
            }],
            ..ParsedFeed::default()
        };
        let items = from_feed(&feed, "f.xml", "Ex", None);
        assert_eq!(items[0].link.as_deref(), Some("https://ex.com/blog/post/1"));
        assert_eq!(items[0].title, "A & B");
        assert_eq!(items[0].text, "Long body’s text.");
        assert_eq!(items[0].key, "https://ex.com/blog/post/1");
    }

    #[test]
    fn key_falls_back_to_hash() {
        let feed = ParsedFeed {
            entries: vec![Entry {
                title: Some("Only a title".into()),
                ..Entry::default()
            }],
            ..ParsedFeed::default()
        };
        let a = from_feed(&feed, "f", "s", None);
        let b = from_feed(&feed, "f", "s", None);
        assert!(a[0].key.starts_with("hash:"));
        assert_eq!(a[0].key, b[0].key);
    }
}
