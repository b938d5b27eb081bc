//! Feed autodiscovery: the feeds a web page announces with `<link rel="alternate">`, so a
//! reader can subscribe by giving a site's address instead of hunting for its feed.

use scraper::{Html, Selector};

/// Feed types a page may announce.
const FEED_TYPES: &[&str] = &[
    "application/atom+xml",
    "application/rss+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "text/xml",
    "application/xml",
];

/// A feed a page announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announced {
    /// Absolute URL.
    pub url: String,
    pub title: Option<String>,
}

/// The feeds an HTML page links to with `<link rel="alternate" type="…">`, resolved against
/// `base`, in page order (Atom and RSS before the rest), without duplicates. Only http(s).
pub fn announced_feeds(html: &str, base: &str) -> Vec<Announced> {
    let Ok(base) = url::Url::parse(base) else {
        return Vec::new();
    };
    let doc = Html::parse_document(html);
    let Ok(links) = Selector::parse("link[href]") else {
        return Vec::new();
    };
    let mut found: Vec<(usize, Announced)> = Vec::new();
    for link in doc.select(&links) {
        let el = link.value();
        let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
        if !rel.split_whitespace().any(|r| r == "alternate") {
            continue;
        }
        let kind = el.attr("type").unwrap_or("").trim().to_ascii_lowercase();
        let Some(rank) = FEED_TYPES.iter().position(|t| *t == kind) else {
            continue;
        };
        let Some(url) = el
            .attr("href")
            .and_then(|h| base.join(h.trim()).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
        else {
            continue;
        };
        let url = url.to_string();
        if found.iter().any(|(_, a)| a.url == url) {
            continue;
        }
        let title = el
            .attr("title")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        // Atom and RSS first (the formats every reader handles), then the rest.
        found.push((usize::from(rank >= 2), Announced { url, title }));
    }
    // Stable: page order within the same rank.
    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().map(|(_, a)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_announced_feeds_resolved_and_ranked() {
        let html = r#"<!doctype html><html><head>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/json" href="/feed.json" title="JSON">
            <link rel="alternate" type="application/rss+xml" href="/rss.xml" title=" Site RSS ">
            <link rel="alternate" type="application/atom+xml" href="https://cdn.example.com/atom.xml">
            <link rel="alternate" type="application/rss+xml" href="/rss.xml">
            <link rel="alternate" hreflang="fr" href="/fr/">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            </head><body><a href="/other.xml">not announced</a></body></html>"#;
        let feeds = announced_feeds(html, "https://example.com/blog/");
        assert_eq!(
            feeds,
            [
                Announced {
                    url: "https://example.com/rss.xml".into(),
                    title: Some("Site RSS".into())
                },
                Announced {
                    url: "https://cdn.example.com/atom.xml".into(),
                    title: None
                },
                Announced {
                    url: "https://example.com/feed.json".into(),
                    title: Some("JSON".into())
                },
            ]
        );
        assert!(
            announced_feeds("<html><body>nothing</body></html>", "https://example.com/").is_empty()
        );
    }
}
