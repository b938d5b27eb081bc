//! The weather block in a real briefing: each source, the fallback chain, warnings first,
//! units, and "Weather unavailable" when every source fails.

use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(name)
        .display()
        .to_string()
}

/// Runs `herald brief` on a config whose only part is the given `[weather]` table.
fn brief(weather: &str, now: &str, format: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("c.toml");
    std::fs::write(
        &config,
        format!("timezone = \"America/Toronto\"\n[weather]\n{weather}\n"),
    )
    .expect("config");
    let out = crate::support::command()
        .args(["--no-state", "brief", "--config"])
        .arg(&config)
        .args(["--now", now, "--format", format, "--output", "-"])
        .output()
        .expect("run herald");
    crate::support::ok(&out)
}

#[test]
fn citypage_warning_comes_first_in_bold() {
    let md = brief(
        &format!(
            "feed = \"{}\"",
            fixture("tests/fixtures/weather/citypage-ottawa.xml")
        ),
        "2025-02-05T23:30:00Z",
        "markdown",
    );
    let block: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("## "))
        .skip(2)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(
        md.contains("## 🌤️ Weather — Ottawa (Kanata - Orléans)"),
        "{md}"
    );
    assert!(
        block[0].starts_with("- **⚠️ [Weather advisory](https://weather.gc.ca/warnings/"),
        "{block:?}"
    );
    assert!(
        block[1].starts_with("- **Now** -13.6 °C, mainly clear · wind chill -18"),
        "{block:?}"
    );
    assert!(!md.contains("No watches or warnings"));
    assert!(md.contains("forecast issued 16:40"), "{md}");
    let json = brief(
        &format!(
            "feed = \"{}\"",
            fixture("tests/fixtures/weather/citypage-ottawa.xml")
        ),
        "2025-02-05T23:30:00Z",
        "json",
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["weather"]["warnings"][0]["title"], "Weather advisory");
    assert_eq!(v["weather"]["current"]["temperature_c"], -13.6);
}

#[test]
fn fallback_chain_uses_the_first_source_that_works() {
    let md = brief(
        &format!(
            "feed = \"missing-city-feed.xml\"\nfallback = [\"{}\"]\nname = \"Pembroke\"",
            fixture("tests/fixtures/weather/forecast-pembroke-2025-09-03.json")
        ),
        "2025-09-03T14:42:00Z",
        "markdown",
    );
    assert!(md.contains("## 🌤️ Weather — Pembroke"), "{md}");
    assert!(
        md.contains(
            "- **Now** 11.4 °C, fog · humidity 97 % · wind S 2 km/h · 101.3 kPa _(observed 10:30)_"
        ),
        "{md}"
    );
    assert!(
        md.contains("- **Today** Slight rain showers. High 26 °C. Chance of precipitation 10 %."),
        "{md}"
    );
    assert!(
        md.contains("- **Tonight**") && md.contains("- **Tomorrow**"),
        "{md}"
    );
    assert!(md.contains("Open-Meteo.com"), "attribution shown");
}

#[test]
fn every_source_failing_says_why_and_costs_nothing_else() {
    let md = brief(
        &format!(
            "feed = \"missing.xml\"\nfallback = [\"{}\"]",
            fixture("tests/fixtures/weather/error-400.json")
        ),
        "2025-09-03T14:42:00Z",
        "markdown",
    );
    assert!(
        md.contains("_Weather unavailable: missing.xml: cannot read"),
        "{md}"
    );
    assert!(
        md.contains("temperature\\_3m"),
        "the service's own reason: {md}"
    );
    assert!(md.contains("---\n"), "the rest of the briefing is there");
}

#[test]
fn imperial_units_convert_what_is_shown() {
    let md = brief(
        &format!(
            "feed = \"{}\"\nunits = \"imperial\"",
            fixture("demo/feeds/weather-pembroke.xml")
        ),
        "2025-09-03T11:00:00Z",
        "markdown",
    );
    assert!(md.contains("- **Now** 53 °F, mist"), "{md}");
    assert!(
        md.contains("- **Wednesday** A mix of sun and cloud. High 79 °F."),
        "{md}"
    );
    assert!(
        md.contains("Low 63 °F. Chance of precipitation 40 %."),
        "{md}"
    );
    assert!(!md.contains("may be out of date"), "fresh at 07:00");
}

#[test]
fn weather_text_has_no_entities_and_no_other_place() {
    for (feed, place) in [
        ("demo/feeds/weather-pembroke.xml", "Pembroke"),
        ("tests/fixtures/weather/citypage-ottawa.xml", "Ottawa"),
    ] {
        let json = brief(
            &format!("feed = \"{}\"", fixture(feed)),
            "2025-09-03T14:42:00Z",
            "json",
        );
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        let text = v["weather"].to_string();
        for bad in ["&deg", "&#", "&nbsp", "&amp;", "New York"] {
            assert!(!text.contains(bad), "{bad} in {text}");
        }
        assert!(
            v["weather"]["location"]
                .as_str()
                .is_some_and(|l| l.contains(place))
        );
    }
}

/// Environment Canada's French city feed (`…_f.xml`) reads into the same structured weather as
/// the English one: decimal commas, "Maximum"/"Minimum", "PdP", French times and months.
#[test]
fn the_french_city_feed_gives_the_same_weather_as_the_english_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &str| {
        let bytes = std::fs::read(root.join(path)).expect("fixture");
        herald::weather::read(
            &bytes,
            path,
            None,
            "2025-09-03T14:42:00Z".parse().expect("ts"),
        )
        .expect("weather")
    };
    let en = read("demo/feeds/weather-pembroke.xml");
    let fr = read("tests/fixtures/weather/city-feed-pembroke-fr.xml");
    assert_eq!(fr.location, en.location);
    assert_eq!(fr.observed_at, en.observed_at);
    assert_eq!(fr.current.temperature_c, en.current.temperature_c);
    assert_eq!(fr.current.humidity_pct, en.current.humidity_pct);
    assert_eq!(fr.current.pressure_kpa, en.current.pressure_kpa);
    assert_eq!(fr.current.dewpoint_c, en.current.dewpoint_c);
    assert_eq!(fr.current.wind, en.current.wind);
    assert_eq!(fr.current.condition.as_deref(), Some("Brume"));
    assert!(fr.warnings.is_empty() && en.warnings.is_empty());
    let numbers = |w: &herald::model::Weather| {
        w.periods
            .iter()
            .map(|p| (p.high_c, p.low_c, p.pop_pct))
            .collect::<Vec<_>>()
    };
    assert_eq!(numbers(&fr), numbers(&en));
    assert_eq!(fr.periods[1].name, "Mercredi soir et nuit");
}

/// Open-Meteo's conditions, period names, compass points and numbers in the reader's language.
#[test]
fn open_meteo_weather_is_worded_in_the_locale() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("c.toml");
    std::fs::write(
        &config,
        format!(
            "timezone = \"America/Toronto\"\nlocale = \"fr-CA\"\n[weather]\nfeed = \"{}\"\nname = \"Pembroke\"\n",
            fixture("tests/fixtures/weather/forecast-pembroke-2025-09-03.json")
        ),
    )
    .expect("config");
    let out = crate::support::command()
        .args(["--no-state", "brief", "--config"])
        .arg(&config)
        .args(["--now", "2025-09-03T14:42:00Z", "--output", "-"])
        .output()
        .expect("run herald");
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(md.contains("## 🌤️ Météo — Pembroke"), "{md}");
    assert!(
        md.contains("- **Maintenant** 11,4 °C, brouillard · humidité 97 % · vent S 2 km/h · 101,3 kPa _(observé à 10 h 30)_"),
        "{md}"
    );
    assert!(
        md.contains("- **Aujourd'hui** Faibles averses de pluie. Maximum 26 °C. Probabilité de précipitations 10 %."),
        "{md}"
    );
    assert!(md.contains("Ce soir et cette nuit"), "{md}");
    assert!(!md.contains("Today") && !md.contains("Weather"), "{md}");
}
