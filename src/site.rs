//! Editions on the web: every delivered briefing is kept in the store with its full value, so
//! any past edition can be rendered again. This module turns the stored editions into a static
//! site — `index.html` (the latest edition in full and a list of earlier ones), one page per
//! edition (`YYYY-MM-DD.html`, `-2` for a second edition that day) and `feed.xml`, an Atom feed
//! with an entry per edition — and gives `herald serve` the same pages. The pages are the HTML
//! briefing (no scripts, no remote loads, a strict CSP, dark mode) with a small navigation added.

use std::path::{Path, PathBuf};

use crate::model::Briefing;
use crate::render::{self, Format, Style};
use crate::store::{Store, StoreError};

/// The `[site]` section of the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    /// Where `herald brief` writes the site after each briefing.
    pub dir: PathBuf,
    /// The address the site is served from, for absolute links in the feed (optional).
    pub base_url: Option<String>,
    /// Editions kept in the index and the feed.
    pub editions: usize,
}

/// Editions shown in the index and the feed unless the config says otherwise.
pub const DEFAULT_EDITIONS: usize = 30;

/// Why the site could not be built or served.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Render(#[from] render::TemplateError),
    #[error(transparent)]
    Write(#[from] crate::deliver::DeliverError),
    #[error(
        "{0} was not written by herald: the site is built into a directory of its own; choose an empty or new directory (nothing was changed)"
    )]
    NotOurs(PathBuf),
}

/// The largest audio file copied into a site (hours of speech).
const MAX_AUDIO: usize = 1024 * 1024 * 1024;

/// An edition read aloud, as the podcast lists it.
struct Episode<'a> {
    page: &'a EditionPage,
    file: String,
    length: usize,
    seconds: f64,
}

/// The podcast of editions: RSS 2.0 with an enclosure per edition, iTunes and Podcasting 2.0
/// tags (duration, chapters). Links are absolute with `base_url`, else relative to the feed.
fn podcast(episodes: &[Episode<'_>], base_url: Option<&str>) -> String {
    let base = base_url
        .map(|b| format!("{}/", b.trim_end_matches('/')))
        .unwrap_or_default();
    let x = |s: &str| escape(s).replace('\'', "&apos;");
    let title = episodes
        .first()
        .map(|e| e.page.briefing.title.clone())
        .unwrap_or_default();
    let lang = episodes
        .first()
        .map(|e| e.page.briefing.locale.clone())
        .unwrap_or_else(|| "en".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\">\n\
         <channel>\n<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>{}</language>\n\
         <generator>herald</generator>\n<itunes:explicit>false</itunes:explicit>\n",
        x(&title),
        x(&format!("{base}index.html")),
        x(&format!("{title}, read aloud")),
        x(&lang)
    );
    for e in episodes {
        let mime = if e.file.ends_with(".mp3") {
            "audio/mpeg"
        } else {
            "audio/wav"
        };
        let secs = e.seconds.round() as u64;
        out.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"false\">herald-edition-{}</guid>\n\
             <pubDate>{}</pubDate>\n<enclosure url=\"{}\" length=\"{}\" type=\"{mime}\"/>\n\
             <itunes:duration>{:02}:{:02}:{:02}</itunes:duration>\n\
             <podcast:chapters url=\"{}\" type=\"application/json+chapters\"/>\n</item>\n",
            x(&edition_title(&e.page.briefing)),
            x(&format!("{base}{}.html", e.page.slug)),
            x(&e.page.slug),
            e.page.briefing.date.strftime("%a, %d %b %Y %H:%M:%S %z"),
            x(&format!("{base}{}", e.file)),
            e.length,
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            x(&format!("{base}{}.chapters.json", e.page.slug)),
        ));
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// What marks a page as herald's (every page it writes has it).
const GENERATOR: &str = "<meta name=\"generator\" content=\"herald\">";

/// One stored edition, ready to show.
#[derive(Debug, Clone)]
pub struct EditionPage {
    /// `2025-09-03`, or `2025-09-03-2` for a second edition that day.
    pub slug: String,
    pub briefing: Briefing,
    /// The edition read aloud, when it was.
    pub audio: Option<crate::store::EditionAudio>,
}

/// The newest `limit` editions, newest first, with their slugs. Editions a newer herald wrote
/// in a shape this one cannot read are skipped.
pub fn editions(store: &Store, limit: usize) -> Result<Vec<EditionPage>, StoreError> {
    let stored = store.editions(limit)?;
    // Slugs are given oldest first, so an edition keeps its slug as newer ones arrive.
    let mut pages: Vec<EditionPage> = Vec::new();
    for e in stored.iter().rev() {
        let Ok(briefing) = serde_json::from_str::<Briefing>(&e.document) else {
            continue;
        };
        let day = briefing.date.strftime("%Y-%m-%d").to_string();
        let same_day = pages
            .iter()
            .filter(|p| p.slug == day || p.slug.starts_with(&format!("{day}-")))
            .count();
        let slug = if same_day == 0 {
            day
        } else {
            format!("{day}-{}", same_day + 1)
        };
        pages.push(EditionPage {
            slug,
            briefing,
            audio: e.audio.clone(),
        });
    }
    pages.reverse();
    Ok(pages)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An edition's title as lists and feeds show it: "Morning News Briefing — Wednesday, 3
/// September 2025".
pub fn edition_title(b: &Briefing) -> String {
    let l = crate::locale::Locale::or_english(&b.locale);
    format!("{} — {}", b.title, l.date_day(&b.date))
}

/// When an edition was made and what it holds: "10:02 · 5 entries".
pub fn edition_meta(b: &Briefing) -> String {
    let l = crate::locale::Locale::or_english(&b.locale);
    let entries: usize = b.sections.iter().map(|s| s.entries.len()).sum();
    l.plural(
        "site.edition_meta",
        entries as u64,
        &[("time", &l.time(&b.date))],
    )
}

/// The list of editions, as HTML (links relative to the site's root, `prefix` before slugs).
fn edition_list(pages: &[EditionPage], prefix: &str, suffix: &str) -> String {
    let locale = pages.first().map_or("en", |p| p.briefing.locale.as_str());
    let label = escape(crate::locale::Locale::or_english(locale).t("site.editions"));
    let mut out = format!("<nav class=\"editions\" aria-label=\"{label}\"><h2>{label}</h2><ul>\n");
    for p in pages {
        out.push_str(&format!(
            "<li><a href=\"{prefix}{}{suffix}\">{}</a> <small>{}</small></li>\n",
            escape(&p.slug),
            escape(&edition_title(&p.briefing)),
            escape(&edition_meta(&p.briefing))
        ));
    }
    out.push_str("</ul></nav>\n");
    out
}

/// Inserts `html` just before `</body>` (or at the end).
fn before_body_end(page: &str, html: &str) -> String {
    match page.rfind("</body>") {
        Some(i) => format!("{}{html}{}", &page[..i], &page[i..]),
        None => format!("{page}{html}"),
    }
}

/// Inserts `html` right after `<body>` (or at the start).
fn after_body_start(page: &str, html: &str) -> String {
    match page.find("<body>") {
        Some(i) => format!("{}{html}{}", &page[..i + 6], &page[i + 6..]),
        None => format!("{html}{page}"),
    }
}

/// The page for one edition: the HTML briefing with a link back to the index.
/// An edition's page; with audio, a player of it (`audio_prefix` before its file name:
/// "" on the static site, "/audio/" in `herald serve`).
pub fn edition_page(
    p: &EditionPage,
    index_href: &str,
    audio_prefix: &str,
) -> Result<String, SiteError> {
    let html = render::render(&p.briefing, &Style::Format(Format::Html))?;
    let mut nav = format!(
        "<p class=\"site-nav\"><a href=\"{}\">← All editions</a></p>\n",
        escape(index_href)
    );
    if let Some(file) = audio_file(p) {
        nav.push_str(&format!(
            "<p class=\"site-audio\"><audio controls preload=\"none\" src=\"{}\"></audio></p>\n",
            escape(&format!("{audio_prefix}{file}"))
        ));
    }
    Ok(after_body_start(&html, &nav))
}

/// The file name an edition's audio has on the site and in serve: `2025-09-03.mp3`.
pub fn audio_file(p: &EditionPage) -> Option<String> {
    let audio = p.audio.as_ref()?;
    let ext = Path::new(&audio.path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("wav")
        .to_ascii_lowercase();
    Some(format!("{}.{ext}", p.slug))
}

/// The index: the latest edition in full, then the list of all editions.
pub fn index_page(pages: &[EditionPage], prefix: &str, suffix: &str) -> Result<String, SiteError> {
    let Some(latest) = pages.first() else {
        return Ok(empty_page());
    };
    let html = render::render(&latest.briefing, &Style::Format(Format::Html))?;
    Ok(before_body_end(&html, &edition_list(pages, prefix, suffix)))
}

/// The page shown before any briefing was made.
pub fn empty_page() -> String {
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
     <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
     <meta name=\"generator\" content=\"herald\">\
     <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
     <title>No editions yet</title></head><body><h1>No editions yet</h1>\
     <p>Run <code>herald brief</code> to make the first one.</p></body></html>\n"
        .to_string()
}

/// The edition's body HTML, for the feed's entry content.
fn body_of(html: &str) -> &str {
    let start = html.find("<body>").map_or(0, |i| i + 6);
    let end = html.rfind("</body>").unwrap_or(html.len());
    &html[start..end.max(start)]
}

/// The Atom feed of editions. `base_url` makes links absolute; without it they are relative to
/// the feed's own address (`2025-09-03.html`).
pub fn atom_feed(
    pages: &[EditionPage],
    base_url: Option<&str>,
    suffix: &str,
) -> Result<String, SiteError> {
    let base = base_url.map(|b| format!("{}/", b.trim_end_matches('/')));
    let href = |slug: &str| format!("{}{slug}{suffix}", base.as_deref().unwrap_or(""));
    let id = |slug: &str| match &base {
        Some(b) => format!("{b}{slug}{suffix}"),
        None => format!("urn:herald:edition:{slug}"),
    };
    let title = pages
        .first()
        .map_or_else(|| "herald".to_string(), |p| p.briefing.title.clone());
    let updated = pages
        .first()
        .map(|p| p.briefing.date.timestamp().to_string())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <title>{}</title>\n<id>{}</id>\n<updated>{updated}</updated>\n\
         <generator>herald</generator>\n",
        escape(&title),
        escape(&base.clone().unwrap_or_else(|| "urn:herald:editions".into())),
    );
    if let Some(b) = &base {
        out.push_str(&format!(
            "<link rel=\"self\" href=\"{}feed.xml\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(b),
            escape(b)
        ));
    }
    for p in pages {
        let html = render::render(&p.briefing, &Style::Format(Format::Html))?;
        out.push_str(&format!(
            "<entry>\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <content type=\"html\">{}</content>\n</entry>\n",
            escape(&id(&p.slug)),
            escape(&edition_title(&p.briefing)),
            p.briefing.date.timestamp(),
            escape(&href(&p.slug)),
            escape(body_of(&html)),
        ));
    }
    out.push_str("</feed>\n");
    Ok(out)
}

/// Writes the site to `dir` (each file atomically); returns the files written.
pub fn build(
    dir: &Path,
    pages: &[EditionPage],
    base_url: Option<&str>,
) -> Result<Vec<PathBuf>, SiteError> {
    // An index.html the reader wrote is never replaced without a word: the directory is
    // taken as herald's only when its index is herald's (or there is none).
    let index = dir.join("index.html");
    if let Ok(existing) = crate::localfile::read_text(&index)
        && !existing.contains(GENERATOR)
    {
        return Err(SiteError::NotOurs(index));
    }
    if std::fs::symlink_metadata(&index).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(SiteError::NotOurs(index));
    }
    let mut written = Vec::new();
    let mut write = |name: &str, text: &[u8]| -> Result<(), SiteError> {
        written.push(crate::deliver::bytes_to_file_in(dir, name, text)?);
        Ok(())
    };
    for p in pages {
        write(
            &format!("{}.html", p.slug),
            edition_page(p, "index.html", "")?.as_bytes(),
        )?;
    }
    write("feed.xml", atom_feed(pages, base_url, ".html")?.as_bytes())?;
    // Editions read aloud: their audio and chapters beside their pages, and a podcast of them.
    let mut episodes = Vec::new();
    for p in pages {
        let Some(audio) = &p.audio else { continue };
        let Ok(bytes) = crate::localfile::read_capped(Path::new(&audio.path), MAX_AUDIO) else {
            continue;
        };
        let ext = Path::new(&audio.path)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("wav")
            .to_ascii_lowercase();
        let name = format!("{}.{ext}", p.slug);
        write(&name, &bytes)?;
        write(
            &format!("{}.chapters.json", p.slug),
            audio.chapters.as_bytes(),
        )?;
        episodes.push(Episode {
            page: p,
            file: name,
            length: bytes.len(),
            seconds: audio.seconds,
        });
    }
    if !episodes.is_empty() {
        write("podcast.xml", podcast(&episodes, base_url).as_bytes())?;
    }
    write("index.html", index_page(pages, "", ".html")?.as_bytes())?;
    Ok(written)
}
