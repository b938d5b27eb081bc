//! Summarize stage: a few whole sentences of the item, chosen so the reader gets the news.
//!
//! Extractive by design: every sentence of a summary is copied from the source, so a summary can
//! be short or missing but never invents. Title-only items get no summary at all.

pub mod clean;
pub mod segment;

use std::collections::HashMap;

/// How long a summary may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub sentences: usize,
    pub words: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            sentences: 3,
            words: 70,
        }
    }
}

/// Anything that can summarize an item. The LLM path will implement this too.
pub trait Summarizer {
    /// A summary of `text` (clean plain text, paragraphs separated by blank lines), or `None`
    /// when there is nothing to summarize.
    fn summarize(&self, title: &str, text: &str, budget: Budget) -> Option<String>;
}

/// The default summarizer: scores sentences by position, centrality and title overlap, removes
/// redundancy (MMR), and keeps the chosen ones in source order.
#[derive(Debug, Clone)]
pub struct Extractive {
    pub position_weight: f64,
    pub centrality_weight: f64,
    pub title_weight: f64,
    pub redundancy_penalty: f64,
}

impl Default for Extractive {
    fn default() -> Self {
        Extractive {
            position_weight: 1.0,
            centrality_weight: 0.35,
            title_weight: 0.3,
            redundancy_penalty: 0.5,
        }
    }
}

/// Words too common to tell sentences apart.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that",
    "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your",
    "has", "have", "had", "not", "no", "will", "would", "can", "could", "should", "may", "might",
    "said", "says", "also", "than", "then", "there", "which", "who", "what", "when", "where",
    "how", "all", "more", "most", "some", "such", "into", "about", "over", "after", "before", "up",
    "out", "do", "does", "did", "so", "if", "just", "one", "new", "s", "t",
];

struct Candidate<'a> {
    text: &'a str,
    order: usize,
    words: usize,
    terms: HashMap<String, f64>,
    norm: f64,
}

fn terms(s: &str) -> HashMap<String, f64> {
    let mut m: HashMap<String, f64> = HashMap::new();
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_lowercase();
        if STOPWORDS.contains(&w.as_str()) {
            continue;
        }
        *m.entry(w).or_insert(0.0) += 1.0;
    }
    m
}

fn norm(m: &HashMap<String, f64>) -> f64 {
    m.values().map(|v| v * v).sum::<f64>().sqrt()
}

fn cosine(a: &HashMap<String, f64>, an: f64, b: &HashMap<String, f64>, bn: f64) -> f64 {
    if an == 0.0 || bn == 0.0 {
        return 0.0;
    }
    let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let dot: f64 = small
        .iter()
        .filter_map(|(k, v)| large.get(k).map(|w| v * w))
        .sum();
    dot / (an * bn)
}

/// True when a sentence ends as a sentence does (not a fragment cut by the feed).
fn is_complete(s: &str) -> bool {
    let trimmed = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    trimmed.ends_with(['.', '!', '?', '…'])
}

impl Extractive {
    fn candidates<'a>(&self, text: &'a str) -> Vec<Candidate<'a>> {
        let mut out = Vec::new();
        let mut order = 0;
        for para in clean::paragraphs(text) {
            for s in segment::sentences(para) {
                let words = s.split_whitespace().count();
                let keep = words >= 4 && is_complete(s) && !clean::is_boilerplate(s);
                if keep {
                    let terms = terms(s);
                    let norm = norm(&terms);
                    out.push(Candidate {
                        text: s,
                        order,
                        words,
                        terms,
                        norm,
                    });
                    order += 1;
                }
            }
        }
        out
    }
}

impl Summarizer for Extractive {
    fn summarize(&self, title: &str, text: &str, budget: Budget) -> Option<String> {
        let cands = self.candidates(text);
        if cands.is_empty() || budget.sentences == 0 {
            return None;
        }
        // The document centroid: how central each sentence is to what the whole text says.
        let mut centroid: HashMap<String, f64> = HashMap::new();
        for c in &cands {
            for (k, v) in &c.terms {
                *centroid.entry(k.clone()).or_insert(0.0) += v;
            }
        }
        let cnorm = norm(&centroid);
        let title_terms = terms(title);
        let tnorm = norm(&title_terms);
        let scores: Vec<f64> = cands
            .iter()
            .map(|c| {
                let pos = 1.0 / (1.0 + c.order as f64 * 0.5);
                let cent = cosine(&c.terms, c.norm, &centroid, cnorm);
                let tit = cosine(&c.terms, c.norm, &title_terms, tnorm);
                self.position_weight * pos + self.centrality_weight * cent + self.title_weight * tit
            })
            .collect();

        let mut chosen: Vec<usize> = Vec::new();
        let mut words = 0;
        loop {
            if chosen.len() >= budget.sentences {
                break;
            }
            let best = (0..cands.len())
                .filter(|i| !chosen.contains(i) && words + cands[*i].words <= budget.words)
                .map(|i| {
                    let redundancy = chosen
                        .iter()
                        .map(|&j| {
                            cosine(
                                &cands[i].terms,
                                cands[i].norm,
                                &cands[j].terms,
                                cands[j].norm,
                            )
                        })
                        .fold(0.0, f64::max);
                    (i, scores[i] - self.redundancy_penalty * redundancy)
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            match best {
                Some((i, _)) => {
                    words += cands[i].words;
                    chosen.push(i);
                }
                None => break,
            }
        }
        if chosen.is_empty() {
            return None;
        }
        chosen.sort_unstable();
        let summary: Vec<&str> = chosen.iter().map(|&i| cands[i].text).collect();
        Some(summary.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_only_gets_nothing() {
        let s = Extractive::default();
        assert_eq!(s.summarize("A title", "", Budget::default()), None);
        assert_eq!(s.summarize("A title", "Read more", Budget::default()), None);
    }

    #[test]
    fn whole_sentences_within_budget_in_source_order() {
        let text = "The city council approved a new budget on Tuesday after a long debate. \
                    The budget raises spending on transit by ten percent over last year. \
                    Council members who opposed it said the plan ignores rising costs. \
                    Weather was mild. The post City budget appeared first on Example News.";
        let s = Extractive::default()
            .summarize("Council approves budget", text, Budget::default())
            .expect("summary");
        assert!(s.split_whitespace().count() <= 70, "{s}");
        assert!(s.starts_with("The city council approved"), "{s}");
        assert!(!s.contains("appeared first"), "{s}");
        for sentence in segment::sentences(&s) {
            assert!(text.contains(sentence), "not in source: {sentence}");
        }
    }

    #[test]
    fn fragment_cut_by_feed_is_not_used() {
        let text = "A complete first sentence is here. A second complete one follows now. The";
        let s = Extractive::default()
            .summarize("t", text, Budget::default())
            .expect("summary");
        assert!(!s.ends_with("The"), "{s}");
    }

    #[test]
    fn word_budget_never_cuts_mid_sentence() {
        let text =
            "One two three four five six seven eight nine ten eleven twelve. Short one here now.";
        let s = Extractive::default()
            .summarize(
                "t",
                text,
                Budget {
                    sentences: 3,
                    words: 6,
                },
            )
            .expect("summary");
        assert_eq!(s, "Short one here now.");
    }
}
