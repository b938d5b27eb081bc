//! Inputs the fuzzer (`fuzz/run.sh`) found that once crashed the parser: each must now parse to
//! a value or an error.

#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz fixtures") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        let _ = herald::parse::parse_feed(&bytes, None, None);
        let _ = herald::parse::parse_feed(
            &bytes,
            Some("text/xml; charset=iso-8859-1"),
            Some("https://example.com/"),
        );
        n += 1;
    }
    assert!(n >= 1);
}

#[test]
fn non_ascii_right_after_a_less_than_sign() {
    // Found by the fuzzer: a multi-byte character inside the first nine bytes of a tag.
    for s in [
        "<entryÀõßß>",
        "<!DOCTYPÀ",
        "<õ",
        "</õ",
        "<a õ='1'>",
        "<a \u{a0}b='1'>",
        "<a\u{a0}>x</a>",
    ] {
        let _ = herald::parse::parse_feed(s.as_bytes(), None, None);
    }
}
