//! `herald extract`: the article of a saved page or a web address, as text or JSON; `--many`
//! answers one JSON line per page (the extraction harness's interface).

use std::io::Write;

use anyhow::{Result, bail};

use herald::extract::{self, Extracted};
use herald::fetch::FetchOptions;

pub fn run(inputs: &[String], json: bool, many: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if many {
        for path in inputs {
            let line = match read_file(path) {
                Ok(a) => serde_json::json!({"path": path, "result": a}),
                Err(e) => serde_json::json!({"path": path, "error": e}),
            };
            writeln!(out, "{line}")?;
        }
        out.flush()?;
        return Ok(());
    }
    let [input] = inputs else {
        bail!("give one page or address (or --many for several)");
    };
    let article = if input.starts_with("http://") || input.starts_with("https://") {
        extract::fetch::page(input, &FetchOptions::default())?
    } else {
        read_file(input).map_err(anyhow::Error::msg)?
    };
    if json {
        serde_json::to_writer_pretty(&mut out, &article)?;
        writeln!(out)?;
    } else {
        if let Some(t) = &article.title {
            writeln!(out, "{t}\n")?;
        }
        writeln!(out, "{}", article.text)?;
    }
    out.flush()?;
    Ok(())
}

/// A saved page's article, or why there is none.
fn read_file(path: &str) -> Result<Extracted, String> {
    let bytes = herald::localfile::read_capped(path.as_ref(), extract::fetch::MAX_PAGE)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    extract::extract_bytes(&bytes, None, None).map_err(|e| format!("{path}: {e}"))
}
