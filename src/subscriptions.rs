//! OPML in and out: bring subscriptions from another reader, or take them elsewhere.

use crate::config::Config;

/// Why an OPML file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum OpmlError {
    #[error("not a valid OPML document: {0}")]
    Invalid(String),
    #[error("cannot write OPML: {0}")]
    Write(String),
}

/// A section to append to the config: a title and `(url, name)` feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedSection {
    pub title: String,
    pub feeds: Vec<(String, String)>,
}

/// Reads an OPML document: each top-level folder becomes a section; loose feeds go to
/// "Imported". Feeds whose URL is in `known` are skipped, so importing twice adds nothing.
pub fn import(xml: &str, known: &[String]) -> Result<Vec<ImportedSection>, OpmlError> {
    let doc = opml::OPML::from_str(xml).map_err(|e| OpmlError::Invalid(e.to_string()))?;
    let mut sections: Vec<ImportedSection> = Vec::new();
    let mut loose = ImportedSection {
        title: "Imported".to_string(),
        feeds: Vec::new(),
    };
    let mut seen: Vec<String> = known.to_vec();
    let mut take = |o: &opml::Outline, into: &mut Vec<(String, String)>| {
        if let Some(url) = &o.xml_url
            && !seen.contains(url)
        {
            seen.push(url.clone());
            let name = o
                .title
                .clone()
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| o.text.clone());
            into.push((url.clone(), name));
        }
    };
    for top in &doc.body.outlines {
        if top.xml_url.is_some() {
            take(top, &mut loose.feeds);
            continue;
        }
        let mut section = ImportedSection {
            title: if top.text.is_empty() {
                "Imported".to_string()
            } else {
                top.text.clone()
            },
            feeds: Vec::new(),
        };
        let mut stack: Vec<&opml::Outline> = top.outlines.iter().collect();
        while let Some(o) = stack.pop() {
            take(o, &mut section.feeds);
            stack.extend(o.outlines.iter());
        }
        section.feeds.reverse();
        if !section.feeds.is_empty() {
            sections.push(section);
        }
    }
    if !loose.feeds.is_empty() {
        sections.push(loose);
    }
    Ok(sections)
}

/// TOML for imported sections, to append to a config file (comments and order kept).
pub fn to_toml(sections: &[ImportedSection]) -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::new();
    for s in sections {
        out.push_str("\n# Imported from OPML.\n[[section]]\n");
        out.push_str(&format!("title = {}\nfeeds = [\n", q(&s.title)));
        for (url, name) in &s.feeds {
            out.push_str(&format!("  {{ url = {}, name = {} }},\n", q(url), q(name)));
        }
        out.push_str("]\n");
    }
    out
}

/// The config's sections and feeds as an OPML 2.0 document.
pub fn export(config: &Config) -> Result<String, OpmlError> {
    let mut doc = opml::OPML {
        version: "2.0".to_string(),
        head: Some(opml::Head {
            title: Some(config.title.clone()),
            ..opml::Head::default()
        }),
        ..opml::OPML::default()
    };
    for s in &config.sections {
        let mut group = opml::Outline {
            text: s.title.clone(),
            ..opml::Outline::default()
        };
        for f in &s.feeds {
            let name = f.name.clone().unwrap_or_else(|| f.location.clone());
            group.outlines.push(opml::Outline {
                text: name.clone(),
                title: Some(name),
                r#type: Some("rss".to_string()),
                xml_url: Some(f.location.clone()),
                ..opml::Outline::default()
            });
        }
        doc.body.outlines.push(group);
    }
    doc.to_string().map_err(|e| OpmlError::Write(e.to_string()))
}

/// Why a config could not be edited.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("the config is not valid TOML: {0}")]
    Toml(String),
    #[error("the config's {0} is not what herald expects")]
    Shape(&'static str),
}

/// Whether an entry of a `feeds` array is the feed at `url` (a string, or `{ url = … }`).
fn is_feed(value: &toml_edit::Value, url: &str) -> bool {
    match value {
        toml_edit::Value::String(s) => s.value() == url,
        toml_edit::Value::InlineTable(t) => t.get("url").and_then(|u| u.as_str()) == Some(url),
        _ => false,
    }
}

/// Adds a feed to the section titled `section` (matched without regard to case), or to a new
/// section at the end if there is none, keeping the file's comments and layout. Returns the
/// new text, or `None` when that section already has the feed.
pub fn add_feed(
    text: &str,
    section: &str,
    url: &str,
    name: Option<&str>,
) -> Result<Option<String>, EditError> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::Toml(e.to_string()))?;
    let entry: toml_edit::Value = match name {
        Some(n) => {
            let mut t = toml_edit::InlineTable::new();
            t.insert("url", url.into());
            t.insert("name", n.into());
            t.into()
        }
        None => url.into(),
    };
    if doc.get("section").is_none() {
        doc.insert(
            "section",
            toml_edit::Item::ArrayOfTables(toml_edit::ArrayOfTables::new()),
        );
    }
    let sections = doc
        .get_mut("section")
        .and_then(|i| i.as_array_of_tables_mut())
        .ok_or(EditError::Shape("[[section]] list"))?;
    let existing = sections.iter_mut().find(|t| {
        t.get("title")
            .and_then(|v| v.as_str())
            .is_some_and(|title| title.eq_ignore_ascii_case(section))
    });
    match existing {
        Some(table) => {
            if !table.contains_key("feeds") {
                table.insert("feeds", toml_edit::value(toml_edit::Array::new()));
            }
            let feeds = table
                .get_mut("feeds")
                .and_then(|i| i.as_array_mut())
                .ok_or(EditError::Shape("section's feeds"))?;
            if feeds.iter().any(|v| is_feed(v, url)) {
                return Ok(None);
            }
            // One feed a line when the list is written that way.
            // (Only the line break and indentation: a comment in that prefix belongs to the line
            // before.)
            let multiline = feeds
                .iter()
                .last()
                .and_then(|v| v.decor().prefix())
                .and_then(|p| p.as_str())
                .and_then(|p| p.rfind('\n').map(|i| p[i..].to_string()));
            let mut entry = entry;
            if let Some(prefix) = multiline {
                // A comment after the last feed sits in the array's trailing space: it stays on
                // that feed's line, before the new one.
                let trailing = feeds.trailing().as_str().unwrap_or("").to_string();
                let prefix = match trailing
                    .rfind('\n')
                    .filter(|&c| trailing[..c].contains('#'))
                {
                    Some(cut) => {
                        feeds.set_trailing(trailing[cut..].to_string());
                        format!("{}{prefix}", &trailing[..cut])
                    }
                    None => prefix,
                };
                entry.decor_mut().set_prefix(prefix);
                feeds.push_formatted(entry);
                feeds.set_trailing_comma(true);
            } else {
                feeds.push(entry);
            }
        }
        None => {
            let mut table = toml_edit::Table::new();
            table.insert("title", toml_edit::value(section));
            let mut feeds = toml_edit::Array::new();
            feeds.push(entry);
            table.insert("feeds", toml_edit::value(feeds));
            sections.push(table);
        }
    }
    Ok(Some(doc.to_string()))
}

/// Removes the feed at `url` from every section, keeping the file's comments and layout.
/// Returns the new text and how many entries were removed.
pub fn remove_feed(text: &str, url: &str) -> Result<(String, usize), EditError> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::Toml(e.to_string()))?;
    let mut removed = 0;
    if let Some(sections) = doc
        .get_mut("section")
        .and_then(|i| i.as_array_of_tables_mut())
    {
        for table in sections.iter_mut() {
            let Some(feeds) = table.get_mut("feeds").and_then(|i| i.as_array_mut()) else {
                continue;
            };
            for i in (0..feeds.len()).rev() {
                if !feeds.get(i).is_some_and(|v| is_feed(v, url)) {
                    continue;
                }
                let gone = feeds.remove(i);
                removed += 1;
                if i == feeds.len() {
                    // The last feed's own comment sits in the array's trailing space: it goes too.
                    let trailing = feeds.trailing().as_str().unwrap_or("").to_string();
                    if let Some(cut) = trailing.rfind('\n') {
                        feeds.set_trailing(trailing[cut..].to_string());
                    }
                }
                // A value's prefix holds the comment at the end of the line before it: hand that
                // on to whatever now follows, so removing a feed never removes another's comment.
                let prefix = gone
                    .decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or("")
                    .to_string();
                let Some(cut) = prefix.rfind('\n').filter(|&c| prefix[..c].contains('#')) else {
                    continue;
                };
                let comment = &prefix[..cut];
                match feeds.get_mut(i) {
                    Some(next) => {
                        let own = next
                            .decor()
                            .prefix()
                            .and_then(|p| p.as_str())
                            .unwrap_or("")
                            .to_string();
                        next.decor_mut().set_prefix(format!("{comment}{own}"));
                    }
                    None => {
                        let trailing = feeds.trailing().as_str().unwrap_or("").to_string();
                        feeds.set_trailing(format!("{comment}{trailing}"));
                    }
                }
            }
        }
    }
    Ok((doc.to_string(), removed))
}

/// A feed found at an address the reader gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The feed's own URL (after a permanent redirect, the new one).
    pub url: String,
    pub title: Option<String>,
    pub entries: usize,
    /// The web page that announced the feed, when the address was a page.
    pub page: Option<String>,
}

/// Why no feed was found at an address.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    #[error("cannot fetch {0}: {1}")]
    Fetch(String, crate::fetch::FetchError),
    #[error("{url} is not a feed ({reason}) and announces none with <link rel=\"alternate\">")]
    NoFeed { url: String, reason: String },
    #[error("{url} announces {candidates}, but none of them could be read as a feed")]
    BadAnnounced { url: String, candidates: String },
}

/// Finds the feed at `url`: the address itself if it is a feed, else the first feed the page
/// announces (feed autodiscovery) that really parses.
pub fn find_feed(url: &str, options: crate::fetch::FetchOptions) -> Result<Found, FindError> {
    use crate::fetch::{FetchRequest, Fetcher};
    let fetcher = Fetcher::new(options, ".".as_ref(), None)
        .map_err(|e| FindError::Fetch(url.to_string(), e))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            FindError::Fetch(
                url.to_string(),
                crate::fetch::FetchError::Other(e.to_string()),
            )
        })?;
    let fetch = |u: &str| {
        let request = FetchRequest {
            location: u.to_string(),
            ..FetchRequest::default()
        };
        runtime
            .block_on(fetcher.fetch(&request))
            .map_err(|e| FindError::Fetch(u.to_string(), e))
    };
    let read = |f: &crate::model::Fetched, asked: &str| {
        crate::parse::parse_feed(&f.body, f.content_type.as_deref(), f.final_url.as_deref()).map(
            |parsed| Found {
                url: f.moved_to.clone().unwrap_or_else(|| asked.to_string()),
                title: parsed.feed.title.clone().filter(|t| !t.trim().is_empty()),
                entries: parsed.entries.len(),
                page: None,
            },
        )
    };
    let page = fetch(url)?;
    let reason = match read(&page, url) {
        Ok(found) => return Ok(found),
        Err(e) => e.to_string(),
    };
    let html = String::from_utf8_lossy(&page.body);
    let base = page.final_url.clone().unwrap_or_else(|| url.to_string());
    let announced = crate::parse::discover::announced_feeds(&html, &base);
    if announced.is_empty() {
        return Err(FindError::NoFeed {
            url: url.to_string(),
            reason,
        });
    }
    for candidate in announced.iter().take(3) {
        if let Ok(f) = fetch(&candidate.url)
            && let Ok(mut found) = read(&f, &candidate.url)
        {
            found.page = Some(url.to_string());
            if found.title.is_none() {
                found.title = candidate.title.clone();
            }
            return Ok(found);
        }
    }
    Err(FindError::BadAnnounced {
        url: url.to_string(),
        candidates: announced
            .iter()
            .map(|a| a.url.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const OPML: &str = r#"<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="News"><outline text="NPR" type="rss" xmlUrl="https://feeds.npr.org/1001/rss.xml"/>
<outline text="BBC" type="rss" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/></outline>
<outline text="Krebs" type="rss" xmlUrl="https://krebsonsecurity.com/feed/"/>
</body></opml>"#;

    #[test]
    fn import_groups_and_skips_known() {
        let s = import(
            OPML,
            &["https://feeds.bbci.co.uk/news/world/rss.xml".to_string()],
        )
        .expect("import");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].title, "News");
        assert_eq!(
            s[0].feeds,
            [(
                "https://feeds.npr.org/1001/rss.xml".to_string(),
                "NPR".to_string()
            )]
        );
        assert_eq!(s[1].title, "Imported");
    }

    #[test]
    fn imported_toml_loads_and_round_trips() {
        let sections = import(OPML, &[]).expect("import");
        let text = format!("timezone = \"UTC\"\n{}", to_toml(&sections));
        let config = Config::from_toml(&text, Path::new("c.toml"), Path::new(".")).expect("valid");
        assert_eq!(config.sections.len(), 2);
        let xml = export(&config).expect("export");
        let again = import(&xml, &[]).expect("re-import");
        assert_eq!(again, sections);
    }

    #[test]
    fn bad_opml_is_an_error() {
        assert!(import("<html/>", &[]).is_err());
    }

    const CONFIG: &str = r#"# My briefing
timezone = "UTC"

[[section]]
title = "Tech"   # what I work on
feeds = [
  "https://a.example/feed",   # first
  { url = "https://b.example/rss", name = "B" },  # bee
]

[[section]]
title = "World"
feeds = ["https://w.example/feed"]
"#;

    fn load(text: &str) -> Config {
        Config::from_toml(text, "c.toml".as_ref(), ".".as_ref()).expect("still a valid config")
    }

    #[test]
    fn adding_keeps_comments_and_layout() {
        let out = add_feed(CONFIG, "tech", "https://c.example/atom", Some("C"))
            .expect("edit")
            .expect("added");
        assert!(out.starts_with("# My briefing\n"));
        assert!(
            out.contains(r#"title = "Tech"   # what I work on"#),
            "{out}"
        );
        assert!(
            out.contains(r#""https://a.example/feed",   # first"#),
            "{out}"
        );
        assert!(
            out.contains("\n  { url = \"https://b.example/rss\", name = \"B\" },  # bee\n  { url = \"https://c.example/atom\", name = \"C\" },\n]"),
            "one a line, like the others: {out}"
        );
        let c = load(&out);
        assert_eq!(c.sections[0].feeds.len(), 3);
        assert_eq!(c.sections[0].feeds[2].name.as_deref(), Some("C"));

        let out = add_feed(&out, "World", "https://x.example/feed", None)
            .expect("edit")
            .expect("added");
        assert!(
            out.contains(r#"feeds = ["https://w.example/feed", "https://x.example/feed"]"#),
            "{out}"
        );

        assert_eq!(
            add_feed(&out, "Tech", "https://b.example/rss", None).expect("edit"),
            None,
            "already there"
        );

        let out = add_feed(&out, "Science", "https://s.example/feed", None)
            .expect("edit")
            .expect("added");
        let c = load(&out);
        assert_eq!(c.sections.len(), 3);
        assert_eq!(c.sections[2].title, "Science");
        assert_eq!(c.sections[2].feeds[0].location, "https://s.example/feed");
    }

    #[test]
    fn removing_takes_the_feed_from_every_section() {
        let (out, n) = remove_feed(CONFIG, "https://b.example/rss").expect("edit");
        assert_eq!(n, 1);
        assert!(out.contains("# first"), "comments stay: {out}");
        assert!(
            !out.contains("# bee"),
            "the removed feed's comment goes with it: {out}"
        );
        assert!(
            out.contains("\"https://a.example/feed\",   # first\n]"),
            "{out}"
        );
        assert!(!out.contains("b.example"));
        assert_eq!(load(&out).sections[0].feeds.len(), 1);
        let (same, n) = remove_feed(&out, "https://nowhere.example/").expect("edit");
        assert_eq!((same.as_str(), n), (out.as_str(), 0));
        assert!(
            add_feed("title = [", "x", "u", None).is_err(),
            "bad TOML is an error"
        );
    }

    #[test]
    fn a_config_without_sections_gets_one() {
        let out = add_feed(
            "timezone = \"UTC\"\n",
            "News",
            "https://n.example/feed",
            None,
        )
        .expect("edit")
        .expect("added");
        let c = load(&out);
        assert_eq!(c.sections[0].title, "News");
    }
}
