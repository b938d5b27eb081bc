//! Character set detection: BOM, then valid UTF-8, then the HTTP header's label, then the XML
//! declaration's, then windows-1252 (what mislabelled Western feeds almost always are).

use super::codepages::{CODE_PAGES, CodePage};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// Decodes raw feed bytes to UTF-8 text. Returns the text and why the document is not clean,
/// if it is not: bytes invalid for the chosen encoding (replaced with U+FFFD), or a declared
/// encoding nobody knows (the text is then read as UTF-8 or windows-1252, as it fits).
/// Valid UTF-8 is borrowed, not copied: a 10 MiB feed is then held once, not twice.
pub fn decode<'b>(bytes: &'b [u8], content_type: Option<&str>) -> (Cow<'b, str>, Option<String>) {
    let declared = content_type
        .and_then(header_charset)
        .or_else(|| xml_declared(bytes));
    let unknown = declared
        .as_deref()
        .filter(|l| charset_for(l).is_none())
        .map(|l| format!("unknown encoding '{l}' declared"));
    let (text, bad_bytes) = decode_known(bytes, content_type);
    let note = if bad_bytes {
        Some("bytes invalid for the declared encoding".to_string())
    } else {
        unknown
    };
    (text, note)
}

/// A character set a document can be written in: one of the WHATWG encodings (encoding_rs), or
/// one of the older single-byte code pages feeds still declare (DOS, Mac, KOI8-T, Vietnamese).
#[derive(Clone, Copy)]
pub enum Charset {
    Standard(&'static Encoding),
    Legacy(&'static CodePage),
}

impl Charset {
    /// Decodes the whole of `bytes` (no BOM handling); true when some bytes had no character.
    pub fn decode<'b>(self, bytes: &'b [u8]) -> (Cow<'b, str>, bool) {
        match self {
            Charset::Standard(enc) => enc.decode_without_bom_handling(bytes),
            Charset::Legacy(page) => {
                let mut bad = false;
                let text: String = bytes
                    .iter()
                    .map(|&b| {
                        let c = char::from_u32(u32::from(page.chars[usize::from(b)]));
                        let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
                        bad |= c == char::REPLACEMENT_CHARACTER;
                        c
                    })
                    .collect();
                (Cow::Owned(text), bad)
            }
        }
    }

    fn is_utf8(self) -> bool {
        matches!(self, Charset::Standard(e) if e == UTF_8)
    }
}

/// The character set a label names: WHATWG's labels, the spellings feeds use for them that
/// Python accepts (`windows_1251`, `macroman`, `mac-cyrillic`, `ms-cyrl`, `cp874`), and the
/// legacy code pages of [`CODE_PAGES`] by any of their Python or IANA names.
pub fn charset_for(label: &str) -> Option<Charset> {
    if let Some(enc) = encoding_for(label) {
        return Some(Charset::Standard(enc));
    }
    let key = label.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    CODE_PAGES
        .iter()
        .find(|page| page.labels.contains(&key.as_str()))
        .map(Charset::Legacy)
}

/// The WHATWG encoding a label names, under its own labels or a spelling Python accepts.
pub fn encoding_for(label: &str) -> Option<&'static Encoding> {
    let l = label.trim().to_ascii_lowercase().replace('_', "-");
    let alias = match l.as_str() {
        "macroman" | "mac-roman" | "maclatin" | "mac" => "macintosh",
        "maccyrillic" | "mac-cyrillic" => "x-mac-cyrillic",
        "ms-cyrl" => "windows-1251",
        "ms-ee" => "windows-1250",
        "ms-greek" => "windows-1253",
        "ms-turk" => "windows-1254",
        "ms-hebr" => "windows-1255",
        "ms-arab" => "windows-1256",
        // Windows' "ANSI code page" names, which on Western systems is windows-1252.
        "ms-ansi" | "dbcs" | "mbcs" | "ansi" => "windows-1252",
        "winbaltrim" => "windows-1257",
        "cp874" | "874" | "ms874" => "windows-874",
        "cp65001" | "utf8" => "utf-8",
        "866" | "ibm866" | "cp866" | "csibm866" => "ibm866",
        other => other,
    };
    Encoding::for_label(alias.as_bytes())
}

fn decode_known<'b>(bytes: &'b [u8], content_type: Option<&str>) -> (Cow<'b, str>, bool) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, had_errors);
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return (text, had_errors);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), false);
    }
    let label = content_type
        .and_then(header_charset)
        .and_then(|l| charset_for(&l))
        .or_else(|| xml_declared(bytes).and_then(|l| charset_for(&l)));
    // A document that claims UTF-8 but is not valid UTF-8 is almost always windows-1252.
    let charset = match label {
        Some(c) if !c.is_utf8() => c,
        _ => Charset::Standard(WINDOWS_1252),
    };
    charset.decode(bytes)
}

/// UTF-16 without a BOM, recognized by `<` next to a zero byte.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [0, b'<', ..] => Some(encoding_rs::UTF_16BE),
        [b'<', 0, ..] => Some(encoding_rs::UTF_16LE),
        _ => None,
    }
}

/// The `charset=` parameter of a Content-Type header.
pub fn header_charset(ct: &str) -> Option<String> {
    ct.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
    })
}

/// The `encoding` of an `<?xml ... ?>` declaration at the start of the document.
pub fn xml_declared(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    let head = String::from_utf8_lossy(head);
    let start = head.find("<?xml")?;
    let decl_end = head[start..].find("?>")? + start;
    let decl = &head[start..decl_end];
    let pos = decl.find("encoding")?;
    let rest = decl[pos + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &rest[1..];
    let end = value.find(quote)?;
    Some(value[..end].to_string())
}

/// Rewrites the XML declaration's encoding to `utf-8`, because the text has been decoded.
pub fn declare_utf8(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(start) = text.find("<?xml") else {
        return text.into();
    };
    if start > 64 {
        return text.into();
    }
    let Some(end) = text[start..].find("?>").map(|e| e + start) else {
        return text.into();
    };
    let decl = &text[start..end];
    if !decl.contains("encoding") {
        return text.into();
    }
    format!(
        "{}<?xml version=\"1.0\" encoding=\"utf-8\"{}",
        &text[..start],
        &text[end..]
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_by_declaration() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><t>\xa3350M \x93q\x94</t>";
        let (text, note) = decode(bytes, None);
        assert_eq!(note, None);
        assert!(text.contains("£350M “q”"), "{text}");
    }

    #[test]
    fn an_unknown_or_bogus_encoding_is_noted_and_still_read() {
        let (text, note) = decode(b"<?xml version=\"1.0\" encoding=\"bogus\"?><rss/>", None);
        assert!(text.contains("<rss/>"));
        assert!(note.is_some_and(|n| n.contains("bogus")));
        let (text, note) = decode(
            b"<?xml version=\"1.0\" encoding=\"windows_1251\"?><t>\xc0</t>",
            None,
        );
        assert_eq!(note, None, "a Python spelling of a known encoding");
        assert!(text.contains("<t>А</t>"), "{text}");
        assert!(encoding_for("MacRoman").is_some() && encoding_for("mac-cyrillic").is_some());
    }

    #[test]
    fn legacy_code_pages_by_any_of_their_names() {
        for (label, byte, want) in [
            ("cp437", 0x80, 'Ç'),
            ("IBM850", 0x80, 'Ç'),
            ("csPC862LatinHebrew", 0x80, 'א'),
            ("cp_is", 0x80, 'Ç'),
            ("MacCentralEurope", 0x80, 'Ä'),
            ("x-mac-greek", 0x80, 'Ä'),
            ("koi8-t", 0x80, 'қ'),
            ("VISCII", 0x80, 'Ạ'),
            ("tcvn", 0x80, 'À'),
            ("cp1125", 0x80, 'А'),
            ("winbaltrim", 0x80, '€'),
            ("cp874", 0x80, '€'),
        ] {
            let bytes = [
                b"<?xml version=\"1.0\" encoding=\"".as_slice(),
                label.as_bytes(),
                b"\"?><t>",
                &[byte],
                b"</t>",
            ]
            .concat();
            let (text, note) = decode(&bytes, None);
            assert_eq!(note, None, "{label}");
            assert!(text.contains(&format!("<t>{want}</t>")), "{label}: {text}");
        }
        let (_, note) = decode(
            b"<?xml version=\"1.0\" encoding=\"cp437-bogus\"?><t>\x80</t>",
            None,
        );
        assert!(note.is_some_and(|n| n.contains("cp437-bogus")));
    }

    #[test]
    fn valid_utf8_stays_utf8_even_if_mislabelled() {
        let bytes = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>café</t>".as_bytes();
        assert!(decode(bytes, None).0.contains("café"));
    }

    #[test]
    fn header_label_wins_over_declaration() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><t>\xe9</t>";
        let (text, _) = decode(bytes, Some("application/xml; charset=\"ISO-8859-1\""));
        assert!(text.contains("<t>é</t>"), "{text}");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "<?xml version=\"1.0\" encoding=\"utf-16\"?><t>ü</t>";
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be, None).0, s);
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le, None).0, s);
    }

    #[test]
    fn declaration_rewritten() {
        let t = declare_utf8("<?xml version='1.0' encoding='windows-1252'?><rss/>");
        assert_eq!(t, "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss/>");
    }
}
