//! Select stage: which items enter the briefing — inside the window, no duplicates, newest first,
//! at most `max_items` per section.

use jiff::Timestamp;

use crate::model::Item;

/// Keeps items published at or after `since` (undated items are kept: nothing says they are
/// old), drops repeats of the same key or link, sorts newest first and keeps at most `max`.
/// Returns the kept items and how many were in the window before the limit.
pub fn select(items: Vec<Item>, since: Timestamp, max: usize) -> (Vec<Item>, usize) {
    let mut kept: Vec<Item> = Vec::new();
    for item in items {
        if item.published.is_some_and(|p| p < since) {
            continue;
        }
        let dup = kept
            .iter()
            .any(|k| k.key == item.key || (k.link.is_some() && k.link == item.link));
        if !dup {
            kept.push(item);
        }
    }
    // Newest first; undated after dated; ties keep feed order (stable sort).
    kept.sort_by_key(|i| std::cmp::Reverse(i.published));
    let in_window = kept.len();
    kept.truncate(max);
    (kept, in_window)
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
            text: String::new(),
        }
    }

    #[test]
    fn window_order_dedup_and_limit() {
        let since: Timestamp = "2025-09-02T14:42:00Z".parse().expect("ts");
        let items = vec![
            item("old", Some("2025-08-24T14:42:00Z")),
            item("b", Some("2025-09-03T09:00:00Z")),
            item("a", Some("2025-09-03T12:00:00Z")),
            item("a", Some("2025-09-03T12:00:00Z")),
            item("undated", None),
            item("c", Some("2025-09-03T01:00:00Z")),
        ];
        let (kept, in_window) = select(items, since, 3);
        let keys: Vec<&str> = kept.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        assert_eq!(in_window, 4);
    }
}
