//! `herald schedule install|show|remove`: the unit files, and `systemctl --user` to enable
//! them when systemd runs this user's session.

use std::process::Command;

use anyhow::{Context, Result, bail};

use herald::deliver;
use herald::schedule::{self, SERVICE, Schedule, TIMER};

use super::args::ScheduleCommand;
use super::{config_path, load_config};

pub fn run(cmd: ScheduleCommand) -> Result<()> {
    match cmd {
        ScheduleCommand::Install {
            at,
            config,
            no_enable,
            allow_stdout,
        } => install(&at, config, no_enable, allow_stdout),
        ScheduleCommand::Show => show(),
        ScheduleCommand::Remove => remove(),
    }
}

/// Whether systemd manages this user's session (its runtime directory exists and systemctl
/// is on the PATH).
fn has_systemd() -> bool {
    std::path::Path::new("/run/systemd/system").exists()
        && Command::new("systemctl").arg("--version").output().is_ok()
}

fn systemctl(args: &[&str]) -> Result<()> {
    let out = Command::new("systemctl")
        .arg("--user")
        .args(args)
        .output()
        .context("cannot run systemctl")?;
    if !out.status.success() {
        bail!(
            "systemctl --user {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// Where a scheduled briefing goes, in words; none when it would reach only standard output.
fn destinations(config: &herald::config::Config) -> Vec<String> {
    let mut to = Vec::new();
    if let Some(out) = &config.output {
        to.push(format!("written to {out}"));
    }
    if let Some(mail) = &config.email {
        let who: Vec<String> = mail.to.iter().map(|m| m.email.to_string()).collect();
        to.push(format!("mailed to {}", who.join(", ")));
    }
    if !config.notify.is_empty() {
        to.push(format!("pushed to {} endpoint(s)", config.notify.len()));
    }
    if let Some(site) = &config.site {
        to.push(format!("kept as a page in {}", site.dir.display()));
    }
    to
}

fn install(
    at: &str,
    config: Option<std::path::PathBuf>,
    no_enable: bool,
    allow_stdout: bool,
) -> Result<()> {
    let time = schedule::parse_at(at).map_err(anyhow::Error::msg)?;
    let config_file = config_path(config)?;
    let loaded = load_config(Some(config_file.clone()))?;
    let config_file = std::fs::canonicalize(&config_file).unwrap_or(config_file);
    let to = destinations(&loaded);
    if to.is_empty() && !allow_stdout {
        bail!(
            "{} sends the briefing nowhere but standard output, which a timer writes to its log, \
             unread: set `output = \"~/notes/{{date}}.md\"` (or [email], [[notify]]) in it, or pass \
             --allow-stdout",
            config_file.display()
        );
    }
    let exe = std::env::current_exe().context("cannot find the herald binary")?;
    let s = Schedule::new(time, &loaded.timezone, exe, config_file)?;
    let (hour, minute) = time;
    let dir = schedule::unit_dir().context("cannot find the config directory")?;
    let where_to = if to.is_empty() {
        "its log (standard output)".to_string()
    } else {
        to.join("; ")
    };
    if cfg!(target_os = "macos") {
        outln!(
            "No systemd on macOS. Save this as ~/Library/LaunchAgents/herald.plist and run\n`launchctl load ~/Library/LaunchAgents/herald.plist` (times are the Mac's own time zone):\n"
        );
        out!("{}", s.launchd_plist());
        return Ok(());
    }
    if !no_enable && !has_systemd() {
        let local = jiff::tz::TimeZone::system();
        outln!(
            "systemd does not run here, so no timer was written. Add this line to your crontab\n(`crontab -e`); cron reads times in this machine's zone ({}):\n\n{}\nThe briefing will be {where_to}.",
            local.iana_name().unwrap_or("its local time"),
            s.crontab(&local, jiff::Timestamp::now())
        );
        return Ok(());
    }
    deliver::to_file(&dir.join(SERVICE), &s.service_unit())?;
    deliver::to_file(&dir.join(TIMER), &s.timer_unit())?;
    outln!(
        "wrote {} and {}",
        dir.join(SERVICE).display(),
        dir.join(TIMER).display()
    );
    if no_enable {
        outln!(
            "not enabled (--no-enable): run `systemctl --user enable --now herald.timer` when ready; the briefing will be {where_to}"
        );
        return Ok(());
    }
    systemctl(&["daemon-reload"])?;
    systemctl(&["enable", "--now", TIMER])?;
    outln!(
        "enabled: herald runs daily at {hour:02}:{minute:02} ({}); a morning missed while the machine is off runs at the next start; the briefing will be {where_to}",
        s.timezone
    );
    Ok(())
}

fn show() -> Result<()> {
    let dir = schedule::unit_dir().context("cannot find the config directory")?;
    let timer = dir.join(TIMER);
    let Ok(text) = std::fs::read_to_string(&timer) else {
        outln!("no schedule installed (try: herald schedule install --at 06:30)");
        return Ok(());
    };
    outln!("{}:\n{text}", timer.display());
    if let Ok(service) = std::fs::read_to_string(dir.join(SERVICE)) {
        outln!("{}:\n{service}", dir.join(SERVICE).display());
    }
    if has_systemd()
        && let Ok(out) = Command::new("systemctl")
            .args(["--user", "list-timers", TIMER, "--no-pager"])
            .output()
    {
        out!("{}", String::from_utf8_lossy(&out.stdout));
    }
    Ok(())
}

fn remove() -> Result<()> {
    let dir = schedule::unit_dir().context("cannot find the config directory")?;
    if has_systemd() {
        // Already disabled or never enabled is fine: the files go either way.
        let _ = systemctl(&["disable", "--now", TIMER]);
    }
    let mut removed = 0;
    for name in [TIMER, SERVICE] {
        let path = dir.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                removed += 1;
                outln!("removed {}", path.display());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => bail!("cannot remove {}: {e}", path.display()),
        }
    }
    if removed == 0 {
        outln!("no schedule installed");
    } else if has_systemd() {
        let _ = systemctl(&["daemon-reload"]);
    }
    Ok(())
}
