//! WAV, the one format every speech engine writes: reading a RIFF file's PCM and its format,
//! and writing one back. Engines that stream (`espeak-ng --stdout`) leave the sizes unset; the
//! data then runs to the end of the file.

/// What the samples are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub channels: u16,
    pub sample_rate: u32,
    pub bits: u16,
}

impl Format {
    /// Bytes of PCM per second.
    pub fn byte_rate(&self) -> u32 {
        self.sample_rate * u32::from(self.channels) * u32::from(self.bits / 8)
    }
}

/// Why bytes are not a WAV herald can join.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WavError {
    #[error("not a WAV file (no RIFF/WAVE header)")]
    NotWav,
    #[error("a WAV file without its {0} chunk")]
    Missing(&'static str),
    #[error("WAV encoding {0} is not PCM")]
    NotPcm(u16),
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// The format and the PCM bytes of a WAV file.
pub fn read(bytes: &[u8]) -> Result<(Format, &[u8]), WavError> {
    if bytes.get(0..4) != Some(b"RIFF") || bytes.get(8..12) != Some(b"WAVE") {
        return Err(WavError::NotWav);
    }
    let mut at = 12;
    let mut format = None;
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let size = u32_at(bytes, at + 4).ok_or(WavError::NotWav)? as usize;
        let body = at + 8;
        if id == b"fmt " {
            let encoding = u16_at(bytes, body).ok_or(WavError::Missing("fmt"))?;
            if encoding != 1 {
                return Err(WavError::NotPcm(encoding));
            }
            format = Some(Format {
                channels: u16_at(bytes, body + 2).ok_or(WavError::Missing("fmt"))?,
                sample_rate: u32_at(bytes, body + 4).ok_or(WavError::Missing("fmt"))?,
                bits: u16_at(bytes, body + 14).ok_or(WavError::Missing("fmt"))?,
            });
        } else if id == b"data" {
            let format = format.ok_or(WavError::Missing("fmt"))?;
            // A streamed file says 0 or 0xFFFFFFFF: the data is the rest of it.
            let end = if size == 0 || body + size > bytes.len() {
                bytes.len()
            } else {
                body + size
            };
            return Ok((format, &bytes[body..end]));
        }
        at = body + size + (size & 1);
    }
    Err(WavError::Missing("data"))
}

/// The loudness every edition is brought to: an RMS of -20 dBFS (speech then sits near
/// -16 LUFS, the level podcast apps expect), never past a peak of -0.5 dBFS.
const TARGET_RMS: f64 = 0.1;
const MAX_PEAK: f64 = 0.944;

/// Brings 16-bit PCM to [`TARGET_RMS`] (other sample sizes are left as they are), so a quiet
/// engine and a loud one sound alike; the gain is capped so no sample clips.
pub fn normalize(format: Format, pcm: &mut [u8]) {
    if format.bits != 16 || pcm.len() < 2 {
        return;
    }
    let samples = || {
        pcm.chunks_exact(2)
            .map(|b| f64::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0)
    };
    let (sum, n, peak) = samples().fold((0.0, 0usize, 0.0f64), |(s, n, p), x| {
        (s + x * x, n + 1, p.max(x.abs()))
    });
    if n == 0 || peak == 0.0 {
        return;
    }
    let rms = (sum / n as f64).sqrt();
    let gain = (TARGET_RMS / rms).min(MAX_PEAK / peak);
    for b in pcm.chunks_exact_mut(2) {
        let x = f64::from(i16::from_le_bytes([b[0], b[1]])) * gain;
        let y = x.round().clamp(-32768.0, 32767.0) as i16;
        b.copy_from_slice(&y.to_le_bytes());
    }
}

/// A WAV file of `pcm` in `format`.
pub fn write(format: Format, pcm: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(44 + pcm.len());
    let data_len = pcm.len() as u32;
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&format.channels.to_le_bytes());
    out.extend_from_slice(&format.sample_rate.to_le_bytes());
    out.extend_from_slice(&format.byte_rate().to_le_bytes());
    out.extend_from_slice(&(format.channels * (format.bits / 8)).to_le_bytes());
    out.extend_from_slice(&format.bits.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    out.extend_from_slice(pcm);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_files_read_back_and_streamed_sizes_run_to_the_end() {
        let f = Format {
            channels: 1,
            sample_rate: 22_050,
            bits: 16,
        };
        let pcm: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        let wav = write(f, &pcm);
        assert_eq!(read(&wav), Ok((f, &pcm[..])));
        let mut streamed = wav.clone();
        streamed[40..44].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(read(&streamed), Ok((f, &pcm[..])));
        assert_eq!(read(b"ID3 not a wav"), Err(WavError::NotWav));
    }

    fn rms_and_peak(pcm: &[u8]) -> (f64, f64) {
        let xs: Vec<f64> = pcm
            .chunks_exact(2)
            .map(|b| f64::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0)
            .collect();
        let rms = (xs.iter().map(|x| x * x).sum::<f64>() / xs.len() as f64).sqrt();
        (rms, xs.iter().fold(0.0f64, |p, x| p.max(x.abs())))
    }

    #[test]
    fn quiet_and_loud_speech_come_out_alike_and_never_clip() {
        let f = Format {
            channels: 1,
            sample_rate: 8_000,
            bits: 16,
        };
        let tone = |amplitude: f64| -> Vec<u8> {
            (0..8_000)
                .flat_map(|i| {
                    let x = (f64::from(i) * 0.05).sin() * amplitude * 32767.0;
                    (x as i16).to_le_bytes()
                })
                .collect()
        };
        for amplitude in [0.01, 0.5] {
            let mut pcm = tone(amplitude);
            normalize(f, &mut pcm);
            let (rms, peak) = rms_and_peak(&pcm);
            assert!((rms - TARGET_RMS).abs() < 0.005, "{amplitude}: rms {rms}");
            assert!(peak <= MAX_PEAK + 0.001, "{amplitude}: peak {peak}");
        }
        // A click in silence: the peak limits the gain.
        let mut click = vec![0u8; 16_000];
        click[0..2].copy_from_slice(&16_000i16.to_le_bytes());
        normalize(f, &mut click);
        assert!(rms_and_peak(&click).1 <= MAX_PEAK + 0.001);
    }
}
