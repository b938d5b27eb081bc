//! A second run on the same day, into the same file, must never wipe the morning's note: the
//! day's file holds the day's whole briefing and only grows. The new edition is the earlier
//! one of that day with what arrived since: in each section the new entries first, then the
//! earlier ones (none twice); sections the earlier edition had and this one lacks are kept;
//! the weather and failures are this run's (the weather falls back to the earlier one when
//! this run could not read it).

use crate::model::{BriefEntry, Briefing, MoreItem, WeatherBlock};

/// The key two entries of one day share when they are the same story: the link, else the
/// title.
fn key(e: &BriefEntry) -> String {
    match &e.link {
        Some(l) => crate::items::canonical_url(l),
        None => format!("title:{}", e.title.to_lowercase()),
    }
}

/// Folds `earlier` (an edition delivered to the same file earlier that day) into `now`.
pub fn merge(now: &mut Briefing, earlier: Briefing) {
    let mut seen: std::collections::HashSet<String> = now
        .sections
        .iter()
        .flat_map(|s| s.entries.iter().map(key))
        .collect();
    for old in earlier.sections {
        let entries: Vec<BriefEntry> = old
            .entries
            .into_iter()
            .filter(|e| seen.insert(key(e)))
            .collect();
        match now.sections.iter_mut().find(|s| s.title == old.title) {
            Some(section) => {
                section.entries.extend(entries);
                merge_more(&mut section.more, old.more);
                section.more_unlisted += old.more_unlisted;
                // The morning's "reported again" lines stay, none twice.
                for a in old.again {
                    if !section
                        .again
                        .iter()
                        .any(|x| x.title == a.title && x.source == a.source)
                    {
                        section.again.push(a);
                    }
                }
            }
            None if !entries.is_empty() => {
                now.sections.push(crate::model::Section { entries, ..old })
            }
            None => {}
        }
    }
    if !matches!(now.weather, WeatherBlock::Ok(_)) && matches!(earlier.weather, WeatherBlock::Ok(_))
    {
        now.weather = earlier.weather;
    }
    now.stats.items_new += earlier.stats.items_new;
}

fn merge_more(now: &mut Vec<MoreItem>, earlier: Vec<MoreItem>) {
    for m in earlier {
        if !now.contains(&m) {
            now.push(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn briefing(sections: &[(&str, &[&str])]) -> Briefing {
        let mut b = Briefing {
            title: "T".into(),
            emoji: String::new(),
            date: "2025-09-03T10:00:00Z"
                .parse::<jiff::Timestamp>()
                .expect("ts")
                .to_zoned(jiff::tz::TimeZone::UTC),
            timezone: "UTC".into(),
            tags: Vec::new(),
            window_label: crate::model::WindowLabel::SinceLast,
            locale: "en".into(),
            weather: WeatherBlock::None,
            weather_emoji: String::new(),
            units: Default::default(),
            sections: Vec::new(),
            failures: Vec::new(),
            notices: Vec::new(),
            audio: None,
            stats: crate::model::Stats {
                feeds: 1,
                items_seen: 0,
                items_new: 0,
                elapsed_ms: 0,
            },
        };
        b.sections = sections
            .iter()
            .map(|(title, entries)| crate::model::Section {
                entries: entries
                    .iter()
                    .map(|t| {
                        let link = format!("https://ex.com/{}", t.replace(' ', "-"));
                        BriefEntry::new(t.to_string(), Some(link), "S".into())
                    })
                    .collect(),
                ..crate::model::Section::new(title.to_string(), String::new())
            })
            .collect();
        b
    }

    fn titles(b: &Briefing) -> Vec<Vec<String>> {
        b.sections
            .iter()
            .map(|s| s.entries.iter().map(|e| e.title.clone()).collect())
            .collect()
    }

    #[test]
    fn the_mornings_reported_again_lines_stay_once() {
        let again = |title: &str| crate::model::ReportedAgain {
            title: title.into(),
            source: "S".into(),
            link: None,
            story: "s1".into(),
            first_seen: "2025-09-02".into(),
            explain: None,
        };
        let mut earlier = briefing(&[("World", &["a"])]);
        earlier.sections[0].again = vec![again("x"), again("y")];
        let mut now = briefing(&[("World", &["b"])]);
        now.sections[0].again = vec![again("y")];
        merge(&mut now, earlier);
        let titles: Vec<&str> = now.sections[0]
            .again
            .iter()
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(titles, ["y", "x"]);
    }

    #[test]
    fn the_day_only_grows() {
        let earlier = briefing(&[("World", &["a", "b"]), ("Tech", &["c"]), ("Old", &["d"])]);
        let mut now = briefing(&[("World", &["e", "a"]), ("Tech", &[]), ("New", &[])]);
        merge(&mut now, earlier);
        assert_eq!(
            titles(&now),
            [vec!["e", "a", "b"], vec!["c"], vec![], vec!["d"]],
            "new first, none twice, nothing lost"
        );
    }
}
