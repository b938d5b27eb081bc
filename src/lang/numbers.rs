//! Numbers written as words, in every language herald knows: cardinals ("nine", "vingt-deux",
//! "dreiundzwanzig"), ordinals ("third", "deuxième", "zweite") and fractions ("half", "un
//! tiers", "ein Viertel"). The gate and the translation check compare a claim's numbers with
//! its source's; a figure changed in words ("nine to two" → "nine to three", "deux" → "trois")
//! is as invented as one changed in digits.
//!
//! Each language is a list of morphemes with what they do to the number being read: a unit
//! adds, "hundred" multiplies what came before, "thousand" closes a group, a connector ("and",
//! "und", "y", "et") joins. A word is a number when it splits whole into morphemes, so German,
//! Dutch and Italian compounds ("zweihundertdreiundvierzig", "eenentwintig", "ventitré") are
//! read by the same rule as spaced and hyphenated forms. Values come out as digit strings
//! ("243"), so "9" in a source supports "nine" in a claim and the other way round; halves are
//! "1/2". Articles that are also the word for one ("un", "ein", "una") are not read as numbers.

/// What a morpheme does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Adds its value (units, teens, tens; ordinals and fractions end the number).
    Add(u64),
    /// Multiplies what was read so far (hundred, French "vingt" after "quatre").
    Times(u64),
    /// Closes a group: what was read so far, times this, is added to the total (thousand).
    Group(u64),
    /// A fraction: the whole number is this token ("1/2").
    Half,
    /// Joins two parts inside a number ("and", "und", "y", "e", "et", "en").
    Join,
}

use Part::{Add, Group, Half, Join, Times};

const EN: &[(&str, Part)] = &[
    ("zero", Add(0)),
    ("one", Add(1)),
    ("two", Add(2)),
    ("three", Add(3)),
    ("four", Add(4)),
    ("five", Add(5)),
    ("six", Add(6)),
    ("seven", Add(7)),
    ("eight", Add(8)),
    ("nine", Add(9)),
    ("ten", Add(10)),
    ("eleven", Add(11)),
    ("twelve", Add(12)),
    ("thirteen", Add(13)),
    ("fourteen", Add(14)),
    ("fifteen", Add(15)),
    ("sixteen", Add(16)),
    ("seventeen", Add(17)),
    ("eighteen", Add(18)),
    ("nineteen", Add(19)),
    ("twenty", Add(20)),
    ("thirty", Add(30)),
    ("forty", Add(40)),
    ("fifty", Add(50)),
    ("sixty", Add(60)),
    ("seventy", Add(70)),
    ("eighty", Add(80)),
    ("ninety", Add(90)),
    ("hundred", Times(100)),
    ("thousand", Group(1000)),
    ("dozen", Add(12)),
    ("first", Add(1)),
    ("second", Add(2)),
    ("third", Add(3)),
    ("thirds", Add(3)),
    ("fourth", Add(4)),
    ("quarter", Add(4)),
    ("quarters", Add(4)),
    ("fifth", Add(5)),
    ("sixth", Add(6)),
    ("seventh", Add(7)),
    ("eighth", Add(8)),
    ("ninth", Add(9)),
    ("tenth", Add(10)),
    ("twelfth", Add(12)),
    ("twentieth", Add(20)),
    ("hundredth", Times(100)),
    ("half", Half),
    ("halves", Half),
    ("and", Join),
];

const FR: &[(&str, Part)] = &[
    ("zéro", Add(0)),
    ("deux", Add(2)),
    ("trois", Add(3)),
    ("quatre", Add(4)),
    ("cinq", Add(5)),
    ("six", Add(6)),
    ("sept", Add(7)),
    ("huit", Add(8)),
    ("neuf", Add(9)),
    ("dix", Add(10)),
    ("onze", Add(11)),
    ("douze", Add(12)),
    ("treize", Add(13)),
    ("quatorze", Add(14)),
    ("quinze", Add(15)),
    ("seize", Add(16)),
    ("vingt", Add(20)),
    ("vingts", Times(20)),
    ("trente", Add(30)),
    ("quarante", Add(40)),
    ("cinquante", Add(50)),
    ("soixante", Add(60)),
    ("septante", Add(70)),
    ("huitante", Add(80)),
    ("octante", Add(80)),
    ("nonante", Add(90)),
    ("cent", Times(100)),
    ("cents", Times(100)),
    ("mille", Group(1000)),
    ("douzaine", Add(12)),
    ("premier", Add(1)),
    ("première", Add(1)),
    ("deuxième", Add(2)),
    ("second", Add(2)),
    ("seconde", Add(2)),
    ("troisième", Add(3)),
    ("tiers", Add(3)),
    ("quatrième", Add(4)),
    ("quart", Add(4)),
    ("quarts", Add(4)),
    ("cinquième", Add(5)),
    ("sixième", Add(6)),
    ("septième", Add(7)),
    ("huitième", Add(8)),
    ("neuvième", Add(9)),
    ("dixième", Add(10)),
    ("vingtième", Add(20)),
    ("moitié", Half),
    ("demi", Half),
    ("demie", Half),
    ("et", Join),
];

const DE: &[(&str, Part)] = &[
    ("null", Add(0)),
    ("eins", Add(1)),
    ("zwei", Add(2)),
    ("zwo", Add(2)),
    ("drei", Add(3)),
    ("vier", Add(4)),
    ("fünf", Add(5)),
    ("sechs", Add(6)),
    ("sech", Add(6)),
    ("sieben", Add(7)),
    ("sieb", Add(7)),
    ("acht", Add(8)),
    ("neun", Add(9)),
    ("zehn", Add(10)),
    ("elf", Add(11)),
    ("zwölf", Add(12)),
    ("zwanzig", Add(20)),
    ("dreißig", Add(30)),
    ("dreissig", Add(30)),
    ("vierzig", Add(40)),
    ("fünfzig", Add(50)),
    ("sechzig", Add(60)),
    ("siebzig", Add(70)),
    ("achtzig", Add(80)),
    ("neunzig", Add(90)),
    ("hundert", Times(100)),
    ("tausend", Group(1000)),
    ("dutzend", Add(12)),
    ("ein", Add(1)),
    ("erste", Add(1)),
    ("ersten", Add(1)),
    ("erster", Add(1)),
    ("zweite", Add(2)),
    ("zweiten", Add(2)),
    ("zweiter", Add(2)),
    ("dritte", Add(3)),
    ("dritten", Add(3)),
    ("dritter", Add(3)),
    ("drittel", Add(3)),
    ("vierte", Add(4)),
    ("vierten", Add(4)),
    ("viertel", Add(4)),
    ("fünfte", Add(5)),
    ("fünften", Add(5)),
    ("sechste", Add(6)),
    ("siebte", Add(7)),
    ("achte", Add(8)),
    ("neunte", Add(9)),
    ("zehnte", Add(10)),
    ("hälfte", Half),
    ("halb", Half),
    ("halbe", Half),
    ("halben", Half),
    ("und", Join),
];

const ES: &[(&str, Part)] = &[
    ("cero", Add(0)),
    ("dos", Add(2)),
    ("tres", Add(3)),
    ("cuatro", Add(4)),
    ("cinco", Add(5)),
    ("seis", Add(6)),
    ("siete", Add(7)),
    ("ocho", Add(8)),
    ("nueve", Add(9)),
    ("diez", Add(10)),
    ("once", Add(11)),
    ("doce", Add(12)),
    ("trece", Add(13)),
    ("catorce", Add(14)),
    ("quince", Add(15)),
    ("dieci", Add(10)),
    // The accented forms of compounds: dieciséis, veintidós, veintitrés.
    ("séis", Add(6)),
    ("dós", Add(2)),
    ("trés", Add(3)),
    ("veinte", Add(20)),
    ("veinti", Add(20)),
    ("treinta", Add(30)),
    ("cuarenta", Add(40)),
    ("cincuenta", Add(50)),
    ("sesenta", Add(60)),
    ("setenta", Add(70)),
    ("ochenta", Add(80)),
    ("noventa", Add(90)),
    ("cien", Times(100)),
    ("ciento", Times(100)),
    ("cientos", Times(100)),
    ("doscientos", Add(200)),
    ("doscientas", Add(200)),
    ("trescientos", Add(300)),
    ("quinientos", Add(500)),
    ("mil", Group(1000)),
    ("docena", Add(12)),
    ("uno", Add(1)),
    ("primero", Add(1)),
    ("primera", Add(1)),
    ("segundo", Add(2)),
    ("segunda", Add(2)),
    ("tercero", Add(3)),
    ("tercera", Add(3)),
    ("tercer", Add(3)),
    ("tercio", Add(3)),
    ("cuarto", Add(4)),
    ("cuarta", Add(4)),
    ("quinto", Add(5)),
    ("sexto", Add(6)),
    ("séptimo", Add(7)),
    ("octavo", Add(8)),
    ("noveno", Add(9)),
    ("décimo", Add(10)),
    ("mitad", Half),
    ("medio", Half),
    ("media", Half),
    ("y", Join),
];

const IT: &[(&str, Part)] = &[
    ("zero", Add(0)),
    ("due", Add(2)),
    ("tre", Add(3)),
    ("tré", Add(3)),
    ("quattro", Add(4)),
    ("cinque", Add(5)),
    ("sei", Add(6)),
    ("sette", Add(7)),
    ("otto", Add(8)),
    ("nove", Add(9)),
    ("dieci", Add(10)),
    // The accented forms of compounds: dieciséis, veintidós, veintitrés.
    ("séis", Add(6)),
    ("dós", Add(2)),
    ("trés", Add(3)),
    ("undici", Add(11)),
    ("dodici", Add(12)),
    ("tredici", Add(13)),
    ("quattordici", Add(14)),
    ("quindici", Add(15)),
    ("sedici", Add(16)),
    ("diciassette", Add(17)),
    ("diciotto", Add(18)),
    ("diciannove", Add(19)),
    ("venti", Add(20)),
    ("vent", Add(20)),
    ("trenta", Add(30)),
    ("trent", Add(30)),
    ("quaranta", Add(40)),
    ("quarant", Add(40)),
    ("cinquanta", Add(50)),
    ("cinquant", Add(50)),
    ("sessanta", Add(60)),
    ("sessant", Add(60)),
    ("settanta", Add(70)),
    ("settant", Add(70)),
    ("ottanta", Add(80)),
    ("ottant", Add(80)),
    ("novanta", Add(90)),
    ("novant", Add(90)),
    ("cento", Times(100)),
    ("mille", Group(1000)),
    ("mila", Group(1000)),
    ("dozzina", Add(12)),
    ("uno", Add(1)),
    ("primo", Add(1)),
    ("prima", Add(1)),
    ("secondo", Add(2)),
    ("seconda", Add(2)),
    ("terzo", Add(3)),
    ("terza", Add(3)),
    ("quarto", Add(4)),
    ("quarta", Add(4)),
    ("quinto", Add(5)),
    ("metà", Half),
    ("mezzo", Half),
    ("mezza", Half),
    ("e", Join),
];

const PT: &[(&str, Part)] = &[
    ("zero", Add(0)),
    ("dois", Add(2)),
    ("duas", Add(2)),
    ("três", Add(3)),
    ("quatro", Add(4)),
    ("cinco", Add(5)),
    ("seis", Add(6)),
    ("sete", Add(7)),
    ("oito", Add(8)),
    ("nove", Add(9)),
    ("dez", Add(10)),
    ("onze", Add(11)),
    ("doze", Add(12)),
    ("treze", Add(13)),
    ("catorze", Add(14)),
    ("quatorze", Add(14)),
    ("quinze", Add(15)),
    ("dezesseis", Add(16)),
    ("dezasseis", Add(16)),
    ("dezessete", Add(17)),
    ("dezassete", Add(17)),
    ("dezoito", Add(18)),
    ("dezenove", Add(19)),
    ("dezanove", Add(19)),
    ("vinte", Add(20)),
    ("trinta", Add(30)),
    ("quarenta", Add(40)),
    ("cinquenta", Add(50)),
    ("sessenta", Add(60)),
    ("setenta", Add(70)),
    ("oitenta", Add(80)),
    ("noventa", Add(90)),
    ("cem", Times(100)),
    ("cento", Times(100)),
    ("mil", Group(1000)),
    ("dúzia", Add(12)),
    ("primeiro", Add(1)),
    ("primeira", Add(1)),
    ("segundo", Add(2)),
    ("segunda", Add(2)),
    ("terceiro", Add(3)),
    ("terceira", Add(3)),
    ("terço", Add(3)),
    ("quarto", Add(4)),
    ("quarta", Add(4)),
    ("metade", Half),
    ("meio", Half),
    ("meia", Half),
    ("e", Join),
];

const NL: &[(&str, Part)] = &[
    ("nul", Add(0)),
    ("één", Add(1)),
    ("twee", Add(2)),
    ("drie", Add(3)),
    ("vier", Add(4)),
    ("vijf", Add(5)),
    ("zes", Add(6)),
    ("zeven", Add(7)),
    ("acht", Add(8)),
    ("negen", Add(9)),
    ("tien", Add(10)),
    ("elf", Add(11)),
    ("twaalf", Add(12)),
    ("dertien", Add(13)),
    ("veertien", Add(14)),
    ("twintig", Add(20)),
    ("dertig", Add(30)),
    ("veertig", Add(40)),
    ("vijftig", Add(50)),
    ("zestig", Add(60)),
    ("zeventig", Add(70)),
    ("tachtig", Add(80)),
    ("negentig", Add(90)),
    ("honderd", Times(100)),
    ("duizend", Group(1000)),
    ("een", Add(1)),
    ("eerste", Add(1)),
    ("tweede", Add(2)),
    ("derde", Add(3)),
    ("vierde", Add(4)),
    ("kwart", Add(4)),
    ("helft", Half),
    ("half", Half),
    ("halve", Half),
    ("en", Join),
];

/// The morphemes of a language (English when it is not known).
fn table(lang: Option<&str>) -> &'static [(&'static str, Part)] {
    match lang {
        Some("fr") => FR,
        Some("de") => DE,
        Some("es") => ES,
        Some("it") => IT,
        Some("pt") => PT,
        Some("nl") => NL,
        _ => EN,
    }
}

/// Words that name one but are far more often an article ("ein Haus", "een huis"): read as
/// a number only inside a longer one ("einundzwanzig", "eenentwintig").
fn article_alone(word: &str, lang: Option<&str>) -> bool {
    matches!(
        (lang, word),
        (Some("de"), "ein") | (Some("nl"), "een") | (Some("es" | "it"), "uno")
    )
}

/// Splits a word whole into morphemes (longest first, backtracking), or `None`.
fn split(word: &str, table: &[(&str, Part)]) -> Option<Vec<Part>> {
    if word.is_empty() {
        return Some(Vec::new());
    }
    let mut candidates: Vec<&(&str, Part)> =
        table.iter().filter(|(m, _)| word.starts_with(m)).collect();
    candidates.sort_by_key(|(m, _)| std::cmp::Reverse(m.len()));
    for (m, part) in candidates {
        if let Some(mut rest) = split(&word[m.len()..], table) {
            rest.insert(0, *part);
            return Some(rest);
        }
    }
    None
}

/// French counts in twenties: "quatre-vingt(s)" is four times twenty, not four and twenty.
fn french_twenties(parts: &mut [Part]) {
    for i in 1..parts.len() {
        if parts[i - 1] == Add(4) && parts[i] == Add(20) {
            parts[i] = Times(20);
        }
    }
}

/// Reads one number from its parts; `None` when they do not make one (a connector alone).
fn value(parts: &[Part]) -> Option<String> {
    if parts.contains(&Half) {
        return Some("1/2".to_string());
    }
    if !parts
        .iter()
        .any(|p| matches!(p, Add(_) | Times(_) | Group(_)))
    {
        return None;
    }
    let (mut total, mut current) = (0u64, 0u64);
    for p in parts {
        match *p {
            Add(v) => current = current.saturating_add(v),
            Times(v) => current = current.max(1).saturating_mul(v),
            Group(v) => {
                total = total.saturating_add(current.max(1).saturating_mul(v));
                current = 0;
            }
            Half | Join => {}
        }
    }
    Some(total.saturating_add(current).to_string())
}

/// The numbers written as words in `text`, in `lang` (ISO 639-1; English when unknown), as
/// digit strings: "nine to two" → ["9", "2"], "vingt-deux" → ["22"], "a third" → ["3"],
/// "half" → ["1/2"].
pub fn in_words(text: &str, lang: Option<&str>) -> Vec<String> {
    let table = table(lang);
    let mut out = Vec::new();
    let mut run: Vec<Part> = Vec::new();
    let flush = |run: &mut Vec<Part>, out: &mut Vec<String>| {
        // A trailing connector belongs to the text, not the number ("two and").
        while run.last() == Some(&Join) {
            run.pop();
        }
        if lang == Some("fr") {
            french_twenties(run);
        }
        if let Some(v) = value(run) {
            out.push(v);
        }
        run.clear();
    };
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')) {
        let word = raw
            .trim_matches(|c: char| c == '-' || c == '\'')
            .to_lowercase();
        if word.is_empty() {
            flush(&mut run, &mut out);
            continue;
        }
        // Hyphenated forms are read piece by piece: "twenty-one", "dix-sept", "vingt-et-un".
        for piece in word.split('-') {
            let parts = if article_alone(piece, lang) {
                None
            } else {
                split(piece, table)
            };
            match parts {
                Some(p) if p == [Join] && run.is_empty() => flush(&mut run, &mut out),
                Some(p) => run.extend(p),
                None => flush(&mut run, &mut out),
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, lang: &str) -> Vec<String> {
        in_words(text, Some(lang))
    }

    #[test]
    fn cardinals_in_each_language() {
        for (lang, text, want) in [
            ("en", "The vote was nine to two.", vec!["9", "2"]),
            (
                "en",
                "twenty-one people and two hundred and five cars",
                vec!["21", "205"],
            ),
            ("en", "three thousand four hundred", vec!["3400"]),
            ("en", "six months", vec!["6"]),
            ("fr", "vingt-deux personnes", vec!["22"]),
            ("fr", "quatre-vingt-dix-sept", vec!["97"]),
            ("fr", "soixante et onze", vec!["71"]),
            ("fr", "deux mille trois cents", vec!["2300"]),
            ("de", "dreiundzwanzig Menschen", vec!["23"]),
            ("de", "zweihundertdreiundvierzig", vec!["243"]),
            ("es", "treinta y dos", vec!["32"]),
            ("es", "dieciséis", vec!["16"]),
            ("it", "ventitré", vec!["23"]),
            ("pt", "vinte e cinco", vec!["25"]),
            ("nl", "eenentwintig", vec!["21"]),
        ] {
            let want: Vec<String> = want.into_iter().map(String::from).collect();
            assert_eq!(read(text, lang), want, "{lang}: {text}");
        }
    }

    #[test]
    fn ordinals_fractions_and_articles() {
        assert_eq!(read("a third of the vote", "en"), ["3"]);
        assert_eq!(read("half of the vote", "en"), ["1/2"]);
        assert_eq!(read("la moitié des voix", "fr"), ["1/2"]);
        assert_eq!(read("ein Drittel", "de"), ["3"]);
        assert_eq!(read("la deuxième fois", "fr"), ["2"]);
        assert!(read("ein Haus und eine Frau", "de").is_empty());
        assert!(read("een huis", "nl").is_empty());
        assert!(read("un chat et une souris", "fr").is_empty());
        assert!(read("and then", "en").is_empty());
        assert!(
            read("Tennessee often tends to", "en").is_empty(),
            "words containing numbers"
        );
    }
}
