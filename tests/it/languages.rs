//! A briefing in the reader's language, from feeds in several: each item's language, whole
//! sentences in each, French chrome for a French reader, and French weather.

use std::path::{Path, PathBuf};

use herald::summarize::segment;

use crate::support::{NOW, herald};

const FEEDS: &[&str] = &["fr", "de", "es", "ja", "en"];

/// A temp dir with the language fixtures and a config of one section per feed.
fn setup(locale: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/languages");
    for entry in std::fs::read_dir(&fixtures).expect("fixtures") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    let mut config = String::from("timezone = \"America/Toronto\"\nwindow = \"24h\"\n");
    if let Some(l) = locale {
        config.push_str(&format!("locale = \"{l}\"\n"));
    }
    config.push_str("[weather]\nfeed = \"city-feed-pembroke-fr.xml\"\n");
    for f in FEEDS {
        config.push_str(&format!(
            "[[section]]\ntitle = \"{f}\"\nfull_text = \"never\"\nfeeds = [\"{f}.xml\"]\n"
        ));
    }
    let path = dir.path().join("config.toml");
    std::fs::write(&path, config).expect("config");
    (dir, path)
}

fn brief(config: &Path, format: &str) -> String {
    let out = herald(&[
        "brief",
        "--config",
        config.to_str().expect("path"),
        "--now",
        NOW,
        "--format",
        format,
        "--output",
        "-",
        "--no-state",
    ]);
    crate::support::ok(&out)
}

#[test]
fn each_item_carries_its_language_and_is_summarized_in_whole_sentences() {
    let (dir, config) = setup(None);
    let json: serde_json::Value = serde_json::from_str(&brief(&config, "json")).expect("json");
    for (section, lang) in json["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .zip(FEEDS)
    {
        let entry = &section["entries"][0];
        assert_eq!(entry["lang"], *lang, "{entry}");
        let summary = entry["summary"].as_str().expect("summary");
        let source =
            std::fs::read_to_string(dir.path().join(format!("{lang}.xml"))).expect("fixture");
        let sentences = segment::sentences_in(summary, Some(lang));
        assert!(sentences.len() >= 2, "[{lang}] {summary}");
        for s in sentences {
            assert!(source.contains(s), "[{lang}] not a source sentence: {s}");
            // No sentence ends on an abbreviation or starts mid-sentence.
            for stub in [
                "M.", "Mme", "p. ex.", "z. B.", "Dr.", "Sr.", "Dra.", "boul.", "ca.",
            ] {
                assert!(!s.ends_with(stub), "[{lang}] cut after {stub}: {s}");
            }
            assert!(
                !s.starts_with(char::is_lowercase),
                "[{lang}] starts mid-sentence: {s}"
            );
        }
    }
    // Chinese and Japanese sentences follow each other without spaces.
    let ja = json["sections"][3]["entries"][0]["summary"]
        .as_str()
        .expect("ja");
    assert!(!ja.contains("。 "), "{ja}");
}

#[test]
fn a_fr_ca_briefing_has_no_english_chrome() {
    let (_dir, config) = setup(Some("fr-CA"));
    for format in ["markdown", "html", "text"] {
        let out = brief(&config, format);
        assert!(out.contains("Météo — Pembroke"), "{format}: {out}");
        assert!(out.contains("mercredi 3 septembre 2025"), "{format}: {out}");
        assert!(out.contains("il y a "), "{format}: {out}");
        assert!(out.contains("Maximum 26"), "{format}: {out}");
        assert!(out.contains("nouveaux articles"), "{format}: {out}");
        for english in [
            "Weather",
            " ago",
            "new items",
            "observed",
            "Chance of precipitation",
            "No watches",
            "sunrise",
            "forecast issued",
            "also:",
            "more:",
            "Now",
            "High ",
            "Low ",
            "Wednesday",
            "September",
            "Morning News",
            "Environment and Climate",
            "calm ·",
        ] {
            assert!(
                !out.contains(english),
                "{format} has English \"{english}\":\n{out}"
            );
        }
    }
    let html = brief(&config, "html");
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    // The English item keeps its own language, marked for screen readers and browsers.
    assert!(html.contains("lang=\"en\""), "{html}");
}

/// herald's own openings of failure lines are French too; the system's words after them stay.
#[test]
fn failure_lines_open_in_the_readers_language() {
    let (dir, config) = setup(Some("fr-CA"));
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(
        &config,
        text + "[[section]]\ntitle = \"Cassé\"\nfeeds = [\"missing.xml\", \"http://127.0.0.1:9/feed.xml\"]\n",
    )
    .expect("config");
    let md = brief(&config, "markdown");
    assert!(md.contains("2 fils en échec :"), "{md}");
    assert!(md.contains("): lecture impossible de "), "{md}");
    assert!(md.contains("): connexion refusée"), "{md}");
    assert!(
        md.contains("Aucun article : ses fils ont échoué (voir la fin)."),
        "{md}"
    );
    drop(dir);
}

#[test]
fn an_unknown_locale_is_refused_with_the_known_ones() {
    let (_dir, config) = setup(Some("tlh"));
    let out = herald(&[
        "brief",
        "--config",
        config.to_str().expect("path"),
        "--no-state",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:3:")
            && err.contains("unknown locale 'tlh'")
            && err.contains("fr"),
        "{err}"
    );
}

#[test]
fn herald_summarize_takes_a_language_per_line() {
    let text = "M. Dupont, directeur des finances, a présenté le budget mardi. Mme Tremblay a voté contre, p. ex. à cause des taxes. La séance a duré six heures.";
    let german =
        "Die Arbeiten an der Brücke beginnen am 3. Oktober in Bonn. Sie dauern zwei Jahre.";
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": 1, "lang": "fr-CA", "article": text}),
        serde_json::json!({"id": 2, "lang": "de", "article": german}),
        serde_json::json!({"id": 3, "lang": "en", "article": german}),
    );
    let out = crate::support::herald_stdin(
        &["summarize", "--sentences", "1", "--words", "200"],
        input.as_bytes(),
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    // In French, "M." and "p. ex." end nothing: the first sentence is whole.
    assert_eq!(
        lines[0]["summary"],
        "M. Dupont, directeur des finances, a présenté le budget mardi."
    );
    // "3. Oktober" is a date in German; read as English, the period would end a sentence.
    assert_eq!(
        lines[1]["summary"],
        "Die Arbeiten an der Brücke beginnen am 3. Oktober in Bonn."
    );
    assert_ne!(lines[2]["summary"], lines[1]["summary"]);
}

#[test]
fn the_locale_flag_overrides_the_config() {
    let out = herald(&["brief", "--demo", "--locale", "fr-CA"]);
    crate::support::ok(&out);
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        md.contains("# ✅ Revue de presse du matin — mercredi 3 septembre 2025, 10 h 42"),
        "{md}"
    );
    assert!(md.contains("## 🧾 Météo — Pembroke"), "{md}");
    let bad = herald(&["brief", "--demo", "--locale", "tlh"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("--locale tlh") && err.contains("unknown locale 'tlh'"),
        "{err}"
    );
}

/// Issue 22: with `fr-CA`, `--explain` lines and article notes stayed English, and Environment
/// Canada's English forecast shared a line with a French label ("Low 17. Probabilité de
/// précipitations 40 %."). Now herald's words are French, and a line of the source's English
/// is finished in English.
#[test]
fn explain_and_weather_lines_are_never_half_and_half() {
    let out = crate::support::herald(&["brief", "--demo", "--locale", "fr-CA", "--explain"]);
    let md = crate::support::ok(&out);
    let why: Vec<&str> = md.lines().filter(|l| l.contains("_pourquoi :")).collect();
    assert!(!why.is_empty(), "{md}");
    for line in &why {
        for english in [
            " h old",
            "full text:",
            "kept the feed",
            "read the article",
            "not bundled",
            "boosted by",
        ] {
            assert!(!line.contains(english), "English in {line}");
        }
    }
    assert!(
        md.contains("Chance of showers. Low 17. Chance of precipitation 40 %."),
        "{md}"
    );
    assert!(!md.contains("Low 17. Probabilité"), "{md}");
    assert!(md.contains(", brume ·"), "the condition in French: {md}");
}
