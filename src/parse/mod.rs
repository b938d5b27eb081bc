//! Parse stage: raw feed bytes to a [`ParsedFeed`], whatever the format (RSS 0.9x/1.0/2.0, Atom
//! 0.3/1.0, CDF, JSON Feed) and charset.
//!
//! herald's own parser, because the web's feeds are not well-formed often enough that a strict
//! one loses real news: [`charset`] decodes the bytes, [`xml`] reads the markup forgivingly,
//! `feed` maps RSS/Atom/CDF elements to our schema the way feedparser does, [`date`] reads every
//! date dialect seen in the wild, `json` reads JSON Feed.

pub mod charset;
mod codepages;
pub mod date;
pub mod discover;
pub mod entities;
mod entry;
mod feed;
mod json;
pub mod sanitize;
mod stream;
pub mod xml;
mod xml_write;

use crate::model::ParsedFeed;

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

/// Parses one document. `content_type` is the HTTP header, if any; `base_url` resolves
/// relative links.
///
/// Never panics. A document that is not well-formed but still holds a feed comes back with
/// `bozo: true` and everything that could be recovered; only input with no feed in it at all
/// is an error.
pub fn parse_feed(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: Option<&str>,
) -> Result<ParsedFeed, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let (text, charset_note) = charset::decode(bytes, content_type);
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let mut parsed = if trimmed.starts_with('{') {
        let value: serde_json::Value = serde_json::from_str(trimmed)
            .map_err(|e| ParseError::Malformed(format!("invalid JSON: {e}")))?;
        json::map(&value)
            .ok_or_else(|| ParseError::NotAFeed("JSON without a JSON Feed version".to_string()))?
    } else {
        let doc_url = base_url.and_then(|b| url::Url::parse(b).ok());
        let mut stream = stream::Stream::for_text(doc_url.clone(), &text);
        let doc = xml::parse_with(&text, &mut stream);
        match feed::map(&doc, doc_url.as_ref(), stream) {
            Some(mut f) => {
                if let Some(e) = doc.error {
                    f.bozo = true;
                    f.bozo_exception = Some(e);
                }
                f
            }
            None if looks_like_html(&text) => return Err(ParseError::HtmlPage),
            None => {
                return Err(match doc.error {
                    Some(e) if doc.root.is_none() => ParseError::Malformed(e),
                    _ => ParseError::NotAFeed("no RSS, Atom or JSON Feed root element".to_string()),
                });
            }
        }
    };
    if let Some(note) = charset_note
        && !parsed.bozo
    {
        parsed.bozo = true;
        parsed.bozo_exception = Some(note);
    }
    if let Some(base) = base_url.and_then(|b| url::Url::parse(b).ok()) {
        resolve_links(&mut parsed, &base);
    }
    sanitize::feed(&mut parsed);
    Ok(parsed)
}

/// Whether a bozo reason is only about form (an undeclared namespace prefix, an unknown
/// encoding label on text that decoded cleanly): the feed was read whole, so the reader need
/// not be warned about it.
pub fn is_cosmetic(bozo_exception: &str) -> bool {
    let reason = bozo_exception
        .split_once(": ")
        .filter(|(line, _)| line.starts_with("line "))
        .map_or(bozo_exception, |(_, r)| r);
    reason.starts_with("undeclared namespace prefix") || reason.starts_with("unknown encoding")
}

/// Makes relative links absolute against the document's URL.
fn resolve_links(f: &mut ParsedFeed, base: &url::Url) {
    let fix = |s: &mut String| {
        if url::Url::parse(s).is_err()
            && let Ok(u) = base.join(s)
        {
            *s = u.to_string();
        }
    };
    if let Some(l) = f.feed.link.as_mut() {
        fix(l);
    }
    f.feed.links.iter_mut().for_each(|l| fix(&mut l.href));
    for e in &mut f.entries {
        if let Some(l) = e.link.as_mut() {
            fix(l);
        }
        e.links.iter_mut().for_each(|l| fix(&mut l.href));
        e.enclosures.iter_mut().for_each(|l| fix(&mut l.href));
    }
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<!doctype html") || head.contains("<html")
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
        assert!(!f.bozo);
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
    fn an_atom_id_that_is_a_web_address_stands_in_for_a_missing_link() {
        let xml = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><id>https://ex.com/posts/1</id></entry>
<entry><title>B</title><id>tag:ex.com,2025:2</id></entry>
<entry><title>C</title><id>https://ex.com/posts/3</id><link href="https://ex.com/c"/></entry></feed>"#;
        let f = parse_feed(xml, None, None).expect("parses");
        let links: Vec<_> = f.entries.iter().map(|e| e.link.as_deref()).collect();
        assert_eq!(
            links,
            [
                Some("https://ex.com/posts/1"),
                None,
                Some("https://ex.com/c")
            ]
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
        assert!(matches!(
            parse_feed(b"{\"a\": 1}", None, None).unwrap_err(),
            ParseError::NotAFeed(_)
        ));
        assert!(matches!(
            parse_feed(b"{oops", None, None).unwrap_err(),
            ParseError::Malformed(_)
        ));
    }

    fn version(doc: &str) -> String {
        parse_feed(doc.as_bytes(), None, None)
            .map(|f| f.version)
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn versions() {
        assert_eq!(
            version("<?xml version='1.0'?><!-- c --><rss version=\"0.92\"><channel/></rss>"),
            "rss092"
        );
        assert_eq!(
            version("<rss><channel><title>x</title></channel></rss>"),
            "rss"
        );
        assert_eq!(
            version("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"),
            "atom10"
        );
        assert_eq!(
            version("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"/>"),
            "atom03"
        );
        assert_eq!(
            version("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"),
            "json11"
        );
        assert_eq!(
            version(
                "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel/></rdf:RDF>"
            ),
            "rss10"
        );
    }

    #[test]
    fn one_broken_item_costs_only_itself() {
        let xml = b"<rss version=\"2.0\"><channel><title>T</title><item><title>Good</title></item><item><title>Bad &bogus; & x</title></item><item><title>Also good</title></item></channel></rss>";
        let f = parse_feed(xml, None, None).expect("recovered");
        assert!(f.bozo);
        let titles: Vec<_> = f.entries.iter().filter_map(|e| e.title.clone()).collect();
        assert_eq!(titles, ["Good", "Bad &bogus; & x", "Also good"]);
    }

    #[test]
    fn relative_links_resolve_against_the_document_url() {
        let xml = b"<rss version=\"2.0\"><channel><link>/</link><item><link>/a/1</link></item></channel></rss>";
        let f = parse_feed(xml, None, Some("https://ex.com/feed.xml")).expect("parses");
        assert_eq!(f.entries[0].link.as_deref(), Some("https://ex.com/a/1"));
        assert_eq!(f.feed.link.as_deref(), Some("https://ex.com/"));
    }
}
