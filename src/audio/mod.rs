//! The briefing to listen to: the speech script ([`crate::render::speech`]) read by a speech
//! engine, a piece per chapter (the weather, each section), the pieces synthesized two at a
//! time, each retried once, and joined into one WAV with a pause between chapters; the
//! chapters' start times come from the pieces' own lengths (Podcasting 2.0 chapters JSON).
//!
//! Engines are programs: `espeak-ng` (Debian's, many languages) or any `command` that reads
//! text on stdin and writes WAV on stdout (Piper: `piper --model VOICE.onnx --output_file -`).
//! A failing engine costs the audio, never the text briefing.

pub mod wav;

use std::io::Write;
use std::process::{Command, Stdio};

use serde::Deserialize;

use crate::model::Briefing;

/// `[audio]` in the config.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudioConfig {
    /// "espeak-ng" (default) or "command".
    #[serde(default = "default_engine")]
    pub engine: String,
    /// For `engine = "command"`: the program and its arguments; text on stdin, WAV on stdout.
    #[serde(default)]
    pub command: Vec<String>,
    /// For espeak-ng: a voice ("en-us", "fr"); default: the briefing's language.
    pub voice: Option<String>,
}

fn default_engine() -> String {
    "espeak-ng".to_string()
}

impl Default for AudioConfig {
    fn default() -> Self {
        AudioConfig {
            engine: default_engine(),
            command: Vec::new(),
            voice: None,
        }
    }
}

/// Why no audio was made (the text briefing stands).
#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    #[error("unknown audio engine '{0}': expected espeak-ng or command")]
    UnknownEngine(String),
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

/// Reads the briefing aloud with the configured engine.
pub fn make(b: &Briefing, config: &AudioConfig) -> Result<Audio, AudioError> {
    let argv = engine_argv(config, &b.locale)?;
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
                .map(|(_, text)| scope.spawn(|| speak_retrying(&argv, text)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err(AudioError::Empty)))
                .collect()
        });
        wavs.extend(done);
    }
    join(&pieces, wavs, &argv[0])
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

/// One piece, tried twice before its failure is reported.
fn speak_retrying(argv: &[String], text: &str) -> Result<Vec<u8>, AudioError> {
    speak(argv, text).or_else(|_| speak(argv, text))
}

fn speak(argv: &[String], text: &str) -> Result<Vec<u8>, AudioError> {
    let program = argv[0].clone();
    let mut child = Command::new(&argv[0])
        .args(&argv[1..])
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
    wav::read(&out.stdout).map_err(|source| AudioError::Wav {
        program: program.clone(),
        source,
    })?;
    Ok(out.stdout)
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
