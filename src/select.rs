//! Select stage: which items enter the briefing — inside the window, no duplicates, newest first,
//! at most `max_items` per section.

use jiff::Timestamp;

use crate::model::Item;

/// Which items count as new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowSpec {
    /// Items published before this are old (undated items are judged by `first_seen`, or kept).
    pub published_since: Timestamp,
    /// With a store and a previous briefing: only items first seen after it.
    pub first_seen_after: Option<Timestamp>,
}

impl WindowSpec {
    /// True when the item is new under this window.
    pub fn contains(&self, item: &Item) -> bool {
        if let Some(after) = self.first_seen_after {
            match item.first_seen {
                Some(seen) if seen > after => {}
                _ => return false,
            }
        }
        match (item.published, item.first_seen) {
            (Some(p), _) => p >= self.published_since,
            (None, Some(seen)) => seen >= self.published_since,
            (None, None) => true,
        }
    }
}

/// Drops repeats of the same key or link, sorts newest first (undated last, ties in feed order)
/// and keeps at most `max`.
pub fn select(items: Vec<Item>, max: usize) -> Vec<Item> {
    let mut kept: Vec<Item> = Vec::new();
    for item in items {
        let dup = kept
            .iter()
            .any(|k| k.key == item.key || (k.link.is_some() && k.link == item.link));
        if !dup {
            kept.push(item);
        }
    }
    kept.sort_by_key(|i| std::cmp::Reverse(i.published.or(i.first_seen)));
    kept.truncate(max);
    kept
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
            text: String::new(),
        }
    }

    #[test]
    fn window_order_dedup_and_limit() {
        let window = WindowSpec {
            published_since: "2025-09-02T14:42:00Z".parse().expect("ts"),
            first_seen_after: None,
        };
        let items = vec![
            item("old", Some("2025-08-24T14:42:00Z")),
            item("b", Some("2025-09-03T09:00:00Z")),
            item("a", Some("2025-09-03T12:00:00Z")),
            item("a", Some("2025-09-03T12:00:00Z")),
            item("undated", None),
            item("c", Some("2025-09-03T01:00:00Z")),
        ];
        let fresh: Vec<Item> = items.into_iter().filter(|i| window.contains(i)).collect();
        assert_eq!(fresh.len(), 5);
        let kept = select(fresh, 3);
        let keys: Vec<&str> = kept.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
    }

    #[test]
    fn since_last_uses_first_seen() {
        let prev: Timestamp = "2025-09-02T10:00:00Z".parse().expect("ts");
        let window = WindowSpec {
            published_since: "2025-08-31T10:00:00Z".parse().expect("ts"),
            first_seen_after: Some(prev),
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
