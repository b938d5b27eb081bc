//! The small recognizers the segmenter's rules ask about: quotations and the languages that
//! quote »so«, citation markers, short brackets, a full stop whose space was lost, and the
//! letters of a word with its combining marks aside.

/// `(open, close)` char indices of the quotations in a paragraph: curly, guillemet and German
/// pairs, and straight quotes taken in pairs. A quotation longer than a few sentences is more
/// likely an unbalanced mark than one quote, and is ignored.
/// Languages that quote »so« (German, Danish, Czech…), the other way round from « French ».
pub(super) fn guillemets_reversed(lang: Option<&str>) -> bool {
    matches!(
        lang,
        Some("de" | "da" | "cs" | "sk" | "sl" | "hr" | "hu" | "pl")
    )
}

pub(super) fn quotations(chars: &[(usize, char)], lang: Option<&str>) -> Vec<(usize, usize)> {
    const LONGEST: usize = 300;
    let mut out = Vec::new();
    let guillemets = if guillemets_reversed(lang) {
        ('»', '«')
    } else {
        ('«', '»')
    };
    for (open, close) in [('“', '”'), guillemets, ('„', '“'), ('"', '"')] {
        let mut at: Option<usize> = None;
        for (i, &(_, c)) in chars.iter().enumerate() {
            // A straight quote between two letters is part of a word, not a quotation:
            // Hebrew abbreviations write their gershayim so (ד"ר, צה"ל).
            let letter = |k: Option<usize>| {
                k.and_then(|k| chars.get(k))
                    .is_some_and(|(_, c)| c.is_alphabetic())
            };
            if c == '"' && letter(i.checked_sub(1)) && letter(Some(i + 1)) {
                continue;
            }
            match at {
                None if c == open => at = Some(i),
                Some(o) if c == close => {
                    if i - o <= LONGEST {
                        out.push((o, i));
                    }
                    at = None;
                }
                _ => {}
            }
        }
    }
    out
}

/// The length of a citation marker at `j` ("[13]", "[a]", "[citation needed]" up to 24
/// characters), when one is there.
pub(super) fn citation_len(chars: &[(usize, char)], j: usize) -> Option<usize> {
    if chars.get(j).map(|(_, c)| *c) != Some('[') {
        return None;
    }
    let close = chars[j + 1..]
        .iter()
        .take(25)
        .position(|(_, c)| *c == ']')?;
    let inner = &chars[j + 1..j + 1 + close];
    let plausible = !inner.is_empty()
        && inner
            .iter()
            .all(|(_, c)| c.is_alphanumeric() || matches!(c, ' ' | ',' | '-' | '–'));
    plausible.then_some(close + 2)
}

/// True when the character at `i` sits inside brackets opened at most 40 characters before
/// and closed at most 40 after, with no other stop or line break before the closer.
pub(super) fn in_short_brackets(chars: &[(usize, char)], i: usize) -> bool {
    const SPAN: usize = 40;
    let mut depth = 0usize;
    let mut opener = None;
    for k in (i.saturating_sub(SPAN)..i).rev() {
        match chars[k].1 {
            ')' | ']' | '}' | '）' => depth += 1,
            '(' | '[' | '{' | '（' if depth == 0 => {
                opener = Some(chars[k].1);
                break;
            }
            '(' | '[' | '{' | '（' => depth -= 1,
            '\n' => break,
            _ => {}
        }
    }
    let Some(open) = opener else {
        return false;
    };
    let close = match open {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        _ => '）',
    };
    for &(_, c) in chars.iter().skip(i + 1).take(SPAN) {
        if c == close {
            return true;
        }
        if matches!(c, '.' | '!' | '?' | '\n' | '(' | '[' | '{' | '（') {
            return false;
        }
    }
    false
}

/// True when the period at `i` is glued between a lower-case word of four letters or more and
/// a capitalized word or Roman numeral ("жағдайы.XVIII", "ended.Then"; not "report.PDF").
pub(super) fn missing_space_end(chars: &[(usize, char)], i: usize) -> bool {
    let before = chars[..i]
        .iter()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .count();
    let lower_before = before >= 4 && chars[i - before..i].iter().all(|(_, c)| c.is_lowercase());
    let after: Vec<char> = chars[i + 1..]
        .iter()
        .map(|(_, c)| *c)
        .take_while(|c| c.is_alphabetic())
        .collect();
    // A word ("Then"), or a Roman numeral ("XVIII"); not an acronym or a file type ("PDF").
    let word_like = after.len() >= 2
        && (after[1..].iter().any(|c| c.is_lowercase())
            || after.iter().all(|c| "IVXLCDM".contains(*c)));
    let word_after = after.len() >= 2
        && after[0].is_uppercase()
        && word_like
        && chars
            .get(i + 1 + after.len())
            .is_none_or(|(_, c)| *c != '.' && *c != '@');
    lower_before && word_after
}

/// True when the citation marker at `j` holds only figures ("[1]", "[2–11]", "[3, 4]").
pub(super) fn numbered_citation(chars: &[(usize, char)], j: usize) -> bool {
    chars[j + 1..]
        .iter()
        .take_while(|(_, c)| *c != ']')
        .all(|(_, c)| c.is_ascii_digit() || matches!(c, ' ' | ',' | '-' | '–'))
}

/// Letters of a word, its combining marks aside: Malayalam's "കെ" (a letter and a vowel sign)
/// and "ആർ" (a vowel and a chillu consonant) are one syllable-letter each, as "J" is.
pub(super) fn syllable_letters(word: &str) -> usize {
    word.chars()
        .filter(|c| {
            !unicode_normalization::char::is_combining_mark(*c)
                && !('\u{0d7a}'..='\u{0d7f}').contains(c)
        })
        .count()
}
