//! Rank stage: which stories of a section come first, which are muted, and why.
//!
//! The score adds up things a reader can check: how many sources carry the story, how fresh it
//! is, whether its source is one the reader prefers, and the reader's own boost rules. Ties break
//! on the item key, so the same inputs always give the same order.

use jiff::Timestamp;
use regex::Regex;

use crate::cluster::Story;

/// A reader's rule: a word or phrase, a `/regex/`, or `source:Name`.
#[derive(Debug, Clone)]
pub enum Rule {
    Phrase(String),
    Pattern(Regex),
    Source(String),
}

/// Why a rule could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid rule '{rule}': {message}")]
pub struct RuleError {
    pub rule: String,
    pub message: String,
}

impl Rule {
    pub fn parse(s: &str) -> Result<Rule, RuleError> {
        let s = s.trim();
        if let Some(name) = s.strip_prefix("source:") {
            return Ok(Rule::Source(name.trim().to_lowercase()));
        }
        if s.len() >= 2 && s.starts_with('/') && s.ends_with('/') {
            let re = regex::RegexBuilder::new(&s[1..s.len() - 1])
                .case_insensitive(true)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| RuleError {
                    rule: s.to_string(),
                    message: e.to_string(),
                })?;
            return Ok(Rule::Pattern(re));
        }
        if s.is_empty() {
            return Err(RuleError {
                rule: s.to_string(),
                message: "empty rule".to_string(),
            });
        }
        Ok(Rule::Phrase(s.to_lowercase()))
    }

    /// The rule as the reader wrote it, for explanations.
    pub fn label(&self) -> String {
        match self {
            Rule::Phrase(p) => format!("'{p}'"),
            Rule::Pattern(r) => format!("/{}/", r.as_str()),
            Rule::Source(s) => format!("source:{s}"),
        }
    }

    /// Whether a story matches: phrases and patterns over title and text (whole words), sources
    /// over the representative's and the other sources' names.
    pub fn matches(&self, story: &Story) -> bool {
        match self {
            Rule::Source(name) => {
                story.lead.source.to_lowercase() == *name
                    || story.also.iter().any(|a| a.source.to_lowercase() == *name)
            }
            Rule::Pattern(re) => re.is_match(&story.lead.title) || re.is_match(&story.lead.text),
            Rule::Phrase(p) => {
                contains_words(&story.lead.title.to_lowercase(), p)
                    || contains_words(&story.lead.text.to_lowercase(), p)
            }
        }
    }
}

/// `needle` in `hay` at word boundaries ("ai" matches "AI rules", not "said").
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A story with its score and the reasons for it.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub story: Story,
    pub score: f64,
    pub why: Vec<Why>,
}

/// One reason a story ranked where it did; worded in the reader's language by the compose
/// stage (`Display` is the English, for logs and tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    Sources(usize),
    HoursOld(i64),
    Preferred(String),
    Boosted(String),
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::Sources(1) => write!(f, "1 source"),
            Why::Sources(n) => write!(f, "{n} sources"),
            Why::HoursOld(h) => write!(f, "{h} h old"),
            Why::Preferred(s) => write!(f, "preferred source {s}"),
            Why::Boosted(rule) => write!(f, "boosted by {rule}"),
        }
    }
}

impl Why {
    /// The reason in the words of a locale's catalogue.
    pub fn words(&self, l: &crate::locale::Locale) -> String {
        match self {
            Why::Sources(n) => l.plural("explain.sources", *n as u64, &[]),
            Why::HoursOld(h) => l.f("explain.age", &[("h", &h.to_string())]),
            Why::Preferred(s) => l.f("explain.preferred", &[("source", s)]),
            Why::Boosted(rule) => l.f("explain.boosted", &[("rule", rule)]),
        }
    }
}

/// Interests and preferences that shape ranking.
#[derive(Debug, Clone, Default)]
pub struct Preferences {
    pub boost: Vec<Rule>,
    pub mute: Vec<Rule>,
    /// Preferred sources, best first.
    pub priority: Vec<String>,
}

/// Drops muted stories and orders the rest, best first.
pub fn rank(stories: Vec<Story>, prefs: &Preferences, now: Timestamp) -> (Vec<Ranked>, usize) {
    let before = stories.len();
    let kept: Vec<Story> = stories
        .into_iter()
        .filter(|s| !prefs.mute.iter().any(|r| r.matches(s)))
        .collect();
    let muted = before - kept.len();
    // Scores for every story; the reasons ("2 sources · 3 h old") only for those that can be
    // shown, since a 45,000-item feed would otherwise word 45,000 of them.
    let mut ranked: Vec<Ranked> = kept
        .into_iter()
        .map(|story| Ranked {
            score: assess(&story, prefs, now, None),
            story,
            why: Vec::new(),
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.story.lead.published.cmp(&a.story.lead.published))
            .then(a.story.lead.key.cmp(&b.story.lead.key))
    });
    (ranked, muted)
}

impl Ranked {
    /// Words why the story ranked as it did ("2 sources", "3 h old", "boosted by 'rust'").
    pub fn explain(&mut self, prefs: &Preferences, now: Timestamp) {
        let mut why = Vec::new();
        assess(&self.story, prefs, now, Some(&mut why));
        self.why = why;
    }
}

/// A story's score: its sources, freshness, preferred source and boosts; with `why`, the
/// reasons in words too.
fn assess(
    story: &Story,
    prefs: &Preferences,
    now: Timestamp,
    mut why: Option<&mut Vec<Why>>,
) -> f64 {
    let mut say = |s: Why| {
        if let Some(w) = why.as_deref_mut() {
            w.push(s);
        }
    };
    let sources = 1 + story.also.len();
    let mut score = sources as f64;
    say(Why::Sources(sources));
    let when = story.lead.published.or(story.lead.first_seen);
    if let Some(t) = when {
        let hours = ((now.as_second() - t.as_second()) as f64 / 3600.0).max(0.0);
        let fresh = (1.0 - hours / 48.0).clamp(0.0, 1.0);
        score += fresh;
        say(Why::HoursOld(hours.round() as i64));
    }
    if let Some(p) = prefs.priority.iter().position(|p| *p == story.lead.source) {
        let bonus = 1.0 / (1.0 + p as f64);
        score += bonus;
        say(Why::Preferred(story.lead.source.clone()));
    }
    for rule in &prefs.boost {
        if rule.matches(story) {
            score += 2.0;
            say(Why::Boosted(rule.label()));
        }
    }
    score
}

/// Parses a reading budget: "10m", "90s", "1h", or plain minutes.
pub fn parse_budget(s: &str) -> Option<f64> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| c.is_alphabetic()).unwrap_or(s.len()));
    let v: f64 = num.trim().parse().ok()?;
    let minutes = match unit.trim() {
        "" | "m" | "min" | "mins" | "minutes" => v,
        "s" | "sec" | "secs" => v / 60.0,
        "h" | "hour" | "hours" => v * 60.0,
        _ => return None,
    };
    (minutes > 0.0).then_some(minutes)
}

/// Reading speed for budgets, in words a minute.
pub const WORDS_PER_MINUTE: f64 = 230.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Item;

    fn story(title: &str, source: &str, also: usize, published: &str) -> Story {
        let item = |src: &str| Item {
            feed: src.into(),
            source: src.into(),
            key: format!("{title}-{src}"),
            title: title.into(),
            link: None,
            published: Some(published.parse().expect("ts")),
            first_seen: None,
            seen_seq: None,
            text: format!("{title} text"),
            lang: None,
        };
        Story {
            lead: item(source),
            also: (0..also).map(|i| item(&format!("Other{i}"))).collect(),
        }
    }

    #[test]
    fn rules_parse_and_match() {
        let s = story(
            "New AI rules in the EU",
            "Reuters",
            0,
            "2025-09-03T10:00:00Z",
        );
        assert!(Rule::parse("ai").expect("rule").matches(&s));
        assert!(!Rule::parse("rules in the us").expect("rule").matches(&s));
        assert!(Rule::parse("/\\bE[UA]\\b/").expect("rule").matches(&s));
        assert!(Rule::parse("source:reuters").expect("rule").matches(&s));
        assert!(!Rule::parse("ai").expect("rule").matches(&story(
            "He said so",
            "X",
            0,
            "2025-09-03T10:00:00Z"
        )));
        assert!(Rule::parse("/(/").is_err());
    }

    #[test]
    fn more_sources_fresher_and_boosted_rank_higher_and_muted_go() {
        let now: Timestamp = "2025-09-03T14:00:00Z".parse().expect("ts");
        let stories = vec![
            story("Quiet story", "A", 0, "2025-09-03T13:00:00Z"),
            story("Big story", "B", 3, "2025-09-03T06:00:00Z"),
            story("Crypto scheme", "C", 5, "2025-09-03T13:00:00Z"),
            story("Rust release", "D", 0, "2025-09-02T14:00:00Z"),
        ];
        let prefs = Preferences {
            boost: vec![Rule::parse("rust").expect("rule")],
            mute: vec![Rule::parse("crypto").expect("rule")],
            priority: vec![],
        };
        let (mut ranked, muted) = rank(stories, &prefs, now);
        for r in &mut ranked {
            r.explain(&prefs, now);
        }
        assert_eq!(muted, 1);
        let titles: Vec<&str> = ranked.iter().map(|r| r.story.lead.title.as_str()).collect();
        assert_eq!(titles, ["Big story", "Rust release", "Quiet story"]);
        assert!(
            ranked[1]
                .why
                .iter()
                .any(|w| w.to_string() == "boosted by 'rust'")
        );
    }

    #[test]
    fn budgets() {
        assert_eq!(parse_budget("10m"), Some(10.0));
        assert_eq!(parse_budget("90s"), Some(1.5));
        assert_eq!(parse_budget("1h"), Some(60.0));
        assert_eq!(parse_budget("5"), Some(5.0));
        assert_eq!(parse_budget("ten"), None);
    }
}
