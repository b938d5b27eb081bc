//! Which language a piece of text is in, and what that language needs from the text stages.
//!
//! Languages are carried as lower-case ISO 639-1 codes ("en", "fr", "ja"), the primary subtag of
//! what feeds declare (`fr-CA`, `en_US`, `FR`). A feed's declaration is trusted unless the text
//! itself says clearly otherwise (CMSs ship `<language>en-us</language>` by default whatever
//! they publish), and detection fills in where nothing is declared. The segmenter, the
//! summarizer, the gate and the clusterer ask this module for stop words and for whether words
//! are separated by spaces at all.

pub mod abbreviations;
pub mod numbers;

use std::collections::HashSet;
use std::sync::OnceLock;

/// A feed's or page's language tag reduced to its primary subtag, or `None` when it is not one.
///
/// ```
/// assert_eq!(herald::lang::normalize("fr-CA").as_deref(), Some("fr"));
/// assert_eq!(herald::lang::normalize(" en_US ").as_deref(), Some("en"));
/// assert_eq!(herald::lang::normalize("x-klingon"), None);
/// ```
pub fn normalize(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let ok = matches!(primary.len(), 2 | 3) && primary.chars().all(|c| c.is_ascii_lowercase());
    ok.then_some(primary)
}

/// How much of a text detection reads.
pub const SAMPLE_CHARS: usize = 500;

/// The language of `text` when the text is long enough to tell and the detector is sure, or
/// its guess is confirmed by the guessed language's stop words (a headline's worth of Spanish
/// or Dutch is too short for the trigram detector alone).
pub fn detect(text: &str) -> Option<String> {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    // Han and Kana say much in few characters; a Latin headline alone says less.
    let unspaced_script = looks_unspaced(&sample);
    let enough = if unspaced_script { 4 } else { 24 };
    if letters < enough {
        return None;
    }
    // Most text a reader gets is English: its stop words say so at a fraction of the cost of
    // the trigram detector (which then only sees the rest).
    if clearly_in(&sample, "en") {
        return Some("en".to_string());
    }
    let info = whatlang::detect(&sample)?;
    let code = iso639_1(info.lang());
    if info.is_reliable() || unspaced_script || stop_share(&sample, code) >= 0.25 {
        return Some(code.to_string());
    }
    None
}

/// The item's language: what the entry or feed declares, unless its text is clearly in another
/// language; detection where nothing is declared.
pub fn resolve(declared: Option<&str>, text: &str) -> Option<String> {
    let declared = declared.and_then(normalize);
    // A language with a close neighbour (Spanish and Catalan share most common words) is
    // checked by the detector even when its own words are plain.
    let close = |d: &str| {
        matches!(
            d,
            "es" | "ca"
                | "pt"
                | "gl"
                | "no"
                | "nb"
                | "da"
                | "sv"
                | "ru"
                | "bg"
                | "uk"
                | "be"
                | "hr"
                | "sr"
                | "bs"
                | "sl"
                | "cs"
                | "sk"
                | "id"
                | "ms"
        )
    };
    if let Some(d) = &declared
        && (text.chars().count() < 120 || (clearly_in(text, d) && !close(d)))
    {
        // Too short to overrule the feed, or plainly in the language it declares.
        return declared;
    }
    let detected = detect(text);
    match (declared, detected) {
        // A declaration yields only to confident detection of another language: the detector
        // sure of itself, and the other language's own common words more frequent than the
        // declared one's (Russian declared `ru` is not relabelled `bg`, nor Norwegian `da`;
        // Catalan declared `es` is Catalan).
        (Some(d), Some(t))
            if d != t && text.chars().count() >= 120 && confidently(text, &t, &d) =>
        {
            Some(t)
        }
        (Some(d), _) => Some(d),
        (None, t) => t,
    }
}

/// True when the detector is sure `text` is in `detected` and that language's common words
/// outnumber those of `declared` (when both have lists).
fn confidently(text: &str, detected: &str, declared: &str) -> bool {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    let sure = whatlang::detect(&sample).is_some_and(|i| {
        i.is_reliable() && i.confidence() >= 0.5 && iso639_1(i.lang()) == detected
    });
    let (ours, theirs) = (stop_share(&sample, detected), stop_share(&sample, declared));
    let listed = |l: &str| l == "en" || stopwords_of(l).is_some();
    let has_lists = listed(detected) && listed(declared);
    (sure || clearly_in(&sample, detected)) && (!has_lists || ours > theirs)
}

/// True when at least a third of the first 60 words of `text` are stop words of `lang`: no
/// other language's text looks like that (checked on the dev sets; a detector costs 100 µs).
fn clearly_in(text: &str, lang: &str) -> bool {
    let (words, share) = stop_counts(text, lang);
    words >= 12 && share * 3.0 >= 1.0
}

/// The share of the first 60 words of `text` that are stop words of `lang` (0 for languages
/// without a list, and for texts of fewer than 5 words).
fn stop_share(text: &str, lang: &str) -> f64 {
    let (words, share) = stop_counts(text, lang);
    if words >= 5 { share } else { 0.0 }
}

fn stop_counts(text: &str, lang: &str) -> (usize, f64) {
    if unspaced(Some(lang)) || stopwords_of(lang).is_none() && lang != "en" {
        return (0, 0.0);
    }
    let (mut words, mut stop) = (0usize, 0usize);
    let mut buf = String::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(60)
    {
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        words += 1;
        if is_stopword(&buf, Some(lang)) {
            stop += 1;
        }
    }
    (
        words,
        if words == 0 {
            0.0
        } else {
            stop as f64 / words as f64
        },
    )
}

/// True for languages written without spaces between words (budgets count characters there).
pub fn unspaced(lang: Option<&str>) -> bool {
    matches!(lang, Some("zh" | "ja" | "th" | "lo" | "km" | "my"))
}

/// True when `text` is mostly in a script written without spaces (Han, Kana, Thai...), whatever
/// the declared language says.
pub fn looks_unspaced(text: &str) -> bool {
    let mut letters = 0usize;
    let mut unspaced = 0usize;
    for c in text.chars().filter(|c| c.is_alphabetic()).take(400) {
        letters += 1;
        if is_unspaced_char(c) {
            unspaced += 1;
        }
    }
    letters > 0 && unspaced * 2 > letters
}

/// A character of a script written without spaces between words.
pub fn is_unspaced_char(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x0E00..=0x0EFF    // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x20000..=0x2FFFF)
}

/// Stop words of `lang` (lower case); English's own list when the language is unknown.
pub fn is_stopword(word: &str, lang: Option<&str>) -> bool {
    match lang {
        None | Some("en") => crate::text::is_stopword(word),
        Some(code) => match stopwords_of(code) {
            Some(set) => set.contains(word),
            None => crate::text::is_stopword(word),
        },
    }
}

fn stopwords_of(code: &str) -> Option<&'static HashSet<&'static str>> {
    static SETS: OnceLock<std::collections::HashMap<&'static str, HashSet<&'static str>>> =
        OnceLock::new();
    let sets = SETS.get_or_init(|| {
        SUPPORTED
            .iter()
            .filter_map(|&c| {
                let words = stop_words::lookup(c)?;
                Some((c, words.iter().copied().collect()))
            })
            .collect()
    });
    sets.get(code)
}

/// Languages with their own stop words and abbreviations here.
pub const SUPPORTED: &[&str] = &[
    "en", "fr", "de", "es", "it", "pt", "nl", "da", "sv", "no", "fi", "pl", "cs", "sk", "ru", "uk",
    "bg", "el", "tr", "ro", "hu", "ca",
];

/// ISO 639-1 where there is one, else whatlang's ISO 639-3 code.
fn iso639_1(l: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match l {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Dan => "da",
        Swe => "sv",
        Nob => "no",
        Fin => "fi",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Rus => "ru",
        Ukr => "uk",
        Bul => "bg",
        Ell => "el",
        Tur => "tr",
        Ron => "ro",
        Hun => "hu",
        Cat => "ca",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ara => "ar",
        Heb => "he",
        Hin => "hi",
        Tha => "th",
        Vie => "vi",
        Ind => "id",
        Pes => "fa",
        Urd => "ur",
        Mar => "mr",
        Amh => "am",
        Hye => "hy",
        Mya => "my",
        Khm => "km",
        Epo => "eo",
        Ben => "bn",
        Kat => "ka",
        Yid => "yi",
        Jav => "jv",
        Bel => "be",
        Kan => "kn",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Tel => "te",
        Mal => "ml",
        Ori => "or",
        Nep => "ne",
        Sin => "si",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Tgl => "tl",
        // A language a later whatlang adds: its own code, until it is named here.
        #[allow(unreachable_patterns)]
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Languages outside the old table came out as three-letter codes (`afr`), so a declared
    /// `af` was "contradicted" and overridden; a Russian item declared `ru` was relabelled `bg`.
    #[test]
    fn codes_are_two_letters_and_declarations_yield_only_to_confidence() {
        let af = "Die regering het Dinsdag aangekondig dat die nuwe begroting meer geld vir skole en hospitale sal bevat, en die minister het gesê dat die ekonomie vanjaar sal groei ondanks die droogte in die suide van die land.";
        assert_eq!(resolve(Some("af"), af).as_deref(), Some("af"));
        if let Some(code) = detect(af) {
            assert_eq!(code.len(), 2, "{code}");
        }
        let ru = "Правительство объявило во вторник о новом бюджете, который предусматривает больше денег для школ и больниц, а министр заявил, что экономика в этом году вырастет, несмотря на засуху на юге страны.";
        assert_eq!(resolve(Some("ru"), ru).as_deref(), Some("ru"));
        let ca = "El govern va anunciar dimarts un nou pressupost que inclou més diners per a les escoles i els hospitals, i el ministre va dir que l'economia creixerà aquest any malgrat la sequera al sud del país.";
        assert_eq!(resolve(Some("es"), ca).as_deref(), Some("ca"));
        let de = "Die Regierung hat am Dienstag einen neuen Haushalt angekündigt, der mehr Geld für Schulen und Krankenhäuser vorsieht, und der Minister sagte, dass die Wirtschaft in diesem Jahr trotz der Dürre im Süden wachsen werde.";
        assert_eq!(
            resolve(Some("en-us"), de).as_deref(),
            Some("de"),
            "a CMS default yields"
        );
    }

    #[test]
    fn declared_tags_reduce_to_their_language() {
        assert_eq!(normalize("de-DE").as_deref(), Some("de"));
        assert_eq!(normalize("JA").as_deref(), Some("ja"));
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("1234"), None);
    }

    #[test]
    fn detection_needs_enough_text_and_certainty() {
        assert_eq!(detect("Bonjour"), None);
        let fr = "Le gouvernement a annoncé mardi une nouvelle aide pour les agriculteurs touchés par la sécheresse de l'été.";
        assert_eq!(detect(fr).as_deref(), Some("fr"));
        let ja = "東京都は月曜日、新しい防災計画を発表しました。地震に備えて住民の避難訓練を増やします。";
        assert_eq!(detect(ja).as_deref(), Some("ja"));
    }

    #[test]
    fn headlines_are_told_apart_by_their_stop_words_and_scripts() {
        let cases = [
            (
                "El alcalde anuncia un nuevo presupuesto para la ciudad",
                "es",
            ),
            ("Il sindaco annuncia un nuovo bilancio per la città", "it"),
            (
                "De burgemeester kondigt een nieuwe begroting aan voor de stad",
                "nl",
            ),
            ("市長が新しい予算を発表", "ja"),
            ("市长宣布新的预算", "zh"),
            ("Mayor announces new budget for the city", "en"),
        ];
        for (text, lang) in cases {
            assert_eq!(detect(text).as_deref(), Some(lang), "{text}");
        }
    }

    #[test]
    fn a_wrong_default_declaration_yields_to_clear_text() {
        let de = "Die Bundesregierung hat am Dienstag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen. Der Bundestag soll noch in diesem Jahr darüber abstimmen, teilte ein Sprecher mit.";
        assert_eq!(resolve(Some("en-us"), de).as_deref(), Some("de"));
        assert_eq!(resolve(Some("fr-CA"), "Court").as_deref(), Some("fr"));
        assert_eq!(resolve(None, "Court"), None);
    }

    #[test]
    fn stop_words_per_language() {
        assert!(is_stopword("le", Some("fr")));
        assert!(is_stopword("und", Some("de")));
        assert!(!is_stopword("gouvernement", Some("fr")));
        assert!(is_stopword("the", None));
    }
}
