//! Test support: a tiny HTTP/1.1 server on 127.0.0.1 (each path answers as the test says), and
//! the built `herald` binary run in isolation.

/// The moment every test briefing is made at (the demo's own).
pub const NOW: &str = "2025-09-03T14:42:00Z";

/// The one command builder: the built herald with no user config, and a data dir of this test
/// process's own, so no test ever touches a reader's real config or state. Tests that need a
/// state file name one with `--state`.
pub fn command() -> std::process::Command {
    let data = std::env::temp_dir().join(format!("herald-it-data-{}", std::process::id()));
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_herald"));
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-herald-test")
        .env("XDG_DATA_HOME", data);
    cmd
}

/// A run's standard output, after asserting that it succeeded (its exit code and standard error
/// in the failure message).
pub fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

/// Runs herald with `args`, `input` on its standard input and a fresh, throwaway data dir.
pub fn herald_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let data = tempfile::tempdir().expect("tempdir");
    let mut child = command()
        .args(args)
        .env("XDG_DATA_HOME", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn herald");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait for herald")
}

/// Runs herald with `args` and a fresh, throwaway data dir.
pub fn herald(args: &[&str]) -> std::process::Output {
    let data = tempfile::tempdir().expect("tempdir");
    command()
        .args(args)
        .env("XDG_DATA_HOME", data.path())
        .output()
        .expect("run herald")
}

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// A request as the handler sees it.
pub struct Request {
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: String,
    /// How many times this path was requested before (0 for the first).
    pub hit: usize,
}

/// What the server does.
pub enum Reply {
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Sleep, then answer.
    Delay(Duration, Box<Reply>),
    /// Promise `declared` bytes, send `body`, then close the connection.
    Truncated { declared: usize, body: Vec<u8> },
}

impl Reply {
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type".into(), "application/rss+xml".into())],
            body: body.into(),
        }
    }
    pub fn status(status: u16) -> Reply {
        Reply::Full {
            status,
            headers: vec![],
            body: Vec::new(),
        }
    }
    pub fn with(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.into(),
        }
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct Server {
    pub port: u16,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    pub requests: Arc<AtomicUsize>,
}

impl Server {
    /// Starts serving on an ephemeral loopback port; the server lives as long as the test.
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("addr").port();
        let handler: Arc<Handler> = Arc::new(handler);
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let requests = Arc::new(AtomicUsize::new(0));
        let (h, c) = (hits.clone(), requests.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (handler, hits, count) = (handler.clone(), h.clone(), c.clone());
                thread::spawn(move || serve(stream, &*handler, &hits, &count));
            }
        });
        Server {
            port,
            hits,
            requests,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn hits(&self, path: &str) -> usize {
        self.hits
            .lock()
            .map(|h| h.get(path).copied().unwrap_or(0))
            .unwrap_or(0)
    }
}

fn serve(
    stream: TcpStream,
    handler: &Handler,
    hits: &Mutex<HashMap<String, usize>>,
    count: &AtomicUsize,
) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.is_empty() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let len: usize = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    if len > 0 && std::io::Read::read_exact(&mut reader, &mut body).is_err() {
        return;
    }
    let body = String::from_utf8_lossy(&body).into_owned();
    let hit = {
        let mut map = hits.lock().expect("hits");
        let n = map.entry(path.clone()).or_insert(0);
        *n += 1;
        *n - 1
    };
    count.fetch_add(1, Ordering::SeqCst);
    let reply = handler(&Request {
        path,
        headers,
        body,
        hit,
    });
    write_reply(stream, reply);
}

fn write_reply(mut stream: TcpStream, reply: Reply) {
    match reply {
        Reply::Delay(d, inner) => {
            thread::sleep(d);
            write_reply(stream, *inner);
        }
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
        Reply::Truncated { declared, body } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {declared}\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
            let _ = stream.flush();
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// An RSS 2.0 document with the given `(guid, title, link, pubDate)` items.
pub fn rss(title: &str, items: &[(&str, &str, &str, &str)]) -> String {
    let items: Vec<RssItem<'_>> = items
        .iter()
        .map(|&(guid, t, link, date)| RssItem {
            guid: guid.to_string(),
            title: t,
            link,
            date: date.to_string(),
            description: format!("{t} ({guid})."),
        })
        .collect();
    rss_items(title, &items)
}

/// One item of a test feed.
pub struct RssItem<'a> {
    pub guid: String,
    pub title: &'a str,
    pub link: &'a str,
    /// An RFC 822 date, as RSS writes them.
    pub date: String,
    pub description: String,
}

/// The one place tests write RSS: a channel titled `title` with these items.
pub fn rss_items(title: &str, items: &[RssItem<'_>]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{title}</title><link>https://example.com/</link>\n"
    );
    for item in items {
        let link = item.link.replace('&', "&amp;");
        s.push_str(&format!(
            "<item><guid isPermaLink=\"false\">{}</guid><title>{}</title><link>{link}</link><pubDate>{}</pubDate><description>{}</description></item>\n",
            item.guid, item.title, item.date, item.description
        ));
    }
    s.push_str("</channel></rss>");
    s
}

/// A temp dir holding a copy of `fixture` (a path in the repository) as `name`, and a
/// `config.toml` with `config`; returns the dir (kept alive by the caller) and the config path.
pub fn config_dir(
    fixture: &str,
    name: &str,
    config: &str,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture),
        dir.path().join(name),
    )
    .expect("copy fixture");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, config).expect("write config");
    (dir, path)
}

/// A minimal SMTP server on 127.0.0.1 for tests: no TLS, no AUTH; it keeps every message it
/// accepts, or answers every RCPT with 550 when told to reject.
pub struct SmtpServer {
    pub port: u16,
    messages: Arc<Mutex<Vec<String>>>,
}

impl SmtpServer {
    pub fn start(reject: bool) -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let store = Arc::clone(&messages);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let store = Arc::clone(&store);
                thread::spawn(move || smtp_session(stream, reject, &store));
            }
        });
        SmtpServer { port, messages }
    }

    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

fn smtp_session(stream: TcpStream, reject: bool, store: &Mutex<Vec<String>>) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut out = stream;
    let mut say = |s: &str| out.write_all(format!("{s}\r\n").as_bytes()).is_ok();
    if !say("220 localhost test SMTP") {
        return;
    }
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let cmd = line.trim_end().to_ascii_uppercase();
        let ok = if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
            say("250-localhost") && say("250 8BITMIME")
        } else if cmd.starts_with("MAIL FROM") {
            say("250 OK")
        } else if cmd.starts_with("RCPT TO") {
            if reject {
                say("550 5.1.1 mailbox unavailable")
            } else {
                say("250 OK")
            }
        } else if cmd == "DATA" {
            if !say("354 go ahead") {
                return;
            }
            let mut data = String::new();
            loop {
                let mut l = String::new();
                if reader.read_line(&mut l).unwrap_or(0) == 0 {
                    return;
                }
                if l == ".\r\n" {
                    break;
                }
                // Undo dot-stuffing.
                data.push_str(
                    l.strip_prefix('.')
                        .filter(|_| l.starts_with(".."))
                        .unwrap_or(&l),
                );
            }
            if let Ok(mut m) = store.lock() {
                m.push(data);
            }
            say("250 queued")
        } else if cmd == "QUIT" {
            let _ = say("221 bye");
            return;
        } else {
            say("250 OK")
        };
        if !ok {
            return;
        }
    }
}
