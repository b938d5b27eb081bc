//! Spans of time as readers write them — `24h`, `3d`, `1w` — parsed, bounded and displayed in one
//! place, for the briefing window, `herald search --since` and anything else that takes one.
//! No arithmetic on a span can overflow: every span is bounded when it is parsed.

use jiff::SignedDuration;

/// A whole number of hours, at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    hours: u32,
}

/// Why a text is not a span.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    #[error("'{0}' is not a span such as 24h, 3d or 1w")]
    Invalid(String),
    #[error("'{text}' is longer than the longest span allowed here ({max})")]
    TooLong { text: String, max: Span },
}

impl Span {
    /// The longest span any command takes: a century.
    pub const CENTURY: Span = Span {
        hours: 100 * 366 * 24,
    };

    /// A span of `hours` hours (none for zero).
    pub const fn from_hours(hours: u32) -> Option<Span> {
        if hours == 0 {
            None
        } else {
            Some(Span { hours })
        }
    }

    /// Reads "12h", "3d" or "2w" (surrounding space allowed), at most `max`.
    pub fn parse(text: &str, max: Span) -> Result<Span, SpanError> {
        let s = text.trim();
        let invalid = || SpanError::Invalid(text.to_string());
        let split = s.find(|c: char| !c.is_ascii_digit()).ok_or_else(invalid)?;
        let (num, unit) = s.split_at(split);
        let n: u64 = num.parse().map_err(|_| invalid())?;
        let per = match unit.trim() {
            "h" => 1,
            "d" => 24,
            "w" => 24 * 7,
            _ => return Err(invalid()),
        };
        let hours = n.checked_mul(per).ok_or_else(invalid)?;
        if hours == 0 {
            return Err(invalid());
        }
        if hours > u64::from(max.hours) {
            return Err(SpanError::TooLong {
                text: text.to_string(),
                max,
            });
        }
        Ok(Span {
            hours: hours as u32,
        })
    }

    pub fn hours(self) -> u32 {
        self.hours
    }

    pub fn duration(self) -> SignedDuration {
        SignedDuration::from_hours(i64::from(self.hours))
    }
}

/// "36h", or "3d" for whole days beyond one.
impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.hours > 24 && self.hours.is_multiple_of(24) {
            write!(f, "{}d", self.hours / 24)
        } else {
            write!(f, "{}h", self.hours)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONTH: Span = Span { hours: 31 * 24 };

    #[test]
    fn reads_hours_days_and_weeks() {
        assert_eq!(Span::parse("12h", MONTH).map(Span::hours), Ok(12));
        assert_eq!(Span::parse(" 3d ", MONTH).map(Span::hours), Ok(72));
        assert_eq!(Span::parse("1w", MONTH).map(Span::hours), Ok(168));
        assert_eq!(
            Span::parse("1w", MONTH).map(|s| s.to_string()),
            Ok("7d".into())
        );
        assert_eq!(
            Span::parse("36h", MONTH).map(|s| s.to_string()),
            Ok("36h".into())
        );
    }

    #[test]
    fn rejects_nonsense_zero_and_overflow() {
        for bad in ["", "h", "0h", "3", "3y", "-3d", "3.5d", "d3"] {
            assert!(
                matches!(Span::parse(bad, MONTH), Err(SpanError::Invalid(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            Span::parse("32d", MONTH),
            Err(SpanError::TooLong { .. })
        ));
        // Far past u32 and u64 hours: an error, never a panic.
        for huge in ["9999999d", "99999999999999999999w", "18446744073709551615d"] {
            assert!(Span::parse(huge, Span::CENTURY).is_err(), "{huge}");
        }
    }
}
