//! The command line as clap reads it: every command, flag and `--help` text. Nothing here
//! acts; `main.rs` dispatches each command to its module.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueHint};

use herald::config::Window;
use herald::render::Format;
use herald::summarize::Budget;

#[derive(Parser)]
#[command(
    name = "herald",
    version,
    about = "Your feeds, as one dated morning briefing: weather first, a section per topic, summaries that only say what the source says.",
    after_help = "Examples:\n  herald brief --demo                      # a sample briefing, offline\n  herald init                              # write a starter config\n  herald brief                             # today's briefing from your config\n  herald brief --format json --output -    # JSON on stdout\n  herald schedule install --at 06:30       # every morning, without cron lore\n  herald serve                             # editions, search and feed health in a browser\n  herald extract https://example.com/story # the article text of a page\n  herald parse feed.xml --json             # how herald reads one feed"
)]
pub struct Cli {
    /// The state file (SQLite; default: the XDG data dir, herald/herald.sqlite), for the
    /// commands that keep or read it; also accepted after the command's name.
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub state: Option<PathBuf>,
    /// Read and write no state at all (brief, feeds list, feeds check).
    #[arg(long, conflicts_with = "state")]
    pub no_state: bool,
    /// Print nothing but errors on stderr (no progress bar).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Say more on stderr: each feed's outcome and the run's timings.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Make today's briefing.
    #[command(
        after_help = "Examples:\n  herald brief --demo\n  herald brief --demo --format json\n  herald brief --demo --format html --output today.html\n  herald brief --demo --template my-briefing.html\n  herald brief --config ~/herald.toml --output ~/Notes/today.md\n  herald brief --now 2025-09-03T14:42:00Z --window 24h\n  herald brief --demo --locale fr-CA"
    )]
    Brief(BriefArgs),
    /// Write a starter config with real public feeds.
    #[command(
        after_help = "Examples:\n  herald init\n  herald init --config ./herald.toml --force"
    )]
    Init {
        /// Where to write it (default: the XDG config dir, herald/config.toml).
        #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
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
        /// One JSON object per file (the shape in tests/fixtures/feedsuite/SCHEMA.md).
        #[arg(long)]
        json: bool,
        /// One JSON line per file: {"path": FILE, "result": {...}}.
        #[arg(long)]
        many: bool,
    },
    /// Read the article of a web page: its main text, title, byline, date and language.
    #[command(
        after_help = "herald reads the article the way a person does: the paragraphs of the story, without\nnavigation, share buttons, related links, captions, bylines, newsletter boxes or comments.\n\nExamples:\n  herald extract page.html\n  herald extract https://example.com/news/story --json\n  herald extract --many a.html b.html c.html      # one JSON line per page"
    )]
    Extract {
        /// Saved pages, or (without --many) one http(s) address.
        #[arg(required = true, value_name = "FILE|URL")]
        inputs: Vec<String>,
        /// One JSON object: {"title", "text", "byline", "published", "lang", "words"}.
        #[arg(long)]
        json: bool,
        /// One JSON line per input: {"path": FILE, "result": {...}} or {"path": FILE, "error": "..."}.
        #[arg(long)]
        many: bool,
    },
    /// Search everything herald has stored: titles and texts of past items, best matches first.
    #[command(
        after_help = "Words must all appear, in any order; \"a phrase\" must appear as written; word* matches\nwords that start with word. Accents do not matter.\n\nExamples:\n  herald search high-speed rail\n  herald search '\"alien enemies act\"' --since 30d\n  herald search tariff* --since 2025-09-01 --limit 50 --json"
    )]
    Search {
        #[command(flatten)]
        state: ReadStateArgs,
        /// What to look for.
        #[arg(required = true, value_name = "WORDS")]
        query: Vec<String>,
        /// Only items first seen in the last N days/weeks/hours (30d, 2w, 12h) or since a date
        /// (2025-09-01).
        #[arg(long, value_name = "WHEN")]
        since: Option<String>,
        /// At most this many results (1 or more).
        #[arg(long, default_value_t = 20, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
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
        /// bash, zsh, fish, elvish or powershell.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print a built-in template (html or text), to start your own from.
    #[command(
        after_help = "Examples:\n  herald template html > ~/.config/herald/briefing.html\n  herald brief --template ~/.config/herald/briefing.html\n\nA template sees: heading, title, date, date_long, date_iso, timezone, tags, weather\n{heading, unavailable, warnings[{text, link}], now, observed, stale, periods[{name, text}],\nall_clear, notes}, sections[{heading, title, emoji, empty, entries[{title, link, source, age,\npublished, also[{text, link}], summary, why}], more[{text, link}]}], footer, notices[{feed,\nurl, message}], failures[{feed, url, message}], and briefing (the JSON document). Files\nending .html/.htm/.xml are HTML-escaped; `text | wrap(width, indent, first)` fills a paragraph."
    )]
    Template {
        /// html or text.
        #[arg(value_name = "NAME", value_parser = ["html", "text", "txt"])]
        name: String,
    },
    /// Manage feeds: health, a check of every feed now, OPML import and export.
    #[command(subcommand)]
    Feeds(FeedsCommand),
    /// Print a stored edition again (the latest, or a day's), in any format.
    #[command(
        after_help = "Every briefing herald delivers is kept in the state file, whole.\n\nExamples:\n  herald show                      # the latest edition, as Markdown\n  herald show 2025-09-03 --format html > sept3.html\n  herald show --list               # every stored edition"
    )]
    Show {
        #[command(flatten)]
        state: ReadStateArgs,
        /// latest, YYYY-MM-DD (that day's latest), or YYYY-MM-DD-2 (a day's second edition).
        #[arg(default_value = "latest", value_name = "DATE|latest")]
        which: String,
        /// markdown, html, text, json or speech (default markdown).
        #[arg(long, value_name = "FORMAT", value_parser = format_parser())]
        format: Option<Format>,
        /// List the stored editions instead.
        #[arg(long)]
        list: bool,
        /// Write the edition's audio here (the one kept with it, else read aloud now with
        /// espeak-ng), with its chapters beside it.
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        audio: Option<PathBuf>,
    },
    /// A developing story's timeline: every edition that showed it (without an id, the recent
    /// stories that ran over more than one edition).
    #[command(
        after_help = "A story's id is in the JSON of every entry (\"story\") and in the HTML as the entry's anchor.\nExit code 1 when no story has that id.\n\nExamples:\n  herald story                 # recent stories that ran over several editions\n  herald story s3f9a2c1b07\n  herald story s3f9a2c1b07 --json"
    )]
    Story {
        #[command(flatten)]
        state: ReadStateArgs,
        /// The story's id ("s3f9a2c1b07"); none lists recent developing stories.
        #[arg(value_name = "ID")]
        id: Option<String>,
        /// JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Serve the editions, search and feed health on the web (read-only).
    #[command(
        after_help = "Routes: / (today), /YYYY-MM-DD, /editions, /search?q=, /feeds, /feed.xml (Atom),\n/api/editions, /api/editions/YYYY-MM-DD, /api/search?q=.\nIt listens on loopback unless told otherwise; another address needs HERALD_SERVE_TOKEN (readers\nsend it as 'Authorization: Bearer TOKEN') or --behind-proxy. Ctrl-C or SIGTERM stops it cleanly.\n\nExamples:\n  herald serve\n  HERALD_SERVE_TOKEN=... herald serve --listen 0.0.0.0:8080"
    )]
    Serve {
        #[command(flatten)]
        state: ReadStateArgs,
        /// The address to listen on.
        #[arg(short, long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
        listen: std::net::SocketAddr,
        /// A reverse proxy in front authenticates readers (allows a public address without a
        /// token).
        #[arg(long)]
        behind_proxy: bool,
        /// A host name readers use to reach the server (besides its addresses and localhost);
        /// requests for any other name are refused (421), so a web page cannot read the server
        /// through a DNS rebinding name. Repeat for more.
        #[arg(long, value_name = "NAME")]
        allow_host: Vec<String>,
    },
    /// The editions as a static site: index.html, a page per edition, feed.xml (Atom).
    #[command(subcommand)]
    Site(SiteCommand),
    /// Run herald every morning: a systemd user timer (or the crontab line where there is none).
    #[command(subcommand)]
    Schedule(ScheduleCommand),
    /// Check summary sentences against their sources: JSON lines {"id","article","sentence"} on
    /// stdin, {"id","supported","score","reason"} on stdout.
    #[command(
        after_help = "Example:\n  echo '{\"id\":1,\"article\":\"Rain fell on Monday.\",\"sentence\":\"Snow fell on Monday.\"}' | herald check-summary"
    )]
    CheckSummary,
    /// Split text into sentences by each language's rules: JSON lines {"id","text"} (optional
    /// "lang") on stdin, {"id","sentences":[…]} on stdout. A blank line separates paragraphs; a
    /// single line break is a space (nothing, inside Chinese or Japanese).
    #[command(
        after_help = "Examples:\n  echo '{\"id\":1,\"text\":\"Dr. Smith arrived. He spoke.\"}' | herald segment\n  echo '{\"id\":2,\"lang\":\"de\",\"text\":\"Am 3. Okt. war Feiertag. Alle kamen.\"}' | herald segment"
    )]
    Segment,
    /// Summarize articles: JSON lines {"id","article"} (optional "title", "lang") on stdin,
    /// {"id","summary"} on stdout. Without "lang", the language is detected from the text.
    #[command(
        after_help = "Examples:\n  echo '{\"id\":\"1\",\"article\":\"First sentence here. Second one.\"}' | herald summarize\n  echo '{\"id\":\"2\",\"lang\":\"fr\",\"article\":\"M. Dupont est arrivé. Il a parlé.\"}' | herald summarize"
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
pub enum FeedsCommand {
    /// Every configured feed with its health: last status, last success, failures, items/week.
    #[command(after_help = "Example:\n  herald feeds list --config ~/herald.toml")]
    List {
        #[command(flatten)]
        state: StateArgs,
        /// The config file (default: the XDG config dir, herald/config.toml).
        #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
        config: Option<PathBuf>,
    },
    /// Fetch every feed now and report how each one did (updates the state file).
    #[command(after_help = "Example:\n  herald feeds check")]
    Check {
        #[command(flatten)]
        state: StateArgs,
        /// The config file (default: the XDG config dir, herald/config.toml).
        #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
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
        /// The config file (default: the XDG config dir, herald/config.toml).
        #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
        config: Option<PathBuf>,
    },
    /// Unsubscribe: remove a feed (by its URL) from every section of the config.
    #[command(after_help = "Example:\n  herald feeds remove https://example.com/feed.xml")]
    Remove {
        /// The feed's URL, as the config has it.
        #[arg(value_name = "URL", value_hint = ValueHint::Url)]
        url: String,
        /// The config file (default: the XDG config dir, herald/config.toml).
        #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
        config: Option<PathBuf>,
    },
    /// Add the feeds of an OPML file to the config, one section per OPML folder.
    #[command(after_help = "Example:\n  herald feeds import subscriptions.opml")]
    Import {
        /// The OPML file (exported from another feed reader).
        #[arg(value_name = "FILE.opml")]
        file: PathBuf,
        /// The config file (default: the XDG config dir, herald/config.toml).
        #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
        config: Option<PathBuf>,
    },
    /// Print the config's feeds as OPML 2.0.
    #[command(after_help = "Example:\n  herald feeds export > subscriptions.opml")]
    Export {
        /// The config file (default: the XDG config dir, herald/config.toml).
        #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
        config: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum SiteCommand {
    /// Write the site of stored editions into DIR (each file atomically).
    #[command(
        after_help = "Examples:\n  herald site build ~/public_html/news\n  herald site build site --base-url https://news.example.org"
    )]
    Build {
        #[command(flatten)]
        state: ReadStateArgs,
        /// The directory to write the site into (created if missing; herald's own).
        #[arg(value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: PathBuf,
        /// The address the site is served from, for absolute links in feed.xml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Editions in the index and the feed (default 30).
        #[arg(long, default_value_t = herald::site::DEFAULT_EDITIONS)]
        editions: usize,
    },
}

#[derive(Subcommand)]
pub enum ScheduleCommand {
    /// Write and enable a systemd user timer that runs `herald brief` daily at a time.
    #[command(
        after_help = "The timer runs at that time in the config's timezone, and Persistent=true runs a morning\nmissed while the machine slept at the next boot; with window = \"since-last\" that run covers\nexactly what was missed. Without systemd, the crontab line (and on macOS a launchd agent) is\nprinted instead.\n\nExamples:\n  herald schedule install --at 06:30\n  herald schedule install --at 07:15 --config ~/herald.toml --no-enable"
    )]
    Install {
        /// The time of day, HH:MM (24-hour), in the config's timezone.
        #[arg(long, value_name = "HH:MM")]
        at: String,
        /// The config file (default: the XDG config dir, herald/config.toml).
        #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
        config: Option<PathBuf>,
        /// Write the unit files but do not enable the timer (even where systemd does not run).
        #[arg(long)]
        no_enable: bool,
        /// Install even though the config writes the briefing only to standard output (the
        /// journal, for a timer).
        #[arg(long)]
        allow_stdout: bool,
    },
    /// Show the installed schedule and when it runs next.
    #[command(after_help = "Example:\n  herald schedule show")]
    Show,
    /// Disable the timer and delete its unit files.
    #[command(after_help = "Example:\n  herald schedule remove")]
    Remove,
}

/// `--state` and `--no-state`, on the commands that keep the state file (brief, feeds list and
/// check).
#[derive(Args, Debug, Clone, Default)]
pub struct StateArgs {
    /// The state file (SQLite; default: the XDG data dir, herald/herald.sqlite).
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub state: Option<PathBuf>,
    /// Read and write no state at all (no memory of earlier briefings).
    #[arg(long, conflicts_with = "state")]
    pub no_state: bool,
}

/// `--state`, on the commands that only read the state file (show, site, serve, search, story).
#[derive(Args, Debug, Clone, Default)]
pub struct ReadStateArgs {
    /// The state file to read (default: the XDG data dir, herald/herald.sqlite).
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub state: Option<PathBuf>,
}

/// How a command uses the state file, with the flags it was given after its name.
pub enum StateUse<'a> {
    None,
    Keeps(&'a StateArgs),
    Reads(&'a ReadStateArgs),
}

impl Command {
    pub fn state_use(&self) -> StateUse<'_> {
        match self {
            Command::Brief(a) => StateUse::Keeps(&a.state),
            Command::Feeds(
                FeedsCommand::List { state, .. } | FeedsCommand::Check { state, .. },
            ) => StateUse::Keeps(state),
            Command::Show { state, .. }
            | Command::Site(SiteCommand::Build { state, .. })
            | Command::Serve { state, .. }
            | Command::Search { state, .. }
            | Command::Story { state, .. } => StateUse::Reads(state),
            _ => StateUse::None,
        }
    }
}

#[derive(Args)]
pub struct BriefArgs {
    #[command(flatten)]
    pub state: StateArgs,
    /// The config file (default: the XDG config dir, herald/config.toml).
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub config: Option<PathBuf>,
    /// Use the bundled sample feeds and config; no network.
    #[arg(long)]
    pub demo: bool,
    /// Pretend it is this moment (RFC 3339), e.g. 2025-09-03T14:42:00Z.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Which items are new: since-last, or a span such as 24h, 3d or 1w (overrides the config).
    #[arg(long, value_name = "WINDOW")]
    pub window: Option<Window>,
    /// herald's own words in this language: en, fr-CA, de-DE, es-ES... (overrides the config's
    /// `locale`; feeds keep their own language).
    #[arg(long, value_name = "TAG")]
    pub locale: Option<String>,
    /// markdown, html, text, json, or speech (a script to read aloud: `--format speech |
    /// espeak-ng`); default: the config's `format`, else the output file's extension, else
    /// markdown.
    #[arg(long, value_name = "FORMAT", value_parser = format_parser())]
    pub format: Option<Format>,
    /// Write the briefing through your own template (minijinja; `herald template html` prints
    /// the built-in one to start from). Overrides --format.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub template: Option<PathBuf>,
    /// Write here ("-" for stdout); overrides the config's output. The format follows the
    /// extension (.md, .html, .txt, .json) unless --format says otherwise.
    #[arg(short, long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub output: Option<String>,
    /// Say for each entry why it is where it is (sources, age, preferred source, boosts).
    #[arg(long)]
    pub explain: bool,
    /// Also read the briefing aloud into this WAV file (or .mp3, through `lame`), with a
    /// chapters file beside it (FILE.chapters.json); the engine is the config's [audio]
    /// (default espeak-ng). A failing engine costs the audio, not the briefing.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub audio: Option<PathBuf>,
    /// Do not send the briefing by mail, even if the config has an [email] section.
    #[arg(long)]
    pub no_email: bool,
    /// Do not push the headlines to the config's [[notify]] endpoints this time.
    #[arg(long)]
    pub no_notify: bool,
}

/// `--format`: the four formats, offered by shell completion.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new([
        "markdown", "html", "text", "json", "speech", "md", "txt",
    ])
    .try_map(|s| s.parse::<Format>())
}
