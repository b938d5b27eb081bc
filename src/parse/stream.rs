//! Feed items turned into entries while the XML reader is still reading: the reader hands
//! each item to this sink as it closes, and the item's tree is dropped at once. Only items in
//! the place [`super::feed::map`] would read them from are taken, with the mapper it would use;
//! everything else stays in the tree for it.

use super::feed::{ATOM10, Kind, Mapper, base_of, prefix};
use super::xml::{Element, Sink};
use crate::model::Entry;

/// Turns a feed's items into entries as the reader closes them, so the items' trees are never
/// all held at once (a 10 MiB feed of 45,000 tiny items took 175 MB as a tree). Only items
/// whose place [`map`] would read them from are taken, with the same mapper; anything else
/// stays in the tree for [`map`].
pub struct Stream {
    doc_url: Option<url::Url>,
    /// The mapper of the first streamable item's feed (`None` before it).
    mapper: Option<Mapper>,
    pub(super) entries: Vec<Entry>,
}

impl Stream {
    pub fn new(doc_url: Option<url::Url>) -> Stream {
        Stream {
            doc_url,
            mapper: None,
            entries: Vec::new(),
        }
    }

    /// A stream for `text`, sized for its items (an upper bound counted cheaply), so a feed of
    /// 45,000 entries does not grow its vector by doubling past them.
    pub fn for_text(doc_url: Option<url::Url>, text: &str) -> Stream {
        let items = text.matches("<item").count() + text.matches("<entry").count();
        Stream {
            entries: Vec::with_capacity(items.min(1 << 20)),
            ..Stream::new(doc_url)
        }
    }

    /// The feed kind and channel for items at this place, or `None` when [`map`] would not
    /// read them there (or would read them with context not known yet).
    fn place<'e>(ancestors: &[&'e Element]) -> Option<(Kind, Option<&'e Element>)> {
        let root = *ancestors.first()?;
        let first_channel = || root.elements().find(|e| e.local == "channel");
        Some(match (root.local.as_str(), ancestors.len()) {
            // RSS 2.0: items in the (first) channel, while it is open.
            ("rss", 2) if ancestors[1].local == "channel" && first_channel().is_none() => {
                (Kind::Rss, Some(ancestors[1]))
            }
            // RSS 1.0: items beside a channel that came first.
            ("rdf", 1) if prefix(root.ns.as_deref()) == "rdf" => {
                (Kind::Rss, Some(first_channel()?))
            }
            ("feed", 1) => (Kind::Atom, None),
            ("channel", 1) => (Kind::Cdf, None),
            _ => return None,
        })
    }

    /// The mapper [`map`] would use for items at this place.
    fn mapper_for(&self, ancestors: &[&Element]) -> Option<Mapper> {
        let root = *ancestors.first()?;
        let (kind, channel) = Stream::place(ancestors)?;
        let atom03 = kind == Kind::Atom
            && root.ns.as_deref() != Some(ATOM10)
            && matches!(root.attr("version"), Some("0.1" | "0.2" | "0.3"));
        let mut feed_base = base_of(self.doc_url.as_ref(), root);
        if let Some(ch) = channel {
            feed_base = base_of(feed_base.as_ref(), ch);
        }
        Some(Mapper {
            kind,
            atom03,
            root_ns: root.ns.as_deref().map(str::to_string),
            feed_base,
        })
    }
}

impl Sink for Stream {
    fn wants(&self, el: &Element) -> bool {
        matches!(el.local.as_str(), "item" | "entry")
    }

    fn closed(&mut self, el: Element, ancestors: &[&Element]) -> Option<Element> {
        let wanted = match ancestors.first().map(|r| r.local.as_str()) {
            Some("feed") => "entry",
            _ => "item",
        };
        if el.local != wanted {
            return Some(el);
        }
        // The place is checked for every item; the mapper (URL joins) is made once: every
        // streamable item of a document sits in the same place.
        if Stream::place(ancestors).is_none() {
            return Some(el);
        }
        if self.mapper.is_none() {
            self.mapper = self.mapper_for(ancestors);
        }
        match &self.mapper {
            Some(m) => {
                self.entries.push(m.entry(&el));
                None
            }
            None => Some(el),
        }
    }
}
