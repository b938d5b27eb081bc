//! Boilerplate a reader never wants in a summary: "The post … appeared first on …", "Read more",
//! share and subscribe lines, sponsor notes, author bios, image credits, bylines.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// Paragraphs at which the article is over: everything from here on is bio or footer.
const END_MARKERS: &[&str] = &[
    "about the author",
    "about the authors",
    "about the writer",
    "related articles",
    "related stories",
    "related posts",
    "more from",
];

/// Phrases that mark a sentence or short paragraph as boilerplate.
const BOILERPLATE: &[&str] = &[
    "appeared first on",
    "read more",
    "read the full story",
    "continue reading",
    "click here",
    "scroll down for video",
    "subscribe to",
    "subscribe here",
    "sign up for",
    "share this",
    "share on",
    "follow us",
    "this content was produced by",
    "this article was produced by",
    "sponsored by",
    "all rights reserved",
    "image credit",
    "photo credit",
    "(photo:",
    "photo by",
    "getty images",
    "©",
    "copyright",
    "the views expressed",
    "this story is from our",
];

/// Splits clean text into paragraphs, stopping at an end marker (bio, related links).
pub fn paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for p in text.split("\n\n") {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if p.len() < 40 {
            let lower = p.to_lowercase();
            if END_MARKERS.contains(&lower.trim_end_matches([':', '.'])) {
                break;
            }
        }
        // WordPress's footer is a paragraph of its own, and the post's title inside it may end
        // in "?" or "!": the whole paragraph goes, not only its last piece.
        if is_feed_footer(p) {
            continue;
        }
        out.push(p);
    }
    out
}

/// "The post … appeared first on …": the footer a WordPress feed adds to every item.
fn is_feed_footer(p: &str) -> bool {
    p.split_whitespace().count() < 60
        && p.trim_start().starts_with("The post ")
        && p.contains("appeared first on")
}

/// One automaton for all boilerplate phrases, matched without lower-casing the text.
fn boilerplate_matcher() -> &'static AhoCorasick {
    static M: OnceLock<AhoCorasick> = OnceLock::new();
    M.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(BOILERPLATE)
            .expect("boilerplate patterns are valid")
    })
}

/// How blog posts talk about themselves rather than their subject: co-author credits,
/// pointers to documentation, what the next post will do. A summary made of them says
/// nothing ("In this post, we show how to…" does summarize, and stays).
const META_OPENINGS: &[&str] = &[
    "this post is co-written",
    "this post was co-written",
    "this blog post is co-written",
    "this post is written in collaboration",
    "this is a guest post",
    "this is a guest blog post",
    "to learn more",
    "to get started",
    "for more information",
    "for more details",
    "for more on",
    "refer to ",
    "see the documentation",
    "in the next post",
    "in our next post",
    "in a future post",
    "in the next part",
    "in part 2 of this",
    "in part two of this",
    "stay tuned",
    "finally, we discuss",
    "we also discuss",
    "special thanks to",
    "thanks to ",
    "pour en savoir plus",
    "pour plus d'informations",
    "pour plus d’informations",
    "weitere informationen",
    "mehr informationen",
    "para más información",
    "para obtener más información",
    "per maggiori informazioni",
    "per ulteriori informazioni",
    "para mais informações",
    "meer informatie",
];

/// True when a sentence is about the post, not its subject ([`META_OPENINGS`]).
pub fn is_meta(sentence: &str) -> bool {
    let head: String = sentence
        .trim_start()
        .chars()
        .take(48)
        .flat_map(char::to_lowercase)
        .collect();
    META_OPENINGS.iter().any(|m| head.starts_with(m))
        || head.contains(", refer to ")
        || head.contains(", see the ")
}

/// True when a sentence is boilerplate rather than news.
pub fn is_boilerplate(sentence: &str) -> bool {
    if boilerplate_matcher().is_match(sentence) || is_meta(sentence) {
        return true;
    }
    let head: String = sentence
        .trim_start()
        .chars()
        .take(16)
        .collect::<String>()
        .to_lowercase();
    let t = head.as_str();
    // Bylines and datelines of the DailyMail kind: "by . jane doe .", "published : . 10:12 est".
    t.starts_with("by ") && t.split_whitespace().count() < 8
        || t.starts_with("published:")
        || t.starts_with("published :")
        || t.starts_with("updated:")
        || t.starts_with("updated :")
        || t.starts_with("last updated")
        || t.starts_with("photo:")
        || t.starts_with("image:")
        || t.starts_with("credit:")
        || t.starts_with("source:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_and_footer_cut() {
        let p =
            paragraphs("News here.\n\nMore news.\n\nAbout the Authors\n\nJane is an architect.");
        assert_eq!(p, ["News here.", "More news."]);
        let p = paragraphs(
            "Customers told us about it.\n\nThe post Mitä asiakkaamme ajattelevat meistä? appeared first on Example Oy.",
        );
        assert_eq!(
            p,
            ["Customers told us about it."],
            "the footer whole, its title's ? too"
        );
    }

    #[test]
    fn boilerplate_sentences() {
        assert!(is_boilerplate("The post Foo appeared first on Bar."));
        assert!(is_boilerplate("Read the full story."));
        assert!(is_boilerplate("by . daily mail reporter ."));
        assert!(is_boilerplate(
            "This content was produced by Insights, the custom content arm."
        ));
        assert!(!is_boilerplate(
            "The board said it would read the report by Friday."
        ));
        // Blog posts about themselves.
        for meta in [
            "This post is co-written with Jane Doe and John Roe from Example Corp.",
            "To learn more about Amazon Bedrock, refer to the documentation.",
            "Finally, we discuss best practices for production.",
            "In the next post, we will deploy the model.",
            "Pour en savoir plus, consultez la documentation.",
        ] {
            assert!(is_boilerplate(meta), "{meta}");
        }
        assert!(!is_boilerplate(
            "In this post, we show how to build a document pipeline that scales to millions of pages."
        ));
        assert!(!is_boilerplate(
            "The minister said more information would come on Friday."
        ));
    }
}
