//! Optional summaries by a language model behind an OpenAI-compatible API (Ollama, llama.cpp's
//! server, vLLM, hosted APIs), each sentence checked by the [`Gate`]; any doubt and the
//! extractive summary is used instead, with the reason recorded.

use std::time::Duration;

use futures::StreamExt;
use serde::Deserialize;

use super::gate::Gate;
use super::{Budget, Extractive, Summarizer, segment};

/// How to reach the model.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LlmConfig {
    /// e.g. `http://localhost:11434/v1` for Ollama.
    pub base_url: String,
    pub model: String,
    /// The environment variable holding the API key (none for a local server).
    pub api_key_env: Option<String>,
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    #[serde(default = "default_concurrency")]
    pub concurrency: usize,
    /// Translate summaries of items in other languages into this one (ISO 639-1), each
    /// translation checked by [`super::translate::check`].
    #[serde(default)]
    pub translate_to: Option<String>,
}

fn default_timeout() -> u64 {
    30
}
fn default_concurrency() -> usize {
    4
}

/// Which engine wrote a summary, and why the model's was not used when it was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub summary: Option<String>,
    /// "extractive" or "llm:MODEL".
    pub engine: String,
    pub fallback_reason: Option<String>,
    /// Set when `summary` is a checked translation: the item's language...
    pub translated_from: Option<String>,
    /// ...and the summary in it.
    pub original: Option<String>,
    /// The model could not be asked or gave no usable answer (unreachable, refused, timed out,
    /// malformed, too large): ask again next run, never cache. A judged answer (the gate's
    /// verdict) is cached.
    pub unanswered: bool,
}

impl Outcome {
    /// An outcome in the item's own language.
    pub fn untranslated(
        summary: Option<String>,
        engine: String,
        fallback_reason: Option<String>,
    ) -> Outcome {
        Outcome {
            summary,
            engine,
            fallback_reason,
            translated_from: None,
            original: None,
            unanswered: false,
        }
    }
}

/// The largest reply read from a model (a summary of 300 tokens is a few KiB).
pub const MAX_REPLY: usize = 1024 * 1024;

/// One article to summarize.
pub struct Job<'a> {
    pub title: &'a str,
    pub text: &'a str,
    /// The article's language (ISO 639-1), when known.
    pub lang: Option<&'a str>,
    pub budget: Budget,
}

/// Bump when the prompt changes, so cached summaries of the old prompt are not reused.
pub const PROMPT_VERSION: u32 = 1;

/// The cache key of a job: model, prompt version, budget and content (and the translation's
/// language and the item's, when the summary is to be translated).
pub fn cache_key(model: &str, job: &Job<'_>, translate_to: Option<&str>) -> String {
    let mut input = format!(
        "{model}\u{1f}{PROMPT_VERSION}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        job.budget.sentences, job.budget.words, job.title, job.text
    );
    if let Some(target) = translate_to {
        input.push_str(&format!(
            "\u{1f}translate:{target}:{}",
            job.lang.unwrap_or("")
        ));
    }
    format!("{:016x}", crate::items::fnv1a(input.as_bytes()))
}

pub struct LlmSummarizer {
    client: reqwest::Client,
    config: LlmConfig,
    api_key: Option<String>,
    gate: Gate,
    extractive: Extractive,
}

impl LlmSummarizer {
    pub fn new(config: LlmConfig) -> Result<LlmSummarizer, String> {
        let api_key =
            match &config.api_key_env {
                Some(var) => Some(std::env::var(var).map_err(|_| {
                    format!("the environment variable {var} (api_key_env) is not set")
                })?),
                None => None,
            };
        let client = reqwest::Client::builder()
            .user_agent(crate::fetch::user_agent())
            .timeout(Duration::from_secs(config.timeout_secs))
            .build()
            .map_err(|e| format!("cannot start HTTP client: {e}"))?;
        Ok(LlmSummarizer {
            client,
            config,
            api_key,
            gate: Gate::default(),
            extractive: Extractive::default(),
        })
    }

    pub fn model(&self) -> &str {
        &self.config.model
    }

    /// Summarizes every job, at most `concurrency` requests at once; results in input order.
    pub async fn summarize_all(&self, jobs: &[Job<'_>]) -> Vec<Outcome> {
        let mut out: Vec<(usize, Outcome)> = futures::stream::iter(jobs.iter().enumerate())
            .map(|(i, job)| async move { (i, self.summarize_one(job).await) })
            .buffer_unordered(self.config.concurrency.max(1))
            .collect()
            .await;
        out.sort_by_key(|(i, _)| *i);
        out.into_iter().map(|(_, o)| o).collect()
    }

    fn fallback(extractive: String, reason: String) -> Outcome {
        Outcome::untranslated(Some(extractive), "extractive".to_string(), Some(reason))
    }

    async fn summarize_one(&self, job: &Job<'_>) -> Outcome {
        let outcome = self.summarize_source(job).await;
        match (&self.config.translate_to, job.lang, &outcome.summary) {
            (Some(target), Some(lang), Some(summary)) if lang != target => {
                let original = summary.clone();
                self.translate(lang, target, original, outcome).await
            }
            _ => outcome,
        }
    }

    /// Asks the model to translate a summary; the translation is shown only when
    /// [`super::translate::check`] finds nothing in it that the original does not say.
    async fn translate(
        &self,
        lang: &str,
        target: &str,
        original: String,
        outcome: Outcome,
    ) -> Outcome {
        let keep = |reason: String| Outcome {
            fallback_reason: Some(match &outcome.fallback_reason {
                Some(earlier) => format!("{earlier}; translation not shown: {reason}"),
                None => format!("translation not shown: {reason}"),
            }),
            ..outcome.clone()
        };
        let system = format!(
            "Translate this news summary from {} into {}. Keep every number, date and name exactly \
             as written, and leave quotations in their original language. Add nothing. Reply with \
             the translation only.",
            language_name(lang),
            language_name(target)
        );
        let reply = match self.chat(&system, &original).await {
            Ok(r) => crate::text::collapse_ws(crate::parse::sanitize::clean(&r, usize::MAX).trim()),
            Err(reason) => {
                return Outcome {
                    unanswered: true,
                    ..keep(reason)
                };
            }
        };
        if let Err(why) = super::translate::check(&original, Some(lang), &reply, target) {
            return keep(why.to_string());
        }
        Outcome {
            summary: Some(reply),
            engine: format!("{}+translated", outcome.engine),
            fallback_reason: outcome.fallback_reason.clone(),
            translated_from: Some(lang.to_string()),
            original: Some(original),
            unanswered: false,
        }
    }

    /// The summary in the item's own language: the model's behind the gate, or extractive.
    async fn summarize_source(&self, job: &Job<'_>) -> Outcome {
        // Nothing to summarize is nothing to ask a model about: it would only invent.
        let Some(extractive) = self
            .extractive
            .summarize(job.title, job.text, job.lang, job.budget)
        else {
            return Outcome::untranslated(None, "extractive".to_string(), None);
        };
        let reply = match self.complete(job).await {
            Ok(r) => r,
            Err(reason) => {
                return Outcome {
                    unanswered: true,
                    ..Self::fallback(extractive, reason)
                };
            }
        };
        // The model's words are outside text too: no escape sequence or bidi override passes.
        let reply =
            crate::text::collapse_ws(crate::parse::sanitize::clean(&reply, usize::MAX).trim());
        if reply.is_empty() {
            return Self::fallback(
                extractive,
                "the model returned an empty summary".to_string(),
            );
        }
        let sentences = segment::sentences_in(&reply, job.lang);
        let words = super::length_in_words(&reply);
        if sentences.len() > job.budget.sentences || words > job.budget.max_words() {
            return Self::fallback(
                extractive,
                format!(
                    "the model ignored the length limit ({} sentences, {words} words)",
                    sentences.len()
                ),
            );
        }
        for s in &sentences {
            let v = self.gate.check_in(job.text, s, job.lang);
            if !v.supported {
                return Self::fallback(
                    extractive,
                    format!(
                        "unsupported sentence \"{s}\": {}",
                        v.reason.unwrap_or_default()
                    ),
                );
            }
        }
        Outcome::untranslated(Some(reply), format!("llm:{}", self.config.model), None)
    }

    async fn complete(&self, job: &Job<'_>) -> Result<String, String> {
        let article: String = job.text.chars().take(12_000).collect();
        let system = format!(
            "You summarize news for a morning briefing. Write at most {} sentences and {} words. \
             Use only facts stated in the article: no outside knowledge, no opinions, no names, \
             numbers or quotes that are not in it. Reply with the summary only.",
            job.budget.sentences, job.budget.words
        );
        self.chat(&system, &format!("Title: {}\n\n{}", job.title, article))
            .await
    }

    /// One chat completion: the system prompt and the user's text, the reply's text.
    async fn chat(&self, system: &str, user: &str) -> Result<String, String> {
        let body = serde_json::json!({
            "model": self.config.model,
            "temperature": 0,
            "max_tokens": 300,
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": user},
            ],
        });
        let url = format!(
            "{}/chat/completions",
            self.config.base_url.trim_end_matches('/')
        );
        let mut req = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        if let Some(key) = &self.api_key {
            req = req.bearer_auth(key);
        }
        let resp = req.send().await.map_err(|e| {
            if e.is_timeout() {
                format!("the model timed out after {} s", self.config.timeout_secs)
            } else {
                format!("cannot reach the model: {e}")
            }
        })?;
        let status = resp.status();
        let text = self.read_reply(resp).await?;
        if !status.is_success() {
            return Err(format!(
                "the model's server answered HTTP {}",
                status.as_u16()
            ));
        }
        let v: serde_json::Value = serde_json::from_str(&text)
            .map_err(|_| "malformed reply from the model".to_string())?;
        v.pointer("/choices/0/message/content")
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| {
                "malformed reply from the model (no choices[0].message.content)".to_string()
            })
    }
}

impl LlmSummarizer {
    /// The reply's body, read chunk by chunk and never more than [`MAX_REPLY`] bytes: a server
    /// that streams without end costs a line, not the machine's memory.
    async fn read_reply(&self, mut resp: reqwest::Response) -> Result<String, String> {
        let mut body = Vec::new();
        loop {
            let chunk = resp.chunk().await.map_err(|e| {
                if e.is_timeout() {
                    format!("the model timed out after {} s", self.config.timeout_secs)
                } else {
                    format!("the model's reply was cut off: {e}")
                }
            })?;
            let Some(chunk) = chunk else { break };
            if body.len() + chunk.len() > MAX_REPLY {
                return Err(format!(
                    "the model's reply is larger than {} MiB",
                    MAX_REPLY / (1024 * 1024)
                ));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(String::from_utf8_lossy(&body).into_owned())
    }
}

/// A language's English name for the prompt ("French"), or its code.
fn language_name(code: &str) -> &str {
    let name = crate::locale::Locale::or_english("en").language_name(code);
    if name.is_empty() { code } else { name }
}
