//! The server's connections: accepted by its own loop (axum's has no header timeout or cap),
//! each with a deadline for its headers and a lifetime, at most so many at once; and which
//! `Host` names the server answers to, so a DNS rebinding name cannot read it.

use axum::Router;
use std::sync::Arc;

/// Connections open at once; more are closed at once (well under the usual limit of 1,024
/// open files, so idle clients can never starve the server of descriptors).
pub const MAX_CONNECTIONS: usize = 256;
/// A client must send its request's headers within this time, or its connection is closed.
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
/// A connection lives at most this long (a keep-alive client reconnects).
pub(super) const CONNECTION_LIFETIME: std::time::Duration = std::time::Duration::from_secs(120);

/// Whether a `Host` header names this server: an address literal (no rebinding name can be
/// one), `localhost`, or a name the reader allowed. A page on another site that rebinds its
/// own name to 127.0.0.1 sends that name, and is refused.
pub(super) fn host_allowed(host: Option<&str>, allowed: &[String]) -> bool {
    let Some(host) = host else { return true };
    let name = match host.strip_prefix('[') {
        // "[::1]:8080"
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None if host.matches(':').count() == 1 => host.split(':').next().unwrap_or(""),
        None => host,
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<std::net::IpAddr>().is_ok()
        || name == "localhost"
        || name.ends_with(".localhost")
        || allowed.contains(&name)
}

/// Accepts connections until SIGINT or SIGTERM: at most [`MAX_CONNECTIONS`] at once (more
/// are closed at once), each with [`HEADER_TIMEOUT`] to send its headers and
/// [`CONNECTION_LIFETIME`] in all, so idle or slow clients cannot hold the server.
pub(super) async fn accept_loop(listener: tokio::net::TcpListener, app: Router) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let stop = shutdown();
    tokio::pin!(stop);
    loop {
        let (stream, _) = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of descriptors or a reset before accept: wait a moment, never spin.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_LIFETIME, connection).await;
            drop(slot);
        });
    }
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(t) => t,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
