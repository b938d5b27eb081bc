//! Render stage: a [`Briefing`] as Markdown (for note apps), self-contained HTML (for a browser
//! or mail), plain text (for a terminal), JSON (for programs), or through the reader's template.

pub mod json;
pub mod markdown;
pub mod speech;
pub mod spoken;
pub mod template;
pub mod view;

pub use template::{Template, TemplateError};

use jiff::Timestamp;

use crate::model::Briefing;
pub use crate::model::Format;

/// How a briefing is written: a built-in format or the reader's template.
#[derive(Debug)]
pub enum Style {
    Format(Format),
    Template(Box<Template>),
}

impl From<Format> for Style {
    fn from(f: Format) -> Style {
        Style::Format(f)
    }
}

/// What decides a briefing's style, strongest first: the command line's template and format,
/// then the config's, then the output file's extension; Markdown when none says.
#[derive(Debug, Default, Clone, Copy)]
pub struct StyleChoice<'a> {
    pub cli_template: Option<&'a std::path::Path>,
    pub cli_format: Option<Format>,
    pub config_template: Option<&'a std::path::Path>,
    pub config_format: Option<Format>,
    /// Where the briefing is written (`None` or "-" for stdout).
    pub output: Option<&'a str>,
}

impl StyleChoice<'_> {
    /// The style, loading a template when one is named (its errors name the file and line).
    pub fn choose(self) -> Result<Style, TemplateError> {
        let template = |path| Ok(Style::Template(Box::new(Template::load(path)?)));
        if let Some(path) = self.cli_template {
            return template(path);
        }
        if let Some(format) = self.cli_format {
            return Ok(Style::Format(format));
        }
        if let Some(path) = self.config_template {
            return template(path);
        }
        if let Some(format) = self.config_format {
            return Ok(Style::Format(format));
        }
        let Some(output) = self.output.filter(|o| *o != "-") else {
            return Ok(Style::Format(Format::Markdown));
        };
        let path = std::path::Path::new(output);
        match (Format::from_extension(path), path.extension()) {
            (Some(format), _) => Ok(Style::Format(format)),
            // No extension: Markdown, the notes apps' own.
            (None, None) => Ok(Style::Format(Format::Markdown)),
            // `briefing.pdf` would silently be Markdown in a file that says otherwise.
            (None, Some(_)) => Err(TemplateError::UnknownExtension(output.to_string())),
        }
    }
}

/// The built-in templates, compiled once per process (a served page or a mailed briefing would
/// otherwise compile them on every render).
static HTML_TEMPLATE: std::sync::OnceLock<Template> = std::sync::OnceLock::new();
static TEXT_TEMPLATE: std::sync::OnceLock<Template> = std::sync::OnceLock::new();

fn builtin(
    cell: &'static std::sync::OnceLock<Template>,
    make: fn() -> Result<Template, TemplateError>,
) -> Result<&'static Template, TemplateError> {
    if let Some(t) = cell.get() {
        return Ok(t);
    }
    let t = make()?;
    Ok(cell.get_or_init(|| t))
}

/// Renders a briefing. Only a template can fail (the reader's, with its file and line named).
pub fn render(b: &Briefing, style: &Style) -> Result<String, TemplateError> {
    match style {
        Style::Format(Format::Markdown) => Ok(markdown::render(b)),
        Style::Format(Format::Json) => Ok(json::render(b)),
        Style::Format(Format::Speech) => Ok(speech::render(b)),
        Style::Format(Format::Html) => {
            builtin(&HTML_TEMPLATE, Template::html)?.render(&view::view(b), &json::document(b))
        }
        Style::Format(Format::Text) => {
            builtin(&TEXT_TEMPLATE, Template::text)?.render(&view::view(b), &json::document(b))
        }
        Style::Template(t) => t.render(&view::view(b), &json::document(b)),
    }
}

/// "8 h ago", "25 min ago", "3 d ago": how old an item is at the briefing's moment.
pub fn age(published: Timestamp, now: Timestamp) -> String {
    let secs = now.as_second() - published.as_second();
    if secs < 60 {
        "just now".to_string()
    } else if secs < 3600 {
        format!("{} min ago", secs / 60)
    } else if secs < 48 * 3600 {
        format!("{} h ago", secs / 3600)
    } else {
        format!("{} d ago", secs / 86400)
    }
}

/// A number as a person writes it: no trailing ".0".
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        let now: Timestamp = "2025-09-03T14:42:00Z".parse().expect("ts");
        let at = |s: &str| s.parse::<Timestamp>().expect("ts");
        assert_eq!(age(at("2025-09-03T06:42:00Z"), now), "8 h ago");
        assert_eq!(age(at("2025-09-03T14:17:00Z"), now), "25 min ago");
        assert_eq!(age(at("2025-08-24T14:42:00Z"), now), "10 d ago");
        assert_eq!(age(at("2025-09-03T15:00:00Z"), now), "just now");
    }

    #[test]
    fn numbers() {
        assert_eq!(num(26.0), "26");
        assert_eq!(num(11.4), "11.4");
        assert_eq!(num(-5.0), "-5");
    }
}
