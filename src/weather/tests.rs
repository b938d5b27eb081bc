//! Each weather source read from its real fixture, field by field.

use jiff::Timestamp;

use super::*;

const CITY_FEED: &[u8] = include_bytes!("../../demo/feeds/weather-pembroke.xml");
const CITYPAGE: &[u8] = include_bytes!("../../tests/fixtures/weather/citypage-ottawa.xml");
const OPEN_METEO: &[u8] =
    include_bytes!("../../tests/fixtures/weather/forecast-pembroke-2025-09-03.json");
const OPEN_METEO_ERROR: &[u8] = include_bytes!("../../tests/fixtures/weather/error-400.json");

fn at(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

/// No entity, tag or replacement character in any text a reader sees.
fn assert_clean(w: &Weather) {
    let json = serde_json::to_string(w).expect("json");
    for bad in ["&#", "&deg", "&nbsp", "&amp;", "<b>", "<br", "\u{FFFD}"] {
        assert!(!json.contains(bad), "{bad} in {json}");
    }
}

#[test]
fn city_feed_seed_fixture() {
    let w = read(
        CITY_FEED,
        "demo:weather-pembroke.xml",
        None,
        at("2025-09-03T14:42:00Z"),
    )
    .expect("weather");
    assert_eq!(w.location.as_deref(), Some("Pembroke"));
    let c = &w.current;
    assert_eq!(c.temperature_c, Some(11.4));
    assert_eq!(c.condition.as_deref(), Some("Mist"));
    assert_eq!(c.humidity_pct, Some(97.0));
    assert_eq!(c.pressure_kpa, Some(101.3));
    assert_eq!(c.tendency.as_deref(), Some("falling"));
    assert_eq!(c.dewpoint_c, Some(10.9));
    assert_eq!(c.wind.as_deref(), Some("calm"));
    assert_eq!(c.aqhi, None, "n/a is no value");
    assert_eq!(w.observed_at.as_deref(), Some("2025-09-03T06:00:00-04:00"));
    assert!(w.stale, "observed 4 h 42 min before the briefing");
    assert_eq!(w.periods[0].name, "Wednesday");
    assert_eq!(w.periods[0].summary, "A mix of sun and cloud. High 26.");
    assert_eq!(w.periods[0].high_c, Some(26.0));
    assert_eq!(w.periods[1].name, "Wednesday night");
    assert_eq!(w.periods[1].low_c, Some(17.0));
    assert_eq!(w.periods[1].pop_pct, Some(40.0));
    assert!(w.warnings.is_empty());
    assert_clean(&w);
    // Fresh when the briefing is made soon after the observation.
    let fresh = read(CITY_FEED, "x", None, at("2025-09-03T11:00:00Z")).expect("weather");
    assert!(!fresh.stale);
}

#[test]
fn citypage_with_its_advisory() {
    let w = read(CITYPAGE, "citypage", None, at("2025-02-05T23:30:00Z")).expect("weather");
    assert_eq!(w.location.as_deref(), Some("Ottawa (Kanata - Orléans)"));
    assert_eq!(w.warnings.len(), 1);
    assert_eq!(w.warnings[0].title, "Weather advisory");
    assert!(
        w.warnings[0]
            .link
            .as_deref()
            .is_some_and(|l| l.starts_with("https://weather.gc.ca/warnings/"))
    );
    let c = &w.current;
    assert_eq!(c.temperature_c, Some(-13.6));
    assert_eq!(c.condition.as_deref(), Some("Mainly Clear"));
    assert_eq!(c.humidity_pct, Some(53.0));
    assert_eq!(c.pressure_kpa, Some(103.0));
    assert_eq!(c.tendency.as_deref(), Some("falling"));
    assert_eq!(c.wind_chill, Some(-18.0));
    assert_eq!(c.dewpoint_c, Some(-21.1));
    assert_eq!(c.wind.as_deref(), Some("SE 7 km/h"));
    assert_eq!(w.observed_at.as_deref(), Some("2025-02-05T18:00:00-05:00"));
    assert!(!w.stale);
    assert_eq!(w.issued_at.as_deref(), Some("2025-02-05T16:40:00-05:00"));
    assert_eq!(w.sunrise.as_deref(), Some("2025-02-05T07:19:00-05:00"));
    assert_eq!(w.periods[0].name, "Wednesday night");
    assert_eq!(w.periods[0].low_c, Some(-19.0));
    assert_eq!(w.periods[0].pop_pct, None);
    assert_eq!(w.periods[1].name, "Thursday");
    assert_eq!(w.periods[1].high_c, Some(-4.0));
    assert!(w.periods.iter().any(|p| p.pop_pct == Some(60.0)));
    assert_clean(&w);
}

#[test]
fn open_meteo_today_tonight_tomorrow() {
    let w = read(
        OPEN_METEO,
        "open-meteo",
        Some("Pembroke"),
        at("2025-09-03T14:42:00Z"),
    )
    .expect("weather");
    assert_eq!(
        w.location.as_deref(),
        Some("Pembroke"),
        "the configured name, never a guess"
    );
    let c = &w.current;
    assert_eq!(c.temperature_c, Some(11.4));
    assert_eq!(c.condition.as_deref(), Some("Fog"));
    assert_eq!(c.humidity_pct, Some(97.0));
    assert_eq!(c.pressure_kpa, Some(101.3));
    assert_eq!(c.wind.as_deref(), Some("S 2 km/h"));
    assert_eq!(w.observed_at.as_deref(), Some("2025-09-03T10:30:00-04:00"));
    assert!(!w.stale);
    let names: Vec<&str> = w.periods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Today", "Tonight", "Tomorrow"]);
    assert_eq!(w.periods[0].high_c, Some(26.0));
    assert_eq!(w.periods[0].summary, "Slight rain showers");
    assert_eq!(w.periods[0].pop_pct, Some(10.0), "what is left of today");
    assert_eq!(w.periods[1].low_c, Some(7.2));
    assert_eq!(w.periods[1].pop_pct, Some(70.0));
    assert_eq!(w.periods[2].high_c, Some(22.0));
    assert_eq!(w.periods[2].low_c, Some(17.0));
    assert_eq!(w.periods[2].pop_pct, Some(70.0));
    assert_eq!(w.sunset.as_deref(), Some("2025-09-03T19:38:00-04:00"));
    assert!(
        w.attribution
            .as_deref()
            .is_some_and(|a| a.contains("Open-Meteo"))
    );
    assert_clean(&w);
}

#[test]
fn open_meteo_error_reply_says_why() {
    let e = read(
        OPEN_METEO_ERROR,
        "open-meteo",
        None,
        at("2025-09-03T14:42:00Z"),
    )
    .unwrap_err();
    assert!(e.to_string().contains("temperature_3m"), "{e}");
}

#[test]
fn unknown_documents_are_refused() {
    assert_eq!(
        read(
            b"<html><body>hi</body></html>",
            "x",
            None,
            at("2025-09-03T14:42:00Z")
        )
        .unwrap_err(),
        WeatherError::UnknownFormat
    );
    assert!(read(b"{\"a\": 1}", "x", None, at("2025-09-03T14:42:00Z")).is_err());
}

#[test]
fn compass_points() {
    assert_eq!(compass(0.0), "N");
    assert_eq!(compass(180.0), "S");
    assert_eq!(compass(142.0), "SE");
    assert_eq!(compass(350.0), "N");
}
