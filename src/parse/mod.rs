//! Parse stage: raw feed bytes to a [`ParsedFeed`], whatever the format (RSS 0.9x/1.0/2.0, Atom,
//! JSON Feed) and charset.
//!
//! feed-rs does the format work; this module owns charset decoding (feed-rs trusts the XML
//! declaration alone), version naming in feedparser's vocabulary, and the mapping to our schema.

pub mod charset;

use jiff::Timestamp;

use crate::model::{Content, Enclosure, Entry, FeedMeta, Link, ParsedFeed, Person};
use crate::text::clean_inline;

/// Why bytes could not be read as a feed. Messages end up in the briefing's footer.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("empty document")]
    Empty,
    #[error("not a feed: got an HTML page")]
    HtmlPage,
    #[error("not a feed: {0}")]
    NotAFeed(String),
    #[error("malformed feed: {0}")]
    Malformed(String),
}

/// Parses one document. `content_type` is the HTTP header, if any; `base_url` resolves relative
/// links.
pub fn parse_feed(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: Option<&str>,
) -> Result<ParsedFeed, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let (text, bad_bytes) = charset::decode(bytes, content_type);
    let text = charset::declare_utf8(&text);
    let version = detect_version(&text);
    if version.is_empty() && looks_like_html(&text) {
        return Err(ParseError::HtmlPage);
    }
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base_url)
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser.parse(text.as_bytes()).map_err(|e| match e {
        feed_rs::parser::ParseFeedError::ParseError(
            feed_rs::parser::ParseErrorKind::NoFeedRoot,
        ) => ParseError::NotAFeed("no RSS, Atom or JSON Feed root element".to_string()),
        other => ParseError::Malformed(tidy_xml_error(&other.to_string())),
    })?;
    let version = if version.is_empty() {
        match feed.feed_type {
            feed_rs::model::FeedType::Atom => "atom",
            feed_rs::model::FeedType::JSON => "json1",
            feed_rs::model::FeedType::RSS0 => "rss",
            feed_rs::model::FeedType::RSS1 => "rss10",
            feed_rs::model::FeedType::RSS2 => "rss20",
        }
        .to_string()
    } else {
        version
    };
    Ok(ParsedFeed {
        version,
        bozo: bad_bytes,
        bozo_exception: bad_bytes.then(|| "bytes invalid for the declared encoding".to_string()),
        feed: map_meta(&feed),
        entries: feed.entries.iter().map(map_entry).collect(),
    })
}

/// feed-rs's messages stack three prefixes; the reader needs only the last, on one line.
fn tidy_xml_error(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    let mut rest = line;
    for prefix in ["unable to parse XML:", "Parser error:", "syntax error:"] {
        rest = rest
            .trim_start()
            .strip_prefix(prefix)
            .unwrap_or(rest)
            .trim_start();
    }
    rest.replace('`', "'")
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<!doctype html") || head.contains("<html")
}

/// The feed's version in feedparser's vocabulary, read from the root element.
fn detect_version(text: &str) -> String {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        return if trimmed.contains("jsonfeed.org/version/1.1") {
            "json11".into()
        } else if trimmed.contains("jsonfeed.org/version/1") {
            "json1".into()
        } else {
            String::new()
        };
    }
    let Some(root) = root_tag(text) else {
        return String::new();
    };
    let lower = root.to_ascii_lowercase();
    let attr = |name: &str| attr_value(&lower, name);
    if lower.starts_with("<rss") {
        return match attr("version").as_deref() {
            Some("2.0") | Some("2.0.1") | Some("2.0.11") => "rss20",
            Some("0.91") if text.contains("netscape.com/publish/formats/rss-0.91") => "rss091n",
            Some("0.91") => "rss091u",
            Some("0.92") => "rss092",
            Some("0.93") => "rss093",
            Some("0.94") => "rss094",
            _ => "rss",
        }
        .into();
    }
    if lower.starts_with("<rdf:rdf") || lower.starts_with("<rdf") {
        return if lower.contains("my.netscape.com/rdf/simple/0.9") {
            "rss090".into()
        } else {
            "rss10".into()
        };
    }
    if lower.starts_with("<feed") {
        if lower.contains("http://www.w3.org/2005/atom") {
            return "atom10".into();
        }
        return match attr("version").as_deref() {
            Some("0.1") => "atom01",
            Some("0.2") => "atom02",
            Some("0.3") => "atom03",
            _ => "atom",
        }
        .into();
    }
    if lower.starts_with("<channel") {
        return "cdf".into();
    }
    String::new()
}

/// The first start tag that is not a declaration, comment or processing instruction.
fn root_tag(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        let start = rest.find('<')?;
        rest = &rest[start..];
        if rest.starts_with("<?") || rest.starts_with("<!") {
            let end = if rest.starts_with("<!--") {
                rest.find("-->")? + 3
            } else {
                rest.find('>')? + 1
            };
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('>')?;
        return Some(&rest[..=end]);
    }
}

fn attr_value(tag: &str, name: &str) -> Option<String> {
    let mut search = tag;
    while let Some(pos) = search.find(name) {
        let before_ok = search[..pos]
            .chars()
            .last()
            .is_some_and(|c| c.is_whitespace());
        let after = search[pos + name.len()..].trim_start();
        if before_ok && let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let inner = &v[1..];
                return inner.find(q).map(|e| inner[..e].to_string());
            }
        }
        search = &search[pos + name.len()..];
    }
    None
}

/// Seconds since the epoch (what feed-rs's chrono dates give) to a jiff timestamp.
fn ts(secs: Option<i64>) -> Option<Timestamp> {
    secs.and_then(|s| Timestamp::from_second(s).ok())
}

fn mime(m: &impl std::fmt::Display) -> String {
    let s = m.to_string();
    s.split(';').next().unwrap_or("").trim().to_string()
}

/// Plain text of a feed-rs text field: markup removed and entities decoded for HTML-typed text.
fn plain(t: &feed_rs::model::Text) -> String {
    clean_inline(&t.content)
}

fn nonempty(s: String) -> Option<String> {
    Some(s)
}

fn map_person(p: &feed_rs::model::Person) -> Person {
    let name = p.name.as_deref().map(clean_inline).unwrap_or_default();
    Person {
        name: (!name.is_empty()).then_some(name),
        email: p.email.clone(),
        uri: p.uri.clone(),
    }
}

fn map_link(l: &feed_rs::model::Link) -> Link {
    Link {
        href: l.href.clone(),
        rel: l.rel.clone().unwrap_or_else(|| "alternate".to_string()),
        media_type: l.media_type.clone(),
        length: l.length,
    }
}

fn alternate(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel == "alternate")
        .map(|l| l.href.clone())
}

fn map_meta(f: &feed_rs::model::Feed) -> FeedMeta {
    let links: Vec<Link> = f.links.iter().map(map_link).collect();
    FeedMeta {
        title: f.title.as_ref().map(plain).and_then(nonempty),
        link: alternate(&links).or_else(|| links.first().map(|l| l.href.clone())),
        subtitle: f.description.as_ref().map(plain),
        language: f.language.clone(),
        updated: ts(f.updated.map(|d| d.timestamp())),
        authors: f.authors.iter().map(map_person).collect(),
        id: (!f.id.is_empty()).then(|| f.id.clone()),
        published: ts(f.published.map(|d| d.timestamp())),
        links,
        categories: f.categories.iter().map(|c| c.term.clone()).collect(),
    }
}

fn map_entry(e: &feed_rs::model::Entry) -> Entry {
    let mut links: Vec<Link> = e.links.iter().map(map_link).collect();
    let mut enclosures: Vec<Enclosure> = links
        .iter()
        .filter(|l| l.rel == "enclosure")
        .map(|l| Enclosure {
            href: l.href.clone(),
            media_type: l.media_type.clone(),
            length: l.length,
        })
        .collect();
    for m in &e.media {
        for c in &m.content {
            if let Some(url) = &c.url {
                let href = url.to_string();
                if !enclosures.iter().any(|x| x.href == href) {
                    enclosures.push(Enclosure {
                        href,
                        media_type: c.content_type.as_ref().map(mime),
                        length: c.size,
                    });
                }
            }
        }
    }
    let link = alternate(&links);
    if link.is_none() && links.is_empty() && e.id.starts_with("http") {
        // A permalink GUID stands in for a missing <link>, as feedparser does.
        links.push(Link {
            href: e.id.clone(),
            rel: "alternate".into(),
            media_type: None,
            length: None,
        });
    }
    let content = e
        .content
        .iter()
        .filter_map(|c| {
            c.body.as_ref().map(|b| Content {
                value: b.trim().to_string(),
                media_type: mime(&c.content_type),
            })
        })
        .collect();
    Entry {
        id: (!e.id.is_empty()).then(|| e.id.clone()),
        title: e.title.as_ref().map(plain),
        link: alternate(&links),
        links,
        published: ts(e.published.map(|d| d.timestamp())),
        updated: ts(e.updated.map(|d| d.timestamp())),
        summary: e.summary.as_ref().map(|s| s.content.trim().to_string()),
        content,
        authors: e.authors.iter().map(map_person).collect(),
        categories: e.categories.iter().map(|c| c.term.clone()).collect(),
        enclosures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss2_with_entities() {
        let xml = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<link>https://ex.com/</link>
<item><title>It&#x27;s &amp;amp; done</title><link>https://ex.com/a</link><guid isPermaLink="false">g1</guid>
<pubDate>Wed, 03 Sep 2025 12:42:00 +0000</pubDate><description>&lt;p&gt;Hi&lt;/p&gt;</description></item>
</channel></rss>"#;
        let f = parse_feed(xml, None, None).expect("parses");
        assert_eq!(f.version, "rss20");
        assert_eq!(f.feed.title.as_deref(), Some("T"));
        let e = &f.entries[0];
        assert_eq!(e.title.as_deref(), Some("It's & done"));
        assert_eq!(e.id.as_deref(), Some("g1"));
        assert_eq!(e.summary.as_deref(), Some("<p>Hi</p>"));
        assert_eq!(
            e.published.map(|t| t.to_string()).as_deref(),
            Some("2025-09-03T12:42:00Z")
        );
    }

    #[test]
    fn broken_inputs_are_errors() {
        assert_eq!(parse_feed(b"", None, None).unwrap_err(), ParseError::Empty);
        assert_eq!(
            parse_feed(b"<!DOCTYPE html><html><body>x</body></html>", None, None).unwrap_err(),
            ParseError::HtmlPage
        );
        assert!(matches!(
            parse_feed(b"<foo/>", None, None).unwrap_err(),
            ParseError::NotAFeed(_)
        ));
    }

    #[test]
    fn versions() {
        assert_eq!(
            detect_version("<?xml version='1.0'?><!-- c --><rss version=\"0.92\">"),
            "rss092"
        );
        assert_eq!(
            detect_version("<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            "atom10"
        );
        assert_eq!(
            detect_version("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">"),
            "atom03"
        );
        assert_eq!(
            detect_version("{\"version\": \"https://jsonfeed.org/version/1.1\"}"),
            "json11"
        );
        assert_eq!(
            detect_version("<rdf:RDF xmlns=\"http://purl.org/rss/1.0/\">"),
            "rss10"
        );
    }
}
