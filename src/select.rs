//! Select stage: which items are new — inside the window (published recently, or first seen
//! since the previous briefing). Duplicates, order and limits are the cluster and rank stages'.

use jiff::{SignedDuration, Timestamp};

use crate::config::Window;
use crate::model::{Item, WindowLabel};

/// `since-last` never reaches back further than this.
pub const SINCE_LAST_CAP_DAYS: i64 = 3;

/// How far back a window can reach: older stored items are never read for its briefing.
pub fn window_reach(window: Window) -> SignedDuration {
    match window {
        Window::Last { hours } => SignedDuration::from_hours(i64::from(hours)),
        Window::SinceLast => SignedDuration::from_hours(24 * SINCE_LAST_CAP_DAYS),
    }
}

/// Where the previous briefing left off: its time, and the highest sequence number of the
/// items it covered (exact; the time is the fallback for briefings recorded before sequences).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Since {
    pub at: Timestamp,
    pub seq: Option<i64>,
}

/// The window a briefing covers, and how the briefing names it ("since the last briefing", "in
/// the last 24 hours"). `previous` is where the last briefing left off, when the store has one.
pub fn window_spec(
    window: Window,
    previous: Option<Since>,
    now: Timestamp,
) -> (WindowSpec, WindowLabel) {
    let cap = now - SignedDuration::from_hours(24 * SINCE_LAST_CAP_DAYS);
    if let (Window::SinceLast, Some(prev)) = (window, previous) {
        let spec = WindowSpec {
            published_since: cap,
            first_seen_after: Some(Since {
                at: prev.at.max(cap),
                seq: prev.seq,
            }),
        };
        return (spec, WindowLabel::SinceLast);
    }
    // since-last before any briefing: the last 24 hours.
    let hours = match window {
        Window::Last { hours } => hours,
        Window::SinceLast => 24,
    };
    let label = if hours > 24 && hours % 24 == 0 {
        WindowLabel::Days(hours / 24)
    } else {
        WindowLabel::Hours(hours)
    };
    let spec = WindowSpec {
        published_since: now - SignedDuration::from_hours(i64::from(hours)),
        first_seen_after: None,
    };
    (spec, label)
}

/// Which items count as new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowSpec {
    /// Items published before this are old (undated items are judged by `first_seen`, or kept).
    pub published_since: Timestamp,
    /// With a store and a previous briefing: only items first seen after it.
    pub first_seen_after: Option<Since>,
}

impl WindowSpec {
    /// True when the item is new under this window.
    pub fn contains(&self, item: &Item) -> bool {
        if let Some(after) = self.first_seen_after {
            let new = match (after.seq, item.seen_seq) {
                // Exact: numbered after the last briefing's highest.
                (Some(high), Some(seq)) => seq > high,
                // An item or a briefing from before sequences: by the clock.
                _ => item.first_seen.is_some_and(|seen| seen > after.at),
            };
            if !new {
                return false;
            }
        }
        match (item.published, item.first_seen) {
            (Some(p), _) => p >= self.published_since,
            (None, Some(seen)) => seen >= self.published_since,
            (None, None) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, published: Option<&str>) -> Item {
        Item {
            feed: "f".into(),
            source: "s".into(),
            key: key.into(),
            title: key.into(),
            link: Some(format!("https://ex.com/{key}")),
            published: published.map(|p| p.parse().expect("timestamp")),
            first_seen: None,
            seen_seq: None,
            text: String::new(),
            lang: None,
        }
    }

    #[test]
    fn window_by_published_date() {
        let window = WindowSpec {
            published_since: "2025-09-02T14:42:00Z".parse().expect("ts"),
            first_seen_after: None,
        };
        assert!(!window.contains(&item("old", Some("2025-08-24T14:42:00Z"))));
        assert!(window.contains(&item("new", Some("2025-09-03T09:00:00Z"))));
        assert!(
            window.contains(&item("undated", None)),
            "nothing says it is old"
        );
    }

    #[test]
    fn since_last_uses_first_seen() {
        let prev: Timestamp = "2025-09-02T10:00:00Z".parse().expect("ts");
        let window = WindowSpec {
            published_since: "2025-08-31T10:00:00Z".parse().expect("ts"),
            first_seen_after: Some(Since {
                at: prev,
                seq: None,
            }),
        };
        let mut seen_before = item("x", Some("2025-09-02T09:00:00Z"));
        seen_before.first_seen = Some(prev);
        let mut seen_after = item("y", Some("2025-09-02T09:00:00Z"));
        seen_after.first_seen = Some("2025-09-03T10:00:00Z".parse().expect("ts"));
        let mut redated_old = item("z", Some("2025-08-01T09:00:00Z"));
        redated_old.first_seen = seen_after.first_seen;
        assert!(!window.contains(&seen_before));
        assert!(window.contains(&seen_after));
        assert!(
            !window.contains(&redated_old),
            "capped at the window's published floor"
        );
    }
}
