//! Inline lists ("1. The first item 2. The second item"): each item is a piece of its own,
//! and a figure in running text never starts one.

/// Splits text written as an inline list ("1. The first item 2. The second item") into its
/// items: `(start, end, marker length)`. Markers count only in order (1, 2, 3 or a, b, c), so
/// a figure in running text never starts an item.
pub(super) fn list_items(text: &str) -> Vec<(usize, usize, usize)> {
    let markers = list_markers(text);
    if markers.len() < 2 {
        // A paragraph that starts "1. " or "2) " is a numbered item, alone or not.
        return vec![(0, text.len(), leading_marker(text))];
    }
    let mut out = Vec::new();
    if markers[0].0 > 0 {
        out.push((0, markers[0].0, 0));
    }
    for (n, &(at, len)) in markers.iter().enumerate() {
        let end = markers.get(n + 1).map_or(text.len(), |m| m.0);
        out.push((at, end, len));
    }
    out
}

/// The length of a number marker ("1. ", "12) ", "• 3. ") that opens `text`, or 0.
pub(super) fn leading_marker(text: &str) -> usize {
    let body = text.trim_start_matches(['•', '⁃', ' ']);
    let lead = text.len() - body.len();
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return 0;
    }
    let tail = &body[digits..];
    let punct = if tail.starts_with(".)") {
        2
    } else if tail.starts_with(['.', ')']) {
        1
    } else {
        return 0;
    };
    let rest = &tail[punct..];
    let starts = rest.starts_with(' ') && rest.trim_start().starts_with(char::is_uppercase);
    if starts { lead + digits + punct } else { 0 }
}

/// `(byte, length)` of each list marker of the one numbered or lettered sequence in `text`.
pub(super) fn list_markers(text: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize, u32)> = Vec::new();
    let bytes = text.as_bytes();
    for (at, _) in text.char_indices() {
        let starts_word = at == 0
            || text[..at].ends_with(char::is_whitespace)
            || text[..at].ends_with(['•', '⁃', '-', '*']);
        if !starts_word {
            continue;
        }
        let rest = &text[at..];
        let rest_body = rest.trim_start_matches(['•', '⁃', ' ']);
        let lead = rest.len() - rest_body.len();
        let digits = rest_body.bytes().take_while(u8::is_ascii_digit).count();
        let (value, mut len) = if (1..=2).contains(&digits) {
            (rest_body[..digits].parse::<u32>().unwrap_or(0), digits)
        } else if rest_body
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase())
            && rest_body.as_bytes().get(1) == Some(&b'.')
        {
            (u32::from(bytes[at + lead]) + 1000, 1)
        } else {
            continue;
        };
        let tail = &rest_body[len..];
        let punct = if tail.starts_with(".)") {
            2
        } else if tail.starts_with('.') || tail.starts_with(')') {
            1
        } else {
            continue;
        };
        len += punct;
        if !rest_body[len..].starts_with(' ') {
            continue;
        }
        if lead > 0 && at > 0 && !text[..at].ends_with(char::is_whitespace) {
            continue;
        }
        found.push((at, lead + len, value));
    }
    // The longest run of consecutive values (1, 2, 3...), at least two long.
    let mut best: Vec<(usize, usize)> = Vec::new();
    for s in 0..found.len() {
        let mut run = vec![(found[s].0, found[s].1)];
        let mut want = found[s].2 + 1;
        for f in &found[s + 1..] {
            if f.2 == want {
                run.push((f.0, f.1));
                want += 1;
            }
        }
        let first_ok = found[s].2 == 1 || found[s].2 == 1000 + u32::from(b'a') || found[s].0 == 0;
        if first_ok && run.len() >= 2 && run.len() > best.len() {
            best = run;
        }
    }
    best
}
