//! One feed entry (RSS item, Atom entry, CDF item) to an [`Entry`]: its id, link, summary,
//! contents, enclosures and dates, with the recoveries feedparser makes.

use super::date;
use super::feed::{Kind, Mapper, RDF, TextValue, XML_NS, base_of, nonempty};
use super::xml::Element;
use crate::model::{Content, Enclosure, Entry, Link};

impl Mapper {
    pub(super) fn entry(&self, item: &Element) -> Entry {
        let base = base_of(self.feed_base.as_ref(), item);
        let mut links = self.links(item, base.as_ref());
        // media:title stands in for a missing title (YouTube and photo feeds).
        let title = self
            .find(item, &[("", "title"), ("dc", "title")])
            .or_else(|| self.media(item, "title"))
            .map(|e| self.plain(e));
        // An Atom entry's id stands in for a missing link as an RSS permalink GUID does (as in
        // feedparser), when it is a web address: a `tag:` or `urn:` id leads nowhere.
        let guid = match self.kind {
            Kind::Atom => self.find(item, &[("", "id")]).filter(|e| {
                let id = e.text();
                let id = id.trim();
                id.starts_with("http://") || id.starts_with("https://")
            }),
            _ => self.find(item, &[("", "guid")]),
        };
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
        let summary_el = self.summary_element(item, summary_names);
        let mut summary = summary_el.map(|e| {
            let default_html = self.kind != Kind::Atom || self.atom03 || e.local == "description";
            self.text_construct(e, default_html).value
        });
        let content = self.entry_content(item, summary_el);
        // media:description is the only text of YouTube items and some photo feeds; a caption
        // never replaces a real description (it is read only when there is no text: no
        // summary, an empty one, and no content of a text type, Flash or video aside).
        let summary_empty = summary.as_deref().is_none_or(|s| s.trim().is_empty());
        let content_text = content.iter().any(|c| {
            let t = c.media_type.to_ascii_lowercase();
            (t.is_empty() || t.starts_with("text/") || t.contains("html") || t.contains("xml"))
                && !c.value.trim().is_empty()
        });
        if summary_empty && !content_text {
            let media = self
                .media(item, "description")
                .map(|e| self.text_construct(e, false).value)
                .filter(|s| !s.trim().is_empty());
            if media.is_some() {
                summary = media;
            }
        }
        let enclosures = self.enclosures(item, &links);
        // Atom elements inside RSS items (Blogger, Medium) count as the RSS ones do.
        let updated = self.date(
            item,
            &[
                ("", "updated"),
                ("", "modified"),
                ("dc", "date"),
                ("dcterms", "modified"),
                ("atom", "updated"),
                ("atom", "modified"),
            ],
        );
        let updated = updated.or_else(|| {
            if self.kind == Kind::Cdf {
                item.attr("lastmod").and_then(date::parse)
            } else {
                None
            }
        });
        // An entry keeps only the memory it needs: tens of thousands of them are held at once.
        links.shrink_to_fit();
        let mut authors = self.persons(item);
        authors.shrink_to_fit();
        let mut categories = self.categories(item);
        categories.shrink_to_fit();
        let mut content = content;
        content.shrink_to_fit();
        let mut enclosures = enclosures;
        enclosures.shrink_to_fit();
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
                    ("atom", "published"),
                    ("atom", "issued"),
                ],
            ),
            updated,
            summary,
            content,
            authors,
            categories,
            enclosures,
            language: self.entry_language(item, summary_el),
        }
    }

    /// The entry's declared language: `xml:lang` on the item or its text, or `dc:language`.
    fn entry_language(&self, item: &Element, summary_el: Option<&Element>) -> Option<String> {
        let on = |e: &Element| {
            e.attr_ns(XML_NS, "lang")
                .and_then(|l| nonempty(l.to_string()))
        };
        on(item)
            .or_else(|| self.find(item, &[("", "content")]).and_then(on))
            .or_else(|| summary_el.and_then(on))
            .or_else(|| {
                self.find(item, &[("dc", "language")])
                    .and_then(|e| nonempty(e.text()))
            })
    }

    /// The element that is the entry's summary. In RSS, when an item has both a `description`
    /// and a `summary`, the first in document order is the summary and the other becomes
    /// content (as feedparser reads them).
    fn summary_element<'e>(
        &self,
        item: &'e Element,
        names: &[(&str, &str)],
    ) -> Option<&'e Element> {
        if self.kind == Kind::Rss {
            let first = item
                .elements()
                .find(|e| self.is(e, "", "description") || self.is(e, "", "summary"));
            if first.is_some() {
                return first;
            }
        }
        self.find(item, names)
    }

    /// A Media RSS element of the item: at its top level, in `media:group`, or in a
    /// `media:content`.
    fn media<'e>(&self, item: &'e Element, local: &str) -> Option<&'e Element> {
        self.find(item, &[("media", local)]).or_else(|| {
            item.elements()
                .filter(|e| self.is(e, "media", "group") || self.is(e, "media", "content"))
                .find_map(|g| self.find(g, &[("media", local)]))
        })
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
        // RSS with both a description and a summary: the one that is not the summary is
        // content.
        if self.kind == Kind::Rss
            && let Some(first) = summary_el
        {
            let other = if first.local == "description" {
                "summary"
            } else {
                "description"
            };
            if let Some(extra) = self.find(item, &[("", other)]) {
                content.push(Content {
                    value: extra.text().trim().to_string(),
                    media_type: "text/html".into(),
                });
            }
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
        // RSS <enclosure> elements are among the links already (rel="enclosure"); in other
        // kinds of feed they are read here.
        if self.kind != Kind::Rss {
            for e in item.elements().filter(|e| self.is(e, "", "enclosure")) {
                if let Some(url) = e.attr("url").map(str::trim).filter(|u| !u.is_empty()) {
                    enclosures.push(Enclosure {
                        href: url.to_string(),
                        media_type: e.attr("type").map(str::to_string),
                        length: e.attr("length").and_then(|l| l.trim().parse().ok()),
                    });
                }
            }
        }
        enclosures
    }
}
