//! Sentence segmentation tuned for news: abbreviations, initials, decimals, quotes, ellipses,
//! URLs, and text that is all lower case (as the CNN/DailyMail research release is).

/// Words that end with a period without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "gov", "sen", "rep",
    "rev", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "supt", "det", "insp", "cpl", "pte",
    "pvt", "hon", "messrs", "mme", "mlle", "inc", "ltd", "co", "corp", "bros", "vs", "v", "no",
    "nos", "fig", "figs", "vol", "vols", "pp", "ch", "sec", "art", "approx", "est", "dept", "univ",
    "assn", "ave", "blvd", "rd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "al", "cf", "ca", "op",
];

/// Abbreviations that often end a sentence too: split after them only before a capital letter.
const AMBIGUOUS: &[&str] = &[
    "u.s", "u.k", "u.n", "a.m", "p.m", "inc", "ltd", "co", "corp", "est",
];

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// Splits a paragraph into sentences; each sentence is a slice of the input, trimmed.
pub fn sentences(text: &str) -> Vec<&str> {
    let cased = text.chars().any(|c| c.is_uppercase());
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Consume the run of terminal punctuation and closing quotes.
        let mut j = i + 1;
        while j < chars.len()
            && (matches!(chars[j].1, '.' | '!' | '?' | '…') || CLOSERS.contains(&chars[j].1))
        {
            j += 1;
        }
        if j < chars.len() && !chars[j].1.is_whitespace() {
            i = j;
            continue;
        }
        // The next word, after white space.
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let next = chars.get(k).map(|(_, c)| *c);
        if c == '.' && j == i + 1 && !ends_sentence(text, chars[i].0, next, cased) {
            i = j;
            continue;
        }
        if matches!(c, '…') || (c == '.' && j > i + 1 && chars[i + 1].1 == '.') {
            // An ellipsis ends a sentence only before a capital (or at the end).
            if next.is_some_and(|n| !n.is_uppercase() && n != '"' && n != '“') {
                i = j;
                continue;
            }
        }
        let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let s = text[start..end].trim();
        if !s.is_empty() {
            out.push(s);
        }
        start = end;
        i = j;
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Decides whether the period at byte `dot` ends a sentence.
fn ends_sentence(text: &str, dot: usize, next: Option<char>, cased: bool) -> bool {
    let Some(next) = next else { return true };
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = before[word_start..].to_lowercase();
    if word.is_empty() {
        return true;
    }
    // Digits on both sides are a decimal that tokenized text split ("1. 3 billion"): news
    // sentences do not start with a figure.
    if next.is_ascii_digit() && word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    // A single letter is an initial ("J. Smith"), unless it is the pronoun "I".
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) && word != "i" {
        return false;
    }
    if ABBREVIATIONS.contains(&word.as_str()) {
        if AMBIGUOUS.contains(&word.as_str()) && cased && next.is_uppercase() {
            return true;
        }
        return false;
    }
    // In cased text, a lower-case continuation means the period was not a full stop.
    if cased && next.is_lowercase() {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_split_decimal_is_not_a_sentence_end() {
        assert_eq!(
            sentences("Around 1. 3 billion people marked it. Then 98. 7 per cent agreed."),
            [
                "Around 1. 3 billion people marked it.",
                "Then 98. 7 per cent agreed."
            ]
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
