//! Templates: the built-in HTML and plain-text briefings, and the reader's own.
//!
//! Every template receives the worded briefing ([`View`]) at the top level (`heading`,
//! `date_long`, `weather`, `sections`, `footer`, `failures`…) and the raw briefing JSON as
//! `briefing`. Values are escaped by the template's file extension (`.html`, `.htm`, `.xml`:
//! HTML escaping; anything else: none), so feed text can never become markup in an HTML
//! briefing, whoever wrote the template.

use std::path::{Path, PathBuf};

use minijinja::{Environment, Value};

use super::view::View;

/// The built-in HTML template (self-contained, no scripts, dark mode).
pub const HTML: &str = include_str!("templates/briefing.html");
/// The built-in plain-text template (wrapped at 78 columns).
pub const TEXT: &str = include_str!("templates/briefing.txt");

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read the template {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{0}: herald writes .md, .html, .txt and .json files; name the file with one of those, or pass --format"
    )]
    UnknownExtension(String),
    /// A syntax or rendering error, with the line it happened on.
    #[error("{name}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        name: String,
        line: Option<usize>,
        message: String,
    },
}

impl TemplateError {
    fn from_jinja(name: &str, e: minijinja::Error) -> TemplateError {
        let mut message = e.kind().to_string();
        if let Some(detail) = e.detail() {
            message = format!("{message}: {detail}");
        }
        TemplateError::Template {
            name: e.name().unwrap_or(name).to_string(),
            line: e.line(),
            message,
        }
    }
}

/// A compiled template, ready to render briefings.
pub struct Template {
    env: Environment<'static>,
    name: String,
}

impl std::fmt::Debug for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Template")
            .field("name", &self.name)
            .finish()
    }
}

impl Template {
    /// Compiles a template; `name` decides the escaping (by its extension) and names it in errors.
    pub fn new(name: &str, source: String) -> Result<Template, TemplateError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        env.set_keep_trailing_newline(true);
        env.add_filter("wrap", wrap);
        env.set_formatter(html_formatter);
        env.add_template_owned(name.to_string(), source)
            .map_err(|e| TemplateError::from_jinja(name, e))?;
        Ok(Template {
            env,
            name: name.to_string(),
        })
    }

    /// Reads and compiles the reader's template file.
    pub fn load(path: &Path) -> Result<Template, TemplateError> {
        let source = crate::localfile::read_text(path).map_err(|source| TemplateError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Template::new(&path.display().to_string(), source)
    }

    /// True for a template whose name says it writes HTML (and so is HTML-escaped).
    pub fn is_html(&self) -> bool {
        let name = self.name.to_ascii_lowercase();
        name.ends_with(".html") || name.ends_with(".htm")
    }

    /// The built-in HTML template.
    pub fn html() -> Result<Template, TemplateError> {
        Template::new("briefing.html", HTML.to_string())
    }

    /// The built-in plain-text template.
    pub fn text() -> Result<Template, TemplateError> {
        Template::new("briefing.txt", TEXT.to_string())
    }

    /// Renders a briefing's view (and its JSON as `briefing`).
    pub fn render(
        &self,
        view: &View,
        briefing: &serde_json::Value,
    ) -> Result<String, TemplateError> {
        let tmpl = self
            .env
            .get_template(&self.name)
            .map_err(|e| TemplateError::from_jinja(&self.name, e))?;
        let mut ctx = serde_json::to_value(view).unwrap_or_default();
        if let Some(map) = ctx.as_object_mut() {
            map.insert("briefing".to_string(), briefing.clone());
        }
        tmpl.render(Value::from_serialize(&ctx))
            .map_err(|e| TemplateError::from_jinja(&self.name, e))
    }
}

/// Writes values as minijinja does, except that HTML escaping leaves `/` alone: minijinja's
/// escaper also writes it as `&#x2f;`, which is safe but turns every link in the page source
/// (and in a mail's HTML) into `https:&#x2f;&#x2f;…`. Only `& < > " '` can change HTML's
/// meaning inside text and quoted attributes, and all five are escaped.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    use std::fmt::Write;
    if matches!(state.auto_escape(), minijinja::AutoEscape::Html)
        && !value.is_safe()
        && let Some(s) = value.as_str()
    {
        for c in s.chars() {
            let r = match c {
                '&' => out.write_str("&amp;"),
                '<' => out.write_str("&lt;"),
                '>' => out.write_str("&gt;"),
                '"' => out.write_str("&quot;"),
                '\'' => out.write_str("&#x27;"),
                c => out.write_char(c),
            };
            r.map_err(|_| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write failed")
            })?;
        }
        return Ok(());
    }
    minijinja::escape_formatter(out, state, value)
}

/// `text | wrap(width, indent="", first=indent)`: the text filled to `width` columns, every line
/// starting with `indent` except the first, which starts with `first`.
fn wrap(text: &str, width: Option<usize>, indent: Option<&str>, first: Option<&str>) -> String {
    let indent = indent.unwrap_or("");
    let first = first.unwrap_or(indent);
    let options = textwrap::Options::new(width.unwrap_or(78).max(10))
        .initial_indent(first)
        .subsequent_indent(indent)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(text, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_fills_and_indents() {
        let text = "one two three four five six seven eight nine ten";
        assert_eq!(
            wrap(text, Some(20), Some("    "), Some("  * ")),
            "  * one two three\n    four five six\n    seven eight nine\n    ten"
        );
        assert_eq!(wrap("short", None, None, None), "short");
    }

    #[test]
    fn a_broken_template_names_its_line() {
        let e = Template::new("mine.html", "ok\n{% if %}\n".to_string()).expect_err("bad");
        let msg = e.to_string();
        assert!(msg.starts_with("mine.html:2: syntax error"), "{msg}");
    }

    #[test]
    fn html_templates_escape_feed_text_whoever_wrote_them() {
        let t = Template::new("mine.html", "<p>{{ heading }}</p>".to_string()).expect("compiles");
        let v = View {
            heading: "<script>alert(1)</script> & co".into(),
            title: String::new(),
            date_long: String::new(),
            date: String::new(),
            date_iso: String::new(),
            timezone: String::new(),
            tags: Vec::new(),
            weather: None,
            sections: Vec::new(),
            footer: String::new(),
            notices: Vec::new(),
            failures: Vec::new(),
            lang: "en".into(),
            labels: crate::render::view::Labels {
                now: String::new(),
                also: String::new(),
                more: String::new(),
                weather_unavailable: String::new(),
                warning: String::new(),
                why: String::new(),
                earlier: String::new(),
                again: String::new(),
            },
        };
        let out = t.render(&v, &serde_json::Value::Null).expect("renders");
        assert_eq!(out, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>");
        // A text template is not escaped.
        let t = Template::new("mine.txt", "{{ heading }}".to_string()).expect("compiles");
        assert_eq!(
            t.render(&v, &serde_json::Value::Null).expect("renders"),
            "<script>alert(1)</script> & co"
        );
    }
}
