//! Where text enters: every string field of a parsed feed passes here once, so `herald parse`,
//! the store, search and every format see the same clean text.
//!
//! - C1 controls (U+0080–U+009F) are windows-1252 characters a feed mis-declared or referenced
//!   as `&#146;`: mapped to the character windows-1252 means (`’`), as feedparser does.
//! - Other control characters (C0 but tab, newline and carriage return; DEL) are dropped: no
//!   feed may move a reader's terminal cursor, set its title or hide text behind a NUL.
//! - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are dropped, so a
//!   title cannot reverse the "· source · age" herald writes after it.
//! - Text that was UTF-8 decoded as windows-1252 (`Ã©` for `é`) is repaired where certain.
//! - Titles and names are capped in length; a 10 MB headline is an attack, not news.

use crate::model::{Entry, ParsedFeed, Person};
use crate::text::repair_mojibake;

/// Longest title or name kept, in characters.
pub const MAX_TITLE_CHARS: usize = 1_000;
/// Longest summary or content kept, in bytes (far beyond any real article).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Cleans every text field of `f` in place.
pub fn feed(f: &mut ParsedFeed) {
    let meta = &mut f.feed;
    title(&mut meta.title);
    title(&mut meta.subtitle);
    opt(&mut meta.link, usize::MAX);
    opt(&mut meta.id, MAX_TITLE_CHARS);
    opt(&mut meta.language, 64);
    persons(&mut meta.authors);
    meta.categories
        .iter_mut()
        .for_each(|c| *c = clean(c, MAX_TITLE_CHARS));
    meta.links
        .iter_mut()
        .for_each(|l| l.href = clean(&l.href, usize::MAX));
    f.entries.iter_mut().for_each(entry);
}

fn entry(e: &mut Entry) {
    title(&mut e.title);
    opt(&mut e.id, MAX_TITLE_CHARS);
    opt(&mut e.link, usize::MAX);
    if let Some(s) = e.summary.as_mut() {
        *s = body(s);
    }
    e.content.iter_mut().for_each(|c| c.value = body(&c.value));
    persons(&mut e.authors);
    e.categories
        .iter_mut()
        .for_each(|c| *c = clean(c, MAX_TITLE_CHARS));
    e.links
        .iter_mut()
        .for_each(|l| l.href = clean(&l.href, usize::MAX));
    e.enclosures
        .iter_mut()
        .for_each(|l| l.href = clean(&l.href, usize::MAX));
}

fn persons(ps: &mut [Person]) {
    for p in ps {
        title(&mut p.name);
        opt(&mut p.email, MAX_TITLE_CHARS);
        opt(&mut p.uri, usize::MAX);
    }
}

fn title(t: &mut Option<String>) {
    opt(t, MAX_TITLE_CHARS);
}

fn opt(t: &mut Option<String>, max_chars: usize) {
    if let Some(s) = t.as_mut() {
        *s = clean(s, max_chars);
    }
}

/// A summary or content: cleaned, and cut at a character boundary past the byte cap. A `<!`
/// that opens no comment, CDATA section or doctype is text, and is written `&lt;!` so that no
/// HTML reader takes what follows for a declaration (and hides it).
fn body(s: &str) -> String {
    let mut out = escape_bogus_declarations(&clean(s, usize::MAX));
    if out.len() > MAX_BODY_BYTES {
        let mut cut = MAX_BODY_BYTES;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}

fn escape_bogus_declarations(s: &str) -> String {
    if !s.contains("<!") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("<!") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let real = after.starts_with("--")
            || after.starts_with("[CDATA[")
            || after
                .get(..7)
                .is_some_and(|d| d.eq_ignore_ascii_case("doctype"));
        out.push_str(if real { "<!" } else { "&lt;!" });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// One field's text cleaned as the module says, at most `max_chars` characters ("…" marks a
/// cut).
pub fn clean(s: &str, max_chars: usize) -> String {
    let needs_work = s
        .chars()
        .any(|c| needs_cleaning(c) || matches!(c, 'Â'..='ô'));
    let mut out = if needs_work {
        // Mojibake first, while its C1 characters are still there: UTF-8 read as latin-1 has
        // bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) that windows-1252 leaves undefined, and mapping
        // them first would drop them and leave the repair half done.
        repair_mojibake(s).chars().filter_map(map_char).collect()
    } else {
        s.to_string()
    };
    if max_chars != usize::MAX
        && let Some((cut, _)) = out.char_indices().nth(max_chars)
    {
        out.truncate(cut);
        out.push('…');
    }
    out
}

fn needs_cleaning(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0x202A..=0x202E).contains(&u)
        || (0x2066..=0x2069).contains(&u)
}

/// What one character becomes: itself, its windows-1252 meaning (C1), or nothing.
fn map_char(c: char) -> Option<char> {
    if !needs_cleaning(c) {
        return Some(c);
    }
    let u = c as u32;
    if (0x80..=0x9F).contains(&u) {
        return cp1252_c1(u as u8);
    }
    None
}

/// The character windows-1252 gives a byte from 0x80 to 0x9F (none for its five holes).
fn cp1252_c1(b: u8) -> Option<char> {
    const TABLE: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    let c = TABLE[usize::from(b - 0x80)];
    (c != '\0').then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_c1_becomes_windows_1252() {
        assert_eq!(clean("It\u{92}s \u{93}fine\u{94}", 100), "It’s “fine”");
        assert_eq!(
            clean("\u{1b}]0;pwned\u{7}Title\u{1b}[2J\0 here", 100),
            "]0;pwnedTitle[2J here"
        );
        assert_eq!(clean("tab\tand\nnewline", 100), "tab\tand\nnewline");
    }

    #[test]
    fn bidi_overrides_are_dropped() {
        assert_eq!(clean("Safe \u{202e}txt.exe", 100), "Safe txt.exe");
        assert_eq!(clean("\u{2067}a\u{2069}", 100), "a");
        assert_eq!(
            clean("שלום עולם", 100),
            "שלום עולם",
            "RTL text itself stays"
        );
    }

    #[test]
    fn mojibake_is_repaired_and_titles_are_capped() {
        assert_eq!(clean("CafÃ© crÃ¨me", 100), "Café crème");
        // Double-encoded UTF-8 with bytes windows-1252 leaves undefined (here 0x9C, 0x81 of
        // "Москва" and 0x8D of "ō" read as latin-1): repaired whole, no byte lost.
        assert_eq!(clean("Ð\u{9c}Ð¾Ñ\u{81}ÐºÐ²Ð°", 100), "Москва");
        assert_eq!(clean("Å\u{8d}sÅ\u{8d}ji", 100), "ōsōji");
        let long = "é".repeat(5000);
        let capped = clean(&long, MAX_TITLE_CHARS);
        assert_eq!(capped.chars().count(), MAX_TITLE_CHARS + 1);
        assert!(capped.ends_with('…'));
    }
}
