//! Weather stage: the block that opens the briefing, read from whichever source the config
//! names — an Environment Canada city feed (Atom), an Environment Canada citypage XML document,
//! or an Open-Meteo forecast — with an optional fallback chain.
//!
//! Every reader keeps only what its source states, so the weather can be late or missing, but
//! never about another place.

mod cityfeed;
mod citypage;
mod openmeteo;

use jiff::{SignedDuration, Timestamp};

use crate::model::{FeedSource, Weather, WeatherBlock};

pub use cityfeed::{from_city_feed, parse_observed};

/// Why a weather source gave no weather.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WeatherError {
    #[error("not an Environment Canada city feed (no current conditions or forecasts)")]
    Unrecognized,
    #[error(
        "not a weather document herald knows (expected an Environment Canada city feed or citypage XML, or an Open-Meteo forecast)"
    )]
    UnknownFormat,
    #[error("the weather service said: {0}")]
    Service(String),
    #[error("{0}")]
    Malformed(String),
}

/// Observations older than this are flagged as stale.
pub const STALE_AFTER_HOURS: i64 = 3;

/// Units for display; the JSON is always metric.
pub use crate::model::WeatherUnits as Units;

/// Reads any supported weather document. `name` is the configured place name, used when the
/// source does not name one (Open-Meteo); `now` is the briefing's moment, to flag stale data.
pub fn read(
    bytes: &[u8],
    source: &str,
    name: Option<&str>,
    now: Timestamp,
) -> Result<Weather, WeatherError> {
    let text = String::from_utf8_lossy(bytes);
    let head = text.trim_start();
    let mut w = if head.starts_with('{') {
        openmeteo::read(head, source, now)?
    } else if head.contains("<siteData") {
        citypage::read(head, source)?
    } else {
        let feed =
            crate::parse::parse_feed(bytes, None, None).map_err(|_| WeatherError::UnknownFormat)?;
        from_city_feed(&feed, source)?
    };
    if let Some(name) = name {
        w.location = Some(name.to_string());
    }
    if let Some(observed) = w
        .observed_at
        .as_deref()
        .and_then(|o| o.parse::<Timestamp>().ok())
    {
        w.stale = observed < now - SignedDuration::from_hours(STALE_AFTER_HOURS);
    }
    Ok(w)
}

/// What the refresh stage got for one weather source: its document, or why there is none.
pub enum Fetched<'a> {
    Document(&'a [u8]),
    Failed(String),
    NotFetched,
}

/// The briefing's weather block: the first source that gives weather wins; otherwise it says
/// why each one failed. `fetched` answers for a source's location.
pub fn block<'a>(
    sources: &[FeedSource],
    name: Option<&str>,
    fetched: impl Fn(&str) -> Fetched<'a>,
    now: Timestamp,
) -> WeatherBlock {
    let mut reasons: Vec<String> = Vec::new();
    for source in sources {
        let reason = match fetched(&source.location) {
            Fetched::Document(body) => match read(body, &source.location, name, now) {
                Ok(data) => return WeatherBlock::Ok(Box::new(data)),
                Err(e) => e.to_string(),
            },
            Fetched::Failed(e) => e,
            Fetched::NotFetched => "not fetched".to_string(),
        };
        reasons.push(if sources.len() > 1 {
            format!("{}: {reason}", short_name(&source.location))
        } else {
            reason
        });
    }
    WeatherBlock::Unavailable(reasons.join("; "))
}

/// A source as a reader knows it: the host of a web address (never the long query of an
/// Open-Meteo URL), the name of a file.
fn short_name(location: &str) -> String {
    if let Ok(url) = url::Url::parse(location)
        && let Some(host) = url.host_str()
    {
        return host.trim_start_matches("www.").to_string();
    }
    std::path::Path::new(location).file_name().map_or_else(
        || location.to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// "2025-02-05T18:00:00-05:00" from a UTC moment and an offset in seconds.
fn local_rfc3339(t: Timestamp, offset_secs: i32) -> Option<String> {
    let offset = jiff::tz::Offset::from_seconds(offset_secs).ok()?;
    Some(
        t.to_zoned(jiff::tz::TimeZone::fixed(offset))
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
    )
}

/// Degrees to a 16-point compass direction.
fn compass(degrees: f64) -> &'static str {
    const POINTS: [&str; 16] = [
        "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW",
        "NW", "NNW",
    ];
    let i = ((degrees.rem_euclid(360.0) + 11.25) / 22.5) as usize % 16;
    POINTS[i]
}

#[cfg(test)]
mod tests;
