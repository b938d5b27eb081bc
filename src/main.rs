//! The `herald` command: parses arguments and calls the library. Nothing else lives here.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};

use herald::config::{self, Config, Window};
use herald::fetch::FetchOptions;
use herald::render::Format;
use herald::summarize::{Budget, Extractive, Summarizer};
use herald::{brief, deliver, demo, parse, render};

#[derive(Parser)]
#[command(
    name = "herald",
    version,
    about = "Your feeds, as one dated morning briefing: weather first, a section per topic, summaries that only say what the source says.",
    after_help = "Examples:\n  herald brief --demo                      # a sample briefing, offline\n  herald init                              # write a starter config\n  herald brief                             # today's briefing from your config\n  herald brief --format json --output -    # JSON on stdout\n  herald parse feed.xml --json             # how herald reads one feed"
)]
struct Cli {
    /// The state file (SQLite). Accepted now; the store arrives in a later release.
    #[arg(long, global = true, value_name = "PATH")]
    state: Option<PathBuf>,
    /// Read and write no state at all.
    #[arg(long, global = true)]
    no_state: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make today's briefing.
    #[command(
        after_help = "Examples:\n  herald brief --demo\n  herald brief --demo --format json\n  herald brief --config ~/herald.toml --output ~/Notes/today.md\n  herald brief --now 2025-09-03T14:42:00Z --window 24h"
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
    /// Which items are new: 24h or since-last (overrides the config).
    #[arg(long, value_name = "WINDOW")]
    window: Option<Window>,
    /// markdown or json.
    #[arg(long, default_value = "markdown", value_name = "FORMAT")]
    format: Format,
    /// Write here ("-" for stdout); overrides the config's output.
    #[arg(long, value_name = "PATH")]
    output: Option<String>,
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

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Brief(args) => run_brief(args),
        Command::Init { config, force } => run_init(config, force),
        Command::Parse { files, json, many } => run_parse(&files, json, many),
        Command::Summarize { sentences, words } => run_summarize(Budget { sentences, words }),
    }
}

fn run_brief(args: BriefArgs) -> Result<()> {
    let (config, embedded) = if args.demo {
        let c = Config::from_toml(demo::CONFIG, "demo/config.toml".as_ref(), ".".as_ref())
            .context("the bundled demo config is invalid")?;
        (c, Some(demo::lookup as herald::fetch::EmbeddedLookup))
    } else {
        let path = match args.config {
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
        (Config::load(&path)?, None)
    };
    let now = match (&args.now, args.demo) {
        (Some(s), _) => s.parse::<jiff::Timestamp>().with_context(|| {
            format!("--now '{s}' is not an RFC 3339 time such as 2025-09-03T14:42:00Z")
        })?,
        (None, true) => demo::NOW.parse().context("demo time")?,
        (None, false) => jiff::Timestamp::now(),
    };
    let options = brief::BriefOptions {
        now,
        window: args.window,
        fetch: FetchOptions::default(),
    };
    let briefing = brief::run(&config, &options, embedded)?;
    let text = render::render(&briefing, args.format);
    let target = match args.output.as_deref() {
        Some("-") => None,
        Some(p) => Some(PathBuf::from(p)),
        None if args.demo => None,
        None => config
            .output
            .as_deref()
            .map(|t| config::expand_output(t, &briefing.date.strftime("%Y-%m-%d").to_string())),
    };
    match target {
        None => deliver::to_stdout(&text)?,
        Some(path) => {
            deliver::to_file(&path, &text)?;
            eprintln!("herald: wrote {}", path.display());
        }
    }
    Ok(())
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

fn run_summarize(budget: Budget) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Input {
        id: serde_json::Value,
        #[serde(default)]
        title: String,
        article: String,
    }
    let summarizer = Extractive::default();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.context("reading stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let input: Input = serde_json::from_str(&line)
            .with_context(|| format!("stdin line {}: expected {{\"id\", \"article\"}}", n + 1))?;
        let text = herald::text::html_to_text(&input.article);
        let summary = summarizer
            .summarize(&input.title, &text, budget)
            .unwrap_or_default();
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"id": input.id, "summary": summary}),
        )?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}
