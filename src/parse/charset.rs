//! Character set detection: BOM, then valid UTF-8, then the HTTP header's label, then the XML
//! declaration's, then windows-1252 (what mislabelled Western feeds almost always are).

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
        .filter(|l| encoding_for(l).is_none())
        .map(|l| format!("unknown encoding '{l}' declared"));
    let (text, bad_bytes) = decode_known(bytes, content_type);
    let note = if bad_bytes {
        Some("bytes invalid for the declared encoding".to_string())
    } else {
        unknown
    };
    (text, note)
}

/// The encoding a label names: WHATWG's labels, and the spellings feeds use for them that
/// Python accepts (`windows_1251`, `macroman`, `mac-cyrillic`, `ms-cyrl`).
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
        .and_then(|l| encoding_for(&l))
        .or_else(|| xml_declared(bytes).and_then(|l| encoding_for(&l)));
    // A document that claims UTF-8 but is not valid UTF-8 is almost always windows-1252.
    let enc = match label {
        Some(e) if e != UTF_8 => e,
        _ => WINDOWS_1252,
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    (text, had_errors)
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
fn header_charset(ct: &str) -> Option<String> {
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
