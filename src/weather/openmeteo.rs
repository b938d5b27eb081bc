//! Open-Meteo's `/v1/forecast` JSON, for anywhere on Earth: current conditions, and today,
//! tonight and tomorrow derived from the hourly and daily arrays.

use jiff::Timestamp;
use serde_json::Value;

use crate::model::{CurrentConditions, ForecastPeriod, Weather};

use super::{WeatherError, compass, local_rfc3339};

/// WMO weather interpretation codes, as Open-Meteo documents them.
pub fn wmo(code: i64) -> &'static str {
    match code {
        0 => "Clear sky",
        1 => "Mainly clear",
        2 => "Partly cloudy",
        3 => "Overcast",
        45 => "Fog",
        48 => "Depositing rime fog",
        51 => "Light drizzle",
        53 => "Moderate drizzle",
        55 => "Dense drizzle",
        56 => "Light freezing drizzle",
        57 => "Dense freezing drizzle",
        61 => "Slight rain",
        63 => "Moderate rain",
        65 => "Heavy rain",
        66 => "Light freezing rain",
        67 => "Heavy freezing rain",
        71 => "Slight snowfall",
        73 => "Moderate snowfall",
        75 => "Heavy snowfall",
        77 => "Snow grains",
        80 => "Slight rain showers",
        81 => "Moderate rain showers",
        82 => "Violent rain showers",
        85 => "Slight snow showers",
        86 => "Heavy snow showers",
        95 => "Thunderstorm",
        96 => "Thunderstorm with slight hail",
        99 => "Thunderstorm with heavy hail",
        _ => "Unknown conditions",
    }
}

fn nums(v: &Value, block: &str, key: &str) -> Vec<Option<f64>> {
    v.get(block)
        .and_then(|b| b.get(key))
        .and_then(Value::as_array)
        .map(|a| a.iter().map(Value::as_f64).collect())
        .unwrap_or_default()
}

fn strs(v: &Value, block: &str, key: &str) -> Vec<String> {
    v.get(block)
        .and_then(|b| b.get(key))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A local "2025-09-03T10:30" in the reply's offset, as a timestamp.
fn local_time(s: &str, offset_secs: i32) -> Option<Timestamp> {
    let civil: jiff::civil::DateTime = s.parse().ok()?;
    jiff::tz::Offset::from_seconds(offset_secs)
        .ok()?
        .to_timestamp(civil)
        .ok()
}

/// Reads an Open-Meteo reply (or its error reply).
pub fn read(text: &str, source: &str, now: Timestamp) -> Result<Weather, WeatherError> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| WeatherError::Malformed(format!("invalid JSON: {e}")))?;
    if v.get("error").and_then(Value::as_bool) == Some(true) {
        let reason = v
            .get("reason")
            .and_then(Value::as_str)
            .unwrap_or("unknown error");
        return Err(WeatherError::Service(reason.to_string()));
    }
    if v.get("current").is_none() && v.get("daily").is_none() {
        return Err(WeatherError::UnknownFormat);
    }
    let offset = v
        .get("utc_offset_seconds")
        .and_then(Value::as_i64)
        .unwrap_or(0) as i32;
    let mut w = Weather {
        source: source.to_string(),
        attribution: Some("Weather data by Open-Meteo.com (CC BY 4.0)".to_string()),
        location: match (
            v.get("latitude").and_then(Value::as_f64),
            v.get("longitude").and_then(Value::as_f64),
        ) {
            (Some(la), Some(lo)) => Some(format!("{la:.2}, {lo:.2}")),
            _ => None,
        },
        ..Weather::default()
    };
    if let Some(cur) = v.get("current") {
        w.observed_at = cur
            .get("time")
            .and_then(Value::as_str)
            .and_then(|t| local_time(t, offset))
            .and_then(|t| local_rfc3339(t, offset));
        w.current = current(cur);
    }
    let local_now = now.to_zoned(jiff::tz::TimeZone::fixed(
        jiff::tz::Offset::from_seconds(offset)
            .map_err(|e| WeatherError::Malformed(e.to_string()))?,
    ));
    let days = strs(&v, "daily", "time");
    let today = local_now.date().to_string();
    if let Some(d) = days.iter().position(|x| *x == today) {
        w.periods = periods(&v, &local_now, d, days.len());
        let sun = |key: &str| {
            strs(&v, "daily", key)
                .get(d)
                .and_then(|s| local_time(s, offset))
                .and_then(|t| local_rfc3339(t, offset))
        };
        w.sunrise = sun("sunrise");
        w.sunset = sun("sunset");
    }
    Ok(w)
}

/// The `current` block: temperature, condition, humidity, wind and pressure.
fn current(cur: &Value) -> CurrentConditions {
    let f = |k: &str| cur.get(k).and_then(Value::as_f64);
    CurrentConditions {
        temperature_c: f("temperature_2m"),
        condition: cur
            .get("weather_code")
            .and_then(Value::as_i64)
            .map(|c| wmo(c).to_string()),
        humidity_pct: f("relative_humidity_2m"),
        wind: f("wind_speed_10m").map(|s| {
            if s < 1.0 {
                "calm".to_string()
            } else {
                match f("wind_direction_10m") {
                    Some(d) => format!("{} {:.0} km/h", compass(d), s),
                    None => format!("{s:.0} km/h"),
                }
            }
        }),
        pressure_kpa: f("pressure_msl").map(|hpa| (hpa / 10.0 * 10.0).round() / 10.0),
        ..CurrentConditions::default()
    }
}

/// What is left of today, tonight (18:00 to 06:00) and tomorrow, from the hourly and daily
/// series; `d` is today's index in the daily series of `days` days.
fn periods(v: &Value, local_now: &jiff::Zoned, d: usize, days: usize) -> Vec<ForecastPeriod> {
    let times = strs(v, "hourly", "time");
    let temps = nums(v, "hourly", "temperature_2m");
    let pops = nums(v, "hourly", "precipitation_probability");
    let codes = nums(v, "hourly", "weather_code");
    let dmax = nums(v, "daily", "temperature_2m_max");
    let dmin = nums(v, "daily", "temperature_2m_min");
    let dpop = nums(v, "daily", "precipitation_probability_max");
    let dcode = nums(v, "daily", "weather_code");
    let hours: Vec<(jiff::civil::DateTime, usize)> = times
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.parse::<jiff::civil::DateTime>().ok().map(|d| (d, i)))
        .collect();
    let span = |from: jiff::civil::DateTime, to: jiff::civil::DateTime| -> Vec<usize> {
        hours
            .iter()
            .filter(|(d, _)| *d >= from && *d < to)
            .map(|(_, i)| *i)
            .collect()
    };
    let values = |idx: &[usize], xs: &[Option<f64>]| -> Vec<f64> {
        idx.iter()
            .filter_map(|i| xs.get(*i).copied().flatten())
            .collect()
    };
    let max_of = |idx: &[usize], xs: &[Option<f64>]| values(idx, xs).into_iter().reduce(f64::max);
    let min_of = |idx: &[usize], xs: &[Option<f64>]| values(idx, xs).into_iter().reduce(f64::min);
    let at = |xs: &[Option<f64>], i: usize| xs.get(i).copied().flatten();
    let condition = |i: usize| {
        at(&dcode, i)
            .map(|c| wmo(c as i64).to_string())
            .unwrap_or_default()
    };
    let date = local_now.date();
    let evening = date.at(18, 0, 0, 0);
    let next_morning = date.tomorrow().map(|d| d.at(6, 0, 0, 0)).unwrap_or(evening);
    let mut out = Vec::new();
    if local_now.datetime() < evening {
        let rest = span(local_now.datetime(), evening);
        out.push(ForecastPeriod {
            name: "Today".to_string(),
            summary: condition(d),
            high_c: at(&dmax, d),
            low_c: None,
            pop_pct: max_of(&rest, &pops).or_else(|| at(&dpop, d)),
        });
    }
    let night = span(evening.max(local_now.datetime()), next_morning);
    if !night.is_empty() {
        let worst = max_of(&night, &codes)
            .map(|c| wmo(c as i64).to_string())
            .unwrap_or_default();
        out.push(ForecastPeriod {
            name: "Tonight".to_string(),
            summary: worst,
            high_c: None,
            low_c: min_of(&night, &temps),
            pop_pct: max_of(&night, &pops),
        });
    }
    if d + 1 < days {
        out.push(ForecastPeriod {
            name: "Tomorrow".to_string(),
            summary: condition(d + 1),
            high_c: at(&dmax, d + 1),
            low_c: at(&dmin, d + 1),
            pop_pct: at(&dpop, d + 1),
        });
    }
    out
}
