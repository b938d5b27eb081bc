//! What Readability keeps around an article that a reader does not count as the article: the
//! families of boilerplate seen on real news pages. Each rule looks only at short paragraphs
//! (an article's own paragraphs are long and are never touched), and each was kept only
//! because it helped on both dev sets (BENCHMARKS.md):
//!
//! - share and follow widgets ("Facebook Twitter WhatsApp Email"), in any language;
//! - bylines and datelines ("By Jane Doe - 11/18/19 11:04 PM EST", "Updated at 1:23 p.m.");
//! - photo captions' credits ("© Aaron Schwartz", "Photo: Reuters", "(Getty Images)");
//! - tag lists, breadcrumbs ("News » World » Europe"), "Related", "Read more", "Advertisement";
//! - newsletter and subscription boxes, comment-section notes and policies;
//! - footers: copyright lines, street addresses with phone numbers;
//! - a short line repeated through the page (a widget under every paragraph).

/// Paragraphs of this many words or more are article text, whatever they say.
const LONG: usize = 25;

/// Share and follow widgets: social networks and the verbs around them.
const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "pinterest",
    "pint",
    "linkedin",
    "reddit",
    "email",
    "e-mail",
    "mail",
    "print",
    "share",
    "tweet",
    "telegram",
    "messenger",
    "flipboard",
    "copy",
    "link",
    "baixar",
    "compartilhar",
    "compartir",
    "partager",
    "teilen",
    "condividi",
    "delen",
    "instagram",
    "youtube",
    "tiktok",
    "threads",
    "bluesky",
    "mastodon",
    "sms",
    "more",
    "save",
    "comments",
    "comment",
    "follow",
    "us",
    "on",
    "via",
];

/// Lines that open boilerplate blocks or are boilerplate on their own (lower case, prefix).
const PREFIXES: &[&str] = &[
    "updated",
    "published",
    "last updated",
    "posted",
    "photo:",
    "photo by",
    "photograph:",
    "image:",
    "image by",
    "credit:",
    "foto:",
    "©",
    "(c)",
    "copyright",
    "read more",
    "read also",
    "read next",
    "see also",
    "related",
    "recommended",
    "more from",
    "more on",
    "you may also like",
    "advertisement",
    "sponsored",
    "sign up",
    "subscribe",
    "tags",
    "topics:",
    "filed under",
    "share this",
    "follow us",
    "click here",
    "watch:",
    "listen:",
    "leia também",
    "veja também",
    "lesen sie auch",
    "lire aussi",
    "à lire aussi",
    "leer más",
];

/// Words that mark a short line as a note about comments, newsletters or rights.
const NOTES: &[&str] = &[
    "newsletter",
    "subscribe",
    "all rights reserved",
    "comentários",
    "moderator",
    "moderador",
    "cookies",
    "privacy policy",
    "terms of use",
    "this site are ©",
    "contents of this site",
];

/// Phrases that make a paragraph of up to [`NOTE_WORDS`] words a note to the reader rather than
/// article text: tip lines, rights and affiliate notices, contributor credits. Each is one no
/// article sentence uses.
const READER_NOTES: &[&str] = &[
    "have a tip?",
    "a news tip",
    "this document is subject to copyright",
    "contributed to this report",
    "reach the reporter",
    "affiliate commission",
    "may earn a commission",
    "earn an affiliate",
    "subscribe to our",
];

/// How to reach or follow the author: a note only with an address or handle in it (`@`), since
/// "two million people follow him on Instagram" is news.
const CONTACT_NOTES: &[&str] = &[
    "follow him on",
    "follow her on",
    "follow them on",
    "follow us on",
    "may be reached at",
    "can be reached at",
];

/// A newsletter's delivery: a note only with the pitch around it (a newsletter, signing up,
/// delivery), since "phishing mail that lands in your inbox" is news.
const DELIVERY_NOTES: &[&str] = &["your inbox", "your letterbox", "news alerts"];

/// Labels of a post's metadata line ("Posted by Ana - Category: Health - Tags: …"); two of them
/// in one short line make it one.
const META_LABELS: &[&str] = &[
    "posted by",
    "published by",
    "publicado por",
    "category:",
    "categories:",
    "categoria:",
    "categorias:",
    "tags:",
    "filed under",
    "kategorie:",
    "catégorie :",
];

/// Marks of a photo agency in a credit line ("Sonu Mehta/Hindustan Times/Getty Images").
const AGENCIES: &[&str] = &[
    "getty images",
    "shutterstock",
    "ap photo",
    "/ap",
    "reuters/",
    "/reuters",
    "afp/",
    "/afp",
    "фото:",
    "photo credit",
    "image credit",
];

/// Notes to the reader are longer than other boilerplate: a pitch runs to a few sentences.
const NOTE_WORDS: usize = 50;

/// A subscription pitch with its offer may run to a short paragraph.
const PITCH_WORDS: usize = 90;

/// The article's paragraphs without the boilerplate around them.
pub fn clean(text: &str) -> String {
    let paragraphs: Vec<&str> = text
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut counts: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for p in &paragraphs {
        *counts.entry(p).or_default() += 1;
    }
    let tail = paragraphs.len().saturating_sub(TAIL);
    let kept: Vec<&str> = paragraphs
        .iter()
        .enumerate()
        .filter(|&(i, p)| {
            let junk = is_boilerplate(p, counts.get(p).copied().unwrap_or(0))
                || (i >= tail && is_author_note(p));
            !junk
        })
        .map(|(_, p)| *p)
        .collect();
    kept.join("\n\n")
}

/// Whether one paragraph (seen `repeats` times on the page) is boilerplate.
pub fn is_boilerplate(p: &str, repeats: usize) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.len() >= NOTE_WORDS {
        return words.len() < PITCH_WORDS && is_subscription_pitch(&p.to_lowercase());
    }
    // Separators that open a line ("| UPDATED: 11:05, Tue, Nov 19, 2019") say nothing.
    let lower = p
        .to_lowercase()
        .trim_start_matches(['|', '•', '·', '–', '—', ' '])
        .to_string();
    if is_note_to_reader(&lower) {
        return true;
    }
    if META_LABELS.iter().filter(|l| lower.contains(*l)).count() >= 2 {
        return true;
    }
    // A line of dates and times only, separators and all ("November 19, 2019 | 4:20am |
    // Updated November 19, 2019 | 9:32pm").
    if words.len() <= 14 && is_dateline(&lower) && date_share(&lower) >= 0.75 {
        return true;
    }
    if words.len() >= LONG {
        return false;
    }
    // Addresses and switchboards in footers: a phone number and a street.
    if words.len() < LONG
        && lower.contains(" tel")
        && lower.chars().filter(char::is_ascii_digit).count() >= 10
    {
        return true;
    }
    // A dateline is one even with a semicolon in it ("Updated Nov 19, 6:55 AM;Posted Nov 19,
    // 6:51 AM"), which the code rule below would otherwise keep.
    if PREFIXES.iter().any(|pre| lower.starts_with(pre)) && is_dateline(&lower) {
        return true;
    }
    if is_credit_line(&lower, words.len()) {
        return true;
    }
    // Code and tables are article text however short or repeated.
    if p.contains(['│', '|', '(', ')', ';', '=', '{', '}', '─']) {
        return false;
    }
    // A widget under every paragraph: a short line of words (not code in capitals).
    if repeats >= 3
        && (2..8).contains(&words.len())
        && words.iter().all(|w| w.chars().all(char::is_alphabetic))
        && p.chars().any(char::is_lowercase)
    {
        return true;
    }
    let social = words
        .iter()
        .filter(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase();
            w.is_empty() || SOCIAL.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit())
        })
        .count();
    // A single word is a widget only when it is a network's name ("link" can be article text).
    let brands = [
        "facebook",
        "twitter",
        "whatsapp",
        "pinterest",
        "linkedin",
        "telegram",
        "reddit",
    ];
    if !words.is_empty()
        && social == words.len()
        && (words.len() >= 2
            || repeats >= 3
            || brands.contains(&lower.trim_matches(|c: char| !c.is_alphanumeric())))
    {
        return true;
    }
    if PREFIXES.iter().any(|pre| lower.starts_with(pre))
        && (words.len() < 15 || is_dateline(&lower))
    {
        return true;
    }
    if is_byline(&words, &lower) {
        return true;
    }
    if words.len() < 20 && NOTES.iter().any(|n| contains_word(&lower, n)) {
        return true;
    }
    // Breadcrumbs: "Home » News » World".
    if words.len() < 15 && (p.matches('»').count() >= 1 || p.matches(" > ").count() >= 2) {
        return true;
    }
    // A line that is only a date, a time or both ("Monday, 22 January 2018 at 0:13").
    if words.len() <= 8 && is_dateline(&lower) && date_share(&lower) >= 0.6 && !p.ends_with('.') {
        return true;
    }
    false
}

/// A line that only credits: a photo agency ("Natalie Naccache | Bloomberg | Getty Images"), a
/// wire byline ("Meg Kinnard and Errin Haines, Associated Press"; "Greg Beacham, AP Sports
/// Writer"), a gallery counter ("Image 2 of 5"), a pointer to more coverage ("More AP NBA:
/// https://…").
fn is_credit_line(lower: &str, words: usize) -> bool {
    let counter = ["image ", "photo ", "slide "].iter().any(|w| {
        lower.strip_prefix(w).is_some_and(|r| {
            r.split_whitespace().nth(1) == Some("of") && r.starts_with(|c: char| c.is_ascii_digit())
        })
    });
    (words <= 8 && AGENCIES.iter().any(|a| lower.contains(a)) && !lower.ends_with('.'))
        || (words <= 10
            && (lower.ends_with("associated press")
                || (lower.contains(", ap ") && lower.ends_with("writer"))))
        || (words <= 6 && counter)
        || (words <= 15
            && lower.contains("http")
            && (lower.starts_with("more ") || lower.starts_with("follow ")))
}

/// How many paragraphs at the end of an article are read for an author's note.
const TAIL: usize = 4;

/// What a journalist is, in an author's note ("Jane Doe is a reporter for …").
const JOBS: &[&str] = &[
    "reporter",
    "writer",
    "editor",
    "correspondent",
    "journalist",
    "columnist",
    "contributor",
    "producer",
    "publisher",
    "author",
];

/// An author's note at the end of an article: "Jane Doe is a reporter for NBC News.", "Jeff Foust
/// (jeff@…) is the editor and publisher of …", "Emiliano joined pv magazine in March 2017.". A
/// short paragraph that opens with a name and then says what the person's job is or when they
/// joined.
fn is_author_note(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.len() >= NOTE_WORDS {
        return false;
    }
    let capitalized = |w: &&&str| w.chars().next().is_some_and(char::is_uppercase);
    let name = words.iter().take(4).take_while(capitalized).count();
    // A pronoun is the story's subject ("He is the author of three books."), not a byline.
    const PRONOUNS: &[&str] = &["He", "She", "They", "It", "This", "That", "We", "I", "You"];
    if name == 0 || (name == 1 && PRONOUNS.contains(&words[0])) {
        return false;
    }
    // A parenthesis after the name (an email address, a handle) is skipped.
    let mut rest = words[name..].iter().map(|w| w.to_lowercase());
    let mut verb = rest.next().unwrap_or_default();
    if verb.starts_with('(') {
        if !verb.ends_with(')') {
            rest.by_ref().find(|w| w.ends_with(')'));
        }
        verb = rest.next().unwrap_or_default();
    }
    let next: Vec<String> = rest.take(6).collect();
    match verb.as_str() {
        // Present tense only: "Jones was a reporter for 30 years" ends an obituary.
        "is" => {
            matches!(next.first().map(String::as_str), Some("a" | "an" | "the"))
                && next.iter().any(|w| {
                    JOBS.iter()
                        .any(|j| w.trim_matches(|c: char| !c.is_alphabetic()).starts_with(j))
                })
        }
        "joined" => next.iter().any(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .parse::<u16>()
                .is_ok_and(|y| (1900..2100).contains(&y))
        }),
        _ => false,
    }
}

/// Whether `phrase` is in `text` as whole words: "subscribe" is not in "subscribers" (news about
/// a service's subscribers is not a pitch).
fn contains_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A newsletter pitch, a contact or follow line, a wire service's reporting credits ("Reporting
/// by …; Editing by …"), a citation notice: see [`READER_NOTES`].
fn is_note_to_reader(lower: &str) -> bool {
    let any = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    READER_NOTES.iter().any(|n| lower.contains(n))
        || (lower.contains('@') && any(CONTACT_NOTES))
        || (any(DELIVERY_NOTES)
            && any(&[
                "newsletter",
                "sign up",
                "subscribe",
                "delivered",
                "straight to",
            ]))
        || lower.starts_with("reporting by")
        || lower.starts_with("(reporting by")
        || (lower.starts_with("citation:") && lower.contains("retrieved"))
        || (lower.contains("sign up")
            && any(&["newsletter", "inbox", "for free", "today", "alerts"]))
        || (lower.contains("join our") && any(&["forum", "community", "newsletter", "program"]))
        || is_subscription_pitch(lower)
}

/// A subscription pitch: a subscription and its offer, addressed to the reader, in one
/// paragraph ("Get access to … Pro for as little as Rs 599 … Use the code …"). It may run longer
/// than other notes, up to [`PITCH_WORDS`] words. A price alone is article text ("tickets for as
/// little as $5"), and so is news about a subscription ("the service offers a free trial").
fn is_subscription_pitch(lower: &str) -> bool {
    const OFFERS: &[&str] = &[
        "for as little as",
        "use the code",
        "use code",
        "first month is free",
        "free trial",
    ];
    const TO_THE_READER: &[&str] = &["get ", "subscribe", "try ", "join ", "sign up", "start "];
    lower.split_whitespace().count() < PITCH_WORDS
        && (lower.contains("subscri") || lower.contains("membership"))
        && OFFERS.iter().any(|o| lower.contains(o))
        && (TO_THE_READER.iter().any(|t| lower.starts_with(t)) || lower.contains(" you"))
}

/// "By Jane Doe", "Por Ana Lima - 22/01/2018", "von Max Muster": a credit, not a sentence
/// ("By the time the council voted, …" is a sentence).
fn is_byline(words: &[&str], lower: &str) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    if !matches!(
        first.to_lowercase().as_str(),
        "by" | "por" | "von" | "par" | "de"
    ) {
        return false;
    }
    let names = words[1..]
        .iter()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    names >= 1 && (is_dateline(lower) || (words.len() <= 8 && !lower.ends_with('.')))
}

/// The share of a line's words that are parts of a date: numbers, months, weekdays, times,
/// and the little words between them ("de", "at", "às").
fn date_share(lower: &str) -> f64 {
    const GLUE: &[&str] = &[
        "de",
        "at",
        "às",
        "a",
        "um",
        "le",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "est",
        "edt",
        "pst",
        "pdt",
        "gmt",
        "utc",
        "cet",
        "cest",
        "h",
        "on",
        "el",
        "der",
        "den",
        "du",
        "updated",
        "published",
        "posted",
    ];
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "segunda-feira",
        "terça-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "sábado",
        "domingo",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
    ];
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '.' | '-' | '–' | '|' | ':')))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let datey = words
        .iter()
        .filter(|w| {
            w.chars().next().is_some_and(|c| c.is_ascii_digit())
                || GLUE.contains(w)
                || DAYS.contains(w)
                || is_dateline(w)
                || w.len() >= 3 && is_month(w)
        })
        .count();
    datey as f64 / words.len() as f64
}

fn is_month(w: &str) -> bool {
    is_dateline(&format!("{w} 1"))
}

/// Whether a line reads as a date or time stamp ("11/18/19 11:04 PM", "22 de janeiro de 2018
/// às 0:13", "Updated at 1:23 p.m.").
fn is_dateline(lower: &str) -> bool {
    const MONTHS: &[&str] = &[
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "enero",
        "febrero",
        "marzo",
        "mayo",
        "junio",
        "julio",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let has_time = lower.contains(':')
        && lower
            .split(':')
            .next()
            .is_some_and(|h| h.ends_with(|c: char| c.is_ascii_digit()));
    let has_numeric_date = lower.split_whitespace().any(|w| {
        let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    });
    let has_month = lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| MONTHS.contains(&w) || crate::text::MONTHS_FR.contains(&w));
    has_time || has_numeric_date || (has_month && lower.chars().any(|c| c.is_ascii_digit()))
}
