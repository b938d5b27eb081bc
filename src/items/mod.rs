//! Items stage: parsed entries to clean [`Item`]s — plain text, absolute links, a stable key.

use crate::model::{Entry, Item, ParsedFeed};
use crate::text::{collapse_ws, html_to_text};

/// Turns one parsed feed into items. `source` is the display name; `base` resolves relative links.
pub fn from_feed(feed: &ParsedFeed, location: &str, source: &str, base: Option<&str>) -> Vec<Item> {
    into_items(feed.clone(), location, source, base)
}

/// [`from_feed`], consuming the feed: each entry is dropped as its item is made, so a feed of
/// 45,000 entries is never held twice over.
pub fn into_items(feed: ParsedFeed, location: &str, source: &str, base: Option<&str>) -> Vec<Item> {
    let ParsedFeed {
        feed: meta,
        entries,
        ..
    } = feed;
    let base = base
        .and_then(|b| url::Url::parse(b).ok())
        .or_else(|| meta.link.as_deref().and_then(|l| url::Url::parse(l).ok()));
    let mut items = Vec::with_capacity(entries.len());
    for e in entries {
        let mut item = from_entry(&e, location, source, base.as_ref());
        let declared = e.language.as_deref().or(meta.language.as_deref());
        // The title and the start of the text are enough to tell (detection reads 500
        // characters), without copying a long article for every item.
        let sample: String = item
            .title
            .chars()
            .chain(std::iter::once('\n'))
            .chain(item.text.chars())
            .take(crate::lang::SAMPLE_CHARS)
            .collect();
        item.lang = crate::lang::resolve(declared, &sample);
        items.push(item);
    }
    items
}

fn from_entry(e: &Entry, location: &str, source: &str, base: Option<&url::Url>) -> Item {
    // The parser already made the title plain text (HTML titles reduced to their text): it
    // is never parsed again, so "<script>x</script> atom text" in a text title stays whole.
    let title = e.title.as_deref().map(collapse_ws).unwrap_or_default();
    let link = e
        .link
        .as_deref()
        .and_then(|l| web_link(&absolute(l.trim(), base)));
    let text = body_text(e);
    let key = e
        .id
        .clone()
        .filter(|id| !id.trim().is_empty())
        .or_else(|| link.as_deref().map(canonical_url))
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
        first_seen: None,
        seen_seq: None,
        text,
        lang: None,
    }
}

/// The fullest body the entry offers (content over summary when longer), as clean text.
fn body_text(e: &Entry) -> String {
    let mut best = String::new();
    // Content of a type that is not text (Flash, video) is never read as text.
    let textual = |t: &str| {
        let t = t.to_ascii_lowercase();
        t.is_empty() || t.starts_with("text/") || t.contains("html") || t.contains("xml")
    };
    let candidates = e
        .content
        .iter()
        .filter(|c| textual(&c.media_type))
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

/// The link as it is when it is an absolute `http(s)` URL; `None` for anything else.
///
/// Feeds are not trusted: a `javascript:`, `data:` or `file:` link would run or read something
/// on the reader's machine from a briefing, and a relative link that could not be resolved leads
/// nowhere. The URL parser strips the tabs, newlines and spaces that hide a scheme
/// ("java\tscript:"), so the scheme checked is the one a browser would use.
pub fn web_link(link: &str) -> Option<String> {
    let u = url::Url::parse(link).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.into())
}

/// Query parameters that track the reader, not the document.
fn is_tracking_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("utm_")
        || n.starts_with("_hs")
        || matches!(
            n.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "yclid"
                | "mc_cid"
                | "mc_eid"
                | "igshid"
                | "ref"
                | "ref_src"
                | "cmpid"
                | "ncid"
                | "ocid"
                | "sr_share"
                | "at_medium"
                | "at_campaign"
                | "rss"
                | "amp"
                | "outputtype"
        )
}

/// The form of a link used to recognise the same document: https, no `www.`, no fragment, no
/// tracking parameters, sorted query, no AMP suffix, no trailing slash. Not for display.
pub fn canonical_url(link: &str) -> String {
    let Ok(mut u) = url::Url::parse(link.trim()) else {
        return link.trim().to_string();
    };
    if u.scheme() == "http" {
        let _ = u.set_scheme("https");
    }
    if let Some(host) = u.host_str() {
        let host = host.to_ascii_lowercase();
        let bare = host
            .strip_prefix("www.")
            .or_else(|| host.strip_prefix("amp."))
            .or_else(|| host.strip_prefix("m."))
            .unwrap_or(&host)
            .to_string();
        let _ = u.set_host(Some(&bare));
    }
    u.set_fragment(None);
    let mut pairs: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !is_tracking_param(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    if pairs.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    let mut path = u.path().to_string();
    for suffix in ["/amp/", "/amp", ".amp"] {
        if let Some(p) = path.strip_suffix(suffix) {
            path = p.to_string();
        }
    }
    while path.len() > 1 && path.ends_with('/') {
        path.pop();
    }
    u.set_path(&path);
    let s = u.to_string();
    s.strip_suffix('/').map(str::to_string).unwrap_or(s)
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

    /// YouTube-style entries: the only text is media:description, beside a content of a
    /// non-text type or an empty description; it is used, and the richest text wins.
    #[test]
    fn media_description_is_used_when_it_is_the_only_text() {
        let feeds = [
            "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>V</title>\
             <item><title>Clip</title><guid>1</guid><description></description>\
             <media:group><media:description>The mayor opened the new bridge on Tuesday morning.</media:description></media:group></item></channel></rss>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:media=\"http://search.yahoo.com/mrss/\"><title>V</title>\
             <entry><id>urn:1</id><title>Clip</title><content type=\"application/x-shockwave-flash\" src=\"https://ex.com/v.swf\"/>\
             <media:group><media:description>The mayor opened the new bridge on Tuesday morning.</media:description></media:group></entry></feed>",
        ];
        for xml in feeds {
            let feed = crate::parse::parse_feed(xml.as_bytes(), None, None).expect("feed");
            let items = from_feed(&feed, "f.xml", "V", None);
            assert_eq!(
                items[0].text, "The mayor opened the new bridge on Tuesday morning.",
                "{xml}"
            );
        }
    }

    #[test]
    fn relative_links_made_absolute_and_content_preferred() {
        let feed = ParsedFeed {
            feed: FeedMeta {
                link: Some("https://ex.com/blog/".into()),
                ..FeedMeta::default()
            },
            entries: vec![Entry {
                title: Some(" A &\n  B ".into()),
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
        assert_eq!(items[0].title, "A & B", "the parser's text, on one line");
        assert_eq!(items[0].text, "Long body’s text.");
        assert_eq!(items[0].key, "https://ex.com/blog/post/1");
        assert_eq!(items[0].first_seen, None);
    }

    #[test]
    fn only_web_links_survive() {
        assert_eq!(
            web_link("https://ex.com/a?b=1").as_deref(),
            Some("https://ex.com/a?b=1")
        );
        assert_eq!(
            web_link(" http://ex.com/a b").as_deref(),
            Some("http://ex.com/a%20b")
        );
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "vbscript:msgbox",
            "post/1",
            "",
        ] {
            assert_eq!(web_link(bad), None, "{bad:?}");
        }
        let feed = ParsedFeed {
            entries: vec![Entry {
                title: Some("t".into()),
                link: Some("javascript:alert(document.cookie)".into()),
                ..Entry::default()
            }],
            ..ParsedFeed::default()
        };
        let items = from_feed(&feed, "f.xml", "Ex", Some("https://ex.com/feed"));
        assert_eq!(
            items[0].link, None,
            "a script link is dropped, not rendered"
        );
    }

    #[test]
    fn canonical_urls() {
        let c = canonical_url;
        assert_eq!(
            c("http://www.Ex.com/a/b/?utm_source=rss&id=3&fbclid=x#frag"),
            "https://ex.com/a/b?id=3"
        );
        assert_eq!(c("https://ex.com/a/b/amp/"), "https://ex.com/a/b");
        assert_eq!(c("https://ex.com/?b=2&a=1"), "https://ex.com/?a=1&b=2");
        assert_eq!(c("https://ex.com/"), "https://ex.com");
        assert_eq!(c("https://amp.ex.com/story.amp"), "https://ex.com/story");
        assert_eq!(c("not a url"), "not a url");
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
