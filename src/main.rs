//! The `herald` command: parses arguments and calls the library. Nothing else lives here.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};

use herald::brief::Target;
use herald::config::{self, Config, Window};
use herald::fetch::FetchOptions;
use herald::render::{Format, Style, Template};
use herald::store::{self, Store};
use herald::summarize::{Budget, Extractive, Summarizer};
use herald::{brief, deliver, demo, parse, subscriptions};

#[derive(Parser)]
#[command(
    name = "herald",
    version,
    about = "Your feeds, as one dated morning briefing: weather first, a section per topic, summaries that only say what the source says.",
    after_help = "Examples:\n  herald brief --demo                      # a sample briefing, offline\n  herald init                              # write a starter config\n  herald brief                             # today's briefing from your config\n  herald brief --format json --output -    # JSON on stdout\n  herald parse feed.xml --json             # how herald reads one feed"
)]
struct Cli {
    /// The state file (SQLite; default: the XDG data dir, herald/herald.sqlite).
    #[arg(long, global = true, value_name = "PATH")]
    state: Option<PathBuf>,
    /// Read and write no state at all (no memory of earlier briefings).
    #[arg(long, global = true, conflicts_with = "state")]
    no_state: bool,
    /// Print nothing but errors on stderr (no progress bar).
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Say more on stderr: each feed's outcome and the run's timings.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make today's briefing.
    #[command(
        after_help = "Examples:\n  herald brief --demo\n  herald brief --demo --format json\n  herald brief --demo --format html --output today.html\n  herald brief --demo --template my-briefing.html\n  herald brief --config ~/herald.toml --output ~/Notes/today.md\n  herald brief --now 2025-09-03T14:42:00Z --window 24h"
    )]
    Brief(BriefArgs),
    /// Write a starter config with real public feeds.
    #[command(
        after_help = "Examples:\n  herald init\n  herald init --config ./herald.toml --force"
    )]
    Init {
        /// Where to write it (default: the XDG config dir, herald/config.toml).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Parse feed files and print what herald reads from them.
    #[command(
        after_help = "Examples:\n  herald parse feed.xml --json\n  herald parse --many a.xml b.rdf c.json"
    )]
    Parse {
        /// Feed files (RSS, Atom, JSON Feed).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// One JSON object per file (the feed-schema.md shape).
        #[arg(long)]
        json: bool,
        /// One JSON line per file: {"path": FILE, "result": {...}}.
        #[arg(long)]
        many: bool,
    },
    /// Search everything herald has stored: titles and texts of past items, best matches first.
    #[command(
        after_help = "Words must all appear, in any order; \"a phrase\" must appear as written; word* matches\nwords that start with word. Accents do not matter.\n\nExamples:\n  herald search high-speed rail\n  herald search '\"alien enemies act\"' --since 30d\n  herald search tariff* --since 2025-09-01 --limit 50 --json"
    )]
    Search {
        /// What to look for.
        #[arg(required = true, value_name = "WORDS")]
        query: Vec<String>,
        /// Only items first seen in the last N days/weeks/hours (30d, 2w, 12h) or since a date
        /// (2025-09-01).
        #[arg(long, value_name = "WHEN")]
        since: Option<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per line instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print shell completions for herald (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  herald completions bash > ~/.local/share/bash-completion/completions/herald\n  herald completions zsh > ~/.zfunc/_herald\n  herald completions fish > ~/.config/fish/completions/herald.fish"
    )]
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print a built-in template (html or text), to start your own from.
    #[command(
        after_help = "Examples:\n  herald template html > ~/.config/herald/briefing.html\n  herald brief --template ~/.config/herald/briefing.html\n\nA template sees: heading, title, date, date_long, date_iso, timezone, tags, weather\n{heading, unavailable, warnings[{text, link}], now, observed, stale, periods[{name, text}],\nall_clear, notes}, sections[{heading, title, emoji, empty, entries[{title, link, source, age,\npublished, also[{text, link}], summary, why}], more[{text, link}]}], footer, notices[{feed,\nurl, message}], failures[{feed, url, message}], and briefing (the JSON document). Files\nending .html/.htm/.xml are HTML-escaped; `text | wrap(width, indent, first)` fills a paragraph."
    )]
    Template {
        /// html or text.
        #[arg(value_name = "NAME")]
        name: String,
    },
    /// Manage feeds: health, a check of every feed now, OPML import and export.
    #[command(subcommand)]
    Feeds(FeedsCommand),
    /// Check summary sentences against their sources: JSON lines {"id","article","sentence"} on
    /// stdin, {"id","supported","score","reason"} on stdout.
    #[command(
        after_help = "Example:\n  echo '{\"id\":1,\"article\":\"Rain fell on Monday.\",\"sentence\":\"Snow fell on Monday.\"}' | herald check-summary"
    )]
    CheckSummary,
    /// Summarize articles: JSON lines {"id","article"} on stdin, {"id","summary"} on stdout.
    #[command(
        after_help = "Example:\n  echo '{\"id\":\"1\",\"article\":\"First sentence here. Second one.\"}' | herald summarize"
    )]
    Summarize {
        /// At most this many sentences.
        #[arg(long, default_value_t = Budget::default().sentences)]
        sentences: usize,
        /// At most this many words.
        #[arg(long, default_value_t = Budget::default().words)]
        words: usize,
    },
}

#[derive(Subcommand)]
enum FeedsCommand {
    /// Every configured feed with its health: last status, last success, failures, items/week.
    #[command(after_help = "Example:\n  herald feeds list --config ~/herald.toml")]
    List {
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Fetch every feed now and report how each one did (updates the state file).
    #[command(after_help = "Example:\n  herald feeds check")]
    Check {
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Subscribe to a feed: give its address or a web page that announces one.
    #[command(
        after_help = "herald fetches the address first: a feed is added as it is; a web page is searched for the\nfeeds it announces (<link rel=\"alternate\">) and the first that reads is added. Comments\nand layout of the config are kept.\n\nExamples:\n  herald feeds add https://www.theverge.com --section Tech\n  herald feeds add https://feeds.npr.org/1001/rss.xml --section \"U.S. Top Stories\" --name NPR"
    )]
    Add {
        /// A feed's URL, or a page that announces its feed.
        #[arg(value_name = "URL")]
        url: String,
        /// The section to add it to (created at the end if there is none).
        #[arg(long, default_value = "Feeds")]
        section: String,
        /// The name to show for it (default: the feed's own title).
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Unsubscribe: remove a feed (by its URL) from every section of the config.
    #[command(after_help = "Example:\n  herald feeds remove https://example.com/feed.xml")]
    Remove {
        #[arg(value_name = "URL")]
        url: String,
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Add the feeds of an OPML file to the config, one section per OPML folder.
    #[command(after_help = "Example:\n  herald feeds import subscriptions.opml")]
    Import {
        /// The OPML file (exported from another feed reader).
        #[arg(value_name = "FILE.opml")]
        file: PathBuf,
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Print the config's feeds as OPML 2.0.
    #[command(after_help = "Example:\n  herald feeds export > subscriptions.opml")]
    Export {
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
}

#[derive(Args)]
struct BriefArgs {
    /// The config file (default: the XDG config dir, herald/config.toml).
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Use the bundled sample feeds and config; no network.
    #[arg(long)]
    demo: bool,
    /// Pretend it is this moment (RFC 3339), e.g. 2025-09-03T14:42:00Z.
    #[arg(long, value_name = "RFC3339")]
    now: Option<String>,
    /// Which items are new: since-last, or a span such as 24h, 3d or 1w (overrides the config).
    #[arg(long, value_name = "WINDOW")]
    window: Option<Window>,
    /// markdown, html, text or json (default: the config's `format`, else the output file's
    /// extension, else markdown).
    #[arg(long, value_name = "FORMAT")]
    format: Option<Format>,
    /// Write the briefing through your own template (minijinja; `herald template html` prints
    /// the built-in one to start from). Overrides --format.
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// Write here ("-" for stdout); overrides the config's output.
    #[arg(long, value_name = "PATH")]
    output: Option<String>,
    /// Say for each entry why it is where it is (sources, age, preferred source, boosts).
    #[arg(long)]
    explain: bool,
    /// Do not send the briefing by mail, even if the config has an [email] section.
    #[arg(long)]
    no_email: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("herald: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// What every command may need from the global flags.
struct Globals {
    state: Option<PathBuf>,
    no_state: bool,
    quiet: bool,
    verbose: bool,
}

impl Globals {
    /// Opens the state file unless the run is stateless. The demo is stateless unless a state
    /// file is named explicitly, so trying it never touches the reader's real history.
    fn store(&self, demo: bool) -> Result<Option<Store>> {
        if self.no_state || (demo && self.state.is_none()) {
            return Ok(None);
        }
        let path = match &self.state {
            Some(p) => p.clone(),
            None => store::default_path()
                .context("cannot find the data directory for the state file")?,
        };
        Ok(Some(Store::open(&path)?))
    }

    fn fetch_options(&self, config: &Config) -> FetchOptions {
        FetchOptions {
            progress: !self.quiet && std::io::stderr().is_terminal(),
            concurrency: config.fetch.concurrency,
            per_host: config.fetch.per_host,
            timeout: std::time::Duration::from_secs(config.fetch.timeout_secs),
            max_body: config.fetch.max_body_mib * 1024 * 1024,
            ..FetchOptions::default()
        }
    }
}

fn load_config(path: Option<PathBuf>) -> Result<Config> {
    let path = match path {
        Some(p) => p,
        None => {
            let p = config::default_path().context("cannot find the config directory")?;
            if !p.exists() {
                bail!(
                    "no config at {}: run 'herald init' to write a starter, pass --config PATH, or try 'herald brief --demo'",
                    p.display()
                );
            }
            p
        }
    };
    Ok(Config::load(&path)?)
}

fn run(cli: Cli) -> Result<()> {
    let globals = Globals {
        state: cli.state,
        no_state: cli.no_state,
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match cli.command {
        Command::Brief(args) => run_brief(args, &globals),
        Command::Feeds(cmd) => run_feeds(cmd, &globals),
        Command::Init { config, force } => run_init(config, force),
        Command::Parse { files, json, many } => run_parse(&files, json, many),
        Command::Summarize { sentences, words } => run_summarize(Budget { sentences, words }),
        Command::CheckSummary => run_check_summary(),
        Command::Search {
            query,
            since,
            limit,
            json,
        } => run_search(&query.join(" "), since.as_deref(), limit, json, &globals),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "herald", &mut std::io::stdout());
            Ok(())
        }
        Command::Template { name } => {
            let text = match name.as_str() {
                "html" => herald::render::template::HTML,
                "text" | "txt" => herald::render::template::TEXT,
                other => bail!("no built-in template named '{other}': expected html or text"),
            };
            print!("{text}");
            Ok(())
        }
    }
}

fn run_brief(args: BriefArgs, globals: &Globals) -> Result<()> {
    let (config, embedded) = if args.demo {
        let c = Config::from_toml(demo::CONFIG, "demo/config.toml".as_ref(), ".".as_ref())
            .context("the bundled demo config is invalid")?;
        (c, Some(demo::lookup as herald::fetch::EmbeddedLookup))
    } else {
        (load_config(args.config.clone())?, None)
    };
    let now = match (&args.now, args.demo) {
        (Some(s), _) => s.parse::<jiff::Timestamp>().with_context(|| {
            format!("--now '{s}' is not an RFC 3339 time such as 2025-09-03T14:42:00Z")
        })?,
        (None, true) => demo::NOW.parse().context("demo time")?,
        (None, false) => jiff::Timestamp::now(),
    };
    let mut store = globals.store(args.demo)?;
    let options = brief::BriefOptions {
        now,
        window: args.window,
        fetch: globals.fetch_options(&config),
        retention_days: config.retention_days,
        explain: args.explain,
    };
    let style = style(&args, &config)?;
    let output = args.output.clone();
    let mail = config
        .email
        .as_ref()
        .filter(|_| !args.no_email && !args.demo);
    let delivery = brief::Delivery {
        style: &style,
        target: |b: &herald::model::Briefing| match output.as_deref() {
            Some("-") => Target::Stdout,
            Some(p) => Target::File(PathBuf::from(p)),
            None if args.demo => Target::Stdout,
            None => match config.output_path(&b.date.strftime("%Y-%m-%d").to_string()) {
                Some(path) => Target::File(path),
                None => Target::Stdout,
            },
        },
        mail,
    };
    let made = brief::make(&config, &options, embedded, store.as_mut(), delivery)?;
    if globals.verbose {
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
        let b = &made.briefing;
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
    if let Some(mail) = mail
        && !globals.quiet
    {
        let to: Vec<String> = mail.to.iter().map(|m| m.email.to_string()).collect();
        eprintln!("herald: mailed to {}", to.join(", "));
    }
    if let Target::File(path) = made.target
        && !globals.quiet
    {
        eprintln!("herald: wrote {}", path.display());
    }
    Ok(())
}

/// The config file to edit: the one named, else the default location.
fn config_path(config: Option<PathBuf>) -> Result<PathBuf> {
    match config {
        Some(p) => Ok(p),
        None => config::default_path().context("cannot find the config directory"),
    }
}

/// How to write the briefing: a template named on the command line, a format named there, the
/// config's template or format, the output file's extension, and Markdown, in that order.
fn style(args: &BriefArgs, config: &Config) -> Result<Style> {
    let template = |path: &Path| -> Result<Style> {
        Ok(Style::Template(Box::new(
            Template::load(path).map_err(anyhow::Error::new)?,
        )))
    };
    if let Some(path) = &args.template {
        return template(path);
    }
    if let Some(format) = args.format {
        return Ok(Style::Format(format));
    }
    if !args.demo {
        if let Some(path) = &config.template {
            return template(path);
        }
        if let Some(format) = config.format {
            return Ok(Style::Format(format));
        }
    }
    let output = match args.output.as_deref() {
        Some("-") => None,
        Some(path) => Some(path.to_string()),
        None if args.demo => None,
        None => config.output.clone(),
    };
    let by_extension = output.and_then(|o| Format::from_extension(Path::new(&o)));
    Ok(Style::Format(by_extension.unwrap_or(Format::Markdown)))
}

/// "30d", "2w", "12h" before now, or a date (midnight UTC).
fn parse_since(s: &str, now: jiff::Timestamp) -> Result<jiff::Timestamp> {
    let s = s.trim();
    if let Ok(date) = s.parse::<jiff::civil::Date>() {
        return Ok(date.to_zoned(jiff::tz::TimeZone::UTC)?.timestamp());
    }
    let (num, unit) = s.split_at(s.find(|c: char| c.is_alphabetic()).unwrap_or(s.len()));
    let hours = match (num.trim().parse::<i64>(), unit) {
        (Ok(n), "h") => n,
        (Ok(n), "d") => n * 24,
        (Ok(n), "w") => n * 24 * 7,
        _ => bail!(
            "--since '{s}': expected a span such as 30d, 2w or 12h, or a date such as 2025-09-01"
        ),
    };
    Ok(now - jiff::SignedDuration::from_hours(hours))
}

fn run_search(
    query: &str,
    since: Option<&str>,
    limit: usize,
    json: bool,
    globals: &Globals,
) -> Result<()> {
    let since = since
        .map(|s| parse_since(s, jiff::Timestamp::now()))
        .transpose()?;
    let Some(mut store) = globals.store(false)? else {
        bail!("--no-state: there is no archive to search");
    };
    // Briefings only queue new items; they are indexed here, before the first search sees them.
    let pending = store.unindexed()?;
    if pending > 0 {
        let bar = if !globals.quiet && pending >= 10_000 && std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(pending as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} indexing stored items for search {pos}/{len} {wide_bar} {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        } else {
            if !globals.quiet && pending >= 10_000 {
                eprintln!("herald: indexing {pending} stored items for search (once)…");
            }
            indicatif::ProgressBar::hidden()
        };
        store.update_index(|done| bar.set_position(done as u64))?;
        bar.finish_and_clear();
    }
    let hits = store.search(query, since, limit)?;
    let mut out = std::io::stdout().lock();
    if json {
        for h in &hits {
            writeln!(out, "{}", serde_json::to_string(h)?)?;
        }
        return Ok(());
    }
    if hits.is_empty() {
        eprintln!("herald: nothing stored matches {query:?}");
        return Ok(());
    }
    for h in &hits {
        let when = h
            .published
            .or(h.first_seen)
            .map(|t| t.strftime("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "----------".to_string());
        writeln!(out, "{when}  {}  {}", h.title, h.source)?;
        if let Some(link) = &h.link {
            writeln!(out, "            {link}")?;
        }
        if !h.snippet.is_empty() {
            writeln!(out, "            {}", h.snippet)?;
        }
    }
    Ok(())
}

fn run_feeds(cmd: FeedsCommand, globals: &Globals) -> Result<()> {
    match cmd {
        FeedsCommand::List { config } => {
            let config = load_config(config)?;
            let store = globals.store(false)?;
            let now = jiff::Timestamp::now();
            println!(
                "{:<10} {:<17} {:>5} {:>9}  FEED",
                "STATUS", "LAST SUCCESS", "FAILS", "ITEMS/WK"
            );
            for f in config.all_feeds() {
                let rec = match &store {
                    Some(s) => s.feed(&f.location, now)?,
                    None => store::FeedRecord::default(),
                };
                let status = rec
                    .last_status
                    .clone()
                    .unwrap_or_else(|| "never".to_string());
                let status: String = status.chars().take(10).collect();
                let success = rec
                    .last_success
                    .map(|t| t.strftime("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_else(|| "-".to_string());
                let name = f.name.clone().or(rec.title.clone()).unwrap_or_default();
                println!(
                    "{status:<10} {success:<17} {:>5} {:>9}  {} {}",
                    rec.consecutive_failures, rec.items_last_week, f.location, name
                );
                if let Some(to) = rec.redirect_to {
                    println!("{:>45}moved permanently to {to}", "");
                }
            }
            Ok(())
        }
        FeedsCommand::Check { config } => {
            let config = load_config(config)?;
            let mut store = globals.store(false)?;
            let options = brief::BriefOptions {
                fetch: globals.fetch_options(&config),
                ..brief::BriefOptions::new(jiff::Timestamp::now())
            };
            if let Some(s) = store.as_mut() {
                s.begin()?;
            }
            let reports = brief::refresh(&config, &options, None, store.as_ref())?;
            if let Some(s) = store.as_mut() {
                s.commit()?;
            }
            let mut failed = 0;
            for r in &reports {
                let name = r
                    .source
                    .name
                    .clone()
                    .or(r.title.clone())
                    .unwrap_or_default();
                match &r.outcome {
                    Ok(status) => println!(
                        "ok    {status:<18} {:>4} items  {} {}",
                        r.items.len(),
                        r.source.location,
                        name
                    ),
                    Err(e) => {
                        failed += 1;
                        println!("FAIL  {} {}: {e}", r.source.location, name);
                    }
                }
                if let Some(to) = &r.moved_to {
                    println!("      moved permanently to {to}: update your config");
                }
            }
            println!("{} feeds, {} failed", reports.len(), failed);
            Ok(())
        }
        FeedsCommand::Add {
            url,
            section,
            name,
            config,
        } => {
            let path = config_path(config)?;
            let text = std::fs::read_to_string(&path).with_context(|| {
                format!(
                    "cannot read {} (write one with 'herald init' first)",
                    path.display()
                )
            })?;
            if !globals.quiet {
                eprintln!("herald: looking for a feed at {url}…");
            }
            let found = subscriptions::find_feed(&url, FetchOptions::default())?;
            let Some(new_text) =
                subscriptions::add_feed(&text, &section, &found.url, name.as_deref())
                    .with_context(|| path.display().to_string())?
            else {
                println!("{} is already in section '{section}'", found.url);
                return Ok(());
            };
            // Validate before replacing the reader's file.
            Config::from_toml(&new_text, &path, path.parent().unwrap_or(".".as_ref()))
                .context("adding the feed would make the config invalid; nothing was written")?;
            deliver::to_file(&path, &new_text)?;
            let title = name.or(found.title).unwrap_or_else(|| found.url.clone());
            match &found.page {
                Some(page) => println!(
                    "added '{title}' ({}, announced by {page}; {} items now) to section '{section}'",
                    found.url, found.entries
                ),
                None => println!(
                    "added '{title}' ({}; {} items now) to section '{section}'",
                    found.url, found.entries
                ),
            }
            Ok(())
        }
        FeedsCommand::Remove { url, config } => {
            let path = config_path(config)?;
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let (new_text, removed) = subscriptions::remove_feed(&text, &url)
                .with_context(|| path.display().to_string())?;
            if removed == 0 {
                bail!("{url} is not in {}", path.display());
            }
            Config::from_toml(&new_text, &path, path.parent().unwrap_or(".".as_ref()))
                .context("removing the feed would make the config invalid; nothing was written")?;
            deliver::to_file(&path, &new_text)?;
            println!(
                "removed {url} from {} ({removed} entr{})",
                path.display(),
                if removed == 1 { "y" } else { "ies" }
            );
            Ok(())
        }
        FeedsCommand::Import { file, config } => {
            let path = config_path(config)?;
            let xml = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let known: Vec<String> = if path.exists() {
                Config::load(&path)?
                    .all_feeds()
                    .into_iter()
                    .map(|f| f.location)
                    .collect()
            } else {
                Vec::new()
            };
            let sections =
                subscriptions::import(&xml, &known).with_context(|| file.display().to_string())?;
            let added: usize = sections.iter().map(|s| s.feeds.len()).sum();
            let mut text = if path.exists() {
                std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?
            } else {
                String::from("# herald configuration (created by 'herald feeds import').\n")
            };
            text.push_str(&subscriptions::to_toml(&sections));
            // Validate before replacing the user's file.
            Config::from_toml(&text, &path, path.parent().unwrap_or(".".as_ref()))
                .context("the imported feeds would make the config invalid; nothing was written")?;
            deliver::to_file(&path, &text)?;
            eprintln!(
                "herald: added {added} feeds in {} sections to {}",
                sections.len(),
                path.display()
            );
            Ok(())
        }
        FeedsCommand::Export { config } => {
            let config = load_config(config)?;
            println!("{}", subscriptions::export(&config)?);
            Ok(())
        }
    }
}

fn run_init(path: Option<PathBuf>, force: bool) -> Result<()> {
    let path = match path {
        Some(p) => p,
        None => config::default_path().context("cannot find the config directory")?,
    };
    if path.exists() && !force {
        bail!(
            "{} already exists: pass --force to replace it",
            path.display()
        );
    }
    deliver::to_file(&path, herald::STARTER_CONFIG)?;
    eprintln!(
        "herald: wrote {}\nEdit its feeds, then run: herald brief{}",
        path.display(),
        if config::default_path().as_deref() == Some(path.as_path()) {
            String::new()
        } else {
            format!(" --config {}", path.display())
        }
    );
    Ok(())
}

fn run_parse(files: &[PathBuf], json: bool, many: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for file in files {
        let result = std::fs::read(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))
            .map(|bytes| parse::parse_feed(&bytes, None, None));
        if many {
            let line = match &result {
                Ok(parsed) => serde_json::json!({"path": file, "result": parse_json(parsed)}),
                Err(e) => serde_json::json!({"path": file, "result": null, "error": e}),
            };
            writeln!(out, "{line}")?;
            continue;
        }
        let parsed = match result {
            Ok(p) => p,
            Err(e) => bail!(e),
        };
        if json {
            serde_json::to_writer_pretty(&mut out, &parse_json(&parsed))?;
            writeln!(out)?;
        } else {
            match parsed {
                Ok(f) => {
                    writeln!(
                        out,
                        "{}: {} ({}), {} entries",
                        file.display(),
                        f.feed.title.as_deref().unwrap_or("(untitled)"),
                        f.version,
                        f.entries.len()
                    )?;
                    for e in &f.entries {
                        writeln!(
                            out,
                            "  {}  {}",
                            e.published
                                .map(|p| p.to_string())
                                .unwrap_or_else(|| "-".into()),
                            e.title.as_deref().unwrap_or("(untitled)")
                        )?;
                    }
                }
                Err(e) => writeln!(out, "{}: {e}", file.display())?,
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// A parse result as feed-schema.md JSON; a document that is not a feed is `bozo` with nothing.
fn parse_json(r: &Result<herald::model::ParsedFeed, parse::ParseError>) -> serde_json::Value {
    match r {
        Ok(f) => serde_json::to_value(f).unwrap_or(serde_json::Value::Null),
        Err(e) => serde_json::json!({
            "version": "",
            "bozo": true,
            "bozo_exception": e.to_string(),
            "feed": {},
            "entries": [],
        }),
    }
}

/// Reads JSON lines from stdin, answers each with `answer`, writes JSON lines to stdout. Blank
/// lines are skipped; a line that is not the expected object is an error naming its number.
fn json_lines<T: serde::de::DeserializeOwned>(
    expected: &str,
    mut answer: impl FnMut(T) -> serde_json::Value,
) -> Result<()> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.context("reading stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let input: T = serde_json::from_str(&line)
            .with_context(|| format!("stdin line {}: expected {expected}", n + 1))?;
        serde_json::to_writer(&mut out, &answer(input))?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}

fn run_summarize(budget: Budget) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Input {
        id: serde_json::Value,
        #[serde(default)]
        title: String,
        article: String,
    }
    let summarizer = Extractive::default();
    json_lines("{\"id\", \"article\"}", |input: Input| {
        let text = herald::text::html_to_text(&input.article);
        let summary = summarizer
            .summarize(&input.title, &text, budget)
            .unwrap_or_default();
        serde_json::json!({"id": input.id, "summary": summary})
    })
}

fn run_check_summary() -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Input {
        id: serde_json::Value,
        article: String,
        sentence: String,
    }
    let gate = herald::summarize::gate::Gate::default();
    json_lines("{\"id\", \"article\", \"sentence\"}", |input: Input| {
        let article = herald::text::html_to_text(&input.article);
        let v = gate.check(&article, &input.sentence);
        serde_json::json!({"id": input.id, "supported": v.supported, "score": v.score, "reason": v.reason})
    })
}
