//! `herald show` and `herald site build`: stored editions, again, as a briefing or a site.

use std::io::Write;

use anyhow::{Result, bail};

use herald::render::{self, Format, Style};
use herald::site::{self, EditionPage};

use super::Globals;
use super::args::SiteCommand;

/// Every stored edition (newest first), or a clear error when there is no archive.
fn all(globals: &Globals) -> Result<Vec<EditionPage>> {
    let Some(store) = globals.existing_store()? else {
        bail!("--no-state: there are no stored editions");
    };
    Ok(site::editions(&store, 100_000)?)
}

pub fn show(
    which: &str,
    format: Option<Format>,
    list: bool,
    audio: Option<&std::path::Path>,
    globals: &Globals,
) -> Result<()> {
    let pages = all(globals)?;
    let mut out = std::io::stdout().lock();
    if list {
        if pages.is_empty() {
            eprintln!("herald: no editions stored yet");
        }
        for p in &pages {
            writeln!(
                out,
                "{:<13} {}  ({})",
                p.slug,
                site::edition_title(&p.briefing),
                site::edition_meta(&p.briefing)
            )?;
        }
        return Ok(());
    }
    let page = if which == "latest" {
        pages.first()
    } else {
        // A day names its latest edition (the pages are newest first); "2025-09-03-2" names
        // one exactly.
        let day = format!("{which}-");
        pages
            .iter()
            .find(|p| p.slug == which && which.len() > 10)
            .or_else(|| {
                pages
                    .iter()
                    .find(|p| p.slug == which || p.slug.starts_with(&day))
            })
    };
    let Some(page) = page else {
        if pages.is_empty() {
            bail!("no editions stored yet: run 'herald brief' first");
        }
        bail!("no edition '{which}': try 'herald show --list'");
    };
    if let Some(path) = audio {
        return show_audio(page, path, globals);
    }
    let style = Style::Format(format.unwrap_or(Format::Markdown));
    write!(out, "{}", render::render(&page.briefing, &style)?)?;
    Ok(())
}

pub fn site(cmd: SiteCommand, globals: &Globals) -> Result<()> {
    let SiteCommand::Build {
        dir,
        base_url,
        editions,
        ..
    } = cmd;
    let mut pages = all(globals)?;
    pages.truncate(editions.max(1));
    let files = site::build(&dir, &pages, base_url.as_deref())?;
    if !globals.quiet {
        eprintln!(
            "herald: wrote {} files ({} editions) to {}",
            files.len(),
            pages.len(),
            dir.display()
        );
    }
    Ok(())
}

pub fn serve(
    listen: std::net::SocketAddr,
    behind_proxy: bool,
    allowed_hosts: Vec<String>,
    globals: &Globals,
) -> Result<()> {
    if globals.no_state {
        bail!("--no-state: there is nothing to serve");
    }
    let state = match &globals.state {
        Some(p) => p.clone(),
        None => herald::store::default_path()
            .ok_or_else(|| anyhow::anyhow!("cannot find the data directory for the state file"))?,
    };
    let token = std::env::var("HERALD_SERVE_TOKEN")
        .ok()
        .filter(|t| !t.is_empty());
    let options = herald::serve::ServeOptions {
        listen,
        state,
        token,
        behind_proxy,
        allowed_hosts,
    };
    let quiet = globals.quiet;
    herald::serve::run(options, |addr| {
        if !quiet {
            eprintln!("herald: serving on http://{addr}/ (Ctrl-C to stop)");
        }
    })?;
    Ok(())
}

/// An old edition's audio: the file kept with it, or the edition read aloud now (espeak-ng),
/// with its chapters beside it.
fn show_audio(page: &EditionPage, path: &std::path::Path, globals: &Globals) -> Result<()> {
    let chapters_path = path.with_extension("chapters.json");
    let ext = |p: &std::path::Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .unwrap_or("wav")
            .to_ascii_lowercase()
    };
    let want_mp3 = ext(path) == "mp3";
    let (bytes, chapters, seconds) = match &page.audio {
        Some(kept) => {
            let bytes = herald::localfile::read_capped(std::path::Path::new(&kept.path), 1 << 30)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", kept.path))?;
            let bytes = match (ext(std::path::Path::new(&kept.path)).as_str(), want_mp3) {
                ("wav", true) => super::brief::to_mp3(&bytes)?,
                ("mp3", false) => {
                    bail!("edition {} was kept as MP3: ask for a .mp3 file", page.slug)
                }
                _ => bytes,
            };
            (bytes, kept.chapters.clone(), kept.seconds)
        }
        None => {
            let audio =
                herald::audio::make(&page.briefing, &herald::audio::AudioConfig::default(), None)?;
            let bytes = if want_mp3 {
                let mut tagged = herald::audio::id3::tag(
                    &herald::site::edition_title(&page.briefing),
                    &audio.chapters,
                    audio.seconds,
                );
                tagged.extend(super::brief::to_mp3(&audio.wav)?);
                tagged
            } else {
                audio.wav
            };
            (
                bytes,
                herald::audio::chapters_json(&audio.chapters),
                audio.seconds,
            )
        }
    };
    std::fs::write(path, bytes)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    std::fs::write(&chapters_path, chapters)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", chapters_path.display()))?;
    if !globals.quiet {
        eprintln!(
            "herald: wrote {} ({seconds:.0} s of audio, edition {}) and its chapters",
            path.display(),
            page.slug
        );
    }
    Ok(())
}
