//! The briefing to listen to: the speech script ([`crate::render::speech`]) read by a speech
//! engine, a piece per chapter (the weather, each section), the pieces synthesized two at a
//! time, each retried once, and joined into one WAV with a pause between chapters; the
//! chapters' start times come from the pieces' own lengths (Podcasting 2.0 chapters JSON).
//!
//! Engines are programs: `espeak-ng` (Debian's, many languages) or any `command` that reads
//! text on stdin and writes WAV on stdout (Piper: `piper --model VOICE.onnx --output_file -`).
//! A failing engine costs the audio, never the text briefing.

pub mod id3;
pub mod wav;

use std::io::Write;
use std::process::{Command, Stdio};

use serde::Deserialize;

use crate::model::Briefing;

/// `[audio]` in the config.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudioConfig {
    /// Read every briefing aloud (beside its output file), as `--audio` does for one run.
    #[serde(default)]
    pub enabled: bool,
    /// With `enabled`: "mp3" (default; through lame) or "wav".
    #[serde(default = "default_audio_format")]
    pub format: String,
    /// "espeak-ng" (default) or "command".
    #[serde(default = "default_engine")]
    pub engine: String,
    /// For `engine = "command"`: the program and its arguments; text on stdin, WAV on stdout,
    /// or in the file an argument names `{out}` (Piper: `["piper", "-m", "VOICE.onnx", "-f",
    /// "{out}"]`).
    #[serde(default)]
    pub command: Vec<String>,
    /// For espeak-ng: a voice ("en-us", "fr"); default: the briefing's language. For
    /// openai-compatible: the API's voice ("alloy").
    pub voice: Option<String>,
    /// For `engine = "openai-compatible"`: the API's base URL (`{base_url}/audio/speech`).
    pub base_url: Option<String>,
    /// For openai-compatible: the model ("tts-1").
    pub model: Option<String>,
    /// For openai-compatible: the environment variable that holds the API key.
    pub api_key_env: Option<String>,
}

fn default_engine() -> String {
    "espeak-ng".to_string()
}

fn default_audio_format() -> String {
    "mp3".to_string()
}

impl Default for AudioConfig {
    fn default() -> Self {
        AudioConfig {
            enabled: false,
            format: default_audio_format(),
            engine: default_engine(),
            command: Vec::new(),
            voice: None,
            base_url: None,
            model: None,
            api_key_env: None,
        }
    }
}

/// Why no audio was made (the text briefing stands).
#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    #[error("unknown audio engine '{0}': expected espeak-ng, command or openai-compatible")]
    UnknownEngine(String),
    #[error("[audio] engine = \"openai-compatible\" needs base_url and model")]
    NoEndpoint,
    #[error("the environment variable {0} (api_key_env) is not set")]
    NoKey(String),
    #[error("the speech server: {0}")]
    Http(String),
    #[error("[audio] engine = \"command\" needs command = [\"program\", \"arg\", …]")]
    NoCommand,
    #[error("cannot run {program}: {source} (is it installed?)")]
    Run {
        program: String,
        source: std::io::Error,
    },
    #[error("{program} failed ({status}){}", if .stderr.is_empty() { String::new() } else { format!(": {}", .stderr) })]
    Failed {
        program: String,
        status: String,
        stderr: String,
    },
    #[error("{program} did not write a WAV file: {source}")]
    Wav {
        program: String,
        source: wav::WavError,
    },
    #[error("the pieces came in different formats ({0:?} and {1:?})")]
    Mixed(wav::Format, wav::Format),
    #[error("nothing to say")]
    Empty,
}

/// A chapter of the audio: where it starts and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    pub title: String,
    pub start_secs: f64,
}

/// The briefing as one WAV file, with its chapters.
#[derive(Debug)]
pub struct Audio {
    pub wav: Vec<u8>,
    pub chapters: Vec<Chapter>,
    pub seconds: f64,
}

/// The seconds of silence between chapters.
const PAUSE_SECS: f64 = 0.8;

/// Where a piece of text becomes WAV.
enum Engine {
    /// A program: text on stdin, WAV on stdout.
    Program(Vec<String>),
    /// `POST {url}` with the model, voice and text, WAV back.
    Http {
        url: String,
        model: String,
        voice: String,
        key: Option<String>,
    },
}

/// The largest answer read from a speech server (an hour of 24 kHz mono is 170 MB).
const MAX_SPEECH_BODY: usize = 256 * 1024 * 1024;

/// Reads the briefing aloud with the configured engine. With `cache`, a directory, each piece
/// is kept there under a hash of the engine and its text: a re-run (the same day, or a piece
/// said again) does not synthesize what it already spoke.
pub fn make(
    b: &Briefing,
    config: &AudioConfig,
    cache: Option<&std::path::Path>,
) -> Result<Audio, AudioError> {
    let engine = engine(config, &b.locale)?;
    let pieces = crate::render::speech::pieces(b);
    if pieces.is_empty() {
        return Err(AudioError::Empty);
    }
    // Two at a time: a speech engine takes a core.
    let mut wavs: Vec<Result<Vec<u8>, AudioError>> = Vec::with_capacity(pieces.len());
    for pair in pieces.chunks(2) {
        let done: Vec<Result<Vec<u8>, AudioError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = pair
                .iter()
                .map(|(_, text)| scope.spawn(|| cached(cache, &engine, text)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err(AudioError::Empty)))
                .collect()
        });
        wavs.extend(done);
    }
    let name = match &engine {
        Engine::Program(argv) => argv[0].clone(),
        Engine::Http { url, .. } => url.clone(),
    };
    join(&pieces, wavs, &name)
}

fn engine(config: &AudioConfig, locale: &str) -> Result<Engine, AudioError> {
    if config.engine != "openai-compatible" {
        return engine_argv(config, locale).map(Engine::Program);
    }
    let (Some(base), Some(model)) = (&config.base_url, &config.model) else {
        return Err(AudioError::NoEndpoint);
    };
    let key = match &config.api_key_env {
        Some(var) => Some(std::env::var(var).map_err(|_| AudioError::NoKey(var.clone()))?),
        None => None,
    };
    Ok(Engine::Http {
        url: format!("{}/audio/speech", base.trim_end_matches('/')),
        model: model.clone(),
        voice: config.voice.clone().unwrap_or_else(|| "alloy".into()),
        key,
    })
}

/// `POST /audio/speech` of an OpenAI-compatible server, WAV asked for, the answer capped.
fn speak_http(
    url: &str,
    model: &str,
    voice: &str,
    key: Option<&str>,
    text: &str,
) -> Result<Vec<u8>, AudioError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| AudioError::Http(e.to_string()))?;
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .user_agent(crate::fetch::user_agent())
            .timeout(std::time::Duration::from_secs(300))
            .build()
            .map_err(|e| AudioError::Http(e.to_string()))?;
        let body = serde_json::json!({"model": model, "voice": voice, "input": text, "response_format": "wav"});
        let mut req = client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        if let Some(k) = key {
            req = req.bearer_auth(k);
        }
        // reqwest's messages quote the URL only: no key in them.
        let mut resp = req
            .send()
            .await
            .map_err(|e| AudioError::Http(if e.is_timeout() { "timed out".into() } else { "cannot reach it".into() }))?;
        if !resp.status().is_success() {
            return Err(AudioError::Http(format!("HTTP {}", resp.status().as_u16())));
        }
        let mut out = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|_| AudioError::Http("the answer was cut off".into()))? {
            if out.len() + chunk.len() > MAX_SPEECH_BODY {
                return Err(AudioError::Http("the answer is too large".into()));
            }
            out.extend_from_slice(&chunk);
        }
        wav::read(&out).map_err(|source| AudioError::Wav {
            program: url.to_string(),
            source,
        })?;
        Ok(out)
    })
}

/// The program and arguments that read text on stdin and write WAV on stdout.
fn engine_argv(config: &AudioConfig, locale: &str) -> Result<Vec<String>, AudioError> {
    match config.engine.as_str() {
        "espeak-ng" => {
            let voice = config
                .voice
                .clone()
                .unwrap_or_else(|| crate::lang::normalize(locale).unwrap_or_else(|| "en".into()));
            Ok(vec![
                "espeak-ng".into(),
                "-v".into(),
                voice,
                "--stdin".into(),
                "--stdout".into(),
            ])
        }
        "command" if config.command.is_empty() => Err(AudioError::NoCommand),
        "command" => Ok(config.command.clone()),
        other => Err(AudioError::UnknownEngine(other.to_string())),
    }
}

/// A piece from the cache, or spoken and kept there (a cache that cannot be written costs only
/// the caching).
fn cached(
    cache: Option<&std::path::Path>,
    engine: &Engine,
    text: &str,
) -> Result<Vec<u8>, AudioError> {
    let Some(dir) = cache else {
        return speak_retrying(engine, text);
    };
    let identity = match engine {
        Engine::Program(argv) => argv.join("\u{1f}"),
        Engine::Http {
            url, model, voice, ..
        } => format!("{url}\u{1f}{model}\u{1f}{voice}"),
    };
    let key = crate::items::fnv1a(format!("{identity}\u{1e}{text}").as_bytes());
    let path = dir.join(format!("{key:016x}.wav"));
    if let Ok(bytes) = crate::localfile::read_capped(&path, MAX_SPEECH_BODY)
        && wav::read(&bytes).is_ok()
    {
        return Ok(bytes);
    }
    let bytes = speak_retrying(engine, text)?;
    // Written whole or not at all (a temp file renamed), so a kill never leaves half a piece.
    let kept = std::fs::create_dir_all(dir)
        .and_then(|_| tempfile::NamedTempFile::new_in(dir))
        .and_then(|mut tmp| {
            tmp.write_all(&bytes)?;
            tmp.persist(&path).map(|_| ()).map_err(|e| e.error)
        });
    let _ = kept;
    Ok(bytes)
}

/// One piece, tried twice before its failure is reported.
fn speak_retrying(engine: &Engine, text: &str) -> Result<Vec<u8>, AudioError> {
    let once = || match engine {
        Engine::Program(argv) => speak(argv, text),
        Engine::Http {
            url,
            model,
            voice,
            key,
        } => speak_http(url, model, voice, key.as_deref(), text),
    };
    once().or_else(|_| once())
}

fn speak(argv: &[String], text: &str) -> Result<Vec<u8>, AudioError> {
    let program = argv[0].clone();
    // An engine that writes a file: `{out}` is a temporary path, read back when it is done.
    let out_file = argv
        .iter()
        .any(|a| a.contains("{out}"))
        .then(|| tempfile::Builder::new().suffix(".wav").tempfile())
        .transpose()
        .map_err(|source| AudioError::Run {
            program: program.clone(),
            source,
        })?;
    let args: Vec<String> = argv[1..]
        .iter()
        .map(|a| match &out_file {
            Some(f) => a.replace("{out}", &f.path().display().to_string()),
            None => a.clone(),
        })
        .collect();
    let mut child = Command::new(&argv[0])
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| AudioError::Run {
            program: program.clone(),
            source,
        })?;
    // Fed on its own thread, so an engine that writes before it has read everything cannot
    // block on a full pipe while herald blocks on writing. A program that exits without
    // reading is reported by its status.
    let feeder = child.stdin.take().map(|mut stdin| {
        let text = text.to_string();
        std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        })
    });
    let out = child.wait_with_output().map_err(|source| AudioError::Run {
        program: program.clone(),
        source,
    })?;
    if let Some(f) = feeder {
        let _ = f.join();
    }
    if !out.status.success() {
        let stderr: String = String::from_utf8_lossy(&out.stderr)
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        return Err(AudioError::Failed {
            program,
            status: out.status.to_string(),
            stderr,
        });
    }
    let bytes = match &out_file {
        Some(f) => crate::localfile::read_capped(f.path(), MAX_SPEECH_BODY).map_err(|e| {
            AudioError::Failed {
                program: program.clone(),
                status: "no output file".into(),
                stderr: e.to_string(),
            }
        })?,
        None => out.stdout,
    };
    wav::read(&bytes).map_err(|source| AudioError::Wav {
        program: program.clone(),
        source,
    })?;
    Ok(bytes)
}

/// The pieces as one WAV, a pause between them, and where each chapter starts.
fn join(
    pieces: &[(String, String)],
    wavs: Vec<Result<Vec<u8>, AudioError>>,
    program: &str,
) -> Result<Audio, AudioError> {
    let mut format: Option<wav::Format> = None;
    let mut pcm: Vec<u8> = Vec::new();
    let mut chapters = Vec::new();
    for ((title, _), piece) in pieces.iter().zip(wavs) {
        let bytes = piece?;
        let (f, samples) = wav::read(&bytes).map_err(|source| AudioError::Wav {
            program: program.to_string(),
            source,
        })?;
        match format {
            None => format = Some(f),
            Some(g) if g != f => return Err(AudioError::Mixed(g, f)),
            Some(g) => {
                let frame = usize::from(g.channels) * usize::from(g.bits / 8);
                let silence = ((f64::from(g.sample_rate) * PAUSE_SECS) as usize) * frame;
                pcm.resize(pcm.len() + silence, 0);
            }
        }
        let start = pcm.len() as f64 / f64::from(f.byte_rate().max(1));
        chapters.push(Chapter {
            title: title.clone(),
            start_secs: start,
        });
        pcm.extend_from_slice(samples);
    }
    let format = format.ok_or(AudioError::Empty)?;
    wav::normalize(format, &mut pcm);
    Ok(Audio {
        seconds: pcm.len() as f64 / f64::from(format.byte_rate().max(1)),
        wav: wav::write(format, &pcm),
        chapters,
    })
}

/// The chapters as Podcasting 2.0 JSON (`application/json+chapters`).
pub fn chapters_json(chapters: &[Chapter]) -> String {
    let list: Vec<serde_json::Value> = chapters
        .iter()
        .map(|c| serde_json::json!({"startTime": (c.start_secs * 100.0).round() / 100.0, "title": c.title}))
        .collect();
    let mut s =
        serde_json::to_string_pretty(&serde_json::json!({"version": "1.2.0", "chapters": list}))
            .unwrap_or_default();
    s.push('\n');
    s
}
