//! Text for the ear: what a person reading the briefing aloud would say for what is written.
//! Numbers become words ("11.4" → "eleven point four", "11,4" → "onze virgule quatre"),
//! currencies, per cents, units and clock times are said, common abbreviations expanded, and
//! what nobody reads aloud (web addresses, emoji) is dropped. English and French are worded;
//! other languages keep their figures (a speech engine reads them in its own language) and lose
//! only addresses and emoji.

use std::sync::OnceLock;

use regex::{Captures, Regex};

/// `text` as it is said, in `lang` (ISO 639-1).
pub fn spoken(text: &str, lang: &str) -> String {
    let mut s = drop_unspoken(text);
    let fr = lang == "fr";
    if lang != "en" && !fr {
        return tidy(&s);
    }
    s = abbreviations(&s, fr);
    s = money(&s, fr);
    s = units(&s, fr);
    s = clock_times(&s, fr);
    s = ranges(&s, fr);
    s = numbers(&s, fr);
    tidy(&s)
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("a valid pattern"))
}

/// Web addresses and emoji (pictographs, flags, their joiners and variation selectors).
fn drop_unspoken(text: &str) -> String {
    static URL: OnceLock<Regex> = OnceLock::new();
    let no_urls = re(&URL, r"(?i)\b(?:https?://|www\.)\S+").replace_all(text, "");
    no_urls
        .chars()
        .filter(|&c| {
            let u = c as u32;
            !((0x1F000..=0x1FAFF).contains(&u)
                || (0x2600..=0x27BF).contains(&u)
                || (0x1F1E6..=0x1F1FF).contains(&u)
                || matches!(
                    u,
                    0xFE0F | 0x200D | 0x20E3 | 0x2B50 | 0x2B55 | 0x231A | 0x231B
                ))
        })
        .collect()
}

/// White space and the punctuation left hanging where something was dropped (".NET" stays).
fn tidy(s: &str) -> String {
    static HANGING: OnceLock<Regex> = OnceLock::new();
    let collapsed = crate::text::collapse_ws(s)
        .replace("( )", "")
        .replace("()", "");
    re(&HANGING, r"\s+([.,;:])(\s|$)")
        .replace_all(&collapsed, "$1$2")
        .trim()
        .to_string()
}

fn abbreviations(s: &str, fr: bool) -> String {
    let table: &[(&str, &str)] = if fr {
        &[
            ("M. ", "Monsieur "),
            ("Mme ", "Madame "),
            ("Mlle ", "Mademoiselle "),
            ("Dr ", "Docteur "),
            ("etc.", "et cetera"),
            ("p. ex.", "par exemple"),
            ("c.-à-d.", "c'est-à-dire"),
        ]
    } else {
        &[
            ("Mr. ", "Mister "),
            ("Mrs. ", "Missus "),
            ("Dr. ", "Doctor "),
            ("Prof. ", "Professor "),
            ("Gov. ", "Governor "),
            ("Sen. ", "Senator "),
            ("Rep. ", "Representative "),
            ("e.g.", "for example"),
            ("i.e.", "that is"),
            ("vs.", "versus"),
            ("approx.", "approximately"),
            ("etc.", "et cetera"),
        ]
    };
    let mut out = s.to_string();
    for (short, long) in table {
        out = out.replace(short, long);
    }
    out
}

/// "$4 million" → "4 million dollars", "£350M" → "350 million pounds", "€12" → "12 euros".
fn money(s: &str, fr: bool) -> String {
    static MONEY: OnceLock<Regex> = OnceLock::new();
    let pattern = r"([$£€¥])\s?(\d[\d.,]*)(?:\s?(million|billion|trillion|milliards?|millions?|[MBK]|bn|m|k)\b)?";
    re(&MONEY, pattern)
        .replace_all(s, |c: &Captures<'_>| {
            let currency = match (&c[1], fr) {
                ("$", false) => "dollars",
                ("$", true) => "dollars",
                ("£", false) => "pounds",
                ("£", true) => "livres",
                ("€", _) => "euros",
                _ => "yen",
            };
            let scale = c.get(3).map(|m| m.as_str()).map(|m| match (m, fr) {
                ("M" | "m", false) => "million",
                ("B" | "bn", false) => "billion",
                ("K" | "k", false) => "thousand",
                ("M" | "m", true) => "millions de",
                ("B" | "bn", true) => "milliards de",
                ("K" | "k", true) => "mille",
                (other, _) => other,
            });
            match scale {
                Some(scale) => format!("{} {scale} {currency}", &c[2]),
                None => format!("{} {currency}", &c[2]),
            }
        })
        .into_owned()
}

/// Per cents, degrees and the units of the weather, after a figure.
fn units(s: &str, fr: bool) -> String {
    static UNITS: OnceLock<Regex> = OnceLock::new();
    let pattern = r"(\d)\s?(%|°C|°F|°|km/h|mph|kPa|hPa|km|kg|cm|mm|mi)(\W|$)";
    re(&UNITS, pattern)
        .replace_all(s, |c: &Captures<'_>| {
            let word = match (&c[2], fr) {
                ("%", false) => "percent",
                ("%", true) => "pour cent",
                ("°C" | "°", false) => "degrees",
                ("°C" | "°", true) => "degrés",
                ("°F", false) => "degrees Fahrenheit",
                ("°F", true) => "degrés Fahrenheit",
                ("km/h", false) => "kilometres an hour",
                ("km/h", true) => "kilomètres à l'heure",
                ("mph", _) => "miles an hour",
                ("kPa", _) => "kilopascals",
                ("hPa", _) => "hectopascals",
                ("km", false) => "kilometres",
                ("km", true) => "kilomètres",
                ("kg", false) => "kilograms",
                ("kg", true) => "kilogrammes",
                ("cm", false) => "centimetres",
                ("cm", true) => "centimètres",
                ("mm", false) => "millimetres",
                ("mm", true) => "millimètres",
                _ => "miles",
            };
            format!("{} {word}{}", &c[1], &c[3])
        })
        .into_owned()
}

/// "10:42" → "10 42" in English ("ten forty-two"), "10 h 42" → "10 heures 42" in French; a
/// full hour is "o'clock" / "heures".
fn clock_times(s: &str, fr: bool) -> String {
    static CLOCK: OnceLock<Regex> = OnceLock::new();
    re(&CLOCK, r"\b(\d{1,2})(?::| h )(\d{2})\b")
        .replace_all(s, |c: &Captures<'_>| {
            let (h, m) = (&c[1], &c[2]);
            match (fr, m) {
                (false, "00") => format!("{h} o'clock"),
                (false, m) if m.starts_with('0') => format!("{h} oh {}", &m[1..]),
                (false, m) => format!("{h} {m}"),
                (true, "00") => format!("{h} heures"),
                (true, m) => format!("{h} heures {}", m.trim_start_matches('0')),
            }
        })
        .into_owned()
}

/// "2-1", "9–2": a score or a range, said "two to one" / "deux à un".
fn ranges(s: &str, fr: bool) -> String {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    let to = if fr { " à " } else { " to " };
    re(&RANGE, r"\b(\d{1,3})[-–](\d{1,3})\b")
        .replace_all(s, |c: &Captures<'_>| format!("{}{to}{}", &c[1], &c[2]))
        .into_owned()
}

/// An English year as it is said: "nineteen ninety-eight", "twenty twenty-five", "two
/// thousand and five", "fifteen hundred".
fn english_year(n: u64) -> String {
    let (head, tail) = (n / 100, n % 100);
    match (n, tail) {
        (2000..=2009, _) => english(n),
        (_, 0) => format!("{} hundred", english(head)),
        (_, 1..=9) => format!("{} oh {}", english(head), english(tail)),
        _ => format!("{} {}", english(head), english(tail)),
    }
}

/// Every figure left, as words: integers with their group separators, decimals, negatives.
fn numbers(s: &str, fr: bool) -> String {
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    let pattern = r"(-)?\b(\d{1,3}(?:[,\u{a0}\u{202f} ]\d{3})+|\d+)(?:([.,])(\d+))?\b";
    re(&NUMBER, pattern)
        .replace_all(s, |c: &Captures<'_>| {
            let digits: String = c[2].chars().filter(char::is_ascii_digit).collect();
            let Ok(n) = digits.parse::<u64>() else {
                return c[0].to_string();
            };
            let mut out = String::new();
            // A minus sign only where a number can start: "-13.6", not the hyphen of "COVID-19".
            let start = c.get(0).map_or(0, |m| m.start());
            let signed = c.get(1).is_some()
                && s[..start]
                    .chars()
                    .last()
                    .is_none_or(|p| p.is_whitespace() || p == '(');
            if c.get(1).is_some() && !signed {
                out.push('-');
            } else if signed {
                out.push_str(if fr { "moins " } else { "minus " });
            }
            // Four figures with no separator, 1100 to 2099, are a year in English text.
            let plain = c[2].chars().all(|d| d.is_ascii_digit()) && c.get(3).is_none();
            if !fr && plain && c[2].len() == 4 && (1100..=2099).contains(&n) {
                out.push_str(&english_year(n));
                return out;
            }
            // A decimal mark: "." in English text, "," in French (a "," in English between
            // digits was a group separator, caught above).
            let decimal = c.get(3).map(|m| m.as_str());
            let is_decimal = matches!((decimal, fr), (Some("."), false) | (Some(","), true));
            out.push_str(&if fr { french(n) } else { english(n) });
            match (is_decimal, c.get(4)) {
                (true, Some(frac)) => {
                    out.push_str(if fr { " virgule" } else { " point" });
                    for d in frac.as_str().chars().filter_map(|d| d.to_digit(10)) {
                        out.push(' ');
                        out.push_str(&if fr {
                            french(u64::from(d))
                        } else {
                            english(u64::from(d))
                        });
                    }
                }
                (false, Some(rest)) => {
                    // "1.5" in French text, "2,5" in English: read the mark as written.
                    out.push_str(decimal.unwrap_or(""));
                    out.push_str(&if fr {
                        french(rest.as_str().parse().unwrap_or(0))
                    } else {
                        english(rest.as_str().parse().unwrap_or(0))
                    });
                }
                _ => {}
            }
            out
        })
        .into_owned()
}

const EN_ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// An English number in words: "twenty-six", "four thousand two hundred and five".
pub fn english(n: u64) -> String {
    const SCALES: [(u64, &str); 4] = [
        (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ];
    if n < 20 {
        return EN_ONES[n as usize].to_string();
    }
    if n < 100 {
        let (t, o) = (n / 10, n % 10);
        return if o == 0 {
            EN_TENS[t as usize].to_string()
        } else {
            format!("{}-{}", EN_TENS[t as usize], EN_ONES[o as usize])
        };
    }
    if n < 1000 {
        let (h, r) = (n / 100, n % 100);
        return if r == 0 {
            format!("{} hundred", EN_ONES[h as usize])
        } else {
            format!("{} hundred and {}", EN_ONES[h as usize], english(r))
        };
    }
    for (scale, name) in SCALES {
        if n >= scale {
            let (head, rest) = (n / scale, n % scale);
            let mut out = format!("{} {name}", english(head));
            if rest > 0 {
                out.push_str(if rest < 100 { " and " } else { " " });
                out.push_str(&english(rest));
            }
            return out;
        }
    }
    n.to_string()
}

const FR_ONES: [&str; 17] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize",
];
const FR_TENS: [&str; 7] = [
    "",
    "dix",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
];

/// A French number in words (1990 spelling): "vingt et un", "soixante-dix-sept",
/// "quatre-vingts", "deux mille trois cents".
pub fn french(n: u64) -> String {
    if n <= 16 {
        return FR_ONES[n as usize].to_string();
    }
    if n < 20 {
        return format!("dix-{}", FR_ONES[(n - 10) as usize]);
    }
    if n < 70 {
        let (t, o) = (n / 10, n % 10);
        return match o {
            0 => FR_TENS[t as usize].to_string(),
            1 => format!("{} et un", FR_TENS[t as usize]),
            _ => format!("{}-{}", FR_TENS[t as usize], FR_ONES[o as usize]),
        };
    }
    if n < 80 {
        return match n {
            71 => "soixante et onze".to_string(),
            _ => format!("soixante-{}", french(n - 60)),
        };
    }
    if n < 100 {
        return match n {
            80 => "quatre-vingts".to_string(),
            _ => format!("quatre-vingt-{}", french(n - 80)),
        };
    }
    if n < 1000 {
        let (h, r) = (n / 100, n % 100);
        let head = if h == 1 {
            "cent".to_string()
        } else if r == 0 {
            format!("{} cents", FR_ONES[h as usize])
        } else {
            format!("{} cent", FR_ONES[h as usize])
        };
        return if r == 0 {
            head
        } else {
            format!("{head} {}", french(r))
        };
    }
    if n < 1_000_000 {
        let (th, r) = (n / 1000, n % 1000);
        let head = if th == 1 {
            "mille".to_string()
        } else {
            format!("{} mille", french(th).trim_end_matches('s'))
        };
        return if r == 0 {
            head
        } else {
            format!("{head} {}", french(r))
        };
    }
    for (scale, one, many) in [
        (1_000_000_000, "un milliard", "milliards"),
        (1_000_000, "un million", "millions"),
    ] {
        if n >= scale {
            let (head, r) = (n / scale, n % scale);
            let mut out = if head == 1 {
                one.to_string()
            } else {
                format!("{} {many}", french(head))
            };
            if r > 0 {
                out.push(' ');
                out.push_str(&french(r));
            }
            return out;
        }
    }
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        assert_eq!(english(26), "twenty-six");
        assert_eq!(english(4205), "four thousand two hundred and five");
        assert_eq!(english(1_000_000), "one million");
        assert_eq!(french(21), "vingt et un");
        assert_eq!(french(77), "soixante-dix-sept");
        assert_eq!(french(80), "quatre-vingts");
        assert_eq!(french(97), "quatre-vingt-dix-sept");
        assert_eq!(french(2300), "deux mille trois cents");
        assert_eq!(french(200_000), "deux cent mille");
    }

    #[test]
    fn what_a_listener_hears_in_english() {
        for (written, said) in [
            ("11.4 °C, mist", "eleven point four degrees, mist"),
            ("A high of 26.", "A high of twenty-six."),
            (
                "Chance of precipitation 40 %.",
                "Chance of precipitation forty percent.",
            ),
            ("a $4 million budget", "a four million dollars budget"),
            (
                "£350M on consultants",
                "three hundred and fifty million pounds on consultants",
            ),
            ("wind S 2 km/h", "wind S two kilometres an hour"),
            ("observed 10:42", "observed ten forty-two"),
            ("at 9:05", "at nine oh five"),
            ("Mr. Smith and Dr. Jones", "Mister Smith and Doctor Jones"),
            (
                "temperatures of -13.6 today",
                "temperatures of minus thirteen point six today",
            ),
            ("4,000 people", "four thousand people"),
            (
                "a 1798 wartime law, in 2025",
                "a seventeen ninety-eight wartime law, in twenty twenty-five",
            ),
            ("The 2-1 decision", "The two to one decision"),
            ("its .NET plugin", "its .NET plugin"),
            ("Read it at https://example.com/story now", "Read it at now"),
            ("Good news 🎉 today 🇨🇦", "Good news today"),
        ] {
            assert_eq!(spoken(written, "en"), said, "{written}");
        }
    }

    #[test]
    fn what_a_listener_hears_in_french() {
        for (written, said) in [
            ("11,4 °C, brume", "onze virgule quatre degrés, brume"),
            (
                "Probabilité de précipitations 40 %.",
                "Probabilité de précipitations quarante pour cent.",
            ),
            (
                "un budget de 812,5 millions de dollars",
                "un budget de huit cent douze virgule cinq millions de dollars",
            ),
            ("observé à 06 h 00", "observé à six heures"),
            ("à 10 h 42", "à dix heures quarante-deux"),
            (
                "M. Dupont et Mme Tremblay",
                "Monsieur Dupont et Madame Tremblay",
            ),
            ("Voir https://ici.radio-canada.ca/x 🙂", "Voir"),
        ] {
            assert_eq!(spoken(written, "fr"), said, "{written}");
        }
    }

    #[test]
    fn other_languages_keep_their_figures() {
        assert_eq!(
            spoken("Am 3. Oktober um 10:42 Uhr 🎉 https://x.de", "de"),
            "Am 3. Oktober um 10:42 Uhr"
        );
    }
}
