//! The daily habit under faults: runs killed mid-delivery, runs in the same second, runs from
//! another directory. Each test is one defect found by trying (issue 21: D1, D2, D3) and must
//! fail on the code before its fix.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::{RssItem, command, ok, rss_items};

/// A since-last config reading `f.xml` beside it, plus the paths of the feed and the state.
struct Morning {
    dir: tempfile::TempDir,
}

impl Morning {
    fn new() -> Morning {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("config.toml"),
            "timezone = \"UTC\"\nwindow = \"since-last\"\n[[section]]\nfull_text = \"never\"\ntitle = \"N\"\nmax_items = 50\nfeeds = [\"f.xml\"]\n",
        )
        .expect("config");
        Morning { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes the feed with these (guid, title) items.
    fn feed(&self, items: &[(&str, &str)]) {
        let items: Vec<RssItem<'_>> = items
            .iter()
            .map(|&(guid, title)| RssItem {
                guid: guid.into(),
                title,
                link: "",
                date: "Wed, 03 Sep 2025 09:00:00 +0000".into(),
                description: "Text.".into(),
            })
            .collect();
        std::fs::write(self.path("f.xml"), rss_items("F", &items)).expect("feed");
    }

    /// `herald brief` at `now`, writing to `output`, run from `cwd`.
    fn brief(&self, now: &str, output: &str, cwd: &Path) -> std::process::Command {
        let mut cmd = command();
        cmd.current_dir(cwd).args([
            "-q",
            "brief",
            "--config",
            self.path("config.toml").to_str().expect("p"),
            "--state",
            self.path("state.sqlite").to_str().expect("p"),
            "--now",
            now,
            "--output",
            output,
        ]);
        cmd
    }

    fn sql(&self, statement: &str) {
        let conn = rusqlite::Connection::open(self.path("state.sqlite")).expect("open state");
        conn.execute(statement, []).expect("sql");
    }
}

/// D1: a run killed while blocked writing to a FIFO left a briefing whose output is that FIFO;
/// the next run read it to settle the briefing and waited forever for a writer, holding the
/// store lock. Now only a regular file is read, so the next run finishes (and, unable to see
/// what was delivered, forgets that briefing so its items come again).
#[test]
fn a_fifo_left_as_the_output_of_a_killed_run_does_not_hang_the_next() {
    let m = Morning::new();
    m.feed(&[("a", "Alpha story")]);
    let fifo = m.path("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let out = m.path("brief.md");
    ok(&m
        .brief(
            "2025-09-03T10:00:00Z",
            out.to_str().expect("p"),
            m.dir.path(),
        )
        .output()
        .expect("run"));
    // As a kill leaves it: recorded for the FIFO, never marked delivered.
    m.sql(&format!(
        "UPDATE briefings SET delivered = 0, output = '{}'",
        fifo.display()
    ));
    m.feed(&[("a", "Alpha story"), ("b", "Bravo story")]);
    let mut child = m
        .brief(
            "2025-09-03T11:00:00Z",
            out.to_str().expect("p"),
            m.dir.path(),
        )
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let status = status.expect("the next run hung on the FIFO");
    assert!(status.success(), "{status:?}");
    let text = std::fs::read_to_string(&out).expect("output");
    assert!(text.contains("Bravo story"), "{text}");
    assert!(
        text.contains("Alpha story"),
        "not provably delivered, so shown again rather than lost: {text}"
    );
}

/// D2: two since-last runs in the same second: an item first seen by the second run was never
/// shown (first-seen times compared at one-second granularity). Now by sequence: exact.
#[test]
fn since_last_runs_in_the_same_second_lose_nothing() {
    let m = Morning::new();
    // Each run to its own file (a re-run into the same file holds the whole day).
    let run = |name: &str| {
        let out = m.path(name);
        ok(&m
            .brief(
                "2025-09-03T10:00:00Z",
                out.to_str().expect("p"),
                m.dir.path(),
            )
            .output()
            .expect("run"));
        std::fs::read_to_string(out).expect("output")
    };
    m.feed(&[("a", "Alpha story")]);
    let first = run("1.md");
    assert!(first.contains("Alpha story"), "{first}");
    m.feed(&[("a", "Alpha story"), ("b", "Bravo story")]);
    let second = run("2.md");
    assert!(
        second.contains("Bravo story"),
        "shown in the same second: {second}"
    );
    assert!(!second.contains("Alpha story"), "not repeated: {second}");
    let third = run("3.md");
    assert!(!third.contains("Bravo story"), "shown once: {third}");
}

/// D3: a relative `--output` was recorded as given; after a kill, the next run from another
/// directory looked for it there, did not find it, and showed the items again. Now the
/// recorded path is absolute.
#[test]
fn a_relative_output_is_settled_from_any_directory() {
    let m = Morning::new();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    m.feed(&[("a", "Alpha story")]);
    ok(&m
        .brief("2025-09-03T10:00:00Z", "brief.md", m.dir.path())
        .output()
        .expect("run"));
    m.sql("UPDATE briefings SET delivered = 0");
    m.feed(&[("a", "Alpha story"), ("b", "Bravo story")]);
    ok(&m
        .brief("2025-09-03T11:00:00Z", "later.md", elsewhere.path())
        .output()
        .expect("run"));
    let later = std::fs::read_to_string(elsewhere.path().join("later.md")).expect("later");
    assert!(later.contains("Bravo story"), "{later}");
    assert!(
        !later.contains("Alpha story"),
        "delivered before the kill, not repeated: {later}"
    );
}

/// D19: `herald completions fish | head -c 10` and `herald feeds list | head -1` panicked on
/// the closed pipe (exit 101). A closed pipe now ends the output quietly, as `ls | head` does.
#[test]
fn a_closed_pipe_ends_output_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("c.toml");
    let mut text = String::from("timezone = \"UTC\"\n");
    for i in 0..50 {
        text.push_str(&format!(
            "[[section]]\ntitle = \"S{i}\"\nfeeds = [\"https://example.com/{i}.xml\"]\n"
        ));
    }
    std::fs::write(&config, text).expect("config");
    let config = config.to_str().expect("p");
    for args in [
        vec!["completions", "fish"],
        vec!["feeds", "list", "--config", config],
        vec!["brief", "--demo", "--output", "-"],
    ] {
        let mut child = command()
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        // The reader leaves before herald writes a byte.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

/// `max_items = 2` with seven new items dropped five with no "+N more", and since-last never
/// showed them. Now they are named under "+5 more" (and so shown once, never lost unseen).
#[test]
fn items_past_max_items_are_named_not_dropped() {
    let m = Morning::new();
    std::fs::write(
        m.path("config.toml"),
        "timezone = \"UTC\"\nwindow = \"since-last\"\n[[section]]\nfull_text = \"never\"\ntitle = \"N\"\nmax_items = 2\nfeeds = [\"f.xml\"]\n",
    )
    .expect("config");
    let titles = [
        "Alpha story",
        "Bravo story",
        "Charlie story",
        "Delta story",
        "Echo story",
        "Foxtrot story",
        "Golf story",
    ];
    let items: Vec<(String, &str)> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("g{i}"), *t))
        .collect();
    let items: Vec<(&str, &str)> = items.iter().map(|(g, t)| (g.as_str(), *t)).collect();
    m.feed(&items);
    let out = m.path("brief.md");
    ok(&m
        .brief(
            "2025-09-03T10:00:00Z",
            out.to_str().expect("p"),
            m.dir.path(),
        )
        .output()
        .expect("run"));
    let text = std::fs::read_to_string(&out).expect("output");
    assert!(text.contains("+5 more"), "{text}");
    for t in titles {
        assert!(text.contains(t), "{t} named: {text}");
    }
}

/// A state file that cannot be opened (here its directory cannot be made; a read-only
/// directory does the same) gave no briefing at all. Now the briefing is made without memory,
/// with a warning. And `show`, `site build` and `search` only read the state: a missing one
/// is said, never created.
#[test]
fn an_unusable_state_file_costs_memory_not_the_briefing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "a file where a directory should be").expect("file");
    let state = blocker.join("herald").join("state.sqlite");
    let out = command()
        .args([
            "--state",
            state.to_str().expect("p"),
            "brief",
            "--demo",
            "--output",
            "-",
        ])
        .output()
        .expect("run");
    let text = ok(&out);
    assert!(text.contains("Weather"), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning") && err.contains("without memory"),
        "{err}"
    );

    let missing = dir.path().join("missing.sqlite");
    let site = dir.path().join("site");
    for args in [
        vec!["show"],
        vec!["site", "build", site.to_str().expect("p")],
        vec!["search", "rail"],
    ] {
        let out = command()
            .args(["--state", missing.to_str().expect("p")])
            .args(&args)
            .output()
            .expect("run");
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no state file"), "{args:?}: {err}");
        assert!(!missing.exists(), "{args:?} created the state file");
    }
}

/// Issue 22: a second run on the same day replaced the morning's note with one that said "No
/// new items" everywhere. Now the day's file holds the whole day's briefing and only grows;
/// the stored edition is what was delivered, `show DATE` gives the day's latest, and the list
/// of editions says when each was made and what it holds.
#[test]
fn a_second_run_the_same_day_keeps_the_mornings_note() {
    let m = Morning::new();
    std::fs::write(
        m.path("config.toml"),
        "timezone = \"UTC\"\nwindow = \"since-last\"\noutput = \"notes/{date}.md\"\n[[section]]\nfull_text = \"never\"\ntitle = \"N\"\nmax_items = 50\nfeeds = [\"f.xml\"]\n",
    )
    .expect("config");
    let run = |now: &str| {
        let mut cmd = command();
        cmd.args(["-q", "brief", "--config"])
            .arg(m.path("config.toml"))
            .arg("--state")
            .arg(m.path("state.sqlite"))
            .args(["--now", now]);
        ok(&cmd.output().expect("run"));
    };
    let morning = [
        ("a", "Alpha story"),
        ("b", "Bravo story"),
        ("c", "Charlie story"),
        ("d", "Delta story"),
        ("e", "Echo story"),
    ];
    m.feed(&morning);
    run("2025-09-03T10:00:00Z");
    let mut later = morning.to_vec();
    later.push(("f", "Foxtrot story"));
    m.feed(&later);
    run("2025-09-03T11:00:00Z");
    let note = std::fs::read_to_string(m.path("notes/2025-09-03.md")).expect("note");
    for (_, title) in &later {
        assert!(note.contains(title), "{title} kept: {note}");
    }
    assert_eq!(note.matches("Alpha story").count(), 1, "{note}");
    assert!(!note.contains("No new items"), "{note}");
    // A third run with nothing new changes nothing that was there.
    run("2025-09-03T12:00:00Z");
    let again = std::fs::read_to_string(m.path("notes/2025-09-03.md")).expect("note");
    for (_, title) in &later {
        assert!(again.contains(title), "{title} kept: {again}");
    }
    let show = |args: &[&str]| {
        let mut cmd = command();
        cmd.arg("--state")
            .arg(m.path("state.sqlite"))
            .arg("show")
            .args(args);
        ok(&cmd.output().expect("show"))
    };
    let shown = show(&["2025-09-03"]);
    assert!(
        shown.contains("Foxtrot story") && shown.contains("Alpha story"),
        "{shown}"
    );
    let list = show(&["--list"]);
    assert!(list.contains("12:00 · 6 entries"), "{list}");
    assert!(list.contains("10:00 · 5 entries"), "{list}");
    // The next day starts a note of its own.
    let mut next = later.clone();
    next.push(("g", "Golf story"));
    m.feed(&next);
    run("2025-09-04T10:00:00Z");
    let tomorrow = std::fs::read_to_string(m.path("notes/2025-09-04.md")).expect("note");
    assert!(
        tomorrow.contains("Golf story") && !tomorrow.contains("Alpha story"),
        "{tomorrow}"
    );
}

/// The counted tail past `max_items` (beyond the ten named under "+N more") is covered by the
/// briefing's sequence mark, not by one "shown" row each: the next morning shows only what is
/// new, none of the tail again.
#[test]
fn the_counted_tail_does_not_come_back_the_next_morning() {
    let m = Morning::new();
    std::fs::write(
        m.path("config.toml"),
        "timezone = \"UTC\"\nwindow = \"since-last\"\n[[section]]\nfull_text = \"never\"\ntitle = \"N\"\nmax_items = 3\nfeeds = [\"f.xml\"]\n",
    )
    .expect("config");
    let guids: Vec<String> = (0..30).map(|i| format!("g{i}")).collect();
    let titles: Vec<String> = (0..30)
        .map(|i| format!("Story number {i} of the day"))
        .collect();
    let items: Vec<(&str, &str)> = guids
        .iter()
        .zip(&titles)
        .map(|(g, t)| (g.as_str(), t.as_str()))
        .collect();
    m.feed(&items);
    let first = m.path("first.md");
    ok(&m
        .brief(
            "2025-09-03T10:00:00Z",
            first.to_str().expect("p"),
            m.dir.path(),
        )
        .output()
        .expect("run"));
    assert!(
        std::fs::read_to_string(&first)
            .expect("first")
            .contains("+27 more")
    );
    let mut next = items.clone();
    next.push(("g-new", "A new story of the next morning"));
    m.feed(&next);
    let second = m.path("second.md");
    ok(&m
        .brief(
            "2025-09-04T10:00:00Z",
            second.to_str().expect("p"),
            m.dir.path(),
        )
        .output()
        .expect("run"));
    let text = std::fs::read_to_string(&second).expect("second");
    assert!(text.contains("A new story of the next morning"), "{text}");
    assert!(!text.contains("Story number"), "{text}");
    assert!(!text.contains("more"), "{text}");
}
