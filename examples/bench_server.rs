//! Loopback feed server for the fetch benchmark (`bench/fetch.sh`): N feeds, each on its own
//! loopback address (127.0.0.2 …, so per-host limits do not serialize them), each answered after
//! a fixed delay, with an ETag and 304 when it is sent back. Async, so the server is never the
//! bottleneck (a threaded Python server was: 200 requests took 380 ms for any client).
//!
//!   cargo run --release --example bench_server -- FEEDS PORT DELAY_MS BODY_FILE

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn host(i: usize) -> String {
    if i < 250 {
        format!("127.0.0.{}", i + 2)
    } else {
        format!("127.0.1.{}", i - 248)
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        return Err("usage: bench_server FEEDS PORT DELAY_MS BODY_FILE".into());
    }
    let feeds: usize = args[1].parse()?;
    let port: u16 = args[2].parse()?;
    let delay = Duration::from_millis(args[3].parse()?);
    let template = std::fs::read_to_string(&args[4])?;
    for i in 0..feeds {
        let listener = TcpListener::bind((host(i).as_str(), port)).await?;
        let body = template
            .replacen("<title>", &format!("<title>{i} "), 1)
            .replace("?p=", &format!("?feed={i}&amp;p="));
        tokio::spawn(async move {
            loop {
                let Ok((mut sock, _)) = listener.accept().await else {
                    continue;
                };
                let body = body.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 8192];
                    let mut head = String::new();
                    while !head.contains("\r\n\r\n") {
                        match sock.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.push_str(&String::from_utf8_lossy(&buf[..n])),
                        }
                    }
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
