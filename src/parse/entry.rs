//! One feed entry (RSS item, Atom entry, CDF item) to an [`Entry`]: its id, link, summary,
//! contents, enclosures and dates, with the recoveries feedparser makes.

use super::date;
use super::feed::{Kind, Mapper, RDF, TextValue, nonempty};
use super::xml::Element;
use crate::model::{Content, Enclosure, Entry, Link};

impl Mapper {
    pub(super) fn entry(&self, item: &Element) -> Entry {
        let mut links = self.links(item);
        let title = self
            .find(item, &[("", "title"), ("dc", "title")])
            .map(|e| self.plain(e));
        let guid = self.find(item, &[("", "guid")]);
        let id = match self.kind {
            Kind::Atom => self
                .find(item, &[("", "id")])
                .and_then(|e| nonempty(e.text())),
            _ => guid
                .and_then(|g| nonempty(g.text()))
                .or_else(|| item.attr_ns(RDF, "about").map(|s| s.trim().to_string())),
        };
        let link = self.entry_link(item, &mut links, guid);
        let summary_names: &[(&str, &str)] = if self.kind == Kind::Atom {
            &[("", "summary"), ("dc", "description")]
        } else {
            &[
                ("", "description"),
                ("dc", "description"),
                ("", "summary"),
                ("", "abstract"),
                ("itunes", "summary"),
            ]
        };
        let summary_el = self.find(item, summary_names);
        let summary = summary_el.map(|e| {
            let default_html = self.kind != Kind::Atom || self.atom03 || e.local == "description";
            self.text_construct(e, default_html).value
        });
        let content = self.entry_content(item, summary_el);
        let enclosures = self.enclosures(item, &links);
        let updated = self.date(
            item,
            &[
                ("", "updated"),
                ("", "modified"),
                ("dc", "date"),
                ("dcterms", "modified"),
            ],
        );
        let updated = updated.or_else(|| {
            if self.kind == Kind::Cdf {
                item.attr("lastmod").and_then(date::parse)
            } else {
                None
            }
        });
        Entry {
            id,
            title,
            link,
            links,
            published: self.date(
                item,
                &[
                    ("", "published"),
                    ("", "issued"),
                    ("", "pubdate"),
                    ("dcterms", "issued"),
                ],
            ),
            updated,
            summary,
            content,
            authors: self.persons(item),
            categories: self.categories(item),
            enclosures,
        }
    }

    /// The entry's link: its alternate link, FeedBurner's original link, or a permalink GUID
    /// (which then also joins `links`, as feedparser does).
    fn entry_link(
        &self,
        item: &Element,
        links: &mut Vec<Link>,
        guid: Option<&Element>,
    ) -> Option<String> {
        let mut link = links
            .iter()
            .find(|l| l.rel == "alternate")
            .map(|l| l.href.clone());
        // FeedBurner rewrites links to its redirector and keeps the real one in origLink.
        if let Some(orig) = self
            .find(item, &[("feedburner", "origlink")])
            .and_then(|e| nonempty(e.text()))
        {
            link = Some(orig);
        }
        if link.is_none()
            && let Some(g) = guid
            && g.attr("ispermalink")
                .is_none_or(|v| !v.trim().eq_ignore_ascii_case("false"))
            && let Some(href) = nonempty(g.text())
        {
            // A permalink GUID stands in for a missing <link>, as feedparser does.
            link = Some(href.clone());
            links.push(Link {
                href,
                rel: "alternate".into(),
                media_type: None,
                length: None,
            });
        }
        link
    }

    /// The entry's full contents: Atom `content`, `content:encoded`, XHTML bodies, and an RSS
    /// `summary` beside a `description`.
    fn entry_content(&self, item: &Element, summary_el: Option<&Element>) -> Vec<Content> {
        let mut content = Vec::new();
        if self.kind == Kind::Rss
            && summary_el.is_some_and(|e| e.local == "description")
            && let Some(extra) = self.find(item, &[("", "summary")])
        {
            content.push(Content {
                value: extra.text().trim().to_string(),
                media_type: "text/html".into(),
            });
        }
        for e in item.elements() {
            let tv = if self.is(e, "", "content") && self.kind == Kind::Atom
                || self.is(e, "atom", "content")
            {
                self.text_construct(e, false)
            } else if self.is(e, "content", "encoded") || self.is(e, "", "fullitem") {
                TextValue {
                    value: e.text().trim().to_string(),
                    mime: "text/html".into(),
                }
            } else if self.is(e, "xhtml", "body") {
                TextValue {
                    value: e.inner_xml().trim().to_string(),
                    mime: "application/xhtml+xml".into(),
                }
            } else {
                continue;
            };
            content.push(Content {
                value: tv.value,
                media_type: tv.mime,
            });
        }
        content
    }

    /// Enclosures, from `rel="enclosure"` links and RSS `<enclosure>` elements.
    fn enclosures(&self, item: &Element, links: &[Link]) -> Vec<Enclosure> {
        let mut enclosures: Vec<Enclosure> = links
            .iter()
            .filter(|l| l.rel == "enclosure")
            .map(|l| Enclosure {
                href: l.href.clone(),
                media_type: l.media_type.clone(),
                length: l.length,
            })
            .collect();
        for e in item.elements().filter(|e| self.is(e, "", "enclosure")) {
            if let Some(url) = e.attr("url").map(str::trim).filter(|u| !u.is_empty()) {
                enclosures.push(Enclosure {
                    href: url.to_string(),
                    media_type: e.attr("type").map(str::to_string),
                    length: e.attr("length").and_then(|l| l.trim().parse().ok()),
                });
            }
        }
        enclosures
    }
}
