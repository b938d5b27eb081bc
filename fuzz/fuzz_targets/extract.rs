//! Fuzz the article extractor: any bytes, as a saved web page. No panic, no hang, bounded
//! memory (libFuzzer's -rss_limit_mb and -timeout catch the last two).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = herald::extract::extract_bytes(data, None, Some("https://example.com/a"));
});
