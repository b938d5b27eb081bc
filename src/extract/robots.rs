//! robots.txt, as sites state it for article pages: the group for `herald` if there is one,
//! else the `*` group; the longest matching Allow or Disallow rule wins (RFC 9309), `*` and
//! `$` patterns included. A missing or unreadable robots.txt allows everything.

/// One `User-agent` group: its agents (lower case) and its (allow, pattern) rules.
type Group = (Vec<String>, Vec<(bool, String)>);

/// The rules that apply to herald on one host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    /// (allow, pattern) pairs of the group that applies.
    rules: Vec<(bool, String)>,
}

impl Robots {
    /// Everything allowed (no robots.txt, or one that could not be read).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Reads a robots.txt for the user agent `agent` (matched case-insensitively by prefix, as
    /// crawlers do).
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        // A byte-order mark (as some editors save the file) is no part of the first rule.
        let text = text.trim_start_matches('\u{feff}');
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new()));
                    }
                    in_agents = true;
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut()
                        && !value.is_empty()
                    {
                        g.1.push((key == "allow", value.to_string()));
                    }
                }
                _ => {}
            }
        }
        let own = groups.iter().find(|(agents, _)| {
            agents
                .iter()
                .any(|a| a != "*" && agent.starts_with(a.as_str()))
        });
        let any = groups
            .iter()
            .find(|(agents, _)| agents.iter().any(|a| a == "*"));
        Robots {
            rules: own.or(any).map(|(_, r)| r.clone()).unwrap_or_default(),
        }
    }

    /// Whether a path (with its query) may be read.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                // The longest rule wins; on a tie, Allow.
                if best.is_none_or(|(l, a)| len > l || (len == l && *allow && !a)) {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether a robots.txt pattern (`*` any run, `$` the end) matches the start of `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut pos = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            pos = part.len();
            continue;
        }
        match path[pos..].find(part) {
            Some(at) => pos += at + part.len(),
            None => return false,
        }
    }
    !anchored
        || pos == path.len()
        || (parts.len() > 1 && parts.last().is_some_and(|p| p.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// D18: a robots.txt saved with a UTF-8 byte-order mark was ignored whole.
    #[test]
    fn a_byte_order_mark_does_not_hide_the_rules() {
        let r = Robots::parse("\u{feff}User-agent: *\nDisallow: /private/\n", "herald/0.1");
        assert!(!r.allows("/private/page"));
        assert!(r.allows("/news/page"));
    }

    #[test]
    fn the_longest_rule_of_the_right_group_wins() {
        let txt = "User-agent: *\nDisallow: /private/\nAllow: /private/open\n\nUser-agent: BadBot\nDisallow: /\n";
        let r = Robots::parse(txt, "herald/0.1");
        assert!(r.allows("/news/story"));
        assert!(!r.allows("/private/secret"));
        assert!(r.allows("/private/open/page"));
        let bad = Robots::parse(txt, "BadBot/2.0");
        assert!(!bad.allows("/news/story"));
    }

    #[test]
    fn own_group_over_star_and_patterns() {
        let txt = "User-agent: *\nDisallow: /\n\nUser-agent: herald\nDisallow: /*.pdf$\nDisallow: /search\n";
        let r = Robots::parse(txt, "herald/0.1 (+https://example.invalid)");
        assert!(r.allows("/article/1"));
        assert!(!r.allows("/files/report.pdf"));
        assert!(r.allows("/files/report.pdf.html"));
        assert!(!r.allows("/search?q=x"));
        assert!(Robots::parse("", "herald").allows("/anything"));
        assert!(Robots::parse("garbage\n\0\nDisallow /x", "herald").allows("/x"));
    }
}
