//! Environment Canada's citypage XML (`siteData`, from the MSC datamart): current conditions,
//! warnings, forecast periods, sunrise and sunset.

use crate::model::{CurrentConditions, ForecastPeriod, Weather, WeatherWarning};
use crate::parse::xml::{self, Element};

use super::{WeatherError, local_rfc3339};

fn child<'e>(e: &'e Element, local: &str) -> Option<&'e Element> {
    e.elements().find(|c| c.local == local)
}

fn text_of(e: &Element, local: &str) -> Option<String> {
    child(e, local)
        .map(|c| c.text().trim().to_string())
        .filter(|t| !t.is_empty())
}

fn number(e: &Element, local: &str) -> Option<f64> {
    text_of(e, local).and_then(|t| t.parse().ok())
}

/// The local-time `<dateTime name=…>` of a block, as RFC 3339 with its offset.
fn moment(parent: &Element, name: &str) -> Option<String> {
    let dt = parent
        .elements()
        .filter(|d| d.local == "datetime" && d.attr("name") == Some(name))
        .find(|d| d.attr("zone") != Some("UTC"))
        .or_else(|| {
            parent
                .elements()
                .find(|d| d.local == "datetime" && d.attr("name") == Some(name))
        })?;
    let stamp = text_of(dt, "timestamp")?;
    let offset_h: f64 = dt
        .attr("utcoffset")
        .and_then(|o| o.trim().parse().ok())
        .unwrap_or(0.0);
    let civil = jiff::civil::DateTime::strptime("%Y%m%d%H%M%S", &stamp).ok()?;
    let offset_secs = (offset_h * 3600.0) as i32;
    let ts = jiff::tz::Offset::from_seconds(offset_secs)
        .ok()?
        .to_timestamp(civil)
        .ok()?;
    local_rfc3339(ts, offset_secs)
}

fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Reads a citypage document.
pub fn read(text: &str, source: &str) -> Result<Weather, WeatherError> {
    let doc = xml::parse(text);
    let root = doc
        .root
        .filter(|r| r.local == "sitedata")
        .ok_or(WeatherError::UnknownFormat)?;
    let mut w = Weather {
        source: source.to_string(),
        attribution: Some("Environment and Climate Change Canada".to_string()),
        ..Weather::default()
    };
    if let Some(loc) = child(&root, "location") {
        w.location = text_of(loc, "name");
    }
    if let Some(warnings) = child(&root, "warnings") {
        for ev in warnings.elements().filter(|e| e.local == "event") {
            if ev.attr("type") == Some("ended") {
                continue;
            }
            if let Some(desc) = ev
                .attr("description")
                .map(str::trim)
                .filter(|d| !d.is_empty())
            {
                w.warnings.push(WeatherWarning {
                    title: sentence_case(desc),
                    link: ev.attr("url").map(str::to_string),
                });
            }
        }
    }
    if let Some(cc) = child(&root, "currentconditions") {
        w.observed_at = moment(cc, "observation");
        let pressure = child(cc, "pressure");
        let mut c = CurrentConditions {
            temperature_c: number(cc, "temperature"),
            condition: text_of(cc, "condition"),
            humidity_pct: number(cc, "relativehumidity"),
            pressure_kpa: pressure.and_then(|p| p.text().trim().parse().ok()),
            tendency: pressure
                .and_then(|p| p.attr("tendency"))
                .map(str::to_string),
            dewpoint_c: number(cc, "dewpoint"),
            humidex: number(cc, "humidex"),
            wind_chill: number(cc, "windchill"),
            ..CurrentConditions::default()
        };
        if let Some(wind) = child(cc, "wind") {
            let speed = text_of(wind, "speed");
            let dir = text_of(wind, "direction");
            let gust = text_of(wind, "gust");
            c.wind = match (dir, speed) {
                (_, Some(s))
                    if s == "0"
                        || s.eq_ignore_ascii_case("calm")
                        || s.eq_ignore_ascii_case("calme") =>
                {
                    Some("calm".to_string())
                }
                (Some(d), Some(s)) => Some(match gust {
                    Some(g) => format!("{d} {s} km/h gusting to {g}"),
                    None => format!("{d} {s} km/h"),
                }),
                (None, Some(s)) => Some(format!("{s} km/h")),
                _ => None,
            };
        }
        w.current = c;
    }
    if let Some(fg) = child(&root, "forecastgroup") {
        w.issued_at = moment(fg, "forecastIssue");
        for f in fg.elements().filter(|e| e.local == "forecast") {
            let Some(name) = text_of(f, "period") else {
                continue;
            };
            let temps: Vec<&Element> = child(f, "temperatures")
                .map(|t| t.elements().filter(|e| e.local == "temperature").collect())
                .unwrap_or_default();
            let temp = |class: &str| {
                temps
                    .iter()
                    .find(|t| t.attr("class") == Some(class))
                    .and_then(|t| t.text().trim().parse().ok())
            };
            w.periods.push(ForecastPeriod {
                summary: text_of(f, "textsummary").unwrap_or_default(),
                high_c: temp("high"),
                low_c: temp("low"),
                pop_pct: child(f, "abbreviatedforecast").and_then(|a| number(a, "pop")),
                name,
            });
        }
    }
    if let Some(rs) = child(&root, "riseset") {
        w.sunrise = moment(rs, "sunrise");
        w.sunset = moment(rs, "sunset");
    }
    if w.current == CurrentConditions::default() && w.periods.is_empty() {
        return Err(WeatherError::Unrecognized);
    }
    Ok(w)
}
