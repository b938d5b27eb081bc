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

/// Removes, in place, the elements of `doc` that are not article text.
pub fn prune(doc: &Document) {
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
        let sel = Selection::from(*node);
        let small = words(&sel.text()) <= MAX_NOT_ARTICLE_WORDS && sel.select("p").length() <= 1;
        if small && (caption || sel.select("a").length() >= 2) {
            sel.remove();
        }
    }
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
