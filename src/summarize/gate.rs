//! The verification gate: is a summary sentence backed by its source?
//!
//! A sentence passes only if it lines up with the source: most of its content words are there
//! (near each other, in the sentences it best matches), every number, name and quoted phrase it
//! has is in the source, and it does not negate what those sentences say (or the other way
//! round). A summary from a language model is shown only if every sentence passes.

use rustc_hash::FxHashSet;

use super::segment;

/// The gate's verdict on one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub supported: bool,
    /// Higher is better supported (0–1): the share of content words found in the best-matching
    /// source sentences.
    pub score: f64,
    /// Why it failed, for the briefing's JSON and `--explain`.
    pub reason: Option<String>,
}

/// Thresholds, tuned on the QAGS judgments in `factcheck-dev.jsonl` (see BENCHMARKS.md).
#[derive(Debug, Clone, Copy)]
pub struct Gate {
    /// Minimum share of the sentence's content words found in the aligned source sentences.
    pub min_local_coverage: f64,
    /// Minimum share of its word pairs (bigrams) found in the aligned source sentences.
    pub min_bigram_coverage: f64,
    /// How many best-matching source sentences a claim may draw on.
    pub window: usize,
    /// Content words found nowhere in the source that a sentence may still have (paraphrase).
    pub max_novel: usize,
    /// How many best-matching source sentences a claim's numbers must come from.
    pub number_window: usize,
}

impl Default for Gate {
    fn default() -> Self {
        Gate {
            min_local_coverage: 0.85,
            min_bigram_coverage: 0.4,
            window: 1,
            max_novel: 2,
            number_window: 2,
        }
    }
}

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "n't", "without", "none", "nobody", "nothing", "neither", "nor", "cannot",
];

/// Negations of languages other than English, for the same check.
fn negations(lang: Option<&str>) -> &'static [&'static str] {
    match lang {
        Some("fr") => &[
            "ne", "n", "pas", "jamais", "aucun", "aucune", "sans", "rien", "personne", "ni", "non",
        ],
        Some("de") => &[
            "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals",
            "ohne", "nichts", "weder",
        ],
        Some("es") => &[
            "no", "nunca", "sin", "ningún", "ninguna", "ninguno", "nada", "nadie", "ni", "jamás",
        ],
        Some("it") => &[
            "non", "mai", "senza", "nessuno", "nessuna", "niente", "nulla", "né",
        ],
        Some("pt") => &[
            "não", "nunca", "sem", "nenhum", "nenhuma", "nada", "ninguém", "nem",
        ],
        Some("nl") => &[
            "niet", "geen", "nooit", "zonder", "niets", "niemand", "noch",
        ],
        _ => NEGATIONS,
    }
}

/// Words of a text, lower-cased, with a light stemmer so "rules"/"ruled"/"ruling" meet; text in
/// scripts without spaces (Chinese, Japanese) becomes overlapping character pairs.
fn words_in(text: &str, lang: Option<&str>) -> Vec<String> {
    let english = matches!(lang, None | Some("en"));
    let mut out = Vec::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let w = raw.trim_matches(|c| c == '\'' || c == '’').to_lowercase();
        if w.is_empty() {
            continue;
        }
        if w.chars().any(crate::lang::is_unspaced_char) {
            out.extend(char_pairs(&w));
            continue;
        }
        if !english {
            out.push(w);
            continue;
        }
        if w.ends_with("n't") || w.ends_with("n’t") {
            out.push(stem(w.trim_end_matches("n't").trim_end_matches("n’t")));
            out.push("n't".to_string());
            continue;
        }
        let w = w.trim_end_matches("'s").trim_end_matches("’s");
        out.push(stem(w));
    }
    out
}

/// Overlapping pairs of characters ("東京都" → "東京", "京都"); a lone character stands alone.
pub fn char_pairs(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    if chars.len() < 2 {
        return vec![w.to_string()];
    }
    chars.windows(2).map(|p| p.iter().collect()).collect()
}

fn stem(w: &str) -> String {
    if w.chars().any(|c| c.is_ascii_digit()) || w.len() <= 4 {
        return w.to_string();
    }
    for suffix in ["ings", "ing", "edly", "ed", "es", "s", "ly"] {
        if let Some(s) = w.strip_suffix(suffix)
            && s.len() >= 4
        {
            return s.to_string();
        }
    }
    w.to_string()
}

/// Numbers as written ("4,000", "4 , 000" and "4000" are the same number; so are "1.3" and
/// "1 . 3"). `lenient` also joins across a space on one side only ("235, 000", "98. 7"), which
/// tokenized text has but which is also how "in 2014, 300 people" reads: a source's numbers are
/// read both ways, so a claim matches either.
fn numbers(text: &str, lenient: bool) -> Vec<String> {
    // A separator between two digits, spaces around it dropped, is part of the number; a comma
    // only when three digits follow (a thousands group).
    let chars: Vec<char> = text.chars().collect();
    let mut joined = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == ',' || c == '.' || c == ' ') && joined.ends_with(|p: char| p.is_ascii_digit()) {
            // Look across " , ", ", ", " ." and ". " to the next character.
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let sep = chars.get(j).copied();
            if matches!(sep, Some(',') | Some('.')) && j - i <= 1 {
                let mut k = j + 1;
                while k < chars.len() && chars[k] == ' ' && k - j <= 1 {
                    k += 1;
                }
                let digits = chars[k..].iter().take_while(|d| d.is_ascii_digit()).count();
                let joins = match sep {
                    Some(',') => digits == 3,
                    _ => digits > 0,
                };
                let spaces_before = j > i;
                let spaces_after = k > j + 1;
                if joins && (spaces_before == spaces_after || lenient) {
                    joined.push(chars[j]);
                    i = k;
                    continue;
                }
            }
        }
        joined.push(c);
        i += 1;
    }
    joined
        .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map(|t| t.trim_matches(|c| c == ',' || c == '.').replace(',', ""))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

/// Every number a text states: in digits ([`numbers`]) and in words, in its language ("nine",
/// "deux", "a third"), both as digit strings.
fn figures(text: &str, lenient: bool, lang: Option<&str>) -> Vec<String> {
    let mut all = numbers(text, lenient);
    all.extend(crate::lang::numbers::in_words(text, lang));
    all
}

/// Capitalized words not at the start of a sentence: names, places, organisations.
fn names(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut first = true;
    for raw in sentence.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if !first
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
        {
            out.push(w.to_lowercase());
        }
        first = raw.ends_with(['.', ':', '"', '“']);
    }
    out
}

/// Phrases in quotation marks.
fn quotes(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('"', '"'), ('“', '”'), ('«', '»'), ('„', '“'), ('「', '」')]
    {
        let mut rest = sentence;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len_utf8()..];
            let Some(j) = after.find(close) else { break };
            let q = after[..j].trim();
            if q.split_whitespace().count() >= 2 {
                out.push(q.to_lowercase());
            }
            rest = &after[j + close.len_utf8()..];
        }
    }
    out
}

fn has_negation(ws: &[String], lang: Option<&str>) -> bool {
    let list = negations(lang);
    ws.iter().any(|w| list.contains(&w.as_str()))
}

impl Gate {
    /// Checks one sentence against its source article: the facts it states must be in the
    /// source ([`facts_anywhere`]), and it must line up with the source sentences it
    /// paraphrases ([`Gate::align`], [`Gate::judge`]).
    pub fn check(&self, article: &str, sentence: &str) -> Verdict {
        self.check_in(article, sentence, None)
    }

    /// [`Gate::check`] for text in `lang` (ISO 639-1): its stop words, negations and sentences.
    pub fn check_in(&self, article: &str, sentence: &str, lang: Option<&str>) -> Verdict {
        let claim = words_in(sentence, lang);
        let content: Vec<&String> = claim
            .iter()
            .filter(|w| !crate::lang::is_stopword(w, lang))
            .collect();
        if content.is_empty() {
            return Verdict {
                supported: true,
                score: 1.0,
                reason: None,
            };
        }
        let article_lower = article.to_lowercase();
        let article_words: FxHashSet<String> = words_in(article, lang).into_iter().collect();
        if let Some(v) = facts_anywhere(article, &article_lower, &article_words, sentence, lang) {
            return v;
        }
        let claim_set: FxHashSet<&str> = content.iter().map(|w| w.as_str()).collect();
        let (window, near) = self.align(article, &claim_set, lang);
        if let Some(n) = figures(sentence, false, lang)
            .into_iter()
            .find(|n| !near.contains(n))
        {
            return fail(
                0.0,
                format!("the number {n} is not where the source says it"),
            );
        }
        let window: Vec<&Vec<String>> = window.iter().collect();
        self.judge(&claim, &content, &claim_set, &article_words, &window, lang)
    }

    /// The source sentences that share most content words with the claim (the window the
    /// claim is judged against), and the numbers that sit in or next to the closest of them.
    fn align(
        &self,
        article: &str,
        claim_set: &FxHashSet<&str>,
        lang: Option<&str>,
    ) -> (Vec<Vec<String>>, FxHashSet<String>) {
        // Align: the source sentences that share most content words with the claim.
        let raw_sentences: Vec<&str> = article
            .split("\n\n")
            .flat_map(|p| segment::sentences_in(p, lang))
            .collect();
        let sentences: Vec<Vec<String>> = raw_sentences.iter().map(|s| words_in(s, lang)).collect();
        let mut ranked: Vec<(usize, usize)> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    s.iter().filter(|w| claim_set.contains(w.as_str())).count(),
                    i,
                )
            })
            .collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        let window: Vec<Vec<String>> = ranked
            .iter()
            .take(self.window)
            .map(|(_, i)| sentences[*i].clone())
            .collect();
        // Numbers must sit in the sentences the claim lines up with, not just anywhere.
        let near: FxHashSet<String> = ranked
            .iter()
            .take(self.number_window)
            // Read with their neighbours: the splitter may have cut "1. 3 billion" at the period.
            .flat_map(|(_, i)| {
                let s =
                    raw_sentences[i.saturating_sub(1)..(i + 2).min(raw_sentences.len())].join(" ");
                figures(&s, false, lang)
                    .into_iter()
                    .chain(numbers(&s, true))
            })
            .collect();
        (window, near)
    }

    /// Whether the claim's words are said in the aligned sentences, together, with the same
    /// negation.
    fn judge(
        &self,
        claim: &[String],
        content: &[&String],
        claim_set: &FxHashSet<&str>,
        article_words: &FxHashSet<String>,
        window: &[&Vec<String>],
        lang: Option<&str>,
    ) -> Verdict {
        let local: FxHashSet<&str> = window
            .iter()
            .flat_map(|s| s.iter().map(String::as_str))
            .collect();
        let local_bigrams: FxHashSet<(&str, &str)> = window
            .iter()
            .flat_map(|s| s.windows(2).map(|p| (p[0].as_str(), p[1].as_str())))
            .collect();

        let novel: Vec<&str> = content
            .iter()
            .filter(|w| !article_words.contains(w.as_str()))
            .map(|w| w.as_str())
            .collect();
        if novel.len() > self.max_novel {
            return fail(0.0, format!("not in the source: {}", novel.join(", ")));
        }
        let found = content
            .iter()
            .filter(|w| local.contains(w.as_str()))
            .count();
        let coverage = found as f64 / content.len() as f64;
        let bigrams: Vec<(&str, &str)> = claim
            .windows(2)
            .map(|p| (p[0].as_str(), p[1].as_str()))
            .collect();
        let bigram_cov = if bigrams.is_empty() {
            1.0
        } else {
            bigrams.iter().filter(|b| local_bigrams.contains(b)).count() as f64
                / bigrams.len() as f64
        };
        let score = (coverage + bigram_cov) / 2.0;
        if coverage < self.min_local_coverage {
            let missing: Vec<&str> = content
                .iter()
                .filter(|w| !local.contains(w.as_str()))
                .map(|w| w.as_str())
                .take(3)
                .collect();
            return fail(score, format!("not in the source: {}", missing.join(", ")));
        }
        if bigram_cov < self.min_bigram_coverage {
            return fail(
                score,
                "its words are in the source but not said together".to_string(),
            );
        }
        // Negation must agree with the source: a claim that adds one the aligned sentences do
        // not have, or drops one that sits right next to the words it repeats.
        let claim_neg = has_negation(claim, lang);
        let added = claim_neg && !window.iter().any(|s| has_negation(s, lang));
        let dropped = !claim_neg
            && window.first().is_some_and(|best| {
                best.iter().enumerate().any(|(i, w)| {
                    negations(lang).contains(&w.as_str())
                        && best[i + 1..best.len().min(i + 3)]
                            .iter()
                            .any(|n| claim_set.contains(n.as_str()))
                })
            });
        if added || dropped {
            return fail(score, "it flips a negation of the source".to_string());
        }
        Verdict {
            supported: true,
            score,
            reason: None,
        }
    }
}

/// Numbers, names and quotes must be in the source, anywhere: the verdict when one is not.
fn facts_anywhere(
    article: &str,
    article_lower: &str,
    article_words: &FxHashSet<String>,
    sentence: &str,
    lang: Option<&str>,
) -> Option<Verdict> {
    // Numbers, names and quotes must be in the source, anywhere.
    let article_numbers: FxHashSet<String> = figures(article, false, lang)
        .into_iter()
        .chain(numbers(article, true))
        .collect();
    if let Some(n) = figures(sentence, false, lang)
        .into_iter()
        .find(|n| !article_numbers.contains(n))
    {
        return Some(fail(0.0, format!("the number {n} is not in the source")));
    }
    if let Some(q) = quotes(sentence)
        .into_iter()
        .find(|q| !article_lower.contains(q.as_str()))
    {
        return Some(fail(0.0, format!("the quote \"{q}\" is not in the source")));
    }
    if let Some(n) = names(sentence)
        .into_iter()
        .find(|n| !article_words.contains(&stem(n)) && !article_lower.contains(n.as_str()))
    {
        return Some(fail(0.0, format!("\"{n}\" is not in the source")));
    }

    None
}

fn fail(score: f64, reason: String) -> Verdict {
    Verdict {
        supported: false,
        score,
        reason: Some(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_survive_tokenized_separators() {
        for (text, expected) in [
            ("viewed 235, 000 times", vec!["235000"]),
            ("viewed 235 , 000 times", vec!["235000"]),
            ("viewed 235,000 times", vec!["235000"]),
            ("around 1. 3 billion", vec!["1.3"]),
            ("around 1 . 3 billion", vec!["1.3"]),
            ("in 2014, 300 people came", vec!["2014", "300"]),
            ("in 2014, 3000 people came", vec!["2014", "3000"]),
            ("in 2014. Then", vec!["2014"]),
        ] {
            let lenient = numbers(text, true);
            let strict = numbers(text, false);
            let expected: Vec<String> = expected.into_iter().map(String::from).collect();
            assert!(
                lenient == expected || strict == expected,
                "{text}: {lenient:?} / {strict:?}"
            );
        }
        assert_eq!(numbers("viewed 235, 000 times", true), ["235000"]);
        assert_eq!(numbers("in 2014, 300 people", false), ["2014", "300"]);
        assert_eq!(numbers("3 , 000 and 1 . 5", false), ["3000", "1.5"]);
    }

    /// D11: numbers in words were not compared, so a changed figure written out passed.
    #[test]
    fn numbers_in_words_are_facts_too() {
        let gate = Gate::default();
        let judged = |article: &str, claim: &str, lang: Option<&str>| {
            gate.check_in(article, claim, lang).supported
        };
        for (article, faithful, invented, lang) in [
            (
                "The board voted nine to two to approve the plan on Monday.",
                "The board voted nine to two to approve the plan on Monday.",
                "The board voted nine to three to approve the plan on Monday.",
                None,
            ),
            (
                "The repairs will take six months, the city said.",
                "The repairs will take six months, the city said.",
                "The repairs will take seven months, the city said.",
                None,
            ),
            (
                "Two people were hurt in the fire on Main Street.",
                "Two people were hurt in the fire on Main Street.",
                "Twenty people were hurt in the fire on Main Street.",
                None,
            ),
            (
                "A third of the voters stayed home on election day.",
                "A third of the voters stayed home on election day.",
                "Half of the voters stayed home on election day.",
                None,
            ),
            (
                "Deux personnes ont été blessées dans l'incendie de mardi.",
                "Deux personnes ont été blessées dans l'incendie de mardi.",
                "Trois personnes ont été blessées dans l'incendie de mardi.",
                Some("fr"),
            ),
            (
                "Zwei Menschen wurden bei dem Brand am Dienstag verletzt.",
                "Zwei Menschen wurden bei dem Brand am Dienstag verletzt.",
                "Drei Menschen wurden bei dem Brand am Dienstag verletzt.",
                Some("de"),
            ),
        ] {
            assert!(judged(article, faithful, lang), "{faithful}");
            assert!(!judged(article, invented, lang), "{invented}");
        }
    }

    const ARTICLE: &str = "The city council approved a $4 million budget on Tuesday. \
        Mayor Jane Smith said the plan was \"a fair deal for everyone\". \
        The council did not raise property taxes.";

    fn ok(s: &str) -> bool {
        Gate::default().check(ARTICLE, s).supported
    }

    #[test]
    fn faithful_sentences_pass() {
        assert!(ok(
            "The city council approved a $4 million budget on Tuesday."
        ));
        assert!(ok(
            "Mayor Jane Smith said the plan was \"a fair deal for everyone\"."
        ));
        assert!(ok("The council did not raise property taxes."));
    }

    #[test]
    fn invented_number_name_quote_and_flipped_negation_fail() {
        assert!(
            !ok("The city council approved a $5 million budget on Tuesday."),
            "number"
        );
        assert!(
            !ok("Mayor John Doe approved the budget on Tuesday."),
            "person"
        );
        assert!(
            !ok("The mayor called it \"a terrible deal for taxpayers\"."),
            "quote"
        );
        assert!(!ok("The council raised property taxes."), "negation");
        assert!(
            !ok("The council approved a new stadium for the football team."),
            "content"
        );
    }
}
