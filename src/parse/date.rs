//! Dates as feeds write them: RFC 822 with every zone abbreviation and sloppiness seen in the
//! wild, W3C-DTF and ISO 8601 (including the compact and ordinal forms), asctime, Perforce, and
//! the Greek, Hungarian and Korean spellings feedparser learned to read.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Greek, Hungarian and Korean words mapped to the English ones the rest of the parser reads.
const TRANSLATIONS: &[(&str, &str)] = &[
    ("Ιαν", "Jan"),
    ("Φεβ", "Feb"),
    ("Μάώ", "Mar"),
    ("Μαώ", "Mar"),
    ("Απρ", "Apr"),
    ("Μάι", "May"),
    ("Μαϊ", "May"),
    ("Μαι", "May"),
    ("Ιούν", "Jun"),
    ("Ιον", "Jun"),
    ("Ιούλ", "Jul"),
    ("Ιολ", "Jul"),
    ("Αύγ", "Aug"),
    ("Αυγ", "Aug"),
    ("Σεπ", "Sep"),
    ("Οκτ", "Oct"),
    ("Νοέ", "Nov"),
    ("Νοε", "Nov"),
    ("Δεκ", "Dec"),
    ("Κυρ", "Sun"),
    ("Δευ", "Mon"),
    ("Τρι", "Tue"),
    ("Τετ", "Wed"),
    ("Πεμ", "Thu"),
    ("Παρ", "Fri"),
    ("Σαβ", "Sat"),
    ("január", "01"),
    ("február", "02"),
    ("március", "03"),
    ("április", "04"),
    ("május", "05"),
    ("június", "06"),
    ("július", "07"),
    ("augusztus", "08"),
    ("szeptember", "09"),
    ("október", "10"),
    ("november", "11"),
    ("december", "12"),
];

/// Parses a date in any dialect this module knows; `None` when it cannot be read.
pub fn parse(input: &str) -> Option<Timestamp> {
    let mut s = input.trim().to_string();
    if s.is_empty() {
        return None;
    }
    if !s.is_ascii() {
        for (from, to) in TRANSLATIONS {
            if s.contains(from) {
                s = s.replace(from, to);
            }
        }
        if let Some(t) = korean(&s) {
            return Some(t);
        }
    }
    let first = s.chars().next()?;
    if (first.is_ascii_digit() || first == '-')
        && let Some(t) = iso8601(&s)
    {
        return Some(t);
    }
    tokens(&s)
}

/// "2004년 05월 28일  01:31:15": Korean OnBlog dates, in Korea's time zone.
fn onblog(s: &str) -> Option<Timestamp> {
    let (y, rest) = s.split_once('년')?;
    let (m, rest) = rest.split_once('월')?;
    let (d, rest) = rest.split_once('일')?;
    let date = Date::new(
        y.trim().parse().ok()?,
        m.trim().parse().ok()?,
        d.trim().parse().ok()?,
    )
    .ok()?;
    let (h, min, sec) = clock(rest.trim())?;
    at(date, h, min, sec, 9 * 3600)
}

/// "2004-05-25 오후 11:23:17": Korean (Nate) dates, in Korea's time zone.
fn korean(s: &str) -> Option<Timestamp> {
    if s.contains('년') {
        return onblog(s);
    }
    let (pm, rest) = if s.contains("오후") {
        (true, s.replace("오후", " "))
    } else if s.contains("오전") {
        (false, s.replace("오전", " "))
    } else {
        return None;
    };
    let mut parts = rest.split_whitespace();
    let date: Date = parts.next()?.parse().ok()?;
    let (h, m, sec) = clock(parts.next()?)?;
    let h = if pm && h < 12 {
        h + 12
    } else if !pm && h == 12 {
        0
    } else {
        h
    };
    at(date, h, m, sec, 9 * 3600)
}

fn at(date: Date, h: i8, m: i8, s: i8, offset_secs: i32) -> Option<Timestamp> {
    let dt = DateTime::from_parts(date, jiff::civil::Time::new(h, m, s, 0).ok()?);
    let offset = jiff::tz::Offset::from_seconds(offset_secs).ok()?;
    offset.to_timestamp(dt).ok()
}

/// "16:31", "16:31:00", "9:15", "10:14:55.1234" → (h, m, s).
fn clock(s: &str) -> Option<(i8, i8, i8)> {
    let mut it = s.split(':');
    let h: i8 = it.next()?.parse().ok()?;
    let m: i8 = it.next()?.parse().ok()?;
    let sec: i8 = match it.next() {
        Some(x) => x.split(['.', ',']).next()?.parse().ok()?,
        None => 0,
    };
    if it.next().is_some()
        || !(0..=24).contains(&h)
        || !(0..60).contains(&m)
        || !(0..=60).contains(&sec)
    {
        return None;
    }
    Some((h, m, sec.min(59)))
}

fn two_digit_year(y: i16) -> i16 {
    if y < 100 {
        if y < 70 { 2000 + y } else { 1900 + y }
    } else {
        y
    }
}

/// `+0100`, `-01:01`, `+05`, `Z` → seconds east of UTC.
fn numeric_offset(z: &str) -> Option<i32> {
    if z == "Z" || z == "z" {
        return Some(0);
    }
    let sign = match z.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i32, i32) = match digits.len() {
        1 | 2 => (digits.parse().ok()?, 0),
        3 => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

/// Zone abbreviations, including the one-letter military zones and the bare US regions.
fn named_offset(z: &str) -> Option<i32> {
    let z = z.to_ascii_uppercase();
    let hours = match z.as_str() {
        "UT" | "UTC" | "GMT" | "Z" | "WET" => 0,
        "BST" | "CET" | "WEST" | "MET" => 1,
        "CEST" | "EET" | "MEST" => 2,
        "EEST" | "MSK" => 3,
        "ADT" => -3,
        "AT" | "AST" | "EDT" => -4,
        "ET" | "EST" | "CDT" => -5,
        "CT" | "CST" | "MDT" => -6,
        "MT" | "MST" | "PDT" => -7,
        "PT" | "PST" => -8,
        "AKDT" => -8,
        "AKST" => -9,
        "HST" => -10,
        "JST" | "KST" => 9,
        "IST" => return Some(5 * 3600 + 1800),
        "NZST" => 12,
        "NZDT" => 13,
        "AEST" => 10,
        "AEDT" => 11,
        // Military letters as feedparser reads them (RFC 822 had their signs backwards, so
        // RFC 2822 says to distrust them): A and M west, N and Y east, any other letter UTC.
        "A" => -1,
        "M" => -12,
        "N" => 1,
        "Y" => 12,
        s if s.len() == 1 && s.chars().all(|c| c.is_ascii_alphabetic()) => 0,
        _ => return None,
    };
    Some(hours * 3600)
}

/// Any zone spelling: numeric, named, "GMT-01:01", or "Etc/GMT".
fn offset(z: &str) -> Option<i32> {
    let z = z
        .strip_prefix("Etc/")
        .or_else(|| z.strip_prefix("etc/"))
        .unwrap_or(z);
    numeric_offset(z).or_else(|| named_offset(z)).or_else(|| {
        let upper = z.to_ascii_uppercase();
        let rest = upper
            .strip_prefix("GMT")
            .or_else(|| upper.strip_prefix("UTC"))?;
        numeric_offset(rest)
    })
}

/// W3C-DTF and ISO 8601, including "2003-012-31", "031231", "-0312", "-03-12", "03335",
/// "2004-07-08 23:56:58 -00:20".
fn iso8601(s: &str) -> Option<Timestamp> {
    let (date_part, time_part) = match s.find(['T', 't']) {
        Some(i) => (&s[..i], Some(s[i + 1..].trim())),
        None => match s.split_once(' ') {
            Some((d, t)) => (d, Some(t.trim())),
            None => (s, None),
        },
    };
    let date = iso_date(date_part)?;
    let Some(time) = time_part.filter(|t| !t.is_empty()) else {
        return at(date, 0, 0, 0, 0);
    };
    // Split the zone off the clock: "10:14:55.1234Z", "23:25:47.538+10:00", "23:56:58 -00:20".
    let time = time.replace(' ', "");
    let zone_at = time
        .char_indices()
        .skip(1)
        .find(|(_, c)| matches!(c, 'Z' | 'z' | '+' | '-'))
        .map(|(i, _)| i);
    let (clock_s, zone) = match zone_at {
        Some(i) => (&time[..i], Some(&time[i..])),
        None => {
            // A trailing zone name ("12:00:00 EST", "10:14:55GMT").
            let alpha = time.find(|c: char| c.is_ascii_alphabetic());
            match alpha {
                Some(i) => (&time[..i], Some(&time[i..])),
                None => (time.as_str(), None),
            }
        }
    };
    let (h, m, sec) = clock(clock_s)?;
    let off = match zone {
        Some(z) => offset(z)?,
        None => 0,
    };
    let (h, extra_day) = if h == 24 { (0, true) } else { (h, false) };
    let t = at(date, h, m, sec, off)?;
    if extra_day {
        t.checked_add(jiff::SignedDuration::from_hours(24)).ok()
    } else {
        Some(t)
    }
}

fn iso_date(d: &str) -> Option<Date> {
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let ymd = |y: i16, m: i8, day: i8| Date::new(y, m, day).ok();
    if let Some(rest) = d.strip_prefix('-') {
        // "-0312" or "-03-12": YY MM, the first day of that month.
        let digits: String = rest.chars().filter(|c| *c != '-').collect();
        if digits.len() == 4 && all_digits(&digits) {
            return ymd(
                two_digit_year(digits[..2].parse().ok()?),
                digits[2..].parse().ok()?,
                1,
            );
        }
        return None;
    }
    let parts: Vec<&str> = d.split('-').collect();
    match parts.as_slice() {
        [y] if all_digits(y) => match y.len() {
            4 => ymd(y.parse().ok()?, 1, 1),
            5 => {
                // YYDDD: an ordinal day.
                let year = two_digit_year(y[..2].parse().ok()?);
                ordinal(year, y[2..].parse().ok()?)
            }
            6 => ymd(
                two_digit_year(y[..2].parse().ok()?),
                y[2..4].parse().ok()?,
                y[4..].parse().ok()?,
            ),
            7 => ordinal(y[..4].parse().ok()?, y[4..].parse().ok()?),
            8 => ymd(
                y[..4].parse().ok()?,
                y[4..6].parse().ok()?,
                y[6..].parse().ok()?,
            ),
            _ => None,
        },
        [y, m] if all_digits(y) && all_digits(m) => {
            if m.len() == 3 {
                ordinal(y.parse().ok()?, m.parse().ok()?)
            } else {
                ymd(y.parse().ok()?, m.parse().ok()?, 1)
            }
        }
        [y, m, day] if all_digits(y) && all_digits(m) && all_digits(day) => {
            let year = if y.len() == 2 {
                two_digit_year(y.parse().ok()?)
            } else {
                y.parse().ok()?
            };
            ymd(year, m.parse::<i8>().ok()?, day.parse().ok()?)
        }
        _ => None,
    }
}

fn ordinal(year: i16, day: i16) -> Option<Date> {
    let first = Date::new(year, 1, 1).ok()?;
    if !(1..=366).contains(&day) {
        return None;
    }
    let d = first
        .checked_add(jiff::Span::new().days(i64::from(day - 1)))
        .ok()?;
    (d.year() == year).then_some(d)
}

/// RFC 822 and its relatives, read token by token so the order of the parts may vary:
/// "Thu, 01 Jan 04 19:48:21 GMT", "Mon, 13 Feb, 2012 06:28:00 UTC", "Sun Jan  4 16:29:06 2004",
/// "Sun Jul 15 01:16:00 +0000 2012", "Thu Aug 30 2012 17:26:16 +0200", "Fri, 2006/09/15 ...".
fn tokens(s: &str) -> Option<Timestamp> {
    let mut day: Option<i8> = None;
    let mut month: Option<i8> = None;
    let mut year: Option<i16> = None;
    let mut time: Option<(i8, i8, i8)> = None;
    let mut off: Option<i32> = None;
    let mut pm: Option<bool> = None;
    // "+0100 (CET)": a parenthesized comment says again what the offset says.
    let s = without_comments(s);
    for raw in s.split(|c: char| c.is_whitespace() || c == ',') {
        let t = raw.trim_matches('.');
        if t.is_empty() {
            continue;
        }
        let lower = t.to_ascii_lowercase();
        // 12-hour clocks: "8:56 am PST", "02:02:33 PM".
        if time.is_some() && pm.is_none() && matches!(lower.as_str(), "am" | "pm" | "a.m" | "p.m") {
            pm = Some(lower.starts_with('p'));
            continue;
        }
        if month.is_none()
            && lower.chars().all(|c| c.is_ascii_alphabetic())
            && let Some(i) = MONTHS.iter().position(|m| lower.starts_with(m))
        {
            month = Some(i as i8 + 1);
            continue;
        }
        if WEEKDAYS.iter().any(|w| lower.starts_with(w))
            && lower.chars().all(|c| c.is_ascii_alphabetic())
        {
            continue;
        }
        if t.contains('/') && t.starts_with(|c: char| c.is_ascii_digit()) {
            // Perforce: 2006/09/15
            let p: Vec<&str> = t.split('/').collect();
            if let [y, m, d] = p.as_slice() {
                year = y.parse().ok();
                month = m.parse().ok();
                day = d.parse().ok();
                continue;
            }
            return None;
        }
        if t.contains(':') && time.is_none() && t.starts_with(|c: char| c.is_ascii_digit()) {
            // "19:48:21", maybe glued to a zone: "19:48:21+0000".
            let cut = t.find(['+', '-', 'Z']).unwrap_or(t.len());
            time = Some(clock(&t[..cut])?);
            if cut < t.len() {
                off = Some(offset(&t[cut..])?);
            }
            continue;
        }
        if t.chars().all(|c| c.is_ascii_digit()) {
            let n: i32 = t.parse().ok()?;
            if t.len() <= 2
                && day.is_none()
                && (1..=31).contains(&n)
                && (month.is_none() || time.is_none())
            {
                day = Some(n as i8);
                continue;
            }
            if year.is_none() {
                year = Some(if t.len() <= 2 {
                    two_digit_year(n as i16)
                } else {
                    n as i16
                });
                continue;
            }
            return None;
        }
        if off.is_none()
            && let Some(o) = offset(t)
        {
            off = Some(o);
            continue;
        }
        // A zone name nobody knows, after the time: UTC, as feedparser reads it.
        if off.is_none()
            && time.is_some()
            && (2..=5).contains(&t.len())
            && t.chars().all(|c| c.is_ascii_alphabetic())
        {
            off = Some(0);
            continue;
        }
        return None;
    }
    let date = Date::new(year?, month?, day?).ok()?;
    let (mut h, m, sec) = time.unwrap_or((0, 0, 0));
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    at(date, h, m, sec, off.unwrap_or(0))
}

/// The text without parenthesized comments.
fn without_comments(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('(') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse(s)
            .map(|t| t.to_string())
            .unwrap_or_else(|| "none".into())
    }

    #[test]
    fn zone_names_clocks_and_korean_dialects() {
        assert_eq!(p("Thu, 01 Jan 2004 19:48:21 MET"), "2004-01-01T18:48:21Z");
        assert_eq!(p("Thu, 01 Jan 2004 19:48:21 MEST"), "2004-01-01T17:48:21Z");
        assert_eq!(
            p("Thu, 01 Jan 2004 19:48:21 Etc/GMT"),
            "2004-01-01T19:48:21Z"
        );
        assert_eq!(
            p("Thu, 01 Jan 2004 19:48:21 GMT-01:01"),
            "2004-01-01T20:49:21Z"
        );
        assert_eq!(p("Thu, 01 Jan 2004 19:48:21 A"), "2004-01-01T20:48:21Z");
        assert_eq!(p("Thu, 01 Jan 2004 19:48:21 N"), "2004-01-01T18:48:21Z");
        assert_eq!(p("Thu, 01 Jan 2004 19:48:21 B"), "2004-01-01T19:48:21Z");
        assert_eq!(p("Jan 1, 2004 8:56 am PST"), "2004-01-01T16:56:00Z");
        assert_eq!(
            p("Thu, 01 Jan 2004 02:02:33 PM EST"),
            "2004-01-01T19:02:33Z"
        );
        assert_eq!(
            p("Thu, 01 Jan 2004 12:30:00 AM GMT"),
            "2004-01-01T00:30:00Z"
        );
        assert_eq!(
            p("Thu, 01 Jan 2004 19:48:21 +0100 (CET)"),
            "2004-01-01T18:48:21Z"
        );
        assert_eq!(p("2004년 05월 28일  01:31:15"), "2004-05-27T16:31:15Z");
        assert_eq!(p("Thu, 01 Jan 2004 19:48:21 XYZ"), "2004-01-01T19:48:21Z");
    }

    #[test]
    fn rfc822_dialects() {
        assert_eq!(p("Wed, 03 Sep 2025 12:42:00 +0000"), "2025-09-03T12:42:00Z");
        assert_eq!(p("Thu, 01 Jan 04 19:48:21 GMT"), "2004-01-01T19:48:21Z");
        assert_eq!(
            p("Wed, 19 Feb 2012 22:40:00 GMT-01:01"),
            "2012-02-19T23:41:00Z"
        );
        assert_eq!(p("Mon, 13 Feb, 2012 06:28:00 UTC"), "2012-02-13T06:28:00Z");
        assert_eq!(p("Thu, 01 Jan 2004 00:00 GMT"), "2004-01-01T00:00:00Z");
        assert_eq!(
            p("Mon, 26 January 2004 16:31:00 ET"),
            "2004-01-26T21:31:00Z"
        );
        assert_eq!(
            p("Mon, 26 January 2004 16:31:00 AT"),
            "2004-01-26T20:31:00Z"
        );
        assert_eq!(p("Thu Aug 30 2012 17:26:16 +0200"), "2012-08-30T15:26:16Z");
        assert_eq!(p("Thu, 01 Jan 2004"), "2004-01-01T00:00:00Z");
        assert_eq!(p("Thu, 01 Jan 0100 00:00:01 +0100"), "0099-12-31T23:00:01Z");
    }

    #[test]
    fn asctime_and_perforce() {
        assert_eq!(p("Sun Jan  4 16:29:06 2004"), "2004-01-04T16:29:06Z");
        assert_eq!(p("Sun Jul 15 01:16:00 +0000 2012"), "2012-07-15T01:16:00Z");
        assert_eq!(p("Fri, 2006/09/15 08:19:53 EDT"), "2006-09-15T12:19:53Z");
    }

    #[test]
    fn iso_forms() {
        assert_eq!(p("2003-12-31T10:14:55.1234Z"), "2003-12-31T10:14:55Z");
        assert_eq!(p("2003-012-31T10:14:55+00:00"), "2003-12-31T10:14:55Z");
        assert_eq!(p("031231"), "2003-12-31T00:00:00Z");
        assert_eq!(p("-0312"), "2003-12-01T00:00:00Z");
        assert_eq!(p("-03-12"), "2003-12-01T00:00:00Z");
        assert_eq!(p("03335"), "2003-12-01T00:00:00Z");
        assert_eq!(p("2003"), "2003-01-01T00:00:00Z");
        assert_eq!(p("2003-12"), "2003-12-01T00:00:00Z");
        assert_eq!(p("2004-07-08 23:56:58 -00:20"), "2004-07-09T00:16:58Z");
        assert_eq!(p("2004-07-08 23:56:58.0"), "2004-07-08T23:56:58Z");
        assert_eq!(p("2004-02-28T18:14:55-08:00"), "2004-02-29T02:14:55Z");
        assert_eq!(p("2007-04-23T23:25:47.538+10:00"), "2007-04-23T13:25:47Z");
    }

    #[test]
    fn other_languages() {
        assert_eq!(p("Κυρ, 11 Ιούλ 2004 12:00:00 EST"), "2004-07-11T17:00:00Z");
        assert_eq!(p("2004-július-13T9:15-05:00"), "2004-07-13T14:15:00Z");
        assert_eq!(p("2004-05-25 오후 11:23:17"), "2004-05-25T14:23:17Z");
    }

    #[test]
    fn garbage_is_none() {
        for s in [
            "",
            "soon",
            "99:99",
            "2004-13-45",
            "Feb 30 2004",
            "Mon, 32 Jan 2004 00:00 GMT",
        ] {
            assert_eq!(p(s), "none", "{s}");
        }
    }
}
