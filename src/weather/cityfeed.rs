//! The Environment Canada city feed (Atom) read into a structured [`Weather`].
//!
//! The feed is Atom with one entry for warnings, one for current conditions (`<b>Label:</b>
//! value` pairs) and one per forecast period. Only what the feed states is kept; nothing is
//! guessed, so a town in Ontario never gets New York's forecast.

use crate::model::{CurrentConditions, ForecastPeriod, ParsedFeed, Weather, WeatherWarning};
use crate::text::clean_inline;

use super::WeatherError;

/// Reads an Environment Canada city feed.
pub fn from_city_feed(feed: &ParsedFeed, source: &str) -> Result<Weather, WeatherError> {
    let mut w = Weather {
        location: feed
            .feed
            .title
            .as_deref()
            .map(|t| t.split(" - ").next().unwrap_or(t).trim().to_string())
            .filter(|t| !t.is_empty()),
        source: source.to_string(),
        ..Weather::default()
    };
    let mut recognized = false;
    for e in &feed.entries {
        let category = e.categories.first().map(String::as_str).unwrap_or("");
        let title = e.title.as_deref().unwrap_or("");
        // Environment Canada publishes every city feed in English and in French.
        match category {
            "Warnings and Watches" | "Veilles et avertissements" => {
                recognized = true;
                let lower = title.to_lowercase();
                let none = lower.starts_with("no watches or warnings")
                    || lower.starts_with("aucune veille ou alerte");
                if !none && !title.is_empty() {
                    w.warnings.push(WeatherWarning {
                        title: clean_inline(title),
                        link: e.link.clone(),
                    });
                }
            }
            "Current Conditions" | "Conditions actuelles" => {
                recognized = true;
                let pairs = labelled_pairs(e.summary.as_deref().unwrap_or(""));
                read_current(&pairs, &mut w);
            }
            "Weather Forecasts" | "Prévisions météo" => {
                recognized = true;
                if let Some(p) = read_period(title) {
                    w.periods.push(p);
                }
            }
            _ => {}
        }
    }
    if !recognized {
        return Err(WeatherError::Unrecognized);
    }
    w.attribution = Some("Environment and Climate Change Canada".to_string());
    Ok(w)
}

/// `<b>Label:</b> value<br/>` pairs, as clean text.
fn labelled_pairs(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for piece in html.split("<b>").skip(1) {
        let Some((label, rest)) = piece.split_once("</b>") else {
            continue;
        };
        let value = rest.split("<br").next().unwrap_or(rest);
        let label = clean_inline(label).trim_end_matches(':').trim().to_string();
        out.push((label, clean_inline(value)));
    }
    out
}

/// The leading number of a value ("11.4°C" → 11.4, "-3 °C" → -3, French "11,4°C" → 11.4).
fn leading_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let end = s
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit() || c == '.' || c == ',' || (i == 0 && (c == '-' || c == '+')))
        })
        .map_or(s.len(), |(i, _)| i);
    s[..end]
        .trim_end_matches([',', '.'])
        .replace(',', ".")
        .parse()
        .ok()
}

fn read_current(pairs: &[(String, String)], w: &mut Weather) {
    let c: &mut CurrentConditions = &mut w.current;
    for (label, value) in pairs {
        let na = value.eq_ignore_ascii_case("n/a")
            || value.eq_ignore_ascii_case("n/d")
            || value.is_empty();
        match label.as_str() {
            "Observed at" | "Enregistrées à" => w.observed_at = parse_observed(value),
            "Condition" if !na => c.condition = Some(value.clone()),
            "Temperature" | "Température" => c.temperature_c = leading_number(value),
            "Pressure / Tendency" | "Pressure" | "Pression / Tendance" | "Pression" => {
                c.pressure_kpa = leading_number(value);
                let tendency = value.split("kPa").nth(1).map(str::trim).unwrap_or("");
                if !tendency.is_empty() {
                    c.tendency = Some(tendency.to_string());
                }
            }
            "Humidity" | "Humidité" => c.humidity_pct = leading_number(value),
            "Dewpoint" | "Point de rosée" => c.dewpoint_c = leading_number(value),
            "Humidex" => c.humidex = leading_number(value),
            "Wind Chill" | "Refroidissement éolien" => c.wind_chill = leading_number(value),
            "Wind" | "Vent" if !na => {
                let wind = value.trim();
                c.wind = Some(if wind.starts_with("calm") || wind.starts_with("calme") {
                    "calm".to_string()
                } else {
                    wind.to_string()
                });
            }
            "Air Quality Health Index" | "Cote air santé" if !na => c.aqhi = Some(value.clone()),
            _ => {}
        }
    }
}

/// "Wednesday night: Chance of showers. Low 17. POP 40%" → a period.
fn read_period(title: &str) -> Option<ForecastPeriod> {
    let (name, rest) = title.split_once(':')?;
    let mut summary = rest.trim().to_string();
    let mut pop = None;
    if let Some(pos) = summary.find("POP ").or_else(|| summary.find("PdP ")) {
        pop = leading_number(&summary[pos + 4..]);
        summary = summary[..pos].trim().to_string();
    }
    Some(ForecastPeriod {
        name: name.trim().to_string(),
        high_c: temperature_after(&summary, "High")
            .or_else(|| temperature_after(&summary, "Maximum")),
        low_c: temperature_after(&summary, "Low")
            .or_else(|| temperature_after(&summary, "Minimum")),
        pop_pct: pop,
        summary,
    })
}

/// "High 26" → 26, "Low minus 5" → -5, "High plus 2" → 2, "Low zero" → 0.
fn temperature_after(text: &str, word: &str) -> Option<f64> {
    let pos = text.find(&format!("{word} "))?;
    let mut words = text[pos + word.len()..].split_whitespace();
    let first = words.next()?.trim_end_matches(['.', ',']);
    match first {
        "minus" | "moins" => leading_number(words.next()?.trim_end_matches(['.', ','])).map(|v| -v),
        "plus" => leading_number(words.next()?.trim_end_matches(['.', ','])),
        "zero" | "zéro" => Some(0.0),
        n => leading_number(n),
    }
}

/// Offsets of the zone abbreviations Environment Canada uses.
fn zone_offset(abbrev: &str) -> Option<i32> {
    Some(match abbrev {
        "UTC" | "GMT" | "TU" => 0,
        "NDT" | "HAT" => -150,
        "NST" | "HNT" => -210,
        "ADT" | "HAA" => -180,
        "AST" | "EDT" | "HNA" | "HAE" => -240,
        "EST" | "CDT" | "HNE" | "HAC" => -300,
        "CST" | "MDT" | "HNC" | "HAR" => -360,
        "MST" | "PDT" | "HNR" | "HAP" => -420,
        "PST" | "HNP" => -480,
        _ => return None,
    })
}

/// "Pembroke 06h00 HAE le mercredi 3 septembre 2025" (French): the same moment as the English
/// form, read from its own order of words.
fn parse_observed_fr(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let t = words.iter().position(|w| {
        w.split_once('h').is_some_and(|(h, m)| {
            !h.is_empty()
                && h.chars().all(|c| c.is_ascii_digit())
                && m.chars().all(|c| c.is_ascii_digit())
        })
    })?;
    let (h, m) = words[t].split_once('h')?;
    let hour: i8 = h.parse().ok()?;
    let minute: i8 = if m.is_empty() { 0 } else { m.parse().ok()? };
    let offset_min = zone_offset(words.get(t + 1)?)?;
    // Then: "le", weekday, day, month name, year.
    let rest = &words[t + 2..];
    let day_at = rest
        .iter()
        .position(|w| w.chars().all(|c| c.is_ascii_digit()))?;
    let day: i8 = rest.get(day_at)?.parse().ok()?;
    let month = month_number(rest.get(day_at + 1)?)?;
    let year: i16 = rest.get(day_at + 2)?.parse().ok()?;
    local(year, month, day, hour, minute, offset_min)
}

/// A local time with its offset as RFC 3339.
fn local(year: i16, month: i8, day: i8, hour: i8, minute: i8, offset_min: i32) -> Option<String> {
    let dt = jiff::civil::Date::new(year, month, day)
        .ok()?
        .at(hour, minute, 0, 0);
    let offset = jiff::tz::Offset::from_seconds(offset_min * 60).ok()?;
    let ts = offset.to_timestamp(dt).ok()?;
    Some(
        ts.to_zoned(jiff::tz::TimeZone::fixed(offset))
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
    )
}

/// "Pembroke 6:00 AM EDT Wednesday 3 September 2025" → "2025-09-03T06:00:00-04:00"; the French
/// form too.
pub fn parse_observed(s: &str) -> Option<String> {
    if !s.contains(':') {
        return parse_observed_fr(s);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let t = words.iter().position(|w| {
        w.contains(':')
            && w.split(':')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    })?;
    let (h, m) = words[t].split_once(':')?;
    let mut hour: i8 = h.parse().ok()?;
    let minute: i8 = m.parse().ok()?;
    match words.get(t + 1).copied() {
        Some("PM") if hour < 12 => hour += 12,
        Some("AM") if hour == 12 => hour = 0,
        _ => {}
    }
    let offset_min = zone_offset(words.get(t + 2)?)?;
    // Then: weekday, day, month name, year.
    let day: i8 = words.get(t + 4)?.parse().ok()?;
    let month = month_number(words.get(t + 5)?)?;
    let year: i16 = words.get(t + 6)?.parse().ok()?;
    let dt = jiff::civil::date(year, month, day).at(hour, minute, 0, 0);
    let offset = jiff::tz::Offset::from_seconds(offset_min * 60).ok()?;
    let ts = offset.to_timestamp(dt).ok()?;
    Some(
        ts.to_zoned(jiff::tz::TimeZone::fixed(offset))
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
    )
}

fn month_number(name: &str) -> Option<i8> {
    let lower = name.to_lowercase();
    if let Some(i) = crate::text::MONTHS_FR.iter().position(|m| *m == lower) {
        return Some(i as i8 + 1);
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.to_lowercase();
    MONTHS.iter().position(|m| *m == lower).map(|i| i as i8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observed_time_read_with_zone() {
        assert_eq!(
            parse_observed("Pembroke 6:00 AM EDT Wednesday 3 September 2025").as_deref(),
            Some("2025-09-03T06:00:00-04:00")
        );
        assert_eq!(
            parse_observed("Ottawa 12:30 PM EST Monday 1 December 2025").as_deref(),
            Some("2025-12-01T12:30:00-05:00")
        );
        assert_eq!(parse_observed("sometime"), None);
    }

    #[test]
    fn periods_read() {
        let p = read_period("Wednesday night: Chance of showers. Low 17. POP 40%").expect("period");
        assert_eq!(p.name, "Wednesday night");
        assert_eq!(p.summary, "Chance of showers. Low 17.");
        assert_eq!(p.low_c, Some(17.0));
        assert_eq!(p.high_c, None);
        assert_eq!(p.pop_pct, Some(40.0));
        let p = read_period("Friday: Snow. High minus 5.").expect("period");
        assert_eq!(p.high_c, Some(-5.0));
    }
}
