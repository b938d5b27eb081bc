//! From an XML tree to a [`ParsedFeed`]: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and CDF, with the
//! element aliases, content modes and author spellings that feedparser's test corpus covers.

use base64::Engine;

use super::date;
use super::stream::Stream;
use super::xml::{Document, Element};
use crate::model::{Entry, FeedMeta, Link, ParsedFeed, Person};
use crate::text::{clean_inline, inline_text};

pub(super) const ATOM10: &str = "http://www.w3.org/2005/Atom";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
pub(super) const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub(super) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// The short name feedparser gives a namespace; "" for RSS's own (and no namespace).
pub(super) fn prefix(ns: Option<&str>) -> &str {
    let Some(ns) = ns else { return "" };
    match ns.to_ascii_lowercase().trim_end_matches('/') {
        "http://backend.userland.com/rss"
        | "http://backend.userland.com/rss2"
        | "http://blogs.law.harvard.edu/tech/rss"
        | "http://purl.org/rss/1.0"
        | "http://my.netscape.com/rdf/simple/0.9"
        | "http://channel.netscape.com/rdf/simple/0.9"
        | "http://purl.org/net/rss1.1#" => "",
        "http://www.w3.org/2005/atom" | "http://purl.org/atom/ns#" => "atom",
        "http://purl.org/dc/elements/1.1" | "http://purl.org/dc/elements/1.0" => "dc",
        "http://purl.org/dc/terms" => "dcterms",
        "http://purl.org/rss/1.0/modules/content" => "content",
        "http://www.itunes.com/dtds/podcast-1.0.dtd"
        | "http://example.com/dtds/podcast-1.0.dtd" => "itunes",
        "http://search.yahoo.com/mrss" => "media",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#" => "rdf",
        "http://www.w3.org/1999/xhtml" => "xhtml",
        "http://rssnamespace.org/feedburner/ext/1.0" => "feedburner",
        _ => "?",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Rss,
    Atom,
    Cdf,
}

/// True when `el` is `pre:local`. The core vocabulary (`pre` = "") also matches Atom elements
/// in an Atom document and elements in the root's own namespace, whatever URI a feed chose.
fn is(kind: Kind, root_ns: Option<&str>, el: &Element, pre: &str, local: &str) -> bool {
    if el.local != local {
        return false;
    }
    let p = prefix(el.ns.as_deref());
    p == pre
        || (pre.is_empty() && kind == Kind::Atom && p == "atom")
        || (pre.is_empty() && matches!(p, "?" | "xhtml") && el.ns.as_deref() == root_ns)
}

/// The first `rss`, `feed` or `rdf:RDF` element inside an XHTML page (breadth-first, a few
/// levels deep: the page's body or a wrapper in it).
fn wrapped_feed(html: &Element) -> Option<&Element> {
    let mut level: Vec<&Element> = vec![html];
    for _ in 0..6 {
        let mut next = Vec::new();
        for e in level {
            for c in e.elements() {
                if matches!(c.local.as_str(), "rss" | "feed" | "rdf") {
                    return Some(c);
                }
                next.push(c);
            }
        }
        level = next;
    }
    None
}

/// The feed's kind and feedparser's name for its version ("rss20", "atom10", "rss090"), or
/// `None` when the root is not a feed.
fn kind_and_version(doc: &Document, root: &Element) -> Option<(Kind, &'static str)> {
    let root_prefix = prefix(root.ns.as_deref());
    Some(match root.local.as_str() {
        "rss" => {
            let v = match root.attr("version").map(str::trim) {
                Some(v) if v.starts_with('2') => "rss20",
                Some("0.91") => {
                    if doc
                        .doctype
                        .as_deref()
                        .is_some_and(|d| d.to_ascii_lowercase().contains("netscape"))
                    {
                        "rss091n"
                    } else {
                        "rss091u"
                    }
                }
                Some("0.92") => "rss092",
                Some("0.93") => "rss093",
                Some("0.94") => "rss094",
                _ => "rss",
            };
            (Kind::Rss, v)
        }
        "rdf" if root.ns.as_deref() == Some(RDF) || root_prefix == "rdf" => {
            // The channel's namespace, else the default one the root declares (a 0.90
            // document may have no channel at all).
            let channel_ns = root
                .elements()
                .find(|e| e.local == "channel")
                .and_then(|c| c.ns.as_deref().map(str::to_string))
                .or_else(|| root.attr("xmlns").map(str::to_string));
            let v = match channel_ns.as_deref() {
                Some(ns) if ns.contains("netscape.com/rdf/simple/0.9") => "rss090",
                _ => "rss10",
            };
            (Kind::Rss, v)
        }
        "feed" => {
            let v = if root.ns.as_deref() == Some(ATOM10) {
                "atom10"
            } else {
                match root.attr("version") {
                    Some("0.1") => "atom01",
                    Some("0.2") => "atom02",
                    Some("0.3") => "atom03",
                    _ => "atom",
                }
            };
            (Kind::Atom, v)
        }
        "channel" => (Kind::Cdf, "cdf"),
        _ => return None,
    })
}

/// Maps a document read with `stream` as its sink (the entries it took and those left in the
/// tree, in document order); `None` when its root is not a feed.
pub fn map(doc: &Document, doc_url: Option<&url::Url>, stream: Stream) -> Option<ParsedFeed> {
    let root = doc.root.as_ref()?;
    // A feed wrapped in an XHTML page (some blog platforms serve their feed inside <html>):
    // the first feed element in the page is the document's feed. A page with none is no feed.
    let root = if root.local == "html" {
        wrapped_feed(root)?
    } else {
        root
    };
    let (kind, version) = kind_and_version(doc, root)?;
    let atom03 = matches!(version, "atom01" | "atom02" | "atom03");
    let (channel, item_parent): (&Element, &Element) = match kind {
        Kind::Rss if root.local == "rss" => {
            let ch = root
                .elements()
                .find(|e| e.local == "channel")
                .unwrap_or(root);
            (ch, ch)
        }
        Kind::Rss => (
            root.elements()
                .find(|e| e.local == "channel")
                .unwrap_or(root),
            root,
        ),
        _ => (root, root),
    };
    // xml:base on the root and the channel applies to every link below them.
    let mut feed_base = base_of(doc_url, root);
    if !std::ptr::eq(channel, root) {
        feed_base = base_of(feed_base.as_ref(), channel);
    }
    let m = Mapper {
        kind,
        atom03,
        root_ns: root.ns.as_deref().map(str::to_string),
        feed_base,
    };
    let mut feed = m.meta(channel, root);
    let item_name = match kind {
        Kind::Atom => "entry",
        _ => "item",
    };
    let collect = |parent: &Element, into: &mut Vec<Entry>| {
        for e in parent.elements().filter(|e| e.local == item_name) {
            into.push(m.entry(e));
        }
    };
    // Streamed RSS 2.0 items came from the channel, before any beside it; streamed items of
    // other kinds came after any the tree kept (an RSS 1.0 item before its channel).
    // (Moved, not copied: the streamed entries of a big feed are most of its memory.)
    let mut streamed = stream.entries;
    let mut entries: Vec<Entry> = if root.local == "rss" {
        std::mem::take(&mut streamed)
    } else {
        Vec::new()
    };
    collect(item_parent, &mut entries);
    if kind == Kind::Rss && root.local == "rss" && !std::ptr::eq(root, item_parent) {
        // Some RSS 0.9x feeds put items beside the channel rather than in it.
        collect(root, &mut entries);
    }
    if entries.is_empty() {
        entries = streamed;
    } else {
        entries.append(&mut streamed);
    }
    if kind == Kind::Rss && item_parent.local == "rdf" && entries.is_empty() {
        collect(channel, &mut entries);
    }
    if feed.language.is_none() {
        feed.language = root
            .attr_ns(XML_NS, "lang")
            .or_else(|| channel.attr_ns(XML_NS, "lang"))
            .map(lang);
    }
    Some(ParsedFeed::well_formed(version, feed, entries))
}

fn lang(s: &str) -> String {
    s.trim().replace('_', "-")
}

pub(super) struct Mapper {
    pub(super) kind: Kind,
    pub(super) atom03: bool,
    pub(super) root_ns: Option<String>,
    /// The base URI of the feed's links: the document's URL with the root's and channel's
    /// `xml:base` applied.
    pub(super) feed_base: Option<url::Url>,
}

/// An element's base URI: its `xml:base` resolved against its parent's base (an absolute
/// `xml:base` stands alone), else the parent's.
pub(super) fn base_of(parent: Option<&url::Url>, el: &Element) -> Option<url::Url> {
    let Some(b) = el.attr_ns(XML_NS, "base").map(str::trim) else {
        return parent.cloned();
    };
    let own = match parent {
        Some(p) => p.join(b).ok(),
        None => url::Url::parse(b).ok(),
    };
    own.or_else(|| parent.cloned())
}

/// `href` made absolute against `base` when it is relative; as written otherwise.
pub(super) fn resolve(base: Option<&url::Url>, href: &str) -> String {
    match base {
        Some(b) if url::Url::parse(href).is_err() => {
            b.join(href).map_or_else(|_| href.to_string(), String::from)
        }
        _ => href.to_string(),
    }
}

pub(super) fn nonempty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A text construct: its value (markup kept for HTML) and MIME type.
pub(super) struct TextValue {
    pub(super) value: String,
    pub(super) mime: String,
}

impl TextValue {
    /// The plain text a reader sees: HTML is reduced to its text, anything else is as written.
    pub(super) fn plain(&self) -> String {
        if self.mime == "application/xhtml+xml" {
            clean_inline(&self.value)
        } else if self.mime == "text/html" {
            // Parsed as HTML only when it holds real markup: "Vec<T>" is a word.
            inline_text(&self.value)
        } else {
            self.value.trim().to_string()
        }
    }
}

impl Mapper {
    pub(super) fn is(&self, el: &Element, pre: &str, local: &str) -> bool {
        is(self.kind, self.root_ns.as_deref(), el, pre, local)
    }

    pub(super) fn find<'e>(
        &self,
        parent: &'e Element,
        names: &[(&str, &str)],
    ) -> Option<&'e Element> {
        names
            .iter()
            .find_map(|(p, l)| parent.elements().find(|e| self.is(e, p, l)))
    }

    /// Reads a text construct (Atom) or an RSS text element, by the rules of its `type` and
    /// `mode` attributes.
    pub(super) fn text_construct(&self, el: &Element, default_html: bool) -> TextValue {
        let ty = el.attr("type").map(|t| t.trim().to_ascii_lowercase());
        let mode = el.attr("mode").map(|m| m.trim().to_ascii_lowercase());
        let mut mime = match ty.as_deref() {
            Some("text") | Some("text/plain") => "text/plain".to_string(),
            Some("html") | Some("text/html") => "text/html".to_string(),
            Some("xhtml") | Some("application/xhtml+xml") => "application/xhtml+xml".to_string(),
            Some(other) if other.contains('/') => other.to_string(),
            _ => {
                if default_html {
                    "text/html".to_string()
                } else {
                    "text/plain".to_string()
                }
            }
        };
        // Atom 1.0: a type that is neither text nor XML means the content is base64.
        let binary = !self.atom03
            && ty.as_deref().is_some_and(|t| {
                t.contains('/')
                    && !t.starts_with("text/")
                    && !t.ends_with("+xml")
                    && !t.ends_with("/xml")
            });
        let base64 = mode.as_deref() == Some("base64") || binary;
        if base64 && ty.is_none() {
            mime = "text/plain".to_string();
        }
        let value = if base64 {
            let raw: String = el.text().chars().filter(|c| !c.is_whitespace()).collect();
            base64::engine::general_purpose::STANDARD
                .decode(raw.as_bytes())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .unwrap_or_default()
        } else if el.has_element_children() && mime == "text/html" && ty.is_some() {
            // Declared HTML but written as elements: the escaped markup is in the text.
            el.text()
        } else if el.has_element_children() && mode.as_deref() != Some("escaped") {
            if mime == "text/plain" && ty.is_none() {
                mime = "application/xhtml+xml".to_string();
            }
            let mut els = el.elements();
            match (els.next(), els.next()) {
                (Some(div), None)
                    if div.local == "div"
                        && div.ns.as_deref() == Some(XHTML)
                        && el.children.iter().all(|c| match c {
                            super::xml::Node::Text(t) => t.trim().is_empty(),
                            super::xml::Node::Element(_) => true,
                        })
                        && mime == "application/xhtml+xml"
                        && !self.atom03 =>
                {
                    div.inner_xml()
                }
                _ => el.inner_xml(),
            }
        } else {
            el.text()
        };
        if self.atom03 && ty.is_none() && !base64 && mime == "text/plain" && looks_like_html(&value)
        {
            mime = "text/html".to_string();
        }
        TextValue {
            value: value.trim().to_string(),
            mime,
        }
    }

    /// A plain-text field: title, subtitle, category.
    pub(super) fn plain(&self, el: &Element) -> String {
        let default_html = self.kind != Kind::Atom || self.atom03;
        let tv = self.text_construct(el, default_html);
        if !tv.value.contains('<') && !tv.value.contains('&') {
            tv.value.trim().to_string()
        } else {
            tv.plain()
        }
    }

    pub(super) fn persons(&self, parent: &Element) -> Vec<Person> {
        let mut out: Vec<Person> = Vec::new();
        for e in parent.elements() {
            let p = if self.is(e, "atom", "author")
                || (self.kind == Kind::Atom && self.is(e, "", "author"))
            {
                let get = |names: &[&str]| {
                    e.elements()
                        .find(|c| names.contains(&c.local.as_str()))
                        .and_then(|c| nonempty(c.text()))
                };
                let person = Person {
                    name: get(&["name"]).map(|n| clean_inline(&n)),
                    email: get(&["email"]),
                    uri: get(&["uri", "url", "homepage"]),
                };
                if person.name.is_none() && person.email.is_none() && person.uri.is_none() {
                    match nonempty(e.text()) {
                        Some(t) => split_person(&t),
                        None => continue,
                    }
                } else {
                    person
                }
            } else if (self.kind != Kind::Atom && self.is(e, "", "author"))
                || self.is(e, "", "managingeditor")
                || self.is(e, "dc", "creator")
                || self.is(e, "dc", "author")
                || self.is(e, "itunes", "author")
            {
                match nonempty(e.text()) {
                    Some(t) => split_person(&t),
                    None => continue,
                }
            } else {
                continue;
            };
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }

    pub(super) fn links(&self, parent: &Element, base: Option<&url::Url>) -> Vec<Link> {
        let mut out = Vec::new();
        for e in parent.elements() {
            let atom_link =
                self.is(e, "atom", "link") || (self.kind == Kind::Atom && self.is(e, "", "link"));
            let link_base = base_of(base, e);
            if atom_link {
                // Atom 0.3 feeds sometimes put the URL in the element's text.
                let text = e.text();
                let href = e.attr("href").map(str::trim);
                let href = match href {
                    // `href=""` is a reference to the base itself.
                    Some("") => link_base.as_ref().map(|b| b.to_string()),
                    Some(h) => Some(resolve(link_base.as_ref(), h)),
                    None => None,
                };
                let Some(href) = href.or_else(|| {
                    Some(text.trim())
                        .filter(|t| !t.is_empty())
                        .map(|t| resolve(link_base.as_ref(), t))
                }) else {
                    continue;
                };
                let rel = e
                    .attr("rel")
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .unwrap_or("alternate")
                    .to_string();
                // A feed's link to itself is, unless it says otherwise, an Atom document.
                let default_type = (rel == "self").then(|| "application/atom+xml".to_string());
                out.push(Link {
                    href,
                    rel,
                    media_type: e.attr("type").map(str::to_string).or(default_type),
                    length: e.attr("length").and_then(|l| l.trim().parse().ok()),
                });
            } else if self.kind != Kind::Atom
                && self.is(e, "", "link")
                && let Some(href) = nonempty(e.text())
            {
                out.push(Link {
                    href: resolve(link_base.as_ref(), &href),
                    rel: "alternate".into(),
                    media_type: Some("text/html".into()),
                    length: None,
                });
            } else if self.kind == Kind::Rss
                && self.is(e, "", "enclosure")
                && let Some(url) = e.attr("url").map(str::trim).filter(|u| !u.is_empty())
            {
                // An RSS enclosure is also a link, in document order, as feedparser lists it.
                out.push(Link {
                    href: resolve(link_base.as_ref(), url),
                    rel: "enclosure".into(),
                    media_type: e.attr("type").map(str::to_string),
                    length: e.attr("length").and_then(|l| l.trim().parse().ok()),
                });
            }
        }
        if self.kind == Kind::Cdf
            && let Some(href) = parent.attr("href")
        {
            out.insert(
                0,
                Link {
                    href: href.trim().to_string(),
                    rel: "alternate".into(),
                    media_type: Some("text/html".into()),
                    length: None,
                },
            );
        }
        out
    }

    pub(super) fn categories(&self, parent: &Element) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |t: String| {
            let t = t.trim().to_string();
            if !t.is_empty() && !out.contains(&t) {
                out.push(t);
            }
        };
        for e in parent.elements() {
            if self.is(e, "atom", "category")
                || (self.kind == Kind::Atom && self.is(e, "", "category"))
            {
                if let Some(t) = e.attr("term").or_else(|| e.attr("label")) {
                    add(t.to_string());
                } else {
                    add(e.text());
                }
            } else if self.is(e, "", "category") || self.is(e, "dc", "subject") {
                add(clean_inline(&e.text()));
            } else if self.is(e, "itunes", "category") {
                let mut stack = vec![e];
                while let Some(c) = stack.pop() {
                    if let Some(t) = c.attr("text") {
                        add(t.to_string());
                    }
                    let kids: Vec<&Element> = c
                        .elements()
                        .filter(|k| self.is(k, "itunes", "category"))
                        .collect();
                    stack.extend(kids.into_iter().rev());
                }
            } else if self.is(e, "itunes", "keywords") || self.is(e, "", "tags") {
                for k in e.text().split(',') {
                    add(k.to_string());
                }
            } else if self.is(e, "media", "category") {
                add(e.text());
            }
        }
        out
    }

    pub(super) fn date(&self, parent: &Element, names: &[(&str, &str)]) -> Option<jiff::Timestamp> {
        // When an element repeats, the last one wins, as in feedparser.
        names.iter().find_map(|(p, l)| {
            parent
                .elements()
                .filter(|e| self.is(e, p, l))
                .filter_map(|e| date::parse(&e.text()))
                .last()
        })
    }

    pub(super) fn meta(&self, ch: &Element, root: &Element) -> FeedMeta {
        let links = self.links(ch, self.feed_base.as_ref());
        let title = self
            .find(ch, &[("", "title"), ("dc", "title")])
            .map(|e| self.plain(e));
        let subtitle = self
            .find(
                ch,
                &[
                    ("", "subtitle"),
                    ("", "tagline"),
                    ("", "description"),
                    ("dc", "description"),
                    ("", "abstract"),
                    ("itunes", "subtitle"),
                    ("itunes", "summary"),
                ],
            )
            .map(|e| self.plain(e));
        let language = self
            .find(ch, &[("", "language"), ("dc", "language")])
            .and_then(|e| nonempty(e.text()))
            .map(|l| lang(&l));
        let id = match self.kind {
            Kind::Atom => self
                .find(ch, &[("", "id")])
                .and_then(|e| nonempty(e.text())),
            _ => None,
        };
        let _ = root;
        FeedMeta {
            title,
            link: links
                .iter()
                .find(|l| l.rel == "alternate")
                .map(|l| l.href.clone()),
            subtitle,
            language,
            updated: self
                .date(
                    ch,
                    &[
                        ("", "updated"),
                        ("", "modified"),
                        ("", "lastbuilddate"),
                        ("dc", "date"),
                        ("dcterms", "modified"),
                        ("atom", "updated"),
                    ],
                )
                .or_else(|| {
                    // CDF dates its channel with a LASTMOD attribute.
                    (self.kind == Kind::Cdf)
                        .then(|| ch.attr("lastmod").and_then(date::parse))
                        .flatten()
                }),
            authors: self.persons(ch),
            id,
            published: self.date(
                ch,
                &[
                    ("", "published"),
                    ("", "issued"),
                    ("", "pubdate"),
                    ("dcterms", "issued"),
                ],
            ),
            links,
            categories: self.categories(ch),
        }
    }
}

fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
        || s.contains("&amp;")
        || s.contains("&lt;")
        || s.contains("&#")
}

/// "Jane Doe (jane@example.com)", "jane@example.com (Jane Doe)", "Jane <jane@example.com>",
/// or just a name or an address.
pub fn split_person(s: &str) -> Person {
    let s = s.trim();
    let email_token = s
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '<' || c == '>')
        .map(|t| t.trim_start_matches("mailto:"))
        .find(|t| t.contains('@') && t.len() > 2);
    match email_token {
        Some(email) => {
            let rest = s.replacen(email, "", 1).replace("mailto:", "");
            let name = rest
                .trim()
                .trim_matches(|c: char| {
                    c == '(' || c == ')' || c == '<' || c == '>' || c.is_whitespace()
                })
                .to_string();
            Person {
                name: (!name.is_empty()).then(|| clean_inline(&name)),
                email: Some(email.to_string()),
                uri: None,
            }
        }
        None => Person {
            name: Some(clean_inline(s)),
            email: None,
            uri: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_items_keep_document_order_wherever_they_sit() {
        let titles = |xml: &str| -> Vec<String> {
            let f = crate::parse::parse_feed(xml.as_bytes(), None, Some("https://ex.com/feed"))
                .expect("feed");
            f.entries.into_iter().filter_map(|e| e.title).collect()
        };
        // RSS 2.0: the channel's items (streamed), then items beside the channel (kept).
        let rss = r#"<rss version="2.0"><channel><title>c</title>
            <item><title>a</title></item><item><title>b</title></item></channel>
            <item><title>z</title></item></rss>"#;
        assert_eq!(titles(rss), ["a", "b", "z"]);
        // RSS 1.0: an item before the channel (kept in the tree), then those after (streamed).
        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <item><title>first</title></item><channel><title>c</title></channel>
            <item><title>second</title></item><item><title>third</title></item></rdf:RDF>"#;
        assert_eq!(titles(rdf), ["first", "second", "third"]);
        // Atom with xml:base on the root: streamed entries resolve against it.
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://other.org/x/">
            <title>t</title><entry><title>e</title><link href="p/1"/></entry></feed>"#;
        let f = crate::parse::parse_feed(atom.as_bytes(), None, None).expect("atom");
        assert_eq!(
            f.entries[0].link.as_deref(),
            Some("https://other.org/x/p/1")
        );
    }

    #[test]
    fn feedburner_orig_link_wins() {
        let xml = r#"<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><item>
<title>T</title><link>http://feedproxy.google.com/~r/ex/~3/abc/</link>
<feedburner:origLink>https://example.com/story</feedburner:origLink></item></channel></rss>"#;
        let f = map(&super::super::xml::parse(xml), None, Stream::new(None)).expect("feed");
        assert_eq!(
            f.entries[0].link.as_deref(),
            Some("https://example.com/story")
        );
    }

    #[test]
    fn authors_split() {
        let p = split_person("Example editor (me@example.com)");
        assert_eq!(
            (p.name.as_deref(), p.email.as_deref()),
            (Some("Example editor"), Some("me@example.com"))
        );
        let p = split_person("me@example.com (Example editor)");
        assert_eq!(
            (p.name.as_deref(), p.email.as_deref()),
            (Some("Example editor"), Some("me@example.com"))
        );
        let p = split_person("Jane <jane@example.com>");
        assert_eq!(
            (p.name.as_deref(), p.email.as_deref()),
            (Some("Jane"), Some("jane@example.com"))
        );
        let p = split_person("Just A Name");
        assert_eq!((p.name.as_deref(), p.email), (Some("Just A Name"), None));
    }
}
