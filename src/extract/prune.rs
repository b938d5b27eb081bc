//! What is removed from a page's DOM before Readability reads it: elements whose markup says
//! they are not the article, where the text Readability gives back could no longer tell.
//!
//! Three families, each measured on both dev sets (BENCHMARKS.md, "Article extraction"):
//! - photo captions and credits (`<figcaption>`, `class="…caption…"`, `class="…credit…"`):
//!   people who judged the news pages never count them as the article;
//! - hover cards inside sentences (`class="…tooltip…"`, "rollover", "popover", "hovercard"):
//!   a person's name in a sentence that hides a card of links to other stories;
//! - paragraphs that are one link and nothing else ("Related: …", a teaser headline);
//! - other stories' cards: short `<article>` elements beside the page's long one.
//!
//! One thing is kept that Readability would drop: a post the story quotes (an embedded tweet)
//! inside a container named like a share widget.
//!
//! Elements with much text are never removed: a site that calls its whole story a "caption"
//! keeps its story.

use dom_query::{Document, NodeId, NodeRef, Selection};

/// Captions and credits by the names sites give them in `class` (and `id`), in any case.
const CAPTION_CLASSES: &[&str] = &["caption", "credit"];

/// Hover cards by the names sites give them. Only a card of links goes: a tooltip that wraps a
/// term in a sentence (`<span class="tooltip">GDP<span>…</span></span>`) holds no links and stays,
/// so the sentence keeps its word.
const CARD_CLASSES: &[&str] = &["rollover", "tooltip", "popover", "hovercard"];

/// A caption or card with more words than this, or more than one paragraph,
/// is kept.
const MAX_NOT_ARTICLE_WORDS: usize = 100;

/// A paragraph that is a link (at least 80 % of its words: "Teaser headline [VIDEO]"), of this
/// many words, is a link to another page. Shorter ones are source citations ("[ The Verge ]")
/// and list entries, longer ones are sentences.
const LINK_WORDS: std::ops::RangeInclusive<usize> = 4..=30;

/// Removes, in place, the elements of `doc` that are not article text. The work is linear in
/// the page: words and paragraphs are tallied once for every node, bottom up, so a hostile page
/// of nested captions costs no more than a flat one.
pub fn prune(doc: &Document) {
    let tally = Tally::of(doc);
    keep_embedded_posts(doc);
    story_cards(doc, &tally);
    captions_and_cards(doc, &tally);
    link_paragraphs(doc);
}

/// Embedded posts (a tweet, an Instagram or Bluesky post) that a story quotes, by the class
/// their embed code gives them.
const EMBEDDED_POSTS: &[&str] = &[
    "twitter-tweet",
    "instagram-media",
    "tiktok-embed",
    "bluesky-embed",
    "mastodon-embed",
    "threads-post",
];

/// A quoted post is part of the story, but sites wrap it in a container named "social…"
/// (`<div class="social-media-embed">`), which Readability drops as a share widget. The
/// container loses that name; the post stays where the story put it.
fn keep_embedded_posts(doc: &Document) {
    for node in doc.select("blockquote[class]").nodes() {
        let class = node.attr("class").unwrap_or_default().to_ascii_lowercase();
        if !EMBEDDED_POSTS.iter().any(|p| class.contains(p)) {
            continue;
        }
        // Its links (the author, the date, a short link) are part of the quote, not navigation:
        // as links they make the post look like a link list to Readability.
        for link in Selection::from(*node).select("a").nodes() {
            link.rename("span");
        }
        // Collected first: the tree is borrowed while its ancestors are walked.
        for ancestor in node.ancestors(Some(3)) {
            let named_social = ancestor
                .attr("class")
                .is_some_and(|c| c.to_ascii_lowercase().contains("social"));
            if named_social {
                ancestor.remove_attr("class");
            }
        }
    }
}

/// Words and paragraphs under each node (itself included), counted once before anything is
/// removed.
struct Tally(rustc_hash::FxHashMap<NodeId, (usize, usize)>);

impl Tally {
    fn of(doc: &Document) -> Tally {
        let mut map = rustc_hash::FxHashMap::default();
        // Children come after their parent in document order, so in reverse every child is
        // counted before its parent needs it.
        for node in doc.root().descendants().iter().rev() {
            let (mut words_under, mut paras) = if node.is_text() {
                (words(&node.text()), 0)
            } else {
                (0, usize::from(node.has_name("p")))
            };
            for child in node.children_it(false) {
                let (w, p) = map.get(&child.id).copied().unwrap_or_default();
                words_under += w;
                paras += p;
            }
            map.insert(node.id, (words_under, paras));
        }
        Tally(map)
    }

    fn words(&self, node: &NodeRef) -> usize {
        self.0.get(&node.id).map_or(0, |t| t.0)
    }

    /// Paragraphs below the node (not counting itself).
    fn paragraphs_below(&self, node: &NodeRef) -> usize {
        let own = usize::from(node.has_name("p"));
        self.0.get(&node.id).map_or(0, |t| t.1.saturating_sub(own))
    }
}

/// Captions and credits, and hover cards that hold links: see [`CAPTION_CLASSES`] and
/// [`CARD_CLASSES`].
fn captions_and_cards(doc: &Document, tally: &Tally) {
    for node in doc.select("figcaption, [class], [id]").nodes() {
        let named = |attr: &str, names: &[&str]| {
            node.attr(attr).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                names.iter().any(|n| v.contains(n))
            })
        };
        let caption = node.has_name("figcaption")
            || named("class", CAPTION_CLASSES)
            || named("id", CAPTION_CLASSES);
        let card = !caption && named("class", CARD_CLASSES);
        if !caption && !card {
            continue;
        }
        let small = tally.words(node) <= MAX_NOT_ARTICLE_WORDS && tally.paragraphs_below(node) <= 1;
        let sel = Selection::from(*node);
        if small && (caption || sel.select("a").length() >= 2) {
            sel.remove();
        }
    }
}

/// Paragraphs that are a link to another page: see [`LINK_WORDS`].
fn link_paragraphs(doc: &Document) {
    // Paragraphs do not nest, so reading each one's subtree reads the page once.
    for node in doc.select("p").nodes() {
        let sel = Selection::from(*node);
        let all = words(&sel.text());
        if !LINK_WORDS.contains(&all) {
            continue;
        }
        // Links within the page (a table of contents) and script links (a pop-up note on a
        // sentence) do not lead elsewhere.
        let linked: usize = sel
            .select("a[href]")
            .iter()
            .filter(|a| {
                let href = a
                    .attr("href")
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase();
                !href.is_empty() && !href.starts_with('#') && !href.starts_with("javascript:")
            })
            .map(|a| words(&a.text()))
            .sum();
        if linked * 10 >= all * 8 {
            sel.remove();
        }
    }
}

/// The longest `<article>` must have this many words for the others to be read as cards.
const MIN_MAIN_WORDS: usize = 150;

/// An `<article>` of at most this many words beside a long one is a card.
const MAX_CARD_WORDS: usize = 80;

/// Other stories' cards: when a page has one long `<article>` and others, the short ones
/// (teasers of other stories, each an `<article>` of its own) are not this article.
fn story_cards(doc: &Document, tally: &Tally) {
    let articles: Vec<(NodeRef, usize)> = doc
        .select("article")
        .nodes()
        .iter()
        .map(|n| (*n, tally.words(n)))
        .collect();
    let Some(&(main, main_words)) = articles.iter().max_by_key(|(_, w)| *w) else {
        return;
    };
    if main_words < MIN_MAIN_WORDS {
        return;
    }
    // The long article's own ancestors hold it; a short article inside it (a card in the
    // story, a comment) is not it.
    let holds_main: rustc_hash::FxHashSet<NodeId> = main
        .ancestors_it(None)
        .map(|a| a.id)
        .chain([main.id])
        .collect();
    for &(node, w) in &articles {
        if !holds_main.contains(&node.id) && w <= MAX_CARD_WORDS {
            Selection::from(node).remove();
        }
    }
}

/// Words: whitespace-separated pieces with a letter or digit in them (a lone "|" or "[" is
/// not a word).
fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pruned(html: &str) -> String {
        let doc = Document::from(html);
        prune(&doc);
        doc.select("body")
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn captions_credits_and_cards_go_but_long_text_stays() {
        let html = r#"<body><p>The council met on Monday.</p>
            <figure><img src="a.jpg"><figcaption>The mayor speaks. Getty</figcaption></figure>
            <div class="Image-Caption">A crowd gathers outside.</div>
            <p>It voted <a href="/p/1">Jane Doe</a><span class="rollover-block"><a href="/x">Other
            story one</a> <a href="/y">Other story two</a></span> in favour of the
            <span class="tooltip">GDP<span class="tooltip-text">gross domestic product</span></span> plan.</p>
            <div class="caption"><p>A long story.</p><p>Told in two paragraphs.</p></div></body>"#;
        let text = pruned(html);
        assert_eq!(
            text,
            "The council met on Monday. It voted Jane Doe in favour of the GDPgross domestic product plan. A long story.Told in two paragraphs."
        );
    }

    #[test]
    fn an_embedded_post_keeps_its_text_and_loses_its_widget_name() {
        let html = r#"<body><div class="social-media-embed"><blockquote class="twitter-tweet"><p>Yes
            this is real: <a href="https://t.co/x">https://t.co/x</a></p>— Ana (@ana)
            <a href="https://twitter.com/ana/status/1">November 18, 2019</a></blockquote></div></body>"#;
        let doc = Document::from(html);
        prune(&doc);
        assert_eq!(doc.select("blockquote a").length(), 0);
        assert_eq!(doc.select("[class*=social]").length(), 0);
        assert!(
            doc.select("blockquote")
                .text()
                .contains("November 18, 2019")
        );
    }

    #[test]
    fn short_articles_beside_a_long_one_are_cards() {
        let long = "The council voted on the budget after a long debate. ".repeat(20);
        let card = "<article><h2><a href=\"/x\">Another story</a></h2><p>Its teaser, a sentence long.</p></article>";
        let html = format!("<body><article><p>{long}</p>{card}</article>{card}{card}</body>");
        let text = pruned(&html);
        assert!(
            text.contains("The council voted") && !text.contains("teaser"),
            "{text}"
        );
        // Without a long article, short ones are the page's content and stay.
        let html = format!("<body>{card}{card}</body>");
        assert!(pruned(&html).contains("teaser"));
    }

    #[test]
    fn only_paragraphs_that_are_one_link_of_a_headline_length_go() {
        let html = r##"<body><p>Budget approved after a long debate.</p>
            <p><a href="/a">Related: Stadium contractor fined for delays</a></p>
            <p><strong><a href="/b">MAYOR OUTLINES PLAN FOR NEW PARKS</a></strong></p>
            <p>[ <a href="/c">The Verge</a> ]</p>
            <p>Read the <a href="/d">full report</a> on the city's site.</p>
            <p><a href="javascript:void(0)" class="note">"Mr. Nippers," said I, "withdraw."</a></p>
            <p><a href="#part-2">Part two: the vote and after</a></p></body>"##;
        let text = pruned(html);
        assert_eq!(
            text,
            "Budget approved after a long debate. [ The Verge ] Read the full report on the city's site. \"Mr. Nippers,\" said I, \"withdraw.\" Part two: the vote and after"
        );
    }
}
