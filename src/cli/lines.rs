//! The commands that read files or JSON lines and answer one line each: `herald parse`,
//! `herald summarize` and `herald check-summary` (the harnesses' interfaces).

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use herald::parse;
use herald::summarize::{Budget, Extractive, Summarizer};

pub fn parse(files: &[PathBuf], json: bool, many: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for file in files {
        let max = herald::fetch::FetchOptions::default().max_body;
        let result = herald::localfile::read_capped(file, max)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))
            .map(|bytes| parse::parse_feed(&bytes, None, None));
        if many {
            let line = match &result {
                Ok(parsed) => serde_json::json!({"path": file, "result": parse_json(parsed)}),
                Err(e) => serde_json::json!({"path": file, "result": null, "error": e}),
            };
            writeln!(out, "{line}")?;
            continue;
        }
        let parsed = match result {
            Ok(p) => p,
            Err(e) => bail!(e),
        };
        if json {
            serde_json::to_writer_pretty(&mut out, &parse_json(&parsed))?;
            writeln!(out)?;
        } else {
            match parsed {
                Ok(f) => {
                    writeln!(
                        out,
                        "{}: {} ({}), {} entries",
                        file.display(),
                        one_line(f.feed.title.as_deref().unwrap_or("(untitled)")),
                        f.version,
                        f.entries.len()
                    )?;
                    for e in &f.entries {
                        writeln!(
                            out,
                            "  {}  {}",
                            e.published
                                .map(|p| p.to_string())
                                .unwrap_or_else(|| "-".into()),
                            one_line(e.title.as_deref().unwrap_or("(untitled)"))
                        )?;
                    }
                }
                Err(e) => writeln!(out, "{}: {e}", file.display())?,
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// A parse result as JSON in the shape of tests/fixtures/feedsuite/SCHEMA.md; a document that is not a feed is `bozo` with nothing.
fn parse_json(r: &Result<herald::model::ParsedFeed, parse::ParseError>) -> serde_json::Value {
    match r {
        Ok(f) => serde_json::to_value(f).unwrap_or(serde_json::Value::Null),
        Err(e) => serde_json::json!({
            "version": "",
            "bozo": true,
            "bozo_exception": e.to_string(),
            "feed": {},
            "entries": [],
        }),
    }
}

/// Reads JSON lines from stdin, answers each with `answer`, writes JSON lines to stdout. Blank
/// lines are skipped. A line that is not the expected object is answered with
/// `{"line": N, "error": "..."}` (and named on stderr), and the lines after it are still read:
/// one bad line never costs the others.
fn json_lines<T: serde::de::DeserializeOwned>(
    expected: &str,
    mut answer: impl FnMut(T) -> serde_json::Value,
) -> Result<()> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut bad = 0usize;
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.context("reading stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let reply = match serde_json::from_str::<T>(&line) {
            Ok(input) => answer(input),
            Err(e) => {
                bad += 1;
                let error = format!("expected {expected}: {e}");
                eprintln!("herald: stdin line {}: {error}", n + 1);
                serde_json::json!({"line": n + 1, "error": error})
            }
        };
        serde_json::to_writer(&mut out, &reply)?;
        writeln!(out)?;
    }
    out.flush()?;
    if bad > 0 {
        eprintln!(
            "herald: {bad} line{} could not be read (answered with an error object)",
            if bad == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

pub fn summarize(budget: Budget) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Input {
        id: serde_json::Value,
        #[serde(default)]
        title: String,
        article: String,
        /// The article's language ("fr", "de-CH"); detected from the text when absent.
        #[serde(default)]
        lang: Option<String>,
    }
    let summarizer = Extractive::default();
    json_lines("{\"id\", \"article\"}", |input: Input| {
        let text = herald::text::html_to_text(&input.article);
        let lang = line_lang(input.lang.as_deref(), &text);
        let summary = summarizer
            .summarize(&input.title, &text, lang.as_deref(), budget)
            .unwrap_or_default();
        serde_json::json!({"id": input.id, "summary": summary})
    })
}

pub fn check_summary() -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Input {
        id: serde_json::Value,
        article: String,
        sentence: String,
        #[serde(default)]
        lang: Option<String>,
    }
    let gate = herald::summarize::gate::Gate::default();
    json_lines("{\"id\", \"article\", \"sentence\"}", |input: Input| {
        let article = herald::text::html_to_text(&input.article);
        let lang = line_lang(input.lang.as_deref(), &article);
        let v = gate.check_in(&article, &input.sentence, lang.as_deref());
        serde_json::json!({"id": input.id, "supported": v.supported, "score": v.score, "reason": v.reason})
    })
}

pub fn segment() -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Input {
        id: serde_json::Value,
        text: String,
        /// The text's language ("ja", "de-CH"); detected from the text when absent.
        #[serde(default)]
        lang: Option<String>,
    }
    json_lines("{\"id\", \"text\"}", |input: Input| {
        let lang = line_lang(input.lang.as_deref(), &input.text);
        let paragraphs = herald::text::paragraphs_of(&input.text);
        let sentences: Vec<&str> = paragraphs
            .iter()
            .flat_map(|p| herald::summarize::segment::sentences_in(p, lang.as_deref()))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        serde_json::json!({"id": input.id, "sentences": sentences})
    })
}

/// A line's language: as given (normalized), else detected from its text.
fn line_lang(given: Option<&str>, text: &str) -> Option<String> {
    match given {
        Some(tag) => herald::lang::normalize(tag),
        None => herald::lang::detect(text),
    }
}

/// A title on one terminal line: a carriage return, newline or tab inside it (feeds have
/// them) would overwrite or break the listing.
pub(super) fn one_line(s: &str) -> String {
    herald::text::collapse_ws(&s.replace(|c: char| c.is_control(), " "))
}
