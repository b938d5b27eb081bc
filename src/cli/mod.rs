//! The command-line front end: the flags as clap reads them ([`args`]), the validated globals
//! every command shares ([`Globals`]), and one small module per command. Logic that is not about
//! the command line lives in the library.

/// `println!` for herald's standard output, ended quietly when the reader closed it (`herald
/// feeds list | head -1`), as `ls | head` is; any other write error is reported.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::emit(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` for herald's standard output; see [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::emit(&format!($($arg)*))
    };
}

pub mod alloc;
pub mod args;
pub mod brief;
pub mod editions;
pub mod extract;
pub mod feeds;
pub mod lines;
pub mod schedule;
pub mod search;
pub mod story;

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use herald::config::{self, Config};
use herald::deliver;
use herald::fetch::FetchOptions;
use herald::store::{self, Store};

/// What every command may need from the global flags, validated.
pub struct Globals {
    pub state: Option<PathBuf>,
    pub no_state: bool,
    pub quiet: bool,
    pub verbose: bool,
}

impl Globals {
    /// The flags before the command's name and after it, the latter first.
    pub fn from_args(cli: &args::Cli) -> Globals {
        let (state, no_state) = match cli.command.state_use() {
            args::StateUse::Keeps(a) => (a.state.clone(), a.no_state),
            args::StateUse::Reads(a) => (a.state.clone(), false),
            args::StateUse::None => (None, false),
        };
        Globals {
            state: state.or_else(|| cli.state.clone()),
            no_state: no_state || cli.no_state,
            quiet: cli.quiet,
            verbose: cli.verbose,
        }
    }

    /// Opens the state file unless the run is stateless. The demo is stateless unless a state
    /// file is named explicitly, so trying it never touches the reader's real history.
    pub fn store(&self, demo: bool) -> Result<Option<Store>> {
        if self.no_state || (demo && self.state.is_none()) {
            return Ok(None);
        }
        let path = self.state_path()?;
        Ok(Some(Store::open(&path)?))
    }

    /// The state file for a command that only reads it (show, site build, search, feeds list):
    /// never created. `None` with `--no-state`; an error naming the path when it is missing.
    pub fn existing_store(&self) -> Result<Option<Store>> {
        if self.no_state {
            return Ok(None);
        }
        let path = self.state_path()?;
        if !path.is_file() {
            bail!(
                "no state file at {}: run 'herald brief' first (this command only reads it)",
                path.display()
            );
        }
        Ok(Some(Store::open(&path)?))
    }

    /// The state file for a briefing. One that cannot be opened (a read-only directory, a
    /// damaged file) costs the briefing its memory, with a warning, not the briefing itself;
    /// one in use by another run, or written by a newer herald, is still an error.
    pub fn store_or_warn(&self, demo: bool) -> Result<Option<Store>> {
        match self.store(demo) {
            Ok(s) => Ok(s),
            Err(e) => match e.downcast_ref::<store::StoreError>() {
                Some(store::StoreError::Locked(_) | store::StoreError::TooNew { .. }) | None => {
                    Err(e)
                }
                Some(other) => {
                    eprintln!(
                        "herald: warning: {other}; this briefing is made without memory (items may repeat, and it is not kept as an edition)"
                    );
                    Ok(None)
                }
            },
        }
    }

    fn state_path(&self) -> Result<PathBuf> {
        match &self.state {
            Some(p) => Ok(p.clone()),
            None => {
                store::default_path().context("cannot find the data directory for the state file")
            }
        }
    }

    /// The config's network limits, with a progress bar when stderr is a terminal.
    pub fn fetch_options(&self, config: &Config) -> FetchOptions {
        let progress = !self.quiet && std::io::stderr().is_terminal();
        FetchOptions::from_config(&config.fetch, progress)
    }
}

/// The config named by `--config`, else the default one (which must exist).
pub fn load_config(path: Option<PathBuf>) -> Result<Config> {
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

/// The config file to edit: the one named, else the default location.
pub fn config_path(config: Option<PathBuf>) -> Result<PathBuf> {
    match config {
        Some(p) => Ok(p),
        None => config::default_path().context("cannot find the config directory"),
    }
}

/// `herald init`: writes the starter config.
pub fn init(path: Option<PathBuf>, force: bool) -> Result<()> {
    let path = config_path(path)?;
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

/// `herald template NAME`: prints a built-in template.
pub fn template(name: &str) -> Result<()> {
    let text = match name {
        "html" => herald::render::template::HTML,
        "text" | "txt" => herald::render::template::TEXT,
        other => bail!("no built-in template named '{other}': expected html or text"),
    };
    out!("{text}");
    Ok(())
}

/// Writes to standard output. A closed pipe ends the program quietly with success (nothing
/// more can be said to a reader who left); another failure is said on stderr.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("herald: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

/// True when the error, or any of its causes, is a closed pipe.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Ends the program with this exit code; what there was to say is already said. The codes are
/// documented in `herald --help` and the README: 0 done, 1 nothing found or some checks failed
/// (`search`, `feeds check`), 2 an error or bad usage, 3 a briefing made but no feed could be
/// read (no network?).
#[derive(Debug, thiserror::Error)]
#[error("exit {0}")]
pub struct Exit(pub u8);

/// A briefing delivered, but no feed read.
pub const EXIT_NO_FEEDS: u8 = 3;
/// Nothing found, or some of what was checked failed.
pub const EXIT_NONE: u8 = 1;
/// An error: no result.
pub const EXIT_ERROR: u8 = 2;
