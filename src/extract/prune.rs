//! What is removed from a page's DOM before Readability reads it: elements whose markup says
//! they are not the article, where the text Readability gives back could no longer tell.
//!
//! Three families, each measured on both dev sets (BENCHMARKS.md, "Article extraction"):
//! - photo captions and credits (`<figcaption>`, `class="…caption…"`, `class="…credit…"`):
//!   people who judged the news pages never count them as the article;
//! - hover cards inside sentences (`class="…tooltip…"`, "rollover", "popover", "hovercard"):
//!   a person's name in a sentence that hides a card of links to other stories;
//! - paragraphs that are one link and nothing else ("Related: …", a teaser headline).
//!
//! Elements with much text are never removed: a site that calls its whole story a "caption"
//! keeps its story.

use dom_query::{Document, Selection};

/// Captions and credits, and hover cards, by the names sites give them in `class` (and, for
/// captions, `id`), in any case.
const NOT_ARTICLE_CLASSES: &[&str] = &[
    "caption",
    "credit",
    "rollover",
    "tooltip",
    "popover",
    "hovercard",
];

/// An element matched by [`NOT_ARTICLE_CLASSES`] with more words than this, or more than one paragraph,
/// is kept.
const MAX_NOT_ARTICLE_WORDS: usize = 100;

/// A paragraph that is entirely a link, of this many words, is a link to another page. Shorter
/// ones are source citations ("[ The Verge ]") and list entries, longer ones are sentences.
const LINK_WORDS: std::ops::RangeInclusive<usize> = 4..=30;

/// Removes, in place, the elements of `doc` that are not article text.
pub fn prune(doc: &Document) {
    for node in doc.select("figcaption, [class], [id]").nodes() {
        let named = |attr: &str, names: &[&str]| {
            node.attr(attr).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                names.iter().any(|n| v.contains(n))
            })
        };
        let not_article = node.has_name("figcaption")
            || named("class", NOT_ARTICLE_CLASSES)
            || named("id", &["caption"]);
        if !not_article {
            continue;
        }
        let sel = Selection::from(*node);
        if words(&sel.text()) <= MAX_NOT_ARTICLE_WORDS && sel.select("p").length() <= 1 {
            sel.remove();
        }
    }
    for node in doc.select("p").nodes() {
        let sel = Selection::from(*node);
        let all = words(&sel.text());
        if !LINK_WORDS.contains(&all) {
            continue;
        }
        let linked: usize = sel.select("a").iter().map(|a| words(&a.text())).sum();
        if linked >= all {
            sel.remove();
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
            story one</a></span> in favour.</p>
            <div class="caption"><p>A long story.</p><p>Told in two paragraphs.</p></div></body>"#;
        let text = pruned(html);
        assert_eq!(
            text,
            "The council met on Monday. It voted Jane Doe in favour. A long story.Told in two paragraphs."
        );
    }

    #[test]
    fn only_paragraphs_that_are_one_link_of_a_headline_length_go() {
        let html = r#"<body><p>Budget approved after a long debate.</p>
            <p><a href="/a">Related: Stadium contractor fined for delays</a></p>
            <p><strong><a href="/b">MAYOR OUTLINES PLAN FOR NEW PARKS</a></strong></p>
            <p>[ <a href="/c">The Verge</a> ]</p>
            <p>Read the <a href="/d">full report</a> on the city's site.</p></body>"#;
        let text = pruned(html);
        assert_eq!(
            text,
            "Budget approved after a long debate. [ The Verge ] Read the full report on the city's site."
        );
    }
}
