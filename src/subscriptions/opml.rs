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
