//! `herald brief`: the main job, and what `-v` says about it.

use anyhow::{Context, Result};

use herald::brief::{self, Made, Target};
use herald::config::Config;
use herald::render::StyleChoice;
use herald::{demo, fetch};

use super::Globals;
use super::args::BriefArgs;

pub fn run(args: BriefArgs, globals: &Globals) -> Result<()> {
    let (mut config, embedded) = if args.demo {
        let c = Config::from_toml(demo::CONFIG, "demo/config.toml".as_ref(), ".".as_ref())
            .context("the bundled demo config is invalid")?;
        (c, Some(demo::lookup as fetch::EmbeddedLookup))
    } else {
        (super::load_config(args.config.clone())?, None)
    };
    if let Some(tag) = &args.locale {
        let words =
            herald::locale::Locale::for_tag(tag).with_context(|| format!("--locale {tag}"))?;
        // A title left at the English default follows the language too.
        let english = herald::locale::Locale::or_english("en").t("briefing.title");
        if config.title == english {
            config.title = words.t("briefing.title").to_string();
        }
        config.locale = tag.clone();
    }
    let now = match (&args.now, args.demo) {
        (Some(s), _) => s.parse::<jiff::Timestamp>().map_err(|_| {
            anyhow::anyhow!(
                "--now '{s}' is not a moment herald can read: give an RFC 3339 time with its offset, such as 2025-09-03T14:42:00Z or 2025-09-03T06:30:00-04:00"
            )
        })?,
        (None, true) => demo::NOW.parse().context("demo time")?,
        (None, false) => jiff::Timestamp::now(),
    };
    let mut store = globals.store_or_warn(args.demo)?;
    let options = brief::BriefOptions {
        now,
        window: args.window,
        fetch: globals.fetch_options(&config),
        retention_days: config.retention_days,
        explain: args.explain,
        article_pages: args
            .demo
            .then_some(demo::article_page as herald::extract::fetch::PageLookup),
    };
    // The demo's own config says nothing about style or output: the flags alone decide.
    let output = args.output.as_deref();
    let style = StyleChoice {
        cli_template: args.template.as_deref(),
        cli_format: args.format,
        config_template: config.template.as_deref().filter(|_| !args.demo),
        config_format: config.format.filter(|_| !args.demo),
        output: output.or(config.output.as_deref().filter(|_| !args.demo)),
    }
    .choose()?;
    let mail = config
        .email
        .as_ref()
        .filter(|_| !args.no_email && !args.demo);
    let delivery = brief::Delivery {
        style: &style,
        target: |b: &herald::model::Briefing| {
            let date = b.date.strftime("%Y-%m-%d").to_string();
            Target::resolve(output, args.demo, &config, &date)
        },
        mail,
    };
    // The demo's first morning goes into a throwaway state file, so the briefing it shows
    // (the second morning) has stories to continue. Not with --state or --no-state.
    let _demo_state = match (
        &store,
        args.demo && globals.state.is_none() && !globals.no_state,
    ) {
        (None, true) => {
            let dir = tempfile::tempdir().context("a temporary directory for the demo")?;
            let mut s = herald::store::Store::open(&dir.path().join("demo.sqlite"))?;
            let first = brief::BriefOptions {
                now: demo::YESTERDAY.parse().context("demo time")?,
                ..options.clone()
            };
            let sink = dir.path().join("2025-09-02.md");
            brief::make(
                &demo::yesterday(&config),
                &first,
                embedded,
                Some(&mut s),
                brief::Delivery {
                    style: &style,
                    target: |_: &herald::model::Briefing| Target::File(sink.clone()),
                    mail: None,
                },
            )
            .context("the demo's first morning")?;
            store = Some(s);
            Some(dir)
        }
        _ => None,
    };
    let mut made = brief::make(&config, &options, embedded, store.as_mut(), delivery)?;
    match (&made.site, &config.site) {
        (Some(Ok(n)), Some(site)) if !globals.quiet => {
            eprintln!("herald: site updated: {n} files in {}", site.dir.display());
        }
        (Some(Err(e)), _) => eprintln!("herald: the site was not updated: {e}"),
        _ => {}
    }
    if globals.verbose {
        print_verbose(&made);
    }
    if let Some(mail) = mail
        && !globals.quiet
    {
        let to: Vec<String> = mail.to.iter().map(|m| m.email.to_string()).collect();
        eprintln!("herald: mailed to {}", to.join(", "));
    }
    if let Target::File(path) = &made.target
        && !globals.quiet
    {
        eprintln!("herald: wrote {}", path.display());
    }
    // `--audio FILE`, or `[audio] enabled`: beside the output file, in the configured format.
    let enabled_path = match (&config.audio, &made.target) {
        (Some(a), Target::File(out)) if a.enabled && !args.demo => {
            Some(out.with_extension(a.format.to_ascii_lowercase()))
        }
        (Some(a), Target::Stdout) if a.enabled && !args.demo && args.audio.is_none() => {
            eprintln!("herald: audio not made: [audio] enabled needs an output file to go beside");
            None
        }
        _ => None,
    };
    if let Some(path) = args.audio.as_ref().or(enabled_path.as_ref()) {
        let audio_config = config.audio.clone().unwrap_or_default();
        // Spoken pieces are kept beside the state file, so a re-run says only what is new.
        let cache = globals
            .state
            .as_ref()
            .and_then(|s| s.parent().map(|d| d.join("audio-cache")))
            .or_else(|| {
                herald::store::default_path()
                    .and_then(|p| p.parent().map(|d| d.join("audio-cache")))
            })
            .filter(|_| !globals.no_state && (!args.demo || globals.state.is_some()));
        match write_audio(&made.briefing, &audio_config, path, cache.as_deref()) {
            Ok(audio) => {
                if !globals.quiet {
                    eprintln!(
                        "herald: wrote {} ({:.0} s of audio) and its chapters",
                        path.display(),
                        audio.seconds
                    );
                }
                // Kept with the edition (a copy beside the state file), for the site's podcast.
                if let (Some(s), Some(id)) = (store.as_ref(), made.edition) {
                    match keep_audio(s, id, path, &audio, &config) {
                        Ok(file) => {
                            made.briefing.audio = Some(herald::model::Listen {
                                file,
                                seconds: audio.seconds.round() as u32,
                            });
                        }
                        Err(e) => {
                            eprintln!("herald: the audio was not kept with the edition: {e:#}")
                        }
                    }
                }
            }
            Err(e) => eprintln!("herald: audio not made: {e:#}"),
        }
    }
    // Pushed last, after the audio, so a push can link the episode; a failing endpoint costs
    // only itself.
    if !args.no_notify && !args.demo && !config.notify.is_empty() {
        let failures = brief::push(&made, &config.notify, &options);
        for failure in &failures {
            eprintln!("herald: notification not sent: {failure}");
        }
        let sent = config.notify.len() - failures.len();
        if sent > 0 && !globals.quiet {
            eprintln!(
                "herald: notified {sent} endpoint{}",
                if sent == 1 { "" } else { "s" }
            );
        }
    }
    // Said even under -q (a timer's run): a morning with no feed read is not a quiet one.
    if let Some(line) = no_feed_read(&made.feeds) {
        eprintln!("herald: {line}");
        return Err(super::Exit(super::EXIT_NO_FEEDS).into());
    }
    Ok(())
}

/// One line when not one feed (weather aside) could be read, saying why in few words: "no
/// network: 12 of 12 feeds could not be resolved".
fn no_feed_read(feeds: &[brief::FeedLine]) -> Option<String> {
    let news: Vec<&brief::FeedLine> = feeds.iter().filter(|f| !f.weather).collect();
    if news.is_empty() || news.iter().any(|f| f.outcome.is_ok()) {
        return None;
    }
    let total = news.len();
    let unresolved = herald::fetch::FetchError::Unresolved(String::new()).to_string();
    let names = news
        .iter()
        .filter(|f| f.outcome.as_ref().err() == Some(&unresolved))
        .count();
    if names == total {
        return Some(format!(
            "no network: {names} of {total} feed{} could not be resolved; the briefing says so",
            if total == 1 { "" } else { "s" }
        ));
    }
    let mut causes: Vec<(String, usize)> = Vec::new();
    for f in &news {
        let why = f.outcome.as_ref().err().cloned().unwrap_or_default();
        let why = why.split(':').next().unwrap_or("").trim().to_string();
        match causes.iter_mut().find(|(w, _)| *w == why) {
            Some((_, n)) => *n += 1,
            None => causes.push((why, 1)),
        }
    }
    causes.sort_by_key(|c| std::cmp::Reverse(c.1));
    let said: Vec<String> = causes
        .iter()
        .take(3)
        .map(|(why, n)| format!("{n} {why}"))
        .collect();
    Some(format!(
        "no feed could be read ({} of {total} failed: {})",
        total,
        said.join(", ")
    ))
}

/// Each feed's outcome and where the run's time went, on stderr.
fn print_verbose(made: &Made) {
    for f in &made.feeds {
        let (mark, what) = match &f.outcome {
            Ok(status) if f.weather => ("ok  ", format!("{status}, weather")),
            Ok(status) => (
                "ok  ",
                format!(
                    "{status}, {} item{}",
                    f.items,
                    if f.items == 1 { "" } else { "s" }
                ),
            ),
            Err(e) => ("FAIL", e.clone()),
        };
        eprintln!("herald: {mark} {} ({}): {what}", f.name, f.location);
        if let Some(w) = &f.warning {
            eprintln!("herald:      {w}");
        }
    }
    for a in &made.articles {
        let from = if a.cached { " (stored)" } else { "" };
        eprintln!("herald: article {}{from}: {} ({})", a.title, a.note, a.url);
    }
    let b = &made.briefing;
    print_model_fallbacks(b);
    let t = made.timings;
    let ms = |d: std::time::Duration| d.as_millis();
    eprintln!(
        "herald: {} feeds, {} items seen, {} new; fetch {} ms, compose {} ms, render {} ms, deliver {} ms, store {} ms",
        b.stats.feeds,
        b.stats.items_seen,
        b.stats.items_new,
        ms(t.fetch),
        ms(t.compose),
        ms(t.render),
        ms(t.deliver),
        ms(t.store),
    );
}

/// When a model was asked: how many summaries fell back to extractive, grouped by reason.
fn print_model_fallbacks(b: &herald::model::Briefing) {
    let mut reasons: Vec<(String, usize)> = Vec::new();
    let mut total = 0;
    for e in b.sections.iter().flat_map(|s| &s.entries) {
        if e.summary.is_none() && e.summary_fallback.is_none() {
            continue;
        }
        total += 1;
        if let Some(why) = &e.summary_fallback {
            match reasons.iter_mut().find(|(r, _)| r == why) {
                Some((_, n)) => *n += 1,
                None => reasons.push((why.clone(), 1)),
            }
        }
    }
    for (why, n) in reasons {
        eprintln!("herald: model: {n} of {total} summaries not by the model: {why}");
    }
}

/// Reads the briefing aloud into `path` (WAV, or MP3 through `lame`) and writes the chapters
/// beside it; the seconds of audio.
fn write_audio(
    b: &herald::model::Briefing,
    config: &herald::audio::AudioConfig,
    path: &std::path::Path,
    cache: Option<&std::path::Path>,
) -> Result<herald::audio::Audio> {
    let mut audio = herald::audio::make(b, config, cache)?;
    let mp3 = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mp3"));
    let bytes = if mp3 {
        // Chapters inside the MP3 too (ID3 CHAP/CTOC), as podcast players read them.
        let mut tagged = herald::audio::id3::tag(
            &herald::site::edition_title(b),
            &audio.chapters,
            audio.seconds,
        );
        tagged.extend(to_mp3(&audio.wav)?);
        tagged
    } else {
        std::mem::take(&mut audio.wav)
    };
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    let chapters = path.with_extension("chapters.json");
    std::fs::write(&chapters, herald::audio::chapters_json(&audio.chapters))
        .with_context(|| format!("cannot write {}", chapters.display()))?;
    audio.wav = Vec::new();
    Ok(audio)
}

/// Copies the edition's audio beside the state file (`audio/ID.EXT`) and records it with the
/// edition; rebuilds the site, when the config has one, so its podcast has today's episode.
/// The audio's file name on the site and in `serve` ("2025-09-03.mp3").
fn keep_audio(
    store: &herald::store::Store,
    id: i64,
    written: &std::path::Path,
    audio: &herald::audio::Audio,
    config: &Config,
) -> Result<String> {
    let dir = store
        .path()
        .parent()
        .map(|d| d.join("audio"))
        .context("the state file has no directory")?;
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let ext = written
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("wav")
        .to_ascii_lowercase();
    let kept = dir.join(format!("{id}.{ext}"));
    std::fs::copy(written, &kept).with_context(|| format!("cannot copy to {}", kept.display()))?;
    store.set_edition_audio(
        id,
        &herald::store::EditionAudio {
            path: kept.display().to_string(),
            seconds: audio.seconds,
            chapters: herald::audio::chapters_json(&audio.chapters),
        },
    )?;
    if let Some(site) = &config.site {
        let pages = herald::site::editions(store, site.editions)?;
        herald::site::build(&site.dir, &pages, site.base_url.as_deref())?;
    }
    // The newest edition is this one; its slug counts the day's earlier editions.
    let pages = herald::site::editions(store, 64)?;
    pages
        .first()
        .and_then(herald::site::audio_file)
        .context("the edition was not found again in the state file")
}

/// WAV to MP3 through Debian's `lame` (on stdin and stdout).
pub(super) fn to_mp3(wav: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut child = std::process::Command::new("lame")
        .args(["--quiet", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("MP3 needs lame (apt-get install lame); write a .wav instead")?;
    let mut stdin = child.stdin.take().context("lame's stdin")?;
    let input = wav.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().context("lame")?;
    let _ = feeder.join();
    anyhow::ensure!(out.status.success(), "lame failed ({})", out.status);
    Ok(out.stdout)
}
