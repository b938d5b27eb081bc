//! Edits to the reader's config file that keep its comments and layout (toml_edit), and the
//! one read → edit → validate → write path every command that changes the config goes through.

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
        // Sections this removal leaves with no feed go too: an empty section only says
        // "nothing new" every morning (one left empty on purpose stays).
        let mut emptied = Vec::new();
        for (index, table) in sections.iter_mut().enumerate() {
            let Some(feeds) = table.get_mut("feeds").and_then(|i| i.as_array_mut()) else {
                continue;
            };
            let before = removed;
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
            if removed > before && feeds.is_empty() {
                emptied.push(index);
            }
        }
        for index in emptied.into_iter().rev() {
            sections.remove(index);
        }
    }
    Ok((doc.to_string(), removed))
}

/// Why an edit of the config file was not made (the file is then left as it was).
#[derive(Debug, thiserror::Error)]
pub enum EditFileError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Edit {
        path: std::path::PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("the change would make the config invalid; nothing was written: {0}")]
    Invalid(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Write(#[from] crate::deliver::DeliverError),
}

/// Reads the config at `path` (or starts from `missing` when there is no file and `missing` is
/// given), lets `edit` change its text, checks that the result is a valid config, and only then
/// replaces the file. `edit` returns `None` when there is nothing to change (the file is not
/// written) and may hand back a value to the caller.
pub fn edit_config<T, E>(
    path: &std::path::Path,
    missing: Option<&str>,
    edit: impl FnOnce(&str) -> Result<(Option<String>, T), E>,
) -> Result<T, EditFileError>
where
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let text = match crate::localfile::read_text(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && missing.is_some() => {
            missing.unwrap_or_default().to_string()
        }
        Err(source) => {
            return Err(EditFileError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let (new_text, value) = edit(&text).map_err(|e| EditFileError::Edit {
        path: path.to_path_buf(),
        source: e.into(),
    })?;
    if let Some(new_text) = new_text {
        let base = path.parent().unwrap_or(".".as_ref());
        crate::config::Config::from_toml(&new_text, path, base)?;
        crate::deliver::to_file(path, &new_text)?;
    }
    Ok(value)
}
