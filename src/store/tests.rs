//! The store's unit tests: one state file per test, in a temporary directory.

use super::schema::MIGRATIONS;
use super::*;
use crate::model::{Item, Validators};

fn item(key: &str, link: &str) -> Item {
    Item {
        feed: "https://ex.com/feed".into(),
        source: "Ex".into(),
        key: key.into(),
        title: key.into(),
        link: Some(link.into()),
        published: None,
        first_seen: None,
        seen_seq: None,
        text: "Body.".into(),
        lang: None,
    }
}

#[test]
fn first_seen_is_kept_across_upserts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("s.sqlite")).expect("open");
    let t1: Timestamp = "2025-09-01T10:00:00Z".parse().expect("ts");
    let t2: Timestamp = "2025-09-02T10:00:00Z".parse().expect("ts");
    let a = store
        .upsert_items("u", vec![item("a", "https://ex.com/a")], t1)
        .expect("upsert");
    assert_eq!(a[0].first_seen, Some(t1));
    let b = store
        .upsert_items(
            "u",
            vec![item("a", "https://ex.com/a"), item("b", "https://ex.com/b")],
            t2,
        )
        .expect("upsert");
    assert_eq!(b[0].first_seen, Some(t1));
    assert_eq!(b[1].first_seen, Some(t2));
    assert_eq!(store.items_of("u", t1).expect("items").len(), 2);
    assert_eq!(
        store.items_of("u", t2).expect("items").len(),
        1,
        "undated: by first seen"
    );
    let dated = Item {
        published: Some("2025-08-01T00:00:00Z".parse().expect("ts")),
        ..item("old", "https://ex.com/old")
    };
    store.upsert_items("u", vec![dated], t2).expect("upsert");
    assert_eq!(
        store.items_of("u", t2).expect("items").len(),
        1,
        "dated: by publication, however recently seen"
    );
}

#[test]
fn shown_survives_tracking_parameters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("s.sqlite")).expect("open");
    let now: Timestamp = "2025-09-01T10:00:00Z".parse().expect("ts");
    let shown = item("k1", "https://ex.com/story?id=4");
    store
        .record_briefing(now, "since-last", None, &[shown])
        .expect("record");
    let again = item("other-guid", "http://ex.com/story?utm_source=rss&id=4#top");
    assert!(store.was_shown(&again).expect("query"));
    assert!(
        !store
            .was_shown(&item("k2", "https://ex.com/other"))
            .expect("query")
    );
    assert_eq!(store.last_briefing().expect("last"), Some(now));
}

#[test]
fn failures_count_up_and_reset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("s.sqlite")).expect("open");
    let now: Timestamp = "2025-09-01T10:00:00Z".parse().expect("ts");
    assert_eq!(
        store.record_failure("u", "HTTP 500", None, now).expect("f"),
        1
    );
    assert_eq!(
        store.record_failure("u", "HTTP 500", None, now).expect("f"),
        2
    );
    let v = Validators {
        etag: Some("\"x\"".into()),
        last_modified: None,
    };
    store
        .record_success("u", "200", &v, None, Some("T"), now)
        .expect("ok");
    let rec = store.feed("u", now).expect("feed");
    assert_eq!(rec.consecutive_failures, 0);
    assert_eq!(rec.validators.etag.as_deref(), Some("\"x\""));
    assert_eq!(rec.title.as_deref(), Some("T"));
}

#[test]
fn reopening_keeps_schema_and_prune_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.sqlite");
    let t1: Timestamp = "2025-06-01T10:00:00Z".parse().expect("ts");
    {
        let store = Store::open(&path).expect("open");
        store
            .upsert_items("u", vec![item("a", "https://ex.com/a")], t1)
            .expect("upsert");
    }
    let store = Store::open(&path).expect("reopen");
    let later: Timestamp = "2025-09-30T10:00:00Z".parse().expect("ts");
    assert_eq!(store.prune(later).expect("prune"), 1);
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

#[test]
fn a_file_from_an_older_herald_is_upgraded_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.sqlite");
    let t1: Timestamp = "2025-09-01T10:00:00Z".parse().expect("ts");
    {
        // What the first release wrote: schema version 1, with an item in it.
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(MIGRATIONS[0]).expect("v1 schema");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO feeds (id, url) VALUES (1, 'u');
             INSERT INTO items (feed_id, key, title, source, first_seen, text)
             VALUES (1, 'a', 'Kept', 'Ex', 1756720800, 'Body.');",
        )
        .expect("v1 data");
    }
    let store = Store::open(&path).expect("upgrade");
    let version: i64 = store
        .conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, MIGRATIONS.len() as i64);
    let items = store.items_of("u", t1).expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].title, "Kept");
    let indexes: i64 = store
        .conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'briefing_items_item'",
            [],
            |r| r.get(0),
        )
        .expect("indexes");
    assert_eq!(indexes, 1);
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

fn story(key: &str, title: &str, text: &str) -> Item {
    Item {
        title: title.into(),
        text: text.into(),
        ..item(key, &format!("https://ex.com/{key}"))
    }
}

/// A state file with three stories, two on 2025-08-01 and one on 2025-09-01, indexed.
fn archive() -> (tempfile::TempDir, Store, Timestamp, Timestamp) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite")).expect("open");
    let t1: Timestamp = "2025-08-01T10:00:00Z".parse().expect("ts");
    let t2: Timestamp = "2025-09-01T10:00:00Z".parse().expect("ts");
    store
        .upsert_items(
            "u",
            vec![
                story("a", "Bridge vote delayed", "The council met on Tuesday."),
                story(
                    "b",
                    "Budget news",
                    "The city bridge needs repairs, the mayor said.",
                ),
            ],
            t1,
        )
        .expect("upsert");
    store
        .upsert_items(
            "u",
            vec![story(
                "c",
                "Café owners protest",
                "Downtown cafés closed early.",
            )],
            t2,
        )
        .expect("upsert");
    assert_eq!(
        store.unindexed().expect("count"),
        3,
        "queued by the run, not indexed"
    );
    assert_eq!(store.update_index(|_| {}).expect("index"), 3);
    assert_eq!(store.unindexed().expect("count"), 0);

    (dir, store, t1, t2)
}

fn titles(store: &Store, q: &str, since: Option<Timestamp>) -> Vec<String> {
    store
        .search(q, since, 10)
        .expect("search")
        .into_iter()
        .map(|h| h.title)
        .collect()
}

#[test]
fn the_archive_is_searchable() {
    let (_dir, store, _t1, t2) = archive();
    let none = Vec::<String>::new();
    assert_eq!(
        titles(&store, "bridge", None),
        ["Bridge vote delayed", "Budget news"],
        "a title match ranks above a text match"
    );
    assert_eq!(
        titles(&store, "cafe", None),
        ["Café owners protest"],
        "accents fold"
    );
    assert_eq!(titles(&store, "\"the mayor said\"", None), ["Budget news"]);
    assert_eq!(titles(&store, "\"mayor the said\"", None), none);
    assert_eq!(titles(&store, "protest*", None), ["Café owners protest"]);
    assert_eq!(
        titles(&store, "bridge council", None),
        ["Bridge vote delayed"]
    );
    assert_eq!(titles(&store, "bridge", Some(t2)), none, "since");
    for odd in [
        "",
        "   ",
        "\"",
        "AND OR NOT",
        "-x",
        "(",
        "bridge*)",
        "a:b",
        "*",
    ] {
        store
            .search(odd, None, 10)
            .expect("any input is a query, never an error");
    }
    let hit = &store.search("repairs", None, 10).expect("search")[0];
    assert_eq!(
        hit.plain_snippet(),
        "The city bridge needs [repairs,] the mayor said."
    );
    assert_eq!(
        hit.snippet, "The city bridge needs \u{e000}repairs,\u{e001} the mayor said.",
        "marks a source's own brackets cannot be mistaken for"
    );
    let hit = &store.search("cafe", None, 10).expect("search")[0];
    assert_eq!(
        hit.snippet, "Downtown cafés closed early.",
        "a title match: the text's start"
    );
}

#[test]
fn the_index_stays_in_step_with_changes_and_pruning() {
    let (_dir, mut store, _t1, t2) = archive();
    let none = Vec::<String>::new();
    // A changed text is re-indexed; a pruned item leaves the index.
    store
        .upsert_items(
            "u",
            vec![story("b", "Budget news", "Ferry service resumes.")],
            t2,
        )
        .expect("upsert");
    assert_eq!(
        titles(&store, "repairs", None),
        none,
        "the old words are gone at once"
    );
    assert_eq!(
        store.update_index(|_| {}).expect("index"),
        1,
        "only the changed item"
    );
    assert_eq!(titles(&store, "ferry", None), ["Budget news"]);
    store.prune(t2).expect("prune");
    assert_eq!(titles(&store, "bridge", None), none);
    assert_eq!(titles(&store, "ferry", None), none);
    assert_eq!(titles(&store, "cafe", None), ["Café owners protest"]);
    let check = store.conn.execute(
        "INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 0)",
        [],
    );
    assert!(check.is_ok(), "the index is sound: {check:?}");
}

/// Item ids are rowids, which SQLite reuses after the largest is deleted: an id that was
/// queued, or indexed, then pruned, and then given to a new item must find the new item.
#[test]
fn a_reused_item_id_is_indexed_afresh() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite")).expect("open");
    let old: Timestamp = "2025-01-01T00:00:00Z".parse().expect("ts");
    let now: Timestamp = "2025-09-01T00:00:00Z".parse().expect("ts");
    let story = |key: &str, text: &str| Item {
        text: text.into(),
        ..item(key, &format!("https://ex.com/{key}"))
    };
    for indexed_first in [false, true] {
        store
            .upsert_items("u", vec![story("old", "walrus sightings")], old)
            .expect("upsert");
        if indexed_first {
            store.update_index(|_| {}).expect("index");
        }
        store.prune(now).expect("prune");
        store
            .upsert_items("u", vec![story("new", "pelican sightings")], now)
            .expect("upsert");
        store.update_index(|_| {}).expect("index");
        let id: i64 = store
            .conn
            .query_row("SELECT id FROM items WHERE key = 'new'", [], |r| r.get(0))
            .expect("id");
        assert_eq!(id, 1, "the pruned item's id was given to the new one");
        let hits = |q: &str| store.search(q, None, 10).expect("search").len();
        assert_eq!(hits("walrus"), 0, "indexed first: {indexed_first}");
        assert_eq!(hits("pelican"), 1, "indexed first: {indexed_first}");
        store
            .prune(now + jiff::SignedDuration::from_hours(1))
            .expect("prune");
    }
    let check = store.conn.execute(
        "INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 0)",
        [],
    );
    assert!(check.is_ok(), "{check:?}");
}

#[test]
fn indexing_goes_in_batches_and_reports_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite")).expect("open");
    let now: Timestamp = "2025-09-01T00:00:00Z".parse().expect("ts");
    let items: Vec<Item> = (0..12_000)
        .map(|k| Item {
            text: format!("story number{k}"),
            ..item(&format!("k{k}"), &format!("https://ex.com/{k}"))
        })
        .collect();
    store.upsert_items("u", items, now).expect("upsert");
    let mut seen = Vec::new();
    assert_eq!(store.update_index(|n| seen.push(n)).expect("index"), 12_000);
    assert_eq!(seen, [5_000, 10_000, 12_000, 12_000]);
    assert_eq!(store.unindexed().expect("count"), 0);
    assert_eq!(
        store.search("number11999", None, 5).expect("search").len(),
        1
    );
    assert_eq!(store.search("story", None, 50).expect("search").len(), 50);
}

/// D9: a search whose deadline passed, or whose client left, stops with `Interrupted`
/// instead of running to its end.
#[test]
fn a_search_stops_at_its_deadline_or_when_cancelled() {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("s.sqlite")).expect("open");
    let now: Timestamp = "2025-09-01T00:00:00Z".parse().expect("ts");
    let items: Vec<Item> = (0..5_000)
        .map(|k| Item {
            text: format!("story telling number{k}"),
            ..item(&format!("k{k}"), &format!("https://ex.com/{k}"))
        })
        .collect();
    store.upsert_items("u", items, now).expect("upsert");
    store.update_index(|_| {}).expect("index");
    let later = Instant::now() + Duration::from_secs(60);
    let flag = || Arc::new(AtomicBool::new(false));
    let past = store.search_until("story tel*", None, 50, Instant::now(), flag());
    assert!(matches!(past, Err(StoreError::Interrupted)), "{past:?}");
    let cancelled = Arc::new(AtomicBool::new(true));
    let gone = store.search_until("story tel*", None, 50, later, cancelled);
    assert!(matches!(gone, Err(StoreError::Interrupted)), "{gone:?}");
    let fine = store.search_until("story tel*", None, 50, later, flag());
    assert_eq!(fine.expect("search").len(), 50);
    // The handler is gone afterwards: a plain search is never stopped.
    assert_eq!(store.search("story", None, 5).expect("search").len(), 5);
}

/// A story keeps its id, first day and timeline when its items age out of the archive; a
/// forgotten (undelivered) briefing takes its story entries, and a story left with none, away.
#[test]
fn stories_survive_retention_and_leave_with_a_forgotten_briefing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("s.sqlite")).expect("open");
    let day1: Timestamp = "2025-09-01T07:00:00Z".parse().expect("ts");
    let day9: Timestamp = "2025-09-09T07:00:00Z".parse().expect("ts");
    let entry = |story: &str, at: Timestamp, day: &str| StoryEntry {
        story: story.into(),
        at,
        day: day.into(),
        title: format!("{story} on {day}"),
        source: "Ex".into(),
        link: None,
        feed: "u".into(),
        lang: None,
        lead: "Storm Amy hit Scotland.".into(),
        summary: Some("Storm Amy hit Scotland.".into()),
        again: false,
        note: None,
    };
    let shown = store
        .upsert_items("u", vec![item("a", "https://ex.com/a")], day1)
        .expect("upsert");
    let first = store
        .record_briefing(day1, "since-last", None, &shown)
        .expect("briefing");
    store
        .record_story_entries(first, &[entry("s0000000001", day1, "2025-09-01")])
        .expect("entries");
    store.prune(day9).expect("prune");
    let info = store.story("s0000000001").expect("read").expect("kept");
    assert_eq!(
        (info.first_day.as_str(), info.first_seen),
        ("2025-09-01", day1)
    );
    assert_eq!(store.story_entries("s0000000001").expect("read").len(), 1);

    let second = store
        .record_briefing(day9, "since-last", None, &[])
        .expect("briefing");
    store
        .record_story_entries(
            second,
            &[
                entry("s0000000001", day9, "2025-09-09"),
                entry("s0000000002", day9, "2025-09-09"),
            ],
        )
        .expect("entries");
    store.forget_briefing(second).expect("forget");
    assert_eq!(store.story_entries("s0000000001").expect("read").len(), 1);
    assert!(store.story("s0000000002").expect("read").is_none());
    assert_eq!(
        store.story_entries_since(day1).expect("read")[0].title,
        "s0000000001 on 2025-09-01"
    );
}
