//! Summaries for a briefing's chosen items: extractive, or by the configured model behind the
//! gate, with model results kept in a cache (the store implements it) so a re-run costs nothing.

use jiff::Timestamp;

use super::llm::{self, Job, LlmConfig, LlmSummarizer, Outcome};
use super::{Budget, Extractive, Summarizer};

/// Where model summaries are kept between runs. The store implements it; `summarize` does not
/// depend on the store.
pub trait SummaryCache {
    type Error;
    /// The outcome cached under `key` (see [`llm::cache_key`]), if any.
    fn cached(&self, key: &str) -> Result<Option<Outcome>, Self::Error>;
    /// Keeps an outcome under `key`.
    fn put(&self, key: &str, outcome: &Outcome, now: Timestamp) -> Result<(), Self::Error>;
}

/// Why summaries could not be made at all (a failing model only falls back to extractive).
#[derive(Debug, thiserror::Error)]
pub enum SummariesError<E> {
    #[error(transparent)]
    Cache(E),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

/// One item to summarize.
pub struct Request<'a> {
    pub title: &'a str,
    pub text: &'a str,
    /// The item's language (ISO 639-1), when known.
    pub lang: Option<&'a str>,
    pub budget: Budget,
}

/// The model's job for a request.
fn job<'a>(r: &Request<'a>) -> Job<'a> {
    Job {
        title: r.title,
        text: r.text,
        lang: r.lang,
        budget: r.budget,
    }
}

/// A summary for each request, in order.
pub fn summarize_all<C: SummaryCache>(
    llm_config: Option<&LlmConfig>,
    cache: Option<&C>,
    requests: &[Request<'_>],
    now: Timestamp,
) -> Result<Vec<Outcome>, SummariesError<C::Error>> {
    let extractive = Extractive::default();
    let plain = |r: &Request<'_>| {
        Outcome::untranslated(
            extractive.summarize(r.title, r.text, r.lang, r.budget),
            "extractive".to_string(),
            None,
        )
    };
    let Some(llm_config) = llm_config else {
        return Ok(requests.iter().map(plain).collect());
    };
    let llm = match LlmSummarizer::new(llm_config.clone()) {
        Ok(l) => l,
        Err(reason) => {
            let fallback = |r| Outcome {
                fallback_reason: Some(reason.clone()),
                unanswered: true,
                ..plain(r)
            };
            return Ok(requests.iter().map(fallback).collect());
        }
    };
    let keys: Vec<String> = requests
        .iter()
        .map(|r| llm::cache_key(llm.model(), &job(r), llm_config.translate_to.as_deref()))
        .collect();
    let mut results: Vec<Option<Outcome>> = Vec::with_capacity(requests.len());
    for key in &keys {
        results.push(match cache {
            Some(c) => c.cached(key).map_err(SummariesError::Cache)?,
            None => None,
        });
    }
    let missing: Vec<usize> = (0..requests.len())
        .filter(|&i| results[i].is_none())
        .collect();
    if missing.is_empty() {
        return Ok(results.into_iter().flatten().collect());
    }
    let ask: Vec<Job<'_>> = missing.iter().map(|&i| job(&requests[i])).collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SummariesError::Runtime)?;
    let fresh = runtime.block_on(llm.summarize_all(&ask));
    for (&i, outcome) in missing.iter().zip(fresh) {
        // A model that gave no usable answer is asked again next run: only verdicts are kept,
        // so a fixed key or server takes effect at once.
        if let Some(c) = cache
            && !outcome.unanswered
        {
            c.put(&keys[i], &outcome, now)
                .map_err(SummariesError::Cache)?;
        }
        results[i] = Some(outcome);
    }
    Ok(results.into_iter().flatten().collect())
}
