//! The `herald` command: parses arguments and dispatches each command to its module in `cli/`.
//! Nothing else lives here.

mod cli;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::Globals;
use cli::args::{Cli, Command, StateUse};

fn main() -> ExitCode {
    cli::alloc::tune();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader closed the pipe (`herald brief | head`): nothing to say, as `ls | head`.
        Err(e) if cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if e.downcast_ref::<cli::Exit>().is_some() => ExitCode::from(
            e.downcast_ref::<cli::Exit>()
                .map_or(cli::EXIT_ERROR, |x| x.0),
        ),
        Err(e) => {
            eprintln!("herald: {}", message(&e));
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}

/// The error and its causes on one line, each said once: herald's errors already quote their
/// source, and printing the chain again would repeat it ("… os error 13 …: … os error 13 …").
fn message(e: &anyhow::Error) -> String {
    let mut msg = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !msg.contains(&cause) {
            msg.push_str(": ");
            msg.push_str(&cause);
        }
    }
    msg
}

/// The state flags where they mean nothing are a usage error, said before any work: `herald
/// --state F init` (after the command's name, clap refuses them itself), or `--no-state` for
/// a command that only reads the state file.
fn check_state_flags(cli: &Cli) -> Result<(), clap::Error> {
    let mut cmd = Cli::command();
    match cli.command.state_use() {
        StateUse::None if cli.state.is_some() || cli.no_state => Err(cmd.error(
            clap::error::ErrorKind::ArgumentConflict,
            "this command keeps no state: --state and --no-state are for brief, feeds list, feeds check, show, site, serve, search and story",
        )),
        StateUse::Reads(_) if cli.no_state => Err(cmd.error(
            clap::error::ErrorKind::ArgumentConflict,
            "--no-state: show, site, serve, search and story read the state file and nothing else",
        )),
        _ => Ok(()),
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    if let Err(e) = check_state_flags(&cli) {
        e.exit();
    }
    let globals = Globals::from_args(&cli);
    match cli.command {
        Command::Brief(args) => cli::brief::run(args, &globals),
        Command::Feeds(cmd) => cli::feeds::run(cmd, &globals),
        Command::Schedule(cmd) => cli::schedule::run(cmd),
        Command::Show {
            which,
            format,
            list,
            audio,
            ..
        } => cli::editions::show(&which, format, list, audio.as_deref(), &globals),
        Command::Site(cmd) => cli::editions::site(cmd, &globals),
        Command::Story { id, json, .. } => cli::story::run(id.as_deref(), json, &globals),
        Command::Serve {
            listen,
            behind_proxy,
            allow_host,
            ..
        } => cli::editions::serve(listen, behind_proxy, allow_host, &globals),
        Command::Init { config, force } => cli::init(config, force),
        Command::Parse { files, json, many } => cli::lines::parse(&files, json, many),
        Command::Summarize { sentences, words } => {
            cli::lines::summarize(herald::summarize::Budget { sentences, words })
        }
        Command::CheckSummary => cli::lines::check_summary(),
        Command::Segment => cli::lines::segment(),
        Command::Extract { inputs, json, many } => cli::extract::run(&inputs, json, many),
        Command::Search {
            query,
            since,
            limit,
            json,
            ..
        } => cli::search::run(&query.join(" "), since.as_deref(), limit, json, &globals),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "herald", &mut script);
            cli::emit(&String::from_utf8_lossy(&script));
            Ok(())
        }
        Command::Template { name } => cli::template(&name),
    }
}
