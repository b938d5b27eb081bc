//! `herald serve`: a small read-only web server over the store — today's and past editions,
//! full-text search of every stored item, feed health, the Atom feed of editions, and JSON for
//! scripts. It binds loopback unless told otherwise; a non-loopback address needs a token
//! (checked on every request, in constant time) or an explicit word that a reverse proxy
//! authenticates. Pages are the HTML briefing's own: no scripts, no remote loads, a strict CSP.

use crate::locale::Locale;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::site::{self, EditionPage};

mod audio;
mod conn;
mod story;
use crate::store::{Store, StoreError};
use audio::audio;
pub use conn::{HEADER_TIMEOUT, MAX_CONNECTIONS};
use conn::{accept_loop, host_allowed};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub state: PathBuf,
    /// The bearer token every request must carry (from `HERALD_SERVE_TOKEN`).
    pub token: Option<String>,
    /// A reverse proxy in front authenticates readers (allows a public address without a token).
    pub behind_proxy: bool,
    /// Host names (besides address literals and `localhost`) the server answers to.
    pub allowed_hosts: Vec<String>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "{0} is not a loopback address: set HERALD_SERVE_TOKEN (readers then send it as a bearer token) or pass --behind-proxy if a reverse proxy authenticates them"
    )]
    PublicWithoutAuth(SocketAddr),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("no state file at {0}: run 'herald brief' first (serve only reads it)")]
    NoState(PathBuf),
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// Longest query string accepted (a search needs a few words).
const MAX_QUERY: usize = 1_024;
/// A search's limit of time; an abandoned one stops at it too.
pub const SEARCH_DEADLINE: std::time::Duration = std::time::Duration::from_secs(2);
/// Read connections to the store, shared by the requests.
const CONNECTIONS: usize = 4;

struct Shared {
    /// Free read connections; a request takes one (waiting in turn for the semaphore), so no
    /// request queues behind a busy connection while another is free.
    stores: Arc<Mutex<Vec<Store>>>,
    free: Arc<tokio::sync::Semaphore>,
    token: Option<String>,
    /// Host names the server answers to, lower-cased (see [`host_allowed`]).
    allowed_hosts: Vec<String>,
    /// The words of the pages: the newest edition's locale (English without one).
    words: &'static Locale,
    /// The editions as last read, with the store's version of them: an edition page is served
    /// from memory until a briefing adds one.
    editions: Mutex<Option<CachedEditions>>,
}

/// The store's editions version and the editions read at it.
type CachedEditions = ((i64, i64), Arc<Vec<EditionPage>>);

impl Shared {
    /// Runs `f` on one of the store connections (round robin), off the async threads.
    async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let permit = self
            .free
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| StoreError::Locked(PathBuf::from(e.to_string())))?;
        let stores = self.stores.clone();
        // The blocking task takes the connection and the permit and gives both back itself,
        // so a request its client abandons (the future dropped) loses no connection.
        tokio::task::spawn_blocking(move || {
            let store = stores.lock().unwrap_or_else(|p| p.into_inner()).pop();
            let Some(store) = store else {
                return Err(StoreError::Locked(PathBuf::from("no free connection")));
            };
            let result = f(&store);
            stores.lock().unwrap_or_else(|p| p.into_inner()).push(store);
            drop(permit);
            result
        })
        .await
        .unwrap_or_else(|e| Err(StoreError::Locked(PathBuf::from(e.to_string()))))
    }
}

/// Compares two secrets in time that does not depend on where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0
}

async fn guard(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    if req.uri().query().is_some_and(|q| q.len() > MAX_QUERY) || req.uri().path().len() > 256 {
        return (StatusCode::BAD_REQUEST, "request too long").into_response();
    }
    let host = req
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{fffd}"));
    if !host_allowed(host, &shared.allowed_hosts) {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            "herald serve answers only to its own addresses; start it with --allow-host NAME to add a name",
        )
            .into_response();
    }
    if let Some(token) = &shared.token {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("");
        if !same_secret(given.as_bytes(), token.as_bytes()) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "a token is needed",
            )
                .into_response();
        }
    }
    next.run(req).await
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; media-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            ),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A plain page in the briefing's style.
fn page(l: &Locale, title: &str, body: &str) -> String {
    let nav = |key: &str| escape(l.t(key));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{}</title><style>body{{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem}}\
         @media (prefers-color-scheme: dark){{body{{background:#111;color:#ddd}}a{{color:#8ab4f8}}}}\
         td,th{{padding:.2rem .6rem;text-align:left;vertical-align:top}}table{{border-collapse:collapse;width:100%}}\
         td{{overflow-wrap:anywhere}}time{{white-space:nowrap}}mark{{background:#fe8;color:inherit}}\
         @media (max-width:600px){{table.health thead{{display:none}}table.health tr{{display:block;padding:.5rem 0;border-bottom:1px solid #8884}}\
         table.health td{{display:block;padding:.05rem 0}}table.health td[data-label]::before{{content:attr(data-label) \": \";color:#888}}\
         table.health td.name{{font-weight:600}}}}</style></head><body>\
         <p><a href=\"/\">{}</a> · <a href=\"/editions\">{}</a> · <a href=\"/search\">{}</a> · <a href=\"/feeds\">{}</a></p>\
         <h1>{}</h1>\n{body}</body></html>\n",
        l.lang,
        escape(title),
        nav("serve.today"),
        nav("site.editions"),
        nav("serve.search"),
        nav("serve.feeds"),
        escape(title)
    )
}

/// The page of an error that is the server's (a template that failed).
fn server_error(l: &Locale, e: &dyn std::fmt::Display) -> Response {
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        page(l, l.t("serve.error"), &escape(&e.to_string())),
    )
}

/// The page of a query the reader must change (bad bytes, control characters): a 400.
fn bad_query(l: &Locale) -> Response {
    html(
        StatusCode::BAD_REQUEST,
        page(
            l,
            l.t("serve.bad_request"),
            &format!("<p>{}</p>", escape(l.t("serve.bad_query"))),
        ),
    )
}

fn store_error(l: &Locale, e: StoreError) -> Response {
    html(
        StatusCode::SERVICE_UNAVAILABLE,
        page(
            l,
            l.t("serve.try_again"),
            &format!("<p>{}</p>", escape(&e.to_string())),
        ),
    )
}

async fn editions(shared: &Arc<Shared>) -> Result<Arc<Vec<EditionPage>>, StoreError> {
    let version = shared.with_store(|s| s.editions_version()).await?;
    if let Some((v, pages)) = shared
        .editions
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        && *v == version
    {
        return Ok(pages.clone());
    }
    let pages = Arc::new(shared.with_store(|s| site::editions(s, 100_000)).await?);
    *shared.editions.lock().unwrap_or_else(|p| p.into_inner()) = Some((version, pages.clone()));
    Ok(pages)
}

async fn index(State(shared): State<Arc<Shared>>) -> Response {
    match editions(&shared).await {
        Ok(pages) => match site::index_page(&pages, "/", "") {
            Ok(body) => match pages.first() {
                Some(latest) => html(StatusCode::OK, story::link_marks(body, &latest.briefing)),
                None => html(StatusCode::OK, body),
            },
            Err(e) => server_error(shared.words, &e),
        },
        Err(e) => store_error(shared.words, e),
    }
}

fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
        && (b.len() == 10
            || (b[10] == b'-' && b.len() > 11 && b[11..].iter().all(u8::is_ascii_digit)))
}

async fn edition(State(shared): State<Arc<Shared>>, Path(slug): Path<String>) -> Response {
    // `2025-09-01.html` too: the name the site gives the page, which a developing story's
    // "Earlier" links use.
    let slug = slug.strip_suffix(".html").unwrap_or(&slug).to_string();
    if !is_slug(&slug) {
        return html(
            StatusCode::NOT_FOUND,
            page(
                shared.words,
                shared.words.t("serve.not_found"),
                &format!("<p>{}</p>", escape(shared.words.t("serve.no_page"))),
            ),
        );
    }
    match editions(&shared).await {
        Ok(pages) => match pages.iter().find(|p| p.slug == slug) {
            Some(p) => match site::edition_page(p, "/", "/audio/") {
                Ok(body) => html(StatusCode::OK, story::link_marks(body, &p.briefing)),
                Err(e) => server_error(shared.words, &e),
            },
            None => html(
                StatusCode::NOT_FOUND,
                page(
                    shared.words,
                    shared.words.t("serve.not_found"),
                    &format!("<p>{}</p>", escape(shared.words.t("serve.no_edition"))),
                ),
            ),
        },
        Err(e) => store_error(shared.words, e),
    }
}

async fn edition_list(State(shared): State<Arc<Shared>>) -> Response {
    match editions(&shared).await {
        Ok(pages) => {
            let items: String = pages
                .iter()
                .map(|p| {
                    format!(
                        "<li><a href=\"/{}\">{}</a> <small>{}</small></li>\n",
                        escape(&p.slug),
                        escape(&site::edition_title(&p.briefing)),
                        escape(&site::edition_meta(&p.briefing))
                    )
                })
                .collect();
            html(
                StatusCode::OK,
                page(
                    shared.words,
                    shared.words.t("site.editions"),
                    &format!("<ul>\n{items}</ul>"),
                ),
            )
        }
        Err(e) => store_error(shared.words, e),
    }
}

/// The `q` parameter of a query string, decoded; `None` when the query is not valid.
fn query_param(raw: Option<&str>, name: &str) -> Result<Option<String>, ()> {
    let Some(raw) = raw else { return Ok(None) };
    for pair in raw.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if k == name {
            let v = v.replace('+', " ");
            let decoded = percent_decode(&v).ok_or(())?;
            return Ok(Some(decoded));
        }
    }
    Ok(None)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn search(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Response {
    let Ok(q) = query_param(raw.as_deref(), "q") else {
        return bad_query(shared.words);
    };
    let q = q.unwrap_or_default();
    if q.chars().any(char::is_control) {
        return bad_query(shared.words);
    }
    let form = format!(
        "<form action=\"/search\" method=\"get\"><input name=\"q\" value=\"{}\" aria-label=\"{search}\"> <button>{search}</button></form>",
        escape(&q),
        search = escape(shared.words.t("serve.search"))
    );
    if q.trim().is_empty() {
        return html(
            StatusCode::OK,
            page(shared.words, shared.words.t("serve.search"), &form),
        );
    }
    match search_hits(&shared, q.clone()).await {
        Ok(hits) => {
            let items: String = hits
                .iter()
                .map(|h| {
                    let title = match &h.link {
                        Some(l) => format!(
                            "<a href=\"{}\" rel=\"noreferrer noopener\">{}</a>",
                            escape(l),
                            escape(&h.title)
                        ),
                        None => escape(&h.title),
                    };
                    let when = h
                        .published
                        .or(h.first_seen)
                        .map(|t| {
                            format!(
                                " · <time datetime=\"{}\">{}</time>",
                                t,
                                t.strftime("%Y-%m-%d")
                            )
                        })
                        .unwrap_or_default();
                    format!(
                        "<li>{title} · {}{when}<br><small>{}</small></li>\n",
                        escape(&h.source),
                        marked(&h.snippet)
                    )
                })
                .collect();
            let body = if hits.is_empty() {
                format!("{form}<p>{}</p>", escape(shared.words.t("serve.no_match")))
            } else {
                format!("{form}<ol>\n{items}</ol>")
            };
            html(
                StatusCode::OK,
                page(shared.words, shared.words.t("serve.search"), &body),
            )
        }
        Err(e) => store_error(shared.words, e),
    }
}

/// A snippet as HTML: escaped, with the matched words (between the store's match marks)
/// in `<mark>`; brackets the source wrote stay brackets.
fn marked(snippet: &str) -> String {
    escape(snippet)
        .replace(crate::store::MATCH_START, "<mark>")
        .replace(crate::store::MATCH_END, "</mark>")
}

/// Sets a flag when dropped: the request's future was dropped (its client left), so the work
/// it started stops.
struct CancelOnDrop(Arc<std::sync::atomic::AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// A search: first what runs queued since (so items added after start-up are found), then
/// the query, stopped at [`SEARCH_DEADLINE`] or when its client leaves.
async fn search_hits(
    shared: &Arc<Shared>,
    query: String,
) -> Result<Vec<crate::store::SearchHit>, StoreError> {
    let cancel = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let guard = CancelOnDrop(cancel.clone());
    let deadline = std::time::Instant::now() + SEARCH_DEADLINE;
    let hits = shared
        .with_store(move |s| {
            // A run holding the file must not stall a search: the index catches up next time.
            if s.unindexed().unwrap_or(0) > 0 {
                let _ = s.try_update_index();
            }
            s.search_until(&query, None, 50, deadline, cancel)
        })
        .await;
    drop(guard);
    hits
}

async fn feeds(State(shared): State<Arc<Shared>>) -> Response {
    let now = jiff::Timestamp::now();
    match shared.with_store(move |s| s.feeds(now)).await {
        Ok(records) => {
            let rows: String = records
                .iter()
                .map(|r| {
                    let l = shared.words;
                    format!(
                        "<tr><td class=\"name\">{}</td><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td></tr>\n",
                        escape(r.name.as_deref().or(r.title.as_deref()).unwrap_or(&r.url)),
                        escape(l.t("serve.status")),
                        escape(r.last_status.as_deref().unwrap_or("never")),
                        escape(l.t("serve.last_success")),
                        r.last_success
                            .map(|t| t.strftime("%Y-%m-%d %H:%M").to_string())
                            .unwrap_or_else(|| "-".into()),
                        escape(l.t("serve.failures")),
                        r.consecutive_failures,
                        escape(l.t("serve.items_week")),
                        r.items_last_week,
                    )
                })
                .collect();
            html(
                StatusCode::OK,
                page(
                    shared.words,
                    shared.words.t("serve.feeds"),
                    &format!(
                        "<table class=\"health\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>{rows}</tbody></table>",
                        escape(shared.words.t("serve.feed")),
                        escape(shared.words.t("serve.status")),
                        escape(shared.words.t("serve.last_success")),
                        escape(shared.words.t("serve.failures")),
                        escape(shared.words.t("serve.items_week")),
                    ),
                ),
            )
        }
        Err(e) => store_error(shared.words, e),
    }
}

async fn atom(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .map(|h| format!("http://{h}"));
    match editions(&shared).await {
        Ok(pages) => {
            let recent = &pages[..pages.len().min(site::DEFAULT_EDITIONS)];
            match site::atom_feed(recent, host.as_deref(), "") {
                Ok(body) => (
                    [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
                    body,
                )
                    .into_response(),
                Err(e) => server_error(shared.words, &e),
            }
        }
        Err(e) => store_error(shared.words, e),
    }
}

fn json(status: StatusCode, v: serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        v.to_string(),
    )
        .into_response()
}

async fn api_editions(State(shared): State<Arc<Shared>>) -> Response {
    match editions(&shared).await {
        Ok(pages) => json(
            StatusCode::OK,
            serde_json::Value::Array(
                pages
                    .iter()
                    .map(|p| serde_json::json!({"slug": p.slug, "title": site::edition_title(&p.briefing), "date": p.briefing.date.timestamp().to_string()}))
                    .collect(),
            ),
        ),
        Err(e) => json(StatusCode::SERVICE_UNAVAILABLE, serde_json::json!({"error": e.to_string()})),
    }
}

async fn api_edition(State(shared): State<Arc<Shared>>, Path(slug): Path<String>) -> Response {
    match editions(&shared).await {
        Ok(pages) => match pages.iter().find(|p| p.slug == slug) {
            Some(p) => json(StatusCode::OK, crate::render::json::document(&p.briefing)),
            None => json(
                StatusCode::NOT_FOUND,
                serde_json::json!({"error": "no such edition"}),
            ),
        },
        Err(e) => json(
            StatusCode::SERVICE_UNAVAILABLE,
            serde_json::json!({"error": e.to_string()}),
        ),
    }
}

async fn api_search(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Response {
    let Ok(q) = query_param(raw.as_deref(), "q") else {
        return json(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"error": "the query is not valid"}),
        );
    };
    let q = q.unwrap_or_default();
    if q.chars().any(char::is_control) {
        return json(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"error": "the query has control characters"}),
        );
    }
    match search_hits(&shared, q).await {
        Ok(hits) => json(
            StatusCode::OK,
            serde_json::to_value(hits).unwrap_or_default(),
        ),
        Err(e) => json(
            StatusCode::SERVICE_UNAVAILABLE,
            serde_json::json!({"error": e.to_string()}),
        ),
    }
}

async fn not_found(State(shared): State<Arc<Shared>>) -> Response {
    let l = shared.words;
    html(
        StatusCode::NOT_FOUND,
        page(
            l,
            l.t("serve.not_found"),
            &format!("<p>{}</p>", escape(l.t("serve.no_page"))),
        ),
    )
}

/// The application: every route, behind the length and token guard.
fn app(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/editions", get(edition_list))
        .route("/search", get(search))
        .route("/feeds", get(feeds))
        .route("/feed.xml", get(atom))
        .route("/api/editions", get(api_editions))
        .route("/api/editions/{slug}", get(api_edition))
        .route("/api/search", get(api_search))
        .route("/audio/{file}", get(audio))
        .route("/story/{id}", get(story::story))
        .route("/{slug}", get(edition))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Runs the server until SIGINT or SIGTERM. `ready` is called with the bound address.
pub fn run(options: ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    if !options.listen.ip().is_loopback() && options.token.is_none() && !options.behind_proxy {
        return Err(ServeError::PublicWithoutAuth(options.listen));
    }
    // Serve only reads: a missing state file is a mistake to say, not a file to create.
    if !options.state.is_file() {
        return Err(ServeError::NoState(options.state.clone()));
    }
    // Search finds what is indexed: index what runs queued since, once, before serving (and
    // again before each search).
    let mut first = Store::open(&options.state)?;
    let _ = first.update_index(|_| {});
    // The pages speak the language of the newest edition.
    let words = site::editions(&first, 1)
        .ok()
        .and_then(|pages| {
            pages
                .first()
                .map(|p| Locale::or_english(&p.briefing.locale))
        })
        .unwrap_or_else(|| Locale::or_english("en"));
    let mut stores = vec![first];
    for _ in 1..CONNECTIONS {
        stores.push(Store::open(&options.state)?);
    }
    let shared = Arc::new(Shared {
        free: Arc::new(tokio::sync::Semaphore::new(stores.len())),
        stores: Arc::new(Mutex::new(stores)),
        token: options.token.clone(),
        allowed_hosts: options
            .allowed_hosts
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect(),
        words,
        editions: Mutex::new(None),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .map_err(|e| ServeError::Bind(options.listen, e))?;
        ready(listener.local_addr()?);
        accept_loop(listener, app(shared)).await;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_secrets() {
        assert!(is_slug("2025-09-03") && is_slug("2025-09-03-2"));
        for bad in [
            "../etc",
            "2025-9-3",
            "2025-09-03-",
            "2025-09-03x",
            "..%2f",
            "",
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd") && !same_secret(b"abc", b"abcd"));
        assert_eq!(
            query_param(Some("q=caf%C3%A9+bar&x=1"), "q"),
            Ok(Some("café bar".into()))
        );
        assert_eq!(query_param(Some("q=%FF"), "q"), Err(()));
    }

    #[test]
    fn only_the_servers_own_names_are_answered() {
        let allowed = vec!["news.home.arpa".to_string()];
        for ok in [
            None,
            Some("127.0.0.1:8080"),
            Some("localhost:8080"),
            Some("LOCALHOST"),
            Some("[::1]:8080"),
            Some("192.168.1.5"),
            Some("news.home.arpa:8080"),
        ] {
            assert!(host_allowed(ok, &allowed), "{ok:?}");
        }
        for bad in [
            Some("attacker.example:8080"),
            Some("rebind.attacker.example"),
            Some("127.0.0.1.nip.io:8080"),
            Some(""),
        ] {
            assert!(!host_allowed(bad, &allowed), "{bad:?}");
        }
    }
}
