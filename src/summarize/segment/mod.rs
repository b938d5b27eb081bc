//! Sentence segmentation tuned for news: abbreviations, initials, decimals, quotes, ellipses,
//! URLs, and text that is all lower case (as the CNN/DailyMail research release is).

use crate::lang::abbreviations::{
    AMBIGUOUS, EXCLAIMED_NAMES, TITLES, abbreviations, dotted_ordinals, months,
};

mod lists;
mod marks;

use lists::list_items;
use marks::{
    citation_len, guillemets_reversed, in_short_brackets, missing_space_end, numbered_citation,
    quotations, syllable_letters,
};

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»', '“', '›'];

/// Sentence ends that need no space after them (CJK, Ethiopic, Myanmar, Devanagari, Arabic,
/// Armenian).
const TIGHT_ENDS: &[char] = &[
    '。', '！', '？', '｡', '።', '፧', '။', '।', '॥', '؟', '۔', '։',
];
/// Closing brackets and quotes that belong to a CJK sentence before it ends.
const CJK_CLOSERS: &[char] = &['」', '』', '）', '》', '〉', '】', '〕', '"', '”', '’', ')'];
const CJK_OPENERS: &[char] = &['「', '『', '（', '《', '〈', '【', '〔'];
const CJK_CLOSE_DEPTH: &[char] = &['」', '』', '）', '》', '〉', '】', '〕'];

/// Splits a paragraph into sentences, with English rules; each sentence is a slice of the
/// input, trimmed.
pub fn sentences(text: &str) -> Vec<&str> {
    sentences_in(text, None)
}

/// Splits a paragraph into sentences with the rules of `lang` (ISO 639-1; `None`: English).
pub fn sentences_in<'a>(text: &'a str, lang: Option<&str>) -> Vec<&'a str> {
    let lang = lang
        .map(|l| if l == "en" { None } else { Some(l) })
        .unwrap_or(None);
    let rules = Rules {
        lang,
        cased: text.chars().any(|c| c.is_uppercase()),
        abbreviations: abbreviations(lang),
        months: months(lang),
    };
    let mut out = Vec::new();
    for (start, end, marker) in list_items(text) {
        rules.split(text, start, end, marker, &mut out);
    }
    out
}

struct Rules<'l> {
    lang: Option<&'l str>,
    cased: bool,
    abbreviations: &'static [&'static str],
    months: &'static [&'static str],
}

impl Rules<'_> {
    /// Splits `text[start..end]`, whose first `marker` bytes are a list marker ("2.)", "b.")
    /// that ends nothing.
    fn split<'a>(
        &self,
        text: &'a str,
        start: usize,
        end: usize,
        marker: usize,
        out: &mut Vec<&'a str>,
    ) {
        let chars: Vec<(usize, char)> = text[start + marker..end]
            .char_indices()
            .map(|(b, c)| (b + start + marker, c))
            .collect();
        let mut from = start;
        let mut depth = 0usize;
        // Quotations hold their sentences together, except in English: English news text (and
        // the scraped text of the dev sets) runs paragraphs together with unbalanced quotes,
        // and pairing them there cost summaries more than it gained.
        let quoted = if self.lang.is_some() {
            quotations(&chars, self.lang)
        } else {
            Vec::new()
        };
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i].1;
            if CJK_OPENERS.contains(&c) {
                depth += 1;
            } else if CJK_CLOSE_DEPTH.contains(&c) {
                depth = depth.saturating_sub(1);
            }
            let cut = if TIGHT_ENDS.contains(&c) || (c == '!' || c == '?') && self.tight(&chars, i)
            {
                (depth == 0).then(|| self.tight_end(&chars, i))
            } else if self.is_end_char(c) {
                match self.latin_end(text, &chars, i) {
                    // Inside a quotation that closes later: "Ei fu. Siccome immobile …"
                    Some(Cut::At(j)) if quoted.iter().any(|&(o, c)| o < i && j <= c) => {
                        Some(Cut::Skip(j))
                    }
                    cut => cut,
                }
            } else {
                None
            };
            match cut {
                Some(Cut::At(j)) => {
                    let at = chars.get(j).map_or(end, |(b, _)| *b);
                    push(out, &text[from..at]);
                    from = at;
                    i = j;
                }
                Some(Cut::Skip(j)) => i = j,
                None => i += 1,
            }
        }
        push(out, &text[from..end]);
    }

    /// A closing quotation mark or bracket; German, Danish and others close with `«` (and
    /// `‘`), as they open with `»` (and `‚`).
    fn is_closer(&self, c: char) -> bool {
        if guillemets_reversed(self.lang) {
            return matches!(c, '«' | '‹' | '‘')
                || (CLOSERS.contains(&c) && !matches!(c, '»' | '›'));
        }
        CLOSERS.contains(&c)
    }

    fn is_end_char(&self, c: char) -> bool {
        // Armenian ends a sentence with its own mark (։, often typed as ':'); its '.' is an
        // abbreviation's or a number's, never a full stop.
        if self.lang == Some("hy") {
            return matches!(c, '։' | ':' | '!' | '?' | '…' | '՜' | '՞');
        }
        matches!(c, '.' | '!' | '?' | '…') || (c == ';' && self.lang == Some("el"))
    }

    /// A `!` or `?` inside CJK text ends a sentence without a space after it.
    fn tight(&self, chars: &[(usize, char)], i: usize) -> bool {
        i > 0 && crate::lang::is_unspaced_char(chars[i - 1].1)
    }

    /// Where a CJK-style sentence end cuts: after its run of ends and closing quotes.
    fn tight_end(&self, chars: &[(usize, char)], i: usize) -> Cut {
        let mut j = i + 1;
        while j < chars.len()
            && (TIGHT_ENDS.contains(&chars[j].1)
                || matches!(chars[j].1, '!' | '?')
                || CJK_CLOSERS.contains(&chars[j].1))
        {
            j += 1;
        }
        Cut::At(j)
    }

    /// Whether the Latin-style end mark at `i` ends a sentence, and where.
    fn latin_end(&self, text: &str, chars: &[(usize, char)], i: usize) -> Option<Cut> {
        let c = chars[i].1;
        if c == '.' && i > 0 && !chars[i - 1].1.is_whitespace() && spaced_ellipsis(chars, i + 1) {
            // "compounds. . . . The practice": the period ends this sentence and the spaced
            // ellipsis opens the next, unless nothing but closers follows it.
            let after = skip_spaced_dots(chars, i + 1);
            let rest = next_visible(chars, after);
            if rest.is_none_or(|(_, n)| self.is_closer(n)) {
                return Some(Cut::Skip(after));
            }
            if rest.is_some_and(|(_, n)| n.is_uppercase())
                && !self.abbreviation_before(text, chars[i].0)
            {
                return Some(Cut::At(i + 1));
            }
            return Some(Cut::Skip(after));
        }
        if c == '.' && (i == 0 || chars[i - 1].1.is_whitespace()) && spaced_ellipsis(chars, i) {
            // "period . . . . Next": four spaced dots end a sentence before a capital; three
            // are an omission inside it.
            let after = skip_spaced_dots(chars, i);
            let dots = chars[i..after].iter().filter(|(_, c)| *c == '.').count();
            let next = next_visible(chars, after).map(|(_, n)| n);
            if dots >= 4 && next.is_none_or(|n| n.is_uppercase()) {
                return Some(Cut::At(after));
            }
            return Some(Cut::Skip(after));
        }
        // The run of terminal punctuation and closing quotes, and citation markers that
        // belong to the sentence they follow ("…2007 lähtien.[13] Uudistus").
        let mut j = i + 1;
        loop {
            while j < chars.len() && (self.is_end_char(chars[j].1) || self.is_closer(chars[j].1)) {
                j += 1;
            }
            if let Some(n) = citation_len(chars, j) {
                j += n;
                continue;
            }
            // A numbered marker after a space ("… a gas. [1][2] It is …") is still the
            // sentence's own: a sentence does not start with one.
            let mut s = j;
            while s < chars.len() && chars[s].1 == ' ' {
                s += 1;
            }
            match citation_len(chars, s).filter(|_| s > j && numbered_citation(chars, s)) {
                Some(n) => j = s + n,
                None => break,
            }
        }
        if j < chars.len() && !chars[j].1.is_whitespace() {
            // "…экономикалық жағдайы.XVIII ғасырдың…": a space left out after a full stop,
            // between a lower-case word and a capitalized one, is still a sentence's end
            // (not "U.S.A", "Jane.Doe", "example.Com": the word before is long and lower-case,
            // and what follows is a word, not another dot).
            if c == '.' && j == i + 1 && self.cased && missing_space_end(chars, i) {
                return Some(Cut::At(j));
            }
            return Some(Cut::Skip(j));
        }
        // French spacing puts a space before the closing guillemet: « … fin. »
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k < chars.len() && matches!(chars[k].1, '»' | '›') && !guillemets_reversed(self.lang)
        {
            j = k + 1;
            while j < chars.len() && (self.is_end_char(chars[j].1) || self.is_closer(chars[j].1)) {
                j += 1;
            }
            k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
        }
        let next = chars.get(k).map(|(_, c)| *c);
        let next_word = chars.get(k).map(|(b, _)| word_at(text, *b));
        let run_has_closer = chars[i + 1..j].iter().any(|(_, c)| self.is_closer(*c));
        // "see the reference [page. 42] for …": a period inside short brackets that close
        // before any other stop is not a sentence's end.
        if c == '.' && j == i + 1 && in_short_brackets(chars, i) {
            return Some(Cut::Skip(j));
        }
        if c == '.' && j == i + 1 && !self.ends_sentence(text, chars[i].0, next, next_word) {
            return Some(Cut::Skip(j));
        }
        if next.is_some_and(|n| matches!(n, ',' | ';' | ':')) {
            // Nothing starts a sentence with a comma: ,,Wann? ,,Das …
            return Some(Cut::Skip(j));
        }
        if self.cased && next.is_some_and(char::is_lowercase) && (c != '?' || run_has_closer) {
            // 'This is great.' she said. / Yahoo! in the / (… an engineer.) at the
            return Some(Cut::Skip(j));
        }
        if matches!(c, '?' | '!') && next.is_some_and(|n| matches!(n, '!' | '?')) {
            // "! ! !": punctuation does not start a sentence.
            return Some(Cut::Skip(j));
        }
        if c == '!'
            && j == i + 1
            && EXCLAIMED_NAMES.contains(&word_before(text, chars[i].0).to_lowercase().as_str())
        {
            // "at Yahoo! Research": the mark is part of the name.
            return Some(Cut::Skip(j));
        }
        if matches!(c, '?' | '!') && next.is_some_and(|n| matches!(n, '—' | '–' | '-')) {
            // Dialogue: "Куда? — спросил он.", "¿Vienes? —preguntó."
            let said = next_word.is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
            if said {
                return Some(Cut::Skip(j));
            }
        }
        if matches!(c, '…') || (c == '.' && j > i + 1 && chars[i + 1].1 == '.') {
            // An ellipsis ends a sentence only before a capital (or at the end).
            if next.is_some_and(|n| !n.is_uppercase() && n != '"' && n != '“') {
                return Some(Cut::Skip(j));
            }
        }
        Some(Cut::At(j))
    }

    /// True when the word before the period at byte `dot` is a known abbreviation.
    fn abbreviation_before(&self, text: &str, dot: usize) -> bool {
        let word = word_before(text, dot).to_lowercase();
        self.abbreviations.contains(&word.as_str())
    }

    /// Decides whether the lone period at byte `dot` ends a sentence.
    fn ends_sentence(
        &self,
        text: &str,
        dot: usize,
        next: Option<char>,
        next_word: Option<&str>,
    ) -> bool {
        let Some(next) = next else { return true };
        let word = word_before(text, dot).to_lowercase();
        if word.is_empty() {
            return true;
        }
        // "1. -3. Jahrhundert": the second ordinal of a range.
        let word = word.trim_start_matches(['-', '–']).to_string();
        let all_digits = word.chars().all(|c| c.is_ascii_digit());
        // Digits on both sides are a decimal that tokenized text split ("1. 3 billion",
        // "98. 7 per cent"), when a word or a per cent sign follows; "is 2. 2 + 2 is 4." is two
        // sentences.
        if next.is_ascii_digit() && all_digits && split_decimal(text, next_word) {
            return false;
        }
        let next_lower = next_word.map(str::to_lowercase).unwrap_or_default();
        if all_digits && word.len() <= 3 && dotted_ordinals(self.lang) {
            // "am 3. Oktober", "im 3. Jahrhundert", "1. -3.": an ordinal, unless a sentence
            // clearly starts ("… 5. Die Polizei …").
            if self.months.contains(&next_lower.as_str())
                || next.is_lowercase()
                || !crate::lang::is_stopword(&next_lower, self.lang)
            {
                return false;
            }
        }
        let roman = word.len() <= 6 && word.chars().all(|c| "ivxlcdm".contains(c));
        if roman && dotted_ordinals(self.lang) && word.chars().any(|c| c != 'i') {
            // "XII. Pluku": a Roman ordinal.
            return false;
        }
        // One syllable-letter, its marks aside (Malayalam's "കെ." is a letter and a vowel sign,
        // "ആർ." a vowel and a chillu consonant).
        let letters = syllable_letters(&word);
        if letters == 1 && word.chars().next().is_some_and(char::is_alphabetic) {
            // A single letter is an initial ("J. Smith"); the pronoun "I" only after a name.
            if word != "i" {
                return false;
            }
            let head = text[..dot - word.len()].trim_end();
            let prev = head.rsplit(char::is_whitespace).next().unwrap_or("");
            if prev.chars().next().is_some_and(char::is_uppercase) && next.is_uppercase() {
                return false;
            }
        }
        // "U.S", "к.т.н", Malayalam "കെ.പി": one letter (its marks aside) between the dots.
        let dotted_acronym = word.contains('.')
            && word.split('.').all(|p| {
                syllable_letters(p) == 1 && p.chars().next().is_some_and(char::is_alphabetic)
            });
        let known = self.abbreviations.contains(&word.as_str())
            || (self.lang.is_some() && ["dr", "prof", "st"].contains(&word.as_str()));
        if known && UNITS.contains(&word.as_str()) && self.cased && next.is_uppercase() {
            // A unit after a figure ("10 год. 30 хв. Усі …", "5 km. The …") ends the sentence
            // before a capital: names do not follow units.
            let head = text[..dot - word.len()].trim_end();
            let figure = head.rsplit(char::is_whitespace).next().is_some_and(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            });
            if figure {
                return true;
            }
        }
        if known || dotted_acronym {
            if (AMBIGUOUS.contains(&word.as_str()) || dotted_acronym)
                && self.cased
                && next.is_uppercase()
            {
                // "… in the U.S. Mr. Smith said …": a title starts a sentence too (after a
                // clock time it is as often the same sentence: "at 9 a.m. Mr. Smith left").
                let clock = matches!(word.as_str(), "a.m" | "p.m");
                return crate::lang::is_stopword(&next_lower, self.lang)
                    || (!clock && TITLES.contains(&next_lower.as_str()));
            }
            return false;
        }
        // In cased text, a lower-case continuation means the period was not a full stop.
        if self.cased && next.is_lowercase() {
            return false;
        }
        true
    }
}

/// Abbreviated units that follow a figure; before a capital they end a sentence.
const UNITS: &[&str] = &[
    "km", "kg", "min", "sec", "hr", "hrs", "mi", "lb", "lbs", "oz", "ft", "год", "хв", "сек",
    "мин", "км", "кг", "тис", "тыс", "грн", "руб", "коп", "std", "mín", "seg",
];

/// True when the figure `next_word` (a slice of `text`) after "N. " reads as the rest of a
/// decimal: one to three digits, then a word or "%".
fn split_decimal(text: &str, next_word: Option<&str>) -> bool {
    let Some(w) = next_word else { return false };
    if w.is_empty() || w.len() > 3 || !w.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let end = (w.as_ptr() as usize).saturating_sub(text.as_ptr() as usize) + w.len();
    let after = text.get(end..).unwrap_or("");
    let after = after.strip_prefix(' ').unwrap_or(after);
    after.starts_with(|c: char| c.is_alphabetic() || c == '%')
}

enum Cut {
    /// The sentence ends before the char at this index.
    At(usize),
    /// No end here; go on from this index.
    Skip(usize),
}

fn push<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s);
    }
}

/// The word that ends at byte `end` (after the last space, bracket or opening quote, and after
/// an elided article: "l'Ing." is "Ing.", but "didn't." stays itself).
fn word_before(text: &str, end: usize) -> &str {
    let before = &text[..end];
    let start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '«' | '„'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[start..];
    match word.rfind(['\'', '’']) {
        Some(p) => {
            let after = &word[p + word[p..].chars().next().map_or(1, char::len_utf8)..];
            if after.chars().count() >= 2 {
                after
            } else {
                word
            }
        }
        None => word,
    }
}

/// The word that starts at byte `start`, without punctuation around it.
fn word_at(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = rest
        .find(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .unwrap_or(rest.len());
    &rest[..end]
}

/// True when " . ." (a space, a dot, a space, a dot) starts at `i`: a spaced ellipsis.
fn spaced_ellipsis(chars: &[(usize, char)], i: usize) -> bool {
    let at = |k: usize| chars.get(i + k).map(|(_, c)| *c);
    if at(0) == Some('.') {
        at(1) == Some(' ') && at(2) == Some('.') && at(3) == Some(' ') && at(4) == Some('.')
    } else {
        at(0) == Some(' ') && at(1) == Some('.') && at(2) == Some(' ') && at(3) == Some('.')
    }
}

/// The index after a run of spaced dots (and closing quotes) starting at `i`.
fn skip_spaced_dots(chars: &[(usize, char)], i: usize) -> usize {
    let mut j = i;
    loop {
        match chars.get(j).map(|(_, c)| *c) {
            Some('.') => j += 1,
            Some(' ') if chars.get(j + 1).is_some_and(|(_, c)| *c == '.') => j += 1,
            Some(c) if CLOSERS.contains(&c) => j += 1,
            _ => return j,
        }
    }
}

/// The first char from `i` on that is not white space.
fn next_visible(chars: &[(usize, char)], i: usize) -> Option<(usize, char)> {
    chars[i.min(chars.len())..]
        .iter()
        .copied()
        .find(|(_, c)| !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// German quotes »so«: read the right way round, and a run of them is split.
    #[test]
    fn german_guillemets_open_with_the_right_pointing_one() {
        assert_eq!(
            sentences_in(
                "»Wir kommen morgen.« Dann ging er. »Gut.« Sie lachte.",
                Some("de")
            ),
            [
                "»Wir kommen morgen.«",
                "Dann ging er.",
                "»Gut.«",
                "Sie lachte."
            ]
        );
        assert_eq!(
            sentences_in("« Nous viendrons demain. » Puis il partit.", Some("fr")),
            ["« Nous viendrons demain. »", "Puis il partit."]
        );
    }

    /// Families found on unseen cases: citation markers stay with their sentence, Armenian's
    /// '.' ends nothing, Greek and Russian abbreviations.
    #[test]
    fn a_full_stop_without_its_space_still_ends_a_sentence() {
        assert_eq!(
            sentences_in("The vote ended.Then the count began.", None),
            ["The vote ended.", "Then the count began."]
        );
        for whole in [
            "Send it to jane.Doe@example.com today.",
            "Open the report.PDF file first.",
            "I visited the U.S.A. last year.",
        ] {
            assert_eq!(sentences_in(whole, None), [whole]);
        }
    }

    #[test]
    fn spaced_citations_and_short_brackets_stay_in_their_sentence() {
        assert_eq!(
            sentences_in(
                "Hydrogen is a gas. [1][2] [3] It burns. [a] Next one.",
                None
            ),
            [
                "Hydrogen is a gas. [1][2] [3]",
                "It burns.",
                "[a] Next one."
            ]
        );
        assert_eq!(
            sentences_in("See the table [no. 42] for details. It helps.", None),
            ["See the table [no. 42] for details.", "It helps."]
        );
        // Brackets holding whole sentences still split them.
        assert_eq!(
            sentences_in("(He left. She stayed.) Then rain.", None),
            ["(He left.", "She stayed.)", "Then rain."]
        );
    }

    #[test]
    fn citations_scripts_and_abbreviations_of_more_languages() {
        assert_eq!(
            sentences_in(
                "Laki on ollut voimassa vuodesta 2007 lähtien.[13] Uudistus tuli 2010.",
                Some("fi")
            ),
            [
                "Laki on ollut voimassa vuodesta 2007 lähtien.[13]",
                "Uudistus tuli 2010."
            ]
        );
        assert_eq!(
            sentences_in("It was built in 1850.[2][a] Later it burned.", None),
            ["It was built in 1850.[2][a]", "Later it burned."]
        );
        assert_eq!(
            sentences_in("Այն ունի 3 մլն. բնակիչ։ Մայրաքաղաքը Երևանն է։", Some("hy")),
            ["Այն ունի 3 մլն. բնակիչ։", "Մայրաքաղաքը Երևանն է։"]
        );
        assert_eq!(
            sentences_in("Ο Δρ. Παπαδόπουλος μίλησε χθες. Όλοι άκουσαν.", Some("el")),
            ["Ο Δρ. Παπαδόπουλος μίλησε χθες.", "Όλοι άκουσαν."]
        );
        assert_eq!(
            sentences_in("Он живёт в пгт. Северный. Там тихо.", Some("ru")),
            ["Он живёт в пгт. Северный.", "Там тихо."]
        );
        assert_eq!(
            sentences_in(
                "Зустріч на вул. Шевченка відбулася вчора. Усі прийшли.",
                Some("uk")
            ),
            ["Зустріч на вул. Шевченка відбулася вчора.", "Усі прийшли."]
        );
        assert_eq!(
            sentences_in(
                "Зустріч почалася о 10 год. 30 хв. Усі прийшли вчасно.",
                Some("uk")
            ),
            ["Зустріч почалася о 10 год. 30 хв.", "Усі прийшли вчасно."]
        );
        assert_eq!(
            sentences_in("The trail is 5 km. The view is worth it.", None),
            ["The trail is 5 km.", "The view is worth it."]
        );
        // Malayalam initials: a letter with its vowel sign, then a period.
        assert_eq!(
            sentences_in(
                "കെ. ആർ. നാരായണൻ ഇന്ത്യയുടെ രാഷ്ട്രപതിയായിരുന്നു. അദ്ദേഹം കേരളത്തിൽ ജനിച്ചു.",
                Some("ml")
            ),
            [
                "കെ. ആർ. നാരായണൻ ഇന്ത്യയുടെ രാഷ്ട്രപതിയായിരുന്നു.",
                "അദ്ദേഹം കേരളത്തിൽ ജനിച്ചു."
            ]
        );
    }

    #[test]
    fn news_sentences() {
        let s = sentences(
            "Mr. Smith paid $4.5 million. He said: \"It's done.\" Then he left... Really? Yes!",
        );
        assert_eq!(
            s,
            [
                "Mr. Smith paid $4.5 million.",
                "He said: \"It's done.\"",
                "Then he left...",
                "Really?",
                "Yes!"
            ]
        );
    }

    #[test]
    fn any_text_in_any_language_splits_into_pieces_of_itself() {
        const PIECES: &[&str] = &[
            "a", "I", "İ", "Mr", "U.S", "z", "B", "3", "12", "é", "ß", "東京", "「", "」", "《",
            "》", "。", "！", "？", ".", "!", "?", "…", " ", " ", "\n", "\"", "“", "”", "«", "»",
            "„", "'", "’", "(", ")", "-", "—", ",", ":", ";", "%", "•", "1.", "a.", "¿", "¡", "։",
            "।",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..3000 {
            let text: String = (0..rng.usize(0..40))
                .map(|_| PIECES[rng.usize(0..PIECES.len())])
                .collect();
            for lang in [
                None,
                Some("fr"),
                Some("de"),
                Some("ja"),
                Some("hy"),
                Some("el"),
                Some("it"),
            ] {
                for s in sentences_in(&text, lang) {
                    assert!(text.contains(s), "{text:?} gave {s:?}");
                    assert!(!s.is_empty());
                }
            }
        }
    }

    #[test]
    fn names_with_marks_titles_and_runs_of_marks() {
        assert_eq!(
            sentences("He joined Yahoo! Research in May. I live in the U.S. Mr. Smith does too."),
            [
                "He joined Yahoo! Research in May.",
                "I live in the U.S.",
                "Mr. Smith does too."
            ]
        );
        assert_eq!(sentences("! ! !"), ["! ! !"]);
    }

    #[test]
    fn elided_titles_are_abbreviations() {
        assert_eq!(
            sentences_in(
                "Sono l'Ing. Mengozzi. È presente l'Avv. Cassioni?",
                Some("it")
            ),
            ["Sono l'Ing. Mengozzi.", "È presente l'Avv. Cassioni?"]
        );
    }

    #[test]
    fn a_split_decimal_is_not_a_sentence_end() {
        assert_eq!(
            sentences("Around 1. 3 billion people marked it. Then 98. 7 per cent agreed."),
            [
                "Around 1. 3 billion people marked it.",
                "Then 98. 7 per cent agreed."
            ]
        );
        // Arithmetic is not a split decimal.
        assert_eq!(
            sentences_in("1 + 1 es 2. 2 + 2 es 4.", Some("es")),
            ["1 + 1 es 2.", "2 + 2 es 4."]
        );
    }

    #[test]
    fn initials_urls_and_us() {
        let s = sentences(
            "J. R. R. Tolkien wrote it. See example.com/a.b for more. The U.S. economy grew.",
        );
        assert_eq!(
            s,
            [
                "J. R. R. Tolkien wrote it.",
                "See example.com/a.b for more.",
                "The U.S. economy grew."
            ]
        );
    }

    #[test]
    fn lower_case_text() {
        let s = sentences(
            "the u.s. team won. dr. jones said it was great. they left at 5 p.m. on friday.",
        );
        assert_eq!(
            s,
            [
                "the u.s. team won.",
                "dr. jones said it was great.",
                "they left at 5 p.m. on friday."
            ]
        );
    }

    #[test]
    fn unterminated_tail_is_its_own_piece() {
        let s = sentences("A full sentence. The");
        assert_eq!(s, ["A full sentence.", "The"]);
    }
}
