//! JSON Feed 1.0 and 1.1 to a [`ParsedFeed`].

use serde_json::Value;

use super::date;
use crate::model::{Content, Enclosure, Entry, FeedMeta, Link, ParsedFeed, Person};
use crate::text::{clean_inline, collapse_ws};

fn s(v: &Value, key: &str) -> Option<String> {
    match v.get(key) {
        Some(Value::String(x)) => Some(x.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn persons(v: &Value) -> Vec<Person> {
    let one = |a: &Value| Person {
        name: s(a, "name").map(|n| clean_inline(&n)),
        email: None,
        uri: s(a, "url"),
    };
    match (v.get("authors"), v.get("author")) {
        (Some(Value::Array(list)), _) => list.iter().map(one).collect(),
        (_, Some(a @ Value::Object(_))) => vec![one(a)],
        _ => Vec::new(),
    }
}

/// Maps a JSON Feed document; `None` when it is JSON but not a JSON Feed.
pub fn map(doc: &Value) -> Option<ParsedFeed> {
    let version_url = s(doc, "version")?;
    let version = if version_url.contains("jsonfeed.org/version/1.1") {
        "json11"
    } else if version_url.contains("jsonfeed.org/version/1") {
        "json1"
    } else {
        return None;
    };
    let mut links = Vec::new();
    if let Some(home) = s(doc, "home_page_url") {
        links.push(Link {
            href: home,
            rel: "alternate".into(),
            media_type: Some("text/html".into()),
            length: None,
        });
    }
    if let Some(feed_url) = s(doc, "feed_url") {
        links.push(Link {
            href: feed_url,
            rel: "self".into(),
            media_type: Some("application/feed+json".into()),
            length: None,
        });
    }
    let feed = FeedMeta {
        title: s(doc, "title").map(|t| collapse_ws(&t)),
        link: s(doc, "home_page_url"),
        subtitle: s(doc, "description").map(|t| clean_inline(&t)),
        language: s(doc, "language"),
        updated: None,
        authors: persons(doc),
        id: None,
        published: None,
        links,
        categories: Vec::new(),
    };
    let entries = doc
        .get("items")
        .and_then(Value::as_array)
        .map(|items| items.iter().map(entry).collect())
        .unwrap_or_default();
    Some(ParsedFeed::well_formed(version, feed, entries))
}

fn entry(item: &Value) -> Entry {
    let mut links = Vec::new();
    if let Some(url) = s(item, "url") {
        links.push(Link {
            href: url,
            rel: "alternate".into(),
            media_type: Some("text/html".into()),
            length: None,
        });
    }
    if let Some(ext) = s(item, "external_url") {
        links.push(Link {
            href: ext,
            rel: "related".into(),
            media_type: None,
            length: None,
        });
    }
    let mut content = Vec::new();
    if let Some(html) = s(item, "content_html") {
        content.push(Content {
            value: html,
            media_type: "text/html".into(),
        });
    }
    if let Some(text) = s(item, "content_text") {
        content.push(Content {
            value: text,
            media_type: "text/plain".into(),
        });
    }
    let enclosures = item
        .get("attachments")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|a| {
                    Some(Enclosure {
                        href: s(a, "url")?,
                        media_type: s(a, "mime_type"),
                        length: a.get("size_in_bytes").and_then(Value::as_u64),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Entry {
        id: s(item, "id"),
        // JSON Feed titles are plain text: "Why <script> tags…" is a headline, not markup.
        title: s(item, "title").map(|t| collapse_ws(&t)),
        link: s(item, "url"),
        links,
        published: s(item, "date_published").and_then(|d| date::parse(&d)),
        updated: s(item, "date_modified").and_then(|d| date::parse(&d)),
        summary: s(item, "summary"),
        content,
        authors: persons(item),
        categories: item
            .get("tags")
            .and_then(Value::as_array)
            .map(|t| {
                t.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        enclosures,
        language: s(item, "language"),
    }
}
