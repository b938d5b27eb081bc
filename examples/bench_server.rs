//! Loopback feed server for the fetch benchmark (`bench/fetch.sh`): N feeds, each on its own
//! loopback address (127.0.0.2 …, so per-host limits do not serialize them), each answered after
//! a fixed delay, with an ETag and 304 when it is sent back. Async, so the server is never the
//! bottleneck (a threaded Python server was: 200 requests took 380 ms for any client).
//!
//! With HOSTS, the feeds share HOSTS addresses (feed i on host i % HOSTS, `/i.xml`), as a real
//! subscription list clusters on a few publishers.
//!
//!   cargo run --release --example bench_server -- FEEDS PORT DELAY_MS BODY_FILE|synthetic [HOSTS]

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Feed i's address: 127.0.0.2 … 127.0.0.251, then 127.0.1.2 …, 250 to a block.
fn host(i: usize) -> String {
    format!("127.0.{}.{}", i / 250, i % 250 + 2)
}

/// With BODY_FILE "synthetic": feed i has 10 stories of its own (distinct words, dated the
/// morning of 2025-09-03), so a thousand feeds make a thousand feeds' worth of news rather than
/// copies of one.
fn synthetic(i: usize) -> String {
    let mut seed = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut word = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        format!("w{}", seed % 50_000)
    };
    let mut items = String::new();
    for k in 0..10 {
        let title: Vec<String> = (0..9).map(|_| word()).collect();
        let sentences: Vec<String> = (0..6)
            .map(|_| {
                let s: Vec<String> = (0..14).map(|_| word()).collect();
                format!("{}.", s.join(" "))
            })
            .collect();
        items.push_str(&format!(
            "<item><title>{}</title><link>https://feed{i}.example/story/{k}</link>\
             <guid>feed{i}-story{k}</guid><pubDate>Wed, 03 Sep 2025 {:02}:15:00 GMT</pubDate>\
             <description>{}</description></item>\n",
            title.join(" "),
            k + 2,
            sentences.join(" ")
        ));
    }
    format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Feed {i}</title>\
         <link>https://feed{i}.example/</link>\n{items}</channel></rss>\n"
    )
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 && args.len() != 6 {
        return Err("usage: bench_server FEEDS PORT DELAY_MS BODY_FILE [HOSTS]".into());
    }
    let feeds: usize = args[1].parse()?;
    let port: u16 = args[2].parse()?;
    let delay = Duration::from_millis(args[3].parse()?);
    let template = match args[4].as_str() {
        "synthetic" => None,
        file => Some(std::fs::read_to_string(file)?),
    };
    let hosts: usize = match args.get(5) {
        Some(h) => h.parse()?,
        None => feeds,
    };
    let bodies: std::sync::Arc<Vec<String>> = std::sync::Arc::new(
        (0..feeds)
            .map(|i| match &template {
                Some(t) => t
                    .replacen("<title>", &format!("<title>{i} "), 1)
                    .replace("?p=", &format!("?feed={i}&amp;p=")),
                None => synthetic(i),
            })
            .collect(),
    );
    for h in 0..hosts.min(feeds) {
        let listener = TcpListener::bind((host(h).as_str(), port)).await?;
        let bodies = bodies.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut sock, _)) = listener.accept().await else {
                    continue;
                };
                let bodies = bodies.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 8192];
                    let mut head = String::new();
                    while !head.contains("\r\n\r\n") {
                        match sock.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.push_str(&String::from_utf8_lossy(&buf[..n])),
                        }
                    }
                    // The feed is named by its path, /i.xml (one host serves several).
                    let i: usize = head
                        .split_whitespace()
                        .nth(1)
                        .and_then(|p| p.trim_start_matches('/').strip_suffix(".xml"))
                        .and_then(|n| n.parse().ok())
                        .filter(|&n| n < bodies.len())
                        .unwrap_or(h);
                    let body = &bodies[i];
                    tokio::time::sleep(delay).await;
                    let etag = format!("\"feed-{i}-v1\"");
                    let reply = if head
                        .to_ascii_lowercase()
                        .contains(&format!("if-none-match: {etag}"))
                    {
                        format!(
                            "HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        )
                    } else {
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: {etag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        )
                    };
                    let _ = sock.write_all(reply.as_bytes()).await;
                });
            }
        });
    }
    println!("ready");
    std::future::pending::<()>().await;
    Ok(())
}
