//! Render stage: a [`Briefing`] as Markdown (for note apps) or JSON (for programs).

pub mod json;
pub mod markdown;
pub mod view;

use jiff::Timestamp;

use crate::model::Briefing;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            other => Err(format!(
                "unknown format '{other}': expected markdown or json"
            )),
        }
    }
}

/// Renders a briefing in the chosen format.
pub fn render(b: &Briefing, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(b),
        Format::Json => json::render(b),
    }
}

/// "8 h ago", "25 min ago", "3 d ago": how old an item is at the briefing's moment.
pub fn age(published: Timestamp, now: Timestamp) -> String {
    let secs = now.as_second() - published.as_second();
    if secs < 60 {
        "just now".to_string()
    } else if secs < 3600 {
        format!("{} min ago", secs / 60)
    } else if secs < 48 * 3600 {
        format!("{} h ago", secs / 3600)
    } else {
        format!("{} d ago", secs / 86400)
    }
}

/// A number as a person writes it: no trailing ".0".
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        let now: Timestamp = "2025-09-03T14:42:00Z".parse().expect("ts");
        let at = |s: &str| s.parse::<Timestamp>().expect("ts");
        assert_eq!(age(at("2025-09-03T06:42:00Z"), now), "8 h ago");
        assert_eq!(age(at("2025-09-03T14:17:00Z"), now), "25 min ago");
        assert_eq!(age(at("2025-08-24T14:42:00Z"), now), "10 d ago");
        assert_eq!(age(at("2025-09-03T15:00:00Z"), now), "just now");
    }

    #[test]
    fn numbers() {
        assert_eq!(num(26.0), "26");
        assert_eq!(num(11.4), "11.4");
        assert_eq!(num(-5.0), "-5");
    }
}
