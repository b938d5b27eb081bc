//! Developing stories: an entry of today's briefing that is about the same event as an entry
//! an earlier edition showed is linked to that story, and its summary is made of what the reader
//! has not read yet.
//!
//! The rule of "same event" is the clusterer's ([`crate::cluster::Recalled`]), matched against
//! what the store remembers of shown entries (title, lead, summary), never the whole archive: a
//! week of editions is a few hundred entries however large the archive is.

use jiff::Timestamp;
use rustc_hash::FxHashSet;

use crate::cluster::{ClusterOptions, Recalled, word_set};
use crate::model::Item;
use crate::store::StoryEntry;

/// Words of an item's text kept as its lead, to be matched tomorrow.
pub const LEAD_WORDS: usize = 80;

/// A sentence brings nothing new when at most this many of its content words were not read
/// (an inflection: "cut" for "cutting")...
pub const NEW_WORDS_ALLOWED: usize = 1;

/// ...and at least this share of them were.
pub const KNOWN_SHARE: f64 = 0.85;

/// What earlier editions showed, ready to be matched against.
pub struct Memory {
    entries: Vec<StoryEntry>,
    recalled: Recalled,
}

impl Memory {
    /// `entries`: those shown within the span, oldest first.
    pub fn new(entries: Vec<StoryEntry>) -> Memory {
        let mut recalled = Recalled::new(ClusterOptions::default());
        for e in &entries {
            recalled.add(&as_item(e));
        }
        Memory { entries, recalled }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The story of an earlier edition's entry that was this very item (a window that shows
    /// items again, `repeat = true`, a re-run): it keeps its story, and is no development.
    pub fn shown_before(&self, item: &Item) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.title == item.title || (e.link.is_some() && e.link == item.link))
            .map(|e| e.story.as_str())
    }

    /// The story `item` continues, if any.
    pub fn link(&mut self, item: &Item) -> Option<&str> {
        let i = self.recalled.best(item)?;
        Some(self.entries[i].story.as_str())
    }

    /// The story's entries this memory holds, oldest first.
    pub fn of_story<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a StoryEntry> + 'a {
        self.entries.iter().filter(move |e| e.story == id)
    }
}

/// A remembered entry as an item of its feed: its title, and its lead and summary as the text.
pub fn as_item(e: &StoryEntry) -> Item {
    let text = match &e.summary {
        Some(s) if !e.lead.contains(s.as_str()) => format!("{}\n\n{s}", e.lead),
        _ => e.lead.clone(),
    };
    Item {
        feed: e.feed.clone(),
        source: e.source.clone(),
        key: e.story.clone(),
        title: e.title.clone(),
        link: e.link.clone(),
        published: Some(e.at),
        first_seen: Some(e.at),
        seen_seq: None,
        text,
        lang: e.lang.clone(),
    }
}

/// The first [`LEAD_WORDS`] words of a text, kept to match it tomorrow.
pub fn lead_of(text: &str) -> String {
    text.split_whitespace()
        .take(LEAD_WORDS)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A new story's id: "s" and ten hex digits of its first item and the moment it was shown.
pub fn new_id(item: &Item, now: Timestamp) -> String {
    let seed = format!("{}\n{}\n{}", item.feed, item.key, now.as_second());
    format!(
        "s{:010x}",
        crate::items::fnv1a(seed.as_bytes()) & 0xff_ffff_ffff
    )
}

/// What of an item's text the reader has not read yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Novelty {
    /// The item's text with the sentences already read left out (each kept sentence whole,
    /// paragraphs kept apart).
    pub text: String,
    /// Sentences in the item's text, and how many of them were already read.
    pub sentences: usize,
    pub known: usize,
}

impl Novelty {
    /// Every sentence was read before: the item re-reports the story.
    pub fn nothing_new(&self) -> bool {
        self.sentences > 0 && self.known == self.sentences
    }
}

/// Splits `text` into sentences and leaves out those whose content words were mostly read
/// already (in `said`: earlier titles and summaries of the story).
pub fn what_is_new(text: &str, lang: Option<&str>, said: &[&str]) -> Novelty {
    let mut read: FxHashSet<String> = FxHashSet::default();
    for s in said {
        read.extend(word_set(s, usize::MAX, lang));
    }
    let (mut sentences, mut known) = (0, 0);
    let mut paragraphs = Vec::new();
    for paragraph in text.split("\n\n") {
        let mut kept = Vec::new();
        for sentence in crate::summarize::segment::sentences_in(paragraph, lang) {
            sentences += 1;
            let words = word_set(sentence, usize::MAX, lang);
            let seen = words.iter().filter(|w| read.contains(*w)).count();
            // "ruled on Tuesday that … cannot" against "is weighing whether … can": two new
            // words are the news.
            if !words.is_empty()
                && words.len() - seen <= NEW_WORDS_ALLOWED
                && seen as f64 / words.len() as f64 >= KNOWN_SHARE
            {
                known += 1;
            } else {
                kept.push(sentence);
            }
        }
        if !kept.is_empty() {
            paragraphs.push(kept.join(" "));
        }
    }
    Novelty {
        text: paragraphs.join("\n\n"),
        sentences,
        known,
    }
}

/// Days from `first` to `today` (YYYY-MM-DD), counting both: the story's first day is day 1.
pub fn day_of(first: &str, today: &str) -> u32 {
    match (
        first.parse::<jiff::civil::Date>(),
        today.parse::<jiff::civil::Date>(),
    ) {
        (Ok(a), Ok(b)) => a
            .until(b)
            .map(|span| span.get_days().max(0) as u32 + 1)
            .unwrap_or(1),
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_already_read_are_left_out_whole() {
        let said = ["Storm Amy hit Scotland on Monday, cutting power to 50,000 homes."];
        let text = "Storm Amy hit Scotland on Monday and cut power to 50,000 homes. \
                    Engineers restored power to all but 2,000 homes by Wednesday.\n\n\
                    The Met Office expects calmer weather on Friday.";
        let n = what_is_new(text, Some("en"), &said);
        assert_eq!((n.sentences, n.known), (3, 1));
        assert_eq!(
            n.text,
            "Engineers restored power to all but 2,000 homes by Wednesday.\n\n\
             The Met Office expects calmer weather on Friday."
        );
        assert!(!n.nothing_new());
        let again = what_is_new(
            "Storm Amy cut power to 50,000 homes in Scotland on Monday.",
            Some("en"),
            &said,
        );
        assert!(again.nothing_new(), "{again:?}");
        assert!(
            !what_is_new("", None, &said).nothing_new(),
            "no text is not a re-report"
        );
    }

    #[test]
    fn days_count_from_the_first() {
        assert_eq!(day_of("2025-09-01", "2025-09-03"), 3);
        assert_eq!(day_of("2025-09-03", "2025-09-03"), 1);
        assert_eq!(day_of("2025-08-30", "2025-09-02"), 4);
        assert_eq!(day_of("nonsense", "2025-09-02"), 1);
    }
}
