//! Checking a model's translation of a summary, in any pair of languages.
//!
//! A translation cannot be checked word by word against a source in another language, but the
//! things a reader must be able to trust can: every number (dates and figures among them), every
//! name and every quoted phrase of the translation must appear in the source sentence it came
//! from. Anything else and the original is shown instead; a translation is never shown unchecked.

use super::segment;

/// Why a translation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unfaithful {
    #[error("the number {0} is not in the original")]
    Number(String),
    #[error("the name {0} is not in the original")]
    Name(String),
    #[error("the quotation \"{0}\" is not the original's words")]
    Quote(String),
    #[error("the translation is empty")]
    Empty,
    #[error("the translation is in {found}, not {target}")]
    Language { found: String, target: String },
}

/// Checks `translation` (in `target`) against `original` (in `source`): each sentence's numbers,
/// names and quotations must be in the original sentence it translates (in the whole original
/// when the sentences do not line up one to one).
pub fn check(
    original: &str,
    source: Option<&str>,
    translation: &str,
    target: &str,
) -> Result<(), Unfaithful> {
    let theirs = segment::sentences_in(translation, Some(target));
    if theirs.is_empty() {
        return Err(Unfaithful::Empty);
    }
    // A reply left in the original's language (or any other) is no translation.
    if let Some(found) = crate::lang::detect(translation)
        && found != target
    {
        return Err(Unfaithful::Language {
            found,
            target: target.to_string(),
        });
    }
    let ours = segment::sentences_in(original, source);
    for (i, t) in theirs.iter().enumerate() {
        let from = if ours.len() == theirs.len() {
            ours[i]
        } else {
            original
        };
        let mut numbers = numbers(from);
        numbers.extend(crate::lang::numbers::in_words(from, source));
        let mut claimed = self::numbers(t);
        claimed.extend(crate::lang::numbers::in_words(t, Some(target)));
        if let Some(n) = claimed.into_iter().find(|n| !numbers.contains(n)) {
            return Err(Unfaithful::Number(n));
        }
        let from_lower = from.to_lowercase();
        if let Some(q) = quotes(t).into_iter().find(|q| !from.contains(q.as_str())) {
            return Err(Unfaithful::Quote(q));
        }
        if let Some(name) = names(t, target)
            .into_iter()
            .find(|n| !from_lower.contains(&n.to_lowercase()))
        {
            return Err(Unfaithful::Name(name));
        }
    }
    Ok(())
}

/// Numbers as digit strings, whatever the separators ("812,5" and "812.5", "4 000" and "4,000"
/// are the same digits; languages differ only in the marks between them).
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = c.to_digit(10) {
            cur.push(char::from_digit(d, 10).unwrap_or('0'));
            continue;
        }
        let joins = matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\'')
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if !joins && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Phrases in quotation marks of any language.
fn quotes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('"', '"'), ('“', '”'), ('«', '»'), ('„', '“'), ('「', '」')]
    {
        let mut rest = text;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len_utf8()..];
            let Some(j) = after.find(close) else { break };
            let q = after[..j].trim().trim_matches(|c: char| c.is_whitespace());
            if q.split_whitespace().count() >= 2 || q.chars().count() >= 6 {
                out.push(q.to_string());
            }
            rest = &after[j + close.len_utf8()..];
        }
    }
    out
}

/// Names in a sentence: capitalized words that do not start it and are not the language's
/// common words. German capitalizes every noun, so there only acronyms and words with digits
/// count.
fn names(sentence: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut first = true;
    for raw in sentence.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let acronym =
            w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        let counts = if lang == "de" {
            acronym
        } else {
            capital && !crate::lang::is_stopword(&w.to_lowercase(), Some(lang))
        };
        if !first && counts && w.chars().count() >= 2 {
            out.push(w.to_string());
        }
        first = raw.ends_with(['.', ':', '!', '?', '"', '“', '«']) || w.is_empty() && first;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGINAL: &str = "Pembroke city council approved repairs to the Kinsmen arena on Tuesday. \
        The work will cost about 2.1 million dollars, Mayor Ron Gervais said.";

    /// A reply left in the original's language is no translation; a changed figure written
    /// in words is caught as one in digits is.
    #[test]
    fn an_untranslated_reply_and_a_figure_in_words_fail() {
        assert!(matches!(
            check(ORIGINAL, Some("en"), ORIGINAL, "fr"),
            Err(Unfaithful::Language { .. })
        ));
        let original = "Two people were hurt when the roof of the Kinsmen arena fell on Tuesday.";
        let good =
            "Deux personnes ont été blessées mardi quand le toit de l'aréna Kinsmen est tombé.";
        let bad =
            "Trois personnes ont été blessées mardi quand le toit de l'aréna Kinsmen est tombé.";
        assert_eq!(check(original, Some("en"), good, "fr"), Ok(()));
        assert_eq!(
            check(original, Some("en"), bad, "fr"),
            Err(Unfaithful::Number("3".into()))
        );
    }

    #[test]
    fn a_faithful_translation_passes() {
        let fr = "Le conseil municipal de Pembroke a approuvé mardi des réparations à l'aréna Kinsmen. \
                  Les travaux coûteront environ 2,1 millions de dollars, a déclaré le maire Ron Gervais.";
        assert_eq!(check(ORIGINAL, Some("en"), fr, "fr"), Ok(()));
    }

    #[test]
    fn a_changed_number_a_new_name_or_a_rewritten_quote_fails() {
        let number = "Le conseil municipal de Pembroke a approuvé mardi des réparations à l'aréna Kinsmen. \
                      Les travaux coûteront environ 3,1 millions de dollars, a déclaré le maire Ron Gervais.";
        assert_eq!(
            check(ORIGINAL, Some("en"), number, "fr"),
            Err(Unfaithful::Number("31".into()))
        );
        let name = "Le conseil municipal de Pembroke a approuvé mardi des réparations à l'aréna Kinsmen. \
                    Les travaux coûteront environ 2,1 millions de dollars, a déclaré le ministre Doug Ford.";
        assert!(matches!(
            check(ORIGINAL, Some("en"), name, "fr"),
            Err(Unfaithful::Name(_))
        ));
        let quoted = "Le maire a dit : « nous avons gagné la bataille ».";
        let said = "The mayor said: \"we will fix it\".";
        assert!(matches!(
            check(said, Some("en"), quoted, "fr"),
            Err(Unfaithful::Quote(_))
        ));
    }

    #[test]
    fn separators_differ_by_language_not_digits() {
        assert_eq!(
            numbers("812,5 millions et 4 000 personnes"),
            ["8125", "4000"]
        );
        assert_eq!(numbers("812.5 million and 4,000 people"), ["8125", "4000"]);
    }
}
