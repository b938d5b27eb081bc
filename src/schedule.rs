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

/// Quotes a path for a systemd `ExecStart=` line or a shell.
fn quoted(p: &Path) -> String {
    let s = p.display().to_string();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        s
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

impl Schedule {
    fn command(&self) -> String {
        format!(
            "{} -q brief --config {}",
            quoted(&self.exe),
            quoted(&self.config)
        )
    }

    pub fn service_unit(&self) -> String {
        format!(
            "# Written by `herald schedule install`; remove with `herald schedule remove`.\n\
             [Unit]\n\
             Description=herald morning news briefing\n\
             Wants=network-online.target\n\
             After=network-online.target\n\n\
             [Service]\n\
             Type=oneshot\n\
             ExecStart={}\n",
            self.command()
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

    /// For cron: the zone line (cronie and others honour CRON_TZ) and the entry.
    pub fn crontab(&self) -> String {
        format!(
            "CRON_TZ={}\n{} {} * * * {}\n",
            self.timezone,
            self.minute,
            self.hour,
            self.command()
        )
    }

    /// A launchd agent for macOS (`~/Library/LaunchAgents/herald.plist`); launchd runs a missed
    /// calendar job when the machine wakes. Its time is the Mac's own time zone.
    pub fn launchd_plist(&self) -> String {
        let arg = |s: &str| {
            format!(
                "    <string>{}</string>\n",
                s.replace('&', "&amp;").replace('<', "&lt;")
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
        Schedule {
            hour: 6,
            minute: 30,
            timezone: "America/Toronto".into(),
            exe: "/usr/local/bin/herald".into(),
            config: "/home/me/.config/herald/my config.toml".into(),
        }
    }

    #[test]
    fn units_say_when_and_what() {
        let timer = s().timer_unit();
        assert!(timer.contains("OnCalendar=*-*-* 06:30:00 America/Toronto"));
        assert!(timer.contains("Persistent=true"));
        assert!(timer.contains("WantedBy=timers.target"));
        let service = s().service_unit();
        assert!(service.contains(
            "ExecStart=/usr/local/bin/herald -q brief --config \"/home/me/.config/herald/my config.toml\""
        ));
        assert!(
            s().crontab()
                .contains("CRON_TZ=America/Toronto\n30 6 * * * /usr/local/bin/herald")
        );
        assert!(
            s().launchd_plist()
                .contains("<key>Hour</key><integer>6</integer>")
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
