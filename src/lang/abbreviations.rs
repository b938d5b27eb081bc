//! What each language's sentences need from the segmenter: abbreviations that do not end a
//! sentence, month names after dotted ordinals ("am 3. Oktober"), titles that start one.
//! Data, kept apart from the rules in `summarize::segment` that read it.

/// Words that end with a period without ending the sentence (English, and any language
/// without a list of its own).
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "gov", "sen", "rep",
    "rev", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "supt", "det", "insp", "cpl", "pte",
    "pvt", "hon", "messrs", "mme", "mlle", "inc", "ltd", "co", "corp", "bros", "vs", "v", "no",
    "nos", "fig", "figs", "vol", "vols", "pp", "ch", "sec", "art", "approx", "est", "dept", "univ",
    "assn", "ave", "blvd", "rd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "al", "cf", "ca", "op", "n°", "nº", "lat",
];

/// Abbreviations that often end a sentence too: split after them only when the next word is
/// one that starts sentences (a pronoun, an article: "in the U.S. How about you?"), not a name
/// ("the U.S. Government").
pub(crate) const AMBIGUOUS: &[&str] = &[
    "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "inc", "ltd", "co", "corp", "est", "etc", "usw",
    "ecc",
];

/// Titles that start sentences ("… in the U.S. Mr. Smith said …").
pub(crate) const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "sgt", "capt", "lt", "col", "rev",
    "pres", "supt", "insp", "det", "hon",
];

/// Names that end in an exclamation mark.
pub(crate) const EXCLAIMED_NAMES: &[&str] = &[
    "yahoo",
    "jeopardy",
    "joomla",
    "wham",
    "oklahoma",
    "mamma mia",
];

/// Each language's own abbreviations, beside the shared titles and initials.
pub(crate) fn abbreviations(lang: Option<&str>) -> &'static [&'static str] {
    match lang {
        Some("fr") => &[
            "m", "mm", "mme", "mmes", "mlle", "mlles", "me", "dr", "pr", "st", "ste", "p", "ex",
            "mgr", "gén", "col", "cdt", "lt", "sgt", "tél", "réf", "mt", "mr", "mrs", "jr", "etc",
            "cf", "av", "bd", "boul", "env", "ca", "vol", "n°", "no", "art", "ltd", "inc", "janv",
            "févr", "avr", "juil", "sept", "oct", "nov", "déc", "lun", "mar", "mer", "jeu", "ven",
            "sam", "dim", "hab", "min", "max", "chap", "éd", "coll", "dir",
        ],
        Some("de") => &[
            "dr", "prof", "hr", "fr", "nr", "str", "bzw", "usw", "vgl", "ca", "evtl", "ggf", "med",
            "kath", "evang", "phil", "jur", "dipl", "rer", "nat", "kap", "tsd", "std", "tel",
            "zzt", "ugs", "urspr", "usf", "verh", "verw", "hbf", "mr", "mrs", "mt", "jr", "inkl",
            "zzgl", "jh", "jhd", "abs", "bd", "hrsg", "mio", "mrd", "tel", "z", "b", "d", "h", "u",
            "a", "o", "s", "sog", "ff", "gem", "geb", "gest", "allg", "bspw", "etc", "st", "no",
            "jan", "feb", "mär", "apr", "jun", "jul", "aug", "sept", "okt", "nov", "dez", "mo",
            "di", "mi", "do", "sa", "so",
        ],
        Some("es") => &[
            "sr", "sra", "sres", "srta", "d", "dña", "dr", "dra", "lic", "ing", "arq", "prof",
            "mar", "lun", "mié", "jue", "vie", "sáb", "dom", "párr", "párrf", "art", "ee", "uu",
            "tel", "hs", "min", "seg", "km", "mt", "mr", "mrs", "jr", "st", "pdte", "gob", "ud",
            "uds", "vd", "vds", "pág", "págs", "núm", "n°", "no", "av", "avda", "c", "etc",
            "aprox", "ej", "p", "cía", "s.a", "admón", "dpto", "gral", "ene", "feb", "abr", "jun",
            "jul", "ago", "sept", "oct", "nov", "dic",
        ],
        Some("it") => &[
            "sig", "sigg", "sig.ra", "sig.na", "dott", "dott.ssa", "prof", "prof.ssa", "avv",
            "dir", "amm", "psicol", "idraul", "meteor", "tel", "egr", "gent", "spett", "rag",
            "mar", "lun", "mer", "gio", "ven", "sab", "dom", "econ", "az", "v.cte", "mt", "st",
            "ing", "arch", "geom", "on", "sen", "gen", "mons", "ecc", "pag", "pagg", "n", "nn",
            "fig", "cfr", "es", "ca", "s.p.a", "s.r.l", "gen", "feb", "apr", "giu", "lug", "ago",
            "sett", "ott", "nov", "dic",
        ],
        Some("pt") => &[
            "sr", "sra", "srs", "sras", "dr", "dra", "prof", "profa", "eng", "av", "pág", "págs",
            "tel", "mt", "mr", "mrs", "jr", "st", "gov", "dep", "sen", "n°", "nº", "etc", "ex",
            "p", "pe", "cia", "ltda", "jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago",
            "set", "out", "nov", "dez",
        ],
        Some("nl") => &[
            "dhr", "mevr", "mw", "dr", "drs", "ir", "ing", "mr", "prof", "bijv", "bv", "d.w.z",
            "ong", "tel", "mt", "mrs", "jr", "o.a", "m.b.t", "t.a.v", "i.p.v", "aanw", "vnw",
            "blz", "nr", "ca", "enz", "etc", "jl", "resp", "st", "jan", "feb", "mrt", "apr", "jun",
            "jul", "aug", "sep", "okt", "nov", "dec",
        ],
        Some("da" | "no" | "nb" | "sv") => &[
            "skt", "hr", "fr", "frk", "dr", "prof", "nr", "ca", "bl.a", "f.eks", "m.m", "osv",
            "mht", "vedr", "kr", "jf", "el", "evt", "pga", "ang", "dvs", "bl", "eks", "t.ex",
            "s.k", "o.s.v", "mr", "mrs", "ms", "jr", "st", "mt", "co", "p", "u.s", "u.s.a", "e.u",
            "jan", "feb", "apr", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
        ],
        Some("ru" | "uk" | "bg" | "kk") => &[
            "г",
            "гг",
            "т",
            "т.е",
            "т.к",
            "т.п",
            "т.д",
            "т.б",
            "т.г",
            "вкл",
            "др",
            "пр",
            "им",
            "ул",
            "пл",
            "д",
            "кв",
            "стр",
            "см",
            "млн",
            "млрд",
            "тыс",
            "руб",
            "коп",
            "куб",
            "кг",
            "км",
            "проф",
            "акад",
            "ген",
            "б.з.б",
            "напр",
            "т.н",
            "жыл",
            "ж",
            // Russian and Ukrainian places, times and units.
            "пгт",
            "пос",
            "дер",
            "обл",
            "р-н",
            "ст",
            "тел",
            "вул",
            "буд",
            "год",
            "хв",
            "сек",
            "мин",
            "грн",
            "тис",
            "див",
            "ім",
            "с",
            "м",
            "р",
            "рр",
            "о",
            "т.зв",
            "зокр",
            "ін",
            // Bibliographic and academic abbreviations (ДСТУ 3582, ГОСТ 7.12): journal,
            // publishing house, member, page, issue, book, part, chapter, table, editor,
            // so-called, Ukrainian, associate professor, candidate. Not those that are also
            // common words ("вид" view, "рис" rice, "наук" of sciences), which end sentences.
            "журн",
            "изд",
            "чл",
            "стор",
            "вип",
            "вып",
            "кн",
            "ч",
            "гл",
            "розд",
            "разд",
            "табл",
            "ред",
            "упоряд",
            "сост",
            "перекл",
            "зв",
            "укр",
            "англ",
            "нім",
            "фр",
            "лат",
            "доц",
            "канд",
            "д-р",
            "чл.-кор",
            "мл",
            "просп",
            "пров",
            "бульв",
            "смт",
            "с-ще",
            "ж.д",
            "св",
            "соч",
            "изд-во",
            "вид-во",
            "тт",
            "пп",
            "шт",
            "экз",
            "прим",
            "примеч",
            "напр",
        ],
        Some("ml") => &[
            // Malayalam titles (Dr., Prof., Mr., Sri, Smt.) and the English ones it also writes.
            "ഡോ",
            "പ്രൊ",
            "പ്രൊഫ",
            "മി",
            "ശ്രീ",
            "ശ്രീമതി",
            "ഡോക്ടർ",
            "dr",
            "prof",
            "mr",
            "mrs",
            "ms",
            "st",
            "no",
        ],
        Some("el") => &[
            "δρ", "κ", "κα", "π.χ", "κλπ", "δηλ", "αρ", "σελ", "καθ", "οδ", "τηλ", "εκατ", "δισ",
            "χιλ", "μ.χ", "π.μ", "μ.μ", "βλ", "σημ", "κυρ", "αγ", "λεωφ",
        ],
        Some("pl" | "cs" | "sk") => &[
            "np", "tzw", "itd", "itp", "wg", "ok", "ul", "al", "pl", "nr", "dr", "prof", "inż",
            "mgr", "godz", "ok", "str", "tj", "napr", "atď", "resp", "s", "r", "o", "a.s", "spol",
            "p", "č", "ul", "tzv", "bałt",
        ],
        _ => ABBREVIATIONS,
    }
}

/// Months by language: "12. Juni" and "7. Apríla" are dates, not sentence ends.
pub(crate) fn months(lang: Option<&str>) -> &'static [&'static str] {
    match lang {
        Some("de") => &[
            "januar",
            "jänner",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
        Some("da" | "no" | "nb") => &[
            "januar",
            "februar",
            "marts",
            "mars",
            "april",
            "maj",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "december",
            "desember",
        ],
        Some("sk" | "cs") => &[
            "január",
            "januára",
            "február",
            "februára",
            "marec",
            "marca",
            "apríl",
            "apríla",
            "máj",
            "mája",
            "jún",
            "júna",
            "júl",
            "júla",
            "august",
            "augusta",
            "september",
            "septembra",
            "október",
            "októbra",
            "november",
            "novembra",
            "december",
            "decembra",
        ],
        _ => &[],
    }
}

/// Languages whose ordinals are written "3." ("am 3. Oktober", "10. pokus").
pub(crate) fn dotted_ordinals(lang: Option<&str>) -> bool {
    matches!(
        lang,
        Some(
            "de" | "da"
                | "no"
                | "nb"
                | "sv"
                | "fi"
                | "sk"
                | "cs"
                | "pl"
                | "hu"
                | "sl"
                | "hr"
                | "sr"
                | "tr"
                | "et"
                | "lv"
                | "lt"
        )
    )
}
