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

/// An OPML outline that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub url: String,
    pub reason: String,
}

/// Folders nest at most this deep in an OPML file (real ones: two or three).
pub const MAX_OPML_DEPTH: usize = 32;

/// How deep `<outline>` elements nest, counted without building a tree: the OPML crate's parser
/// recurses, and a hostile file nested ten thousand deep would overflow the stack.
fn outline_depth(xml: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for (i, _) in xml.match_indices('<') {
        let rest = &xml[i + 1..];
        if rest.len() >= 8 && rest[..8].eq_ignore_ascii_case("/outline") {
            depth = depth.saturating_sub(1);
        } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case("outline") {
            let end = rest.find('>').unwrap_or(rest.len());
            if !rest[..end].ends_with('/') {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

/// A feed address from a shared OPML file: only web addresses are taken (normalized as the
/// config normalizes them), never paths, `file:` or other schemes that would make herald read
/// this machine's files.
fn web_feed(url: &str) -> Result<String, String> {
    let url = crate::config::normalize_location(url);
    match url::Url::parse(&url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(url),
        Ok(u) => Err(format!(
            "'{}:' is not a web address; only http(s) feeds are imported",
            u.scheme()
        )),
        Err(_) => Err("not an absolute http(s) address; only web feeds are imported".to_string()),
    }
}

/// A section to append to the config: a title and `(url, name)` feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedSection {
    pub title: String,
    pub feeds: Vec<(String, String)>,
}

/// Reads an OPML document: each top-level folder becomes a section; loose feeds go to
/// "Imported". Feeds whose URL is in `known` are skipped, so importing twice adds nothing;
/// addresses that are not http(s) are skipped and returned with the reason.
pub fn import(
    xml: &str,
    known: &[String],
) -> Result<(Vec<ImportedSection>, Vec<Skipped>), OpmlError> {
    if outline_depth(xml) > MAX_OPML_DEPTH {
        return Err(OpmlError::Invalid(format!(
            "folders nested more than {MAX_OPML_DEPTH} levels deep"
        )));
    }
    let doc = opml::OPML::from_str(xml).map_err(|e| OpmlError::Invalid(e.to_string()))?;
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut sections: Vec<ImportedSection> = Vec::new();
    let mut loose = ImportedSection {
        title: "Imported".to_string(),
        feeds: Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    let mut take = |o: &opml::Outline, into: &mut Vec<(String, String)>| {
        let Some(raw) = &o.xml_url else { return };
        let url = match web_feed(raw) {
            Ok(url) => url,
            Err(reason) => {
                skipped.push(Skipped {
                    url: raw.clone(),
                    reason,
                });
                return;
            }
        };
        if known.contains(&url) {
            if !seen.contains(&url) {
                seen.push(url.clone());
                skipped.push(Skipped {
                    url,
                    reason: "already subscribed".to_string(),
                });
            }
            return;
        }
        if !seen.contains(&url) {
            seen.push(url.clone());
            let name = o
                .title
                .clone()
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| o.text.clone());
            // A shared OPML is outside text: no escape sequence reaches a terminal or config.
            let name = plain_line(&name);
            into.push((url.clone(), name));
        }
    };
    for top in &doc.body.outlines {
        if top.xml_url.is_some() {
            take(top, &mut loose.feeds);
            continue;
        }
        let mut section = ImportedSection {
            title: if top.text.trim().is_empty() {
                "Imported".to_string()
            } else {
                plain_line(&top.text)
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
    Ok((sections, skipped))
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

/// Outside text as one clean line: controls, bidi overrides and line breaks gone.
fn plain_line(s: &str) -> String {
    crate::text::collapse_ws(&crate::parse::sanitize::clean(s, 300))
}
