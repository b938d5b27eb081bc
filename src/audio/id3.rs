//! Chapters inside an MP3, as podcast players read them: an ID3v2.4 tag with a table of
//! contents (CTOC) and a chapter frame (CHAP) per section, each titled, put before the audio.

use super::Chapter;

/// A syncsafe integer: seven bits a byte, as ID3v2 sizes are written.
fn syncsafe(n: usize) -> [u8; 4] {
    let n = n as u32;
    [
        ((n >> 21) & 0x7f) as u8,
        ((n >> 14) & 0x7f) as u8,
        ((n >> 7) & 0x7f) as u8,
        (n & 0x7f) as u8,
    ]
}

fn frame(id: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(10 + body.len());
    f.extend_from_slice(id);
    f.extend_from_slice(&syncsafe(body.len()));
    f.extend_from_slice(&[0, 0]);
    f.extend_from_slice(body);
    f
}

/// A text frame in UTF-8.
fn text(id: &[u8; 4], s: &str) -> Vec<u8> {
    let mut body = vec![3u8];
    body.extend_from_slice(s.as_bytes());
    frame(id, &body)
}

/// The ID3v2.4 tag: the title, a table of contents and a chapter per entry of `chapters`
/// (each ends where the next starts; the last at `total_secs`). At most 255 chapters.
pub fn tag(title: &str, chapters: &[Chapter], total_secs: f64) -> Vec<u8> {
    let chapters = &chapters[..chapters.len().min(255)];
    let ms = |s: f64| (s * 1000.0).round().clamp(0.0, f64::from(u32::MAX)) as u32;
    let mut frames = text(b"TIT2", title);
    let mut toc = b"toc\0".to_vec();
    toc.push(0x03); // top level, ordered
    toc.push(chapters.len() as u8);
    for i in 0..chapters.len() {
        toc.extend_from_slice(format!("ch{i}\0").as_bytes());
    }
    toc.extend_from_slice(&text(b"TIT2", title));
    frames.extend_from_slice(&frame(b"CTOC", &toc));
    for (i, c) in chapters.iter().enumerate() {
        let end = chapters.get(i + 1).map_or(total_secs, |n| n.start_secs);
        let mut chap = format!("ch{i}\0").into_bytes();
        chap.extend_from_slice(&ms(c.start_secs).to_be_bytes());
        chap.extend_from_slice(&ms(end).to_be_bytes());
        chap.extend_from_slice(&[0xff; 8]); // byte offsets unused
        chap.extend_from_slice(&text(b"TIT2", &c.title));
        frames.extend_from_slice(&frame(b"CHAP", &chap));
    }
    let mut out = b"ID3\x04\x00\x00".to_vec();
    out.extend_from_slice(&syncsafe(frames.len()));
    out.extend_from_slice(&frames);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads back the chapters of a tag: (id, start ms, end ms, title).
    pub(crate) fn chapters_of(tag: &[u8]) -> Vec<(String, u32, u32, String)> {
        let unsync = |b: &[u8]| b.iter().fold(0usize, |n, &x| (n << 7) | usize::from(x));
        let size = unsync(&tag[6..10]);
        let mut at = 10;
        let mut out = Vec::new();
        while at + 10 <= 10 + size {
            let id = &tag[at..at + 4];
            let len = unsync(&tag[at + 4..at + 8]);
            let body = &tag[at + 10..at + 10 + len];
            if id == b"CHAP" {
                let nul = body.iter().position(|&b| b == 0).expect("element id");
                let start = u32::from_be_bytes(body[nul + 1..nul + 5].try_into().expect("4"));
                let end = u32::from_be_bytes(body[nul + 5..nul + 9].try_into().expect("4"));
                let sub = &body[nul + 17..];
                let sub_len = unsync(&sub[4..8]);
                let title = String::from_utf8_lossy(&sub[11..10 + sub_len]).into_owned();
                out.push((
                    String::from_utf8_lossy(&body[..nul]).into_owned(),
                    start,
                    end,
                    title,
                ));
            }
            at += 10 + len;
        }
        out
    }

    #[test]
    fn chapters_read_back_with_their_times_and_titles() {
        let chapters = vec![
            Chapter {
                title: "Weather".into(),
                start_secs: 0.0,
            },
            Chapter {
                title: "Économie & Finances".into(),
                start_secs: 32.28,
            },
        ];
        let t = tag("Morning News Briefing", &chapters, 100.0);
        assert!(t.starts_with(b"ID3\x04"));
        assert_eq!(
            chapters_of(&t),
            [
                ("ch0".to_string(), 0, 32_280, "Weather".to_string()),
                (
                    "ch1".to_string(),
                    32_280,
                    100_000,
                    "Économie & Finances".to_string()
                ),
            ]
        );
        assert_eq!(t.windows(4).filter(|w| *w == b"CTOC").count(), 1);
    }
}
