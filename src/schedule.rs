//! Running herald every morning without cron lore: a systemd user service and timer
//! (`Persistent=true`, so a morning missed while the machine slept runs at the next boot), or,
//! where there is no systemd, the crontab line (and a launchd agent on macOS). `since-last`
//! makes a late run cover exactly what was missed.

use std::path::{Path, PathBuf};

/// The unit files' names.
pub const SERVICE: &str = "herald.service";
pub const TIMER: &str = "herald.timer";

/// A daily run at `hour:minute` in `timezone` of `herald brief --config CONFIG`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub hour: u8,
    pub minute: u8,
    /// An IANA name, as the config gives it.
    pub timezone: String,
    /// The herald binary to run.
    pub exe: PathBuf,
    pub config: PathBuf,
}

/// "06:30" → (6, 30).
pub fn parse_at(at: &str) -> Result<(u8, u8), String> {
    let bad = || format!("--at '{at}': expected a time of day such as 06:30");
    let (h, m) = at.trim().split_once(':').ok_or_else(bad)?;
    let h: u8 = h.parse().map_err(|_| bad())?;
    let m: u8 = m.parse().map_err(|_| bad())?;
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok((h, m))
}

/// Where systemd looks for a user's units: `$XDG_CONFIG_HOME/systemd/user`.
pub fn unit_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("systemd").join("user"))
}

/// Why a schedule cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error(
        "{what} '{path}' cannot go in a unit file or crontab safely: it has a control character (a newline or tab); move it to a plainer path"
    )]
    Control { what: &'static str, path: String },
    #[error("{what} '{path}' is not UTF-8; move it to a plainer path")]
    NotUtf8 { what: &'static str, path: String },
}

/// The path as text a unit file or crontab can hold: UTF-8 with no control characters (a
/// newline would start a new directive or crontab line; no escaping makes that safe in both).
fn plain<'a>(what: &'static str, p: &'a Path) -> Result<&'a str, ScheduleError> {
    let s = p.to_str().ok_or_else(|| ScheduleError::NotUtf8 {
        what,
        path: p.display().to_string(),
    })?;
    if s.chars().any(char::is_control) {
        return Err(ScheduleError::Control {
            what,
            path: s.escape_debug().to_string(),
        });
    }
    Ok(s)
}

/// One word of a systemd `ExecStart=` line: always double-quoted, with systemd's own escapes
/// (`\\`, `\"`), `%` doubled so no specifier (`%h`) expands and `$` doubled so no variable
/// (`$HOME`) does.
pub fn systemd_word(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '%' => out.push_str("%%"),
            '$' => out.push_str("$$"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One word of a crontab command: quoted for the POSIX shell (single quotes, a quote written
/// `'\''`), and `%` escaped, since cron turns a bare `%` into a newline.
pub fn crontab_word(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@".contains(c));
    let quoted = if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    };
    quoted.replace('%', "\\%")
}

impl Schedule {
    /// A schedule for these paths, refused when a path cannot be written safely.
    pub fn new(
        (hour, minute): (u8, u8),
        timezone: &str,
        exe: PathBuf,
        config: PathBuf,
    ) -> Result<Schedule, ScheduleError> {
        plain("the herald binary", &exe)?;
        plain("the config", &config)?;
        Ok(Schedule {
            hour,
            minute,
            timezone: timezone.to_string(),
            exe,
            config,
        })
    }

    /// The command's words: the binary, its flags and the config.
    fn words(&self) -> [String; 5] {
        let text = |p: &Path| p.to_string_lossy().into_owned();
        [
            text(&self.exe),
            "-q".into(),
            "brief".into(),
            "--config".into(),
            text(&self.config),
        ]
    }

    pub fn service_unit(&self) -> String {
        let command: Vec<String> = self.words().iter().map(|w| systemd_word(w)).collect();
        format!(
            "# Written by `herald schedule install`; remove with `herald schedule remove`.\n\
             [Unit]\n\
             Description=herald morning news briefing\n\
             Wants=network-online.target\n\
             After=network-online.target\n\n\
             [Service]\n\
             Type=oneshot\n\
             ExecStart={}\n",
            command.join(" ")
        )
    }

    pub fn timer_unit(&self) -> String {
        format!(
            "# Written by `herald schedule install`; remove with `herald schedule remove`.\n\
             [Unit]\n\
             Description=herald morning news briefing, daily at {:02}:{:02} ({})\n\n\
             [Timer]\n\
             OnCalendar=*-*-* {:02}:{:02}:00 {}\n\
             # A morning missed while the machine was off or asleep runs at the next start.\n\
             Persistent=true\n\
             RandomizedDelaySec=60\n\n\
             [Install]\n\
             WantedBy=timers.target\n",
            self.hour, self.minute, self.timezone, self.hour, self.minute, self.timezone
        )
    }

    /// For cron: the entry, with herald's zone set for its own line alone (`TZ=` in the
    /// command; `CRON_TZ` would change the zone of every later line, and not every cron
    /// honours it). Cron reads the time in the machine's zone, `local`: the time is converted
    /// to it (as of `today`; where the two zones change clocks on different days, the run
    /// moves by that difference until they agree again).
    pub fn crontab(&self, local: &jiff::tz::TimeZone, today: jiff::Timestamp) -> String {
        let (hour, minute) = self.local_time(local, today);
        let command: Vec<String> = self.words().iter().map(|w| crontab_word(w)).collect();
        format!(
            "{minute} {hour} * * * TZ={} {}\n",
            crontab_word(&self.timezone),
            command.join(" ")
        )
    }

    /// The run's time of day in the zone `local`, on the day of `today`.
    pub fn local_time(&self, local: &jiff::tz::TimeZone, today: jiff::Timestamp) -> (i8, i8) {
        let fallback = (self.hour as i8, self.minute as i8);
        let Ok(zone) = jiff::tz::TimeZone::get(&self.timezone) else {
            return fallback;
        };
        let date = today.to_zoned(zone.clone()).date();
        let at = date.at(self.hour as i8, self.minute as i8, 0, 0);
        match at.to_zoned(zone) {
            Ok(z) => {
                let here = z.with_time_zone(local.clone());
                (here.hour(), here.minute())
            }
            Err(_) => fallback,
        }
    }

    /// A launchd agent for macOS (`~/Library/LaunchAgents/herald.plist`); launchd runs a missed
    /// calendar job when the machine wakes. Its time is the Mac's own time zone.
    pub fn launchd_plist(&self) -> String {
        let arg = |s: &str| {
            format!(
                "    <string>{}</string>\n",
                s.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            )
        };
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
             <plist version=\"1.0\"><dict>\n\
             <key>Label</key><string>herald</string>\n\
             <key>ProgramArguments</key><array>\n{}{}{}{}{}</array>\n\
             <key>StartCalendarInterval</key><dict><key>Hour</key><integer>{}</integer><key>Minute</key><integer>{}</integer></dict>\n\
             </dict></plist>\n",
            arg(&self.exe.display().to_string()),
            arg("-q"),
            arg("brief"),
            arg("--config"),
            arg(&self.config.display().to_string()),
            self.hour,
            self.minute
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s() -> Schedule {
        Schedule::new(
            (6, 30),
            "America/Toronto",
            "/usr/local/bin/herald".into(),
            "/home/me/.config/herald/my config.toml".into(),
        )
        .expect("a plain path")
    }

    fn toronto() -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get("America/Toronto").expect("zone")
    }

    #[test]
    fn units_say_when_and_what() {
        let timer = s().timer_unit();
        assert!(timer.contains("OnCalendar=*-*-* 06:30:00 America/Toronto"));
        assert!(timer.contains("Persistent=true"));
        assert!(timer.contains("WantedBy=timers.target"));
        let service = s().service_unit();
        assert!(service.contains(
            "ExecStart=\"/usr/local/bin/herald\" \"-q\" \"brief\" \"--config\" \"/home/me/.config/herald/my config.toml\""
        ));
        let now: jiff::Timestamp = "2025-09-03T12:00:00Z".parse().expect("ts");
        assert_eq!(
            s().crontab(&toronto(), now),
            "30 6 * * * TZ=America/Toronto /usr/local/bin/herald -q brief --config '/home/me/.config/herald/my config.toml'\n"
        );
        assert!(
            s().launchd_plist()
                .contains("<key>Hour</key><integer>6</integer>")
        );
    }

    /// D10: a config path made to run commands: `$(…)` and backticks ran when the crontab line
    /// was used, `%h` and `$HOME` were expanded by systemd, a newline added a directive.
    #[test]
    fn hostile_paths_are_escaped_for_each_target_or_refused() {
        let evil = "/tmp/$(touch pwned)`id`/%h/$HOME/it's/c.toml";
        let s = Schedule::new((6, 30), "UTC", "/usr/bin/herald".into(), evil.into())
            .expect("escapable");
        let unit = s.service_unit();
        assert!(
            unit.contains("\"/tmp/$$(touch pwned)`id`/%%h/$$HOME/it's/c.toml\""),
            "{unit}"
        );
        assert_eq!(unit.matches("ExecStart").count(), 1);
        // The crontab word, as cron hands it to the shell (`\%` → `%`), reads back unchanged.
        let utc = jiff::tz::TimeZone::UTC;
        let line = s.crontab(&utc, jiff::Timestamp::UNIX_EPOCH);
        let word = line
            .split(" --config ")
            .nth(1)
            .expect("config word")
            .trim_end()
            .replace("\\%", "%");
        let dir = tempfile::tempdir().expect("tempdir");
        let echoed = std::process::Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!("printf '%s' {word}"))
            .output()
            .expect("sh");
        assert_eq!(String::from_utf8_lossy(&echoed.stdout), evil);
        assert!(!dir.path().join("pwned").exists(), "nothing ran");
        for bad in [
            "/tmp/a\nExecStartPre=/bin/rm -rf ~/x.toml",
            "/tmp/a\tb.toml",
        ] {
            let refused = Schedule::new((6, 30), "UTC", "/usr/bin/herald".into(), bad.into());
            assert!(
                matches!(refused, Err(ScheduleError::Control { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_crontab_time_is_the_machines() {
        let now: jiff::Timestamp = "2025-09-03T12:00:00Z".parse().expect("ts");
        // 06:30 in Toronto (EDT, UTC-4) is 10:30 on a machine kept in UTC.
        let line = s().crontab(&jiff::tz::TimeZone::UTC, now);
        assert!(
            line.starts_with("30 10 * * * TZ=America/Toronto "),
            "{line}"
        );
    }

    #[test]
    fn times_of_day() {
        assert_eq!(parse_at("06:30"), Ok((6, 30)));
        assert_eq!(parse_at("23:59"), Ok((23, 59)));
        for bad in ["24:00", "6", "06:60", "noon", "-1:00"] {
            assert!(parse_at(bad).is_err(), "{bad}");
        }
    }
}
