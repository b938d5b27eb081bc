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
}
