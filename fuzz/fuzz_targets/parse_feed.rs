//! Fuzzes the one parse entry point herald uses for every feed: any bytes, any claimed
//! Content-Type, must give a value or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = herald::parse::parse_feed(data, None, None);
    let _ = herald::parse::parse_feed(data, Some("application/xml; charset=iso-8859-1"), Some("https://example.com/feed/"));
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = herald::parse::date::parse(s);
        let _ = herald::text::html_to_text(s);
    }
});
