//! Builds the archive for the scale benchmark (`bench/scale.sh`): a herald state file holding
//! ITEMS old items for each of FEEDS feeds (the URLs `bench_server` serves), first seen over the
//! 91 days before NOW (so a briefing at NOW prunes one day's worth, as every morning does), and a
//! briefing a day that showed 100 of them. Written through herald's
//! own store API, so the file is exactly what months of real mornings would leave.
//!
//!   cargo run --release --example scale_archive -- PATH FEEDS ITEMS_PER_FEED PORT NOW

use herald::model::Item;
use herald::store::Store;
use jiff::{SignedDuration, Timestamp};

const DAYS: i64 = 91;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 6 {
        return Err("usage: scale_archive PATH FEEDS ITEMS_PER_FEED PORT NOW".into());
    }
    let path = std::path::Path::new(&args[1]);
    let feeds: usize = args[2].parse()?;
    let per_feed: usize = args[3].parse()?;
    let port: u16 = args[4].parse()?;
    let now: Timestamp = args[5].parse()?;

    let mut store = Store::open(path)?;
    store.begin()?;
    // A small deterministic generator for varied words.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut words = |n: usize| -> String {
        (0..n)
            .map(|_| format!("w{}", next() % 30_000))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let per_day = per_feed.div_ceil(DAYS as usize);
    let mut shown_by_day: Vec<Vec<Item>> = vec![Vec::new(); DAYS as usize];
    for f in 0..feeds {
        let url = format!("http://127.0.{}.{}:{port}/{f}.xml", f / 250, f % 250 + 2);
        let mut k = 0;
        for day in 0..DAYS {
            let seen = now - SignedDuration::from_hours(24 * (day + 1));
            let mut batch = Vec::with_capacity(per_day);
            while batch.len() < per_day && k < per_feed {
                batch.push(Item {
                    feed: url.clone(),
                    source: format!("Feed {f}"),
                    key: format!("old-{f}-{k}"),
                    title: words(9),
                    link: Some(format!("https://feed{f}.example/story/{k}?utm_source=rss")),
                    published: Some(seen - SignedDuration::from_mins(30)),
                    first_seen: None,
                    seen_seq: None,
                    text: words(80),
                    lang: None,
                });
                k += 1;
            }
            let stored = store.upsert_items(&url, batch, seen)?;
            // A briefing a day shows about 100 items across all feeds.
            if f % (feeds / 100).max(1) == 0
                && let Some(item) = stored.into_iter().next()
            {
                shown_by_day[day as usize].push(item);
            }
        }
        if f % 100 == 99 {
            eprintln!("{} feeds written", f + 1);
        }
    }
    for (day, shown) in shown_by_day.iter().enumerate() {
        let at = now - SignedDuration::from_hours(24 * (day as i64 + 1));
        let id = store.record_briefing(at, "since-last", None, shown)?;
        // Each shown entry is remembered by its story, as a briefing does (developing stories).
        let day_name = at.strftime("%Y-%m-%d").to_string();
        let entries: Vec<herald::store::StoryEntry> = shown
            .iter()
            .map(|i| herald::store::StoryEntry {
                story: herald::stories::new_id(i, at),
                at,
                day: day_name.clone(),
                title: i.title.clone(),
                source: i.source.clone(),
                link: i.link.clone(),
                feed: i.feed.clone(),
                lang: None,
                lead: herald::stories::lead_of(&i.text),
                summary: Some(i.text.clone()),
                again: false,
                note: None,
            })
            .collect();
        store.record_story_entries(id, &entries)?;
    }
    store.commit()?;
    Ok(())
}
