//! What Leptos does not do for us: refusing cross-site writes, security headers, cache policy,
//! and giving server-function errors their real HTTP status.

use super::state::AppState;
use crate::error::AppError;
use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::time::Duration;

/// Refuses state-changing requests that come from another site, before they reach any handler.
///
/// Server functions have no CSRF protection of their own. Browsers send `Sec-Fetch-Site` on every
/// request; when an old browser does not, a foreign `Origin` is refused instead. `same-site`
/// (a sibling subdomain) is refused too: it is another application.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let safe_method = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe_method && is_cross_site(request.headers(), &state.config.public_url) {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Requête refusée : elle ne vient pas de Coop'Manau.",
        )
            .into_response();
    }
    next.run(request).await
}

fn is_cross_site(headers: &HeaderMap, public_url: &str) -> bool {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = header("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    match header("origin") {
        None => false, // not a browser form or fetch: cookies are SameSite=Lax anyway
        Some(origin) => {
            let host = header("host").unwrap_or_default();
            let same_host = origin
                .split_once("://")
                .is_some_and(|(_, authority)| !host.is_empty() && authority == host);
            !(origin == public_url || same_host)
        }
    }
}

/// Headers every response carries. Pages add their own CSP with a nonce (see `shell`); other
/// responses get a strict one.
pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: &'static str, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(headers, "x-content-type-options", "nosniff");
    // `same-origin` keeps the Referer on our own form posts: without JavaScript, server functions
    // redirect back to it.
    set(headers, "referrer-policy", "same-origin");
    set(headers, "x-frame-options", "DENY");
    set(
        headers,
        "permissions-policy",
        "geolocation=(), microphone=(), camera=(), payment=(), usb=(), interest-cohort=()",
    );
    set(
        headers,
        "content-security-policy",
        "default-src 'none'; frame-ancestors 'none'",
    );
    set(headers, "cross-origin-opener-policy", "same-origin");
    if state.config.is_https() {
        set(headers, "strict-transport-security", "max-age=31536000");
    }
    response
}

/// The CSP of an HTML page whose scripts carry `nonce`.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The server functions whose forms carry photos: multipart, and a larger bound.
pub fn carries_photos(path: &str) -> bool {
    use leptos::server_fn::ServerFn;
    path == <crate::alterations::api::SubmitAlterationRequest as ServerFn>::PATH
        || path == <crate::made_to_order::api::SendMadeToOrderRequest as ServerFn>::PATH
}

/// Reads request bodies before any handler sees them, so that what a hostile or broken client
/// sends costs bounded memory and time and is answered in French, never with a 500:
/// - over `MAX_BODY_BYTES` (`MAX_UPLOAD_BYTES` for the form that carries photos), declared or
///   streamed (chunked): 413;
/// - pausing longer than `BODY_IDLE_SECS` between two pieces, or longer than the whole budget: 408;
/// - a server function posted with another type than its form's: 415;
/// - a form or a query string whose values are not UTF-8: 400.
///
/// Server functions read the whole body anyway; reading it here (bounded) lets the refusals
/// happen in one place instead of as a deserialization error deep inside server_fn.
pub async fn check_body(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let server_fn = path.starts_with("/api/");
    if server_fn && !is_readable_form(request.uri().query().unwrap_or_default().as_bytes()) {
        return refusal(StatusCode::BAD_REQUEST, UNREADABLE);
    }
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let upload = carries_photos(path);
    let (limit, budget) = if upload {
        // Five phone photos over a slow mobile connection.
        (state.config.max_upload_bytes, Duration::from_secs(600))
    } else {
        (state.config.max_body_bytes, Duration::from_secs(60))
    };
    let too_large = || {
        refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            if upload {
                "Les photos envoyées sont trop lourdes : 8 Mo par photo au plus, 5 photos au plus. \
                 Revenez en arrière et choisissez des photos plus légères."
            } else {
                "La demande envoyée est trop grande."
            },
        )
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return too_large();
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if server_fn {
        let expected = if upload {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        if essence != expected {
            return refusal(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Ce type de contenu n'est pas accepté ici. Envoyez le formulaire depuis la page.",
            );
        }
        // server_fn panics on a "multipart" body it cannot split.
        if upload && multer::parse_boundary(&content_type).is_err() {
            return refusal(StatusCode::BAD_REQUEST, UNREADABLE);
        }
    }
    let (parts, body) = request.into_parts();
    // A form with photos is up to `MAX_UPLOAD_BYTES` in memory while it is read, and its
    // per-address budget is counted only after: the reads themselves are bounded here.
    let _upload_turn = if upload {
        let address = super::request::client_ip(&parts, state.config.trust_proxy);
        match state.upload_reads.enter(&address) {
            Some(turn) => Some(turn),
            None => {
                let mut busy = refusal(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Le service est très demandé : réessayez d'envoyer le formulaire dans une \
                     minute.",
                );
                busy.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
                return busy;
            }
        }
    } else {
        None
    };
    let bytes = match read_bounded(body, limit, state.config.body_idle, budget).await {
        Ok(bytes) => bytes,
        Err(BodyRefusal::TooLarge) => return too_large(),
        Err(BodyRefusal::TooSlow) => {
            return refusal(
                StatusCode::REQUEST_TIMEOUT,
                "L'envoi a pris trop de temps. Vérifiez la connexion et réessayez.",
            );
        }
        Err(BodyRefusal::Broken) => return refusal(StatusCode::BAD_REQUEST, UNREADABLE),
    };
    if server_fn && !upload && !is_readable_form(&bytes) {
        return refusal(StatusCode::BAD_REQUEST, UNREADABLE);
    }
    let bytes = if server_fn && !upload {
        match screen_form(&bytes) {
            Ok(Some(screened)) => screened.into(),
            Ok(None) => bytes,
            Err(_) => {
                return refusal(
                    StatusCode::BAD_REQUEST,
                    "Le formulaire contient des caractères invisibles ou de contrôle qui ne sont \
                     pas acceptés. Retapez le texte sans le copier-coller, puis réessayez.",
                );
            }
        }
    } else {
        bytes
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

const UNREADABLE: &str = "Le formulaire envoyé est illisible. Rechargez la page et réessayez.";

enum BodyRefusal {
    TooLarge,
    TooSlow,
    Broken,
}

/// The whole body, if it is at most `limit` bytes and arrives within `budget`, never pausing
/// longer than `idle`.
async fn read_bounded(
    body: Body,
    limit: usize,
    idle: Duration,
    budget: Duration,
) -> Result<axum::body::Bytes, BodyRefusal> {
    use http_body_util::BodyExt;
    let deadline = tokio::time::Instant::now() + budget;
    let mut body = body;
    let mut bytes = Vec::new();
    loop {
        let pause = tokio::time::Instant::now() + idle;
        let frame = tokio::time::timeout_at(deadline.min(pause), body.frame())
            .await
            .map_err(|_| BodyRefusal::TooSlow)?;
        match frame {
            None => return Ok(bytes.into()),
            Some(Err(_)) => return Err(BodyRefusal::Broken),
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    if bytes.len() + data.len() > limit {
                        return Err(BodyRefusal::TooLarge);
                    }
                    bytes.extend_from_slice(&data);
                }
            }
        }
    }
}

/// True when every name and value of an `application/x-www-form-urlencoded` text (a body or a
/// query string) decodes to UTF-8.
fn is_readable_form(form: &[u8]) -> bool {
    form.split(|b| *b == b'&').all(|pair| {
        let mut decoded = Vec::with_capacity(pair.len());
        let mut i = 0;
        while i < pair.len() {
            match pair[i] {
                b'%' => {
                    let hex = pair
                        .get(i + 1..i + 3)
                        .and_then(|h| std::str::from_utf8(h).ok())
                        .and_then(|h| u8::from_str_radix(h, 16).ok());
                    match hex {
                        Some(byte) => {
                            decoded.push(byte);
                            i += 3;
                        }
                        // A lone '%' is kept as is by form decoders.
                        None => {
                            decoded.push(b'%');
                            i += 1;
                        }
                    }
                }
                byte => {
                    decoded.push(byte);
                    i += 1;
                }
            }
        }
        std::str::from_utf8(&decoded).is_ok()
    })
}

/// Forms with photos being read at once: [`UploadReads::TOTAL`] in all, and
/// [`UploadReads::PER_ADDRESS`] from one address (the coop's counter and a family share one),
/// so that their bodies cost at most `TOTAL × MAX_UPLOAD_BYTES` of memory (16 × 41 MB at the
/// very worst, real phones send a few MB) and one address cannot take every turn with slow
/// uploads.
#[derive(Default)]
pub struct UploadReads(std::sync::Mutex<std::collections::HashMap<String, usize>>);

/// One form with photos being read; its turn ends when dropped.
pub struct UploadTurn<'a> {
    reads: &'a UploadReads,
    address: String,
}

impl UploadReads {
    pub const TOTAL: usize = 16;
    pub const PER_ADDRESS: usize = 8;

    /// A turn for `address`, or `None` when all turns (or that address's) are taken.
    pub fn enter(&self, address: &str) -> Option<UploadTurn<'_>> {
        let mut reading = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let total: usize = reading.values().sum();
        let mine = reading.get(address).copied().unwrap_or(0);
        if total >= Self::TOTAL || mine >= Self::PER_ADDRESS {
            return None;
        }
        reading.insert(address.to_owned(), mine + 1);
        Some(UploadTurn {
            reads: self,
            address: address.to_owned(),
        })
    }
}

impl Drop for UploadTurn<'_> {
    fn drop(&mut self) {
        let mut reading = self.reads.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = reading.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                reading.remove(&self.address);
            }
        }
    }
}

/// Every value of a form through [`crate::text::screen`]: the form re-encoded when a value
/// counts as empty, `None` when nothing changes.
fn screen_form(form: &[u8]) -> Result<Option<Vec<u8>>, crate::text::ForbiddenCharacter> {
    let mut changed = false;
    let mut pairs = Vec::new();
    for (name, value) in form_urlencoded::parse(form) {
        let screened = crate::text::screen(&value)?;
        changed |= screened.len() != value.len();
        pairs.push((name.into_owned(), screened.to_owned()));
    }
    Ok(changed.then(|| {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
            .into_bytes()
    }))
}

pub(super) fn refusal(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// A path that carries a private link's token (a long random segment).
pub fn carries_secret(path: &str) -> bool {
    path.split('/').any(|segment| segment.len() >= 32)
}

/// Built files have hashed names and are cached for a year; everything else is revalidated, and
/// what belongs to a person (a session's pages, a private link's) is never stored by any HTTP
/// cache. The service worker keeps such pages for offline use under its own rule (only for the
/// session that saw them, see `accounts::session::OFFLINE_SESSION_HEADER`), except the pages
/// that carry a live secret, which it never keeps ([`never_kept_offline`]).
pub async fn cache_control(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let pkg_prefix = format!("/{}/", state.leptos_options.site_pkg_dir);
    let path = request.uri().path().to_owned();
    let signed_in =
        crate::accounts::session::token_from(request.headers(), state.config.is_https()).is_some();
    let mut response = next.run(request).await;
    let personal = signed_in || carries_secret(&path);
    let cacheable = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let value = if !cacheable {
        if personal { PERSONAL } else { "no-cache" }
    } else if path.starts_with(&pkg_prefix) && state.assets.are_hashed() {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/icons/") || path == "/favicon.ico" {
        "public, max-age=86400"
    } else if personal {
        PERSONAL
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(value));
    if never_kept_offline(&path) {
        headers.insert("offline-keep", HeaderValue::from_static("never"));
    }
    response
}

/// Never in an HTTP cache, shared or the browser's own.
const PERSONAL: &str = "private, no-store";

/// Pages that show a live secret (a sign-in card's QR code, an invitation, a calendar feed's
/// address): whoever opens them from a phone's storage could sign in or subscribe as someone.
pub fn never_kept_offline(path: &str) -> bool {
    path.starts_with("/invitation/")
        || path.starts_with("/equipe/invitation/")
        || path.starts_with("/planning/agenda/")
        || path.starts_with("/api/get_invitation")
        || path.starts_with("/api/get_calendar_link")
        // A second factor's secret and its recovery codes.
        || path.starts_with("/compte/double-authentification")
        || path.starts_with("/api/get_second_factor_setup")
        || path.starts_with("/api/get_recovery_codes")
        // A ticket printed at the counter: a resident's private link, on the coop's computer.
        || path.starts_with("/guichet/ticket/")
        || path.starts_with("/api/get_counter_ticket")
}

/// Server functions answer every error with 500; this gives it the status of the `AppError` in
/// the body (401, 403, 404, 422, 429…). Plain form posts are redirects and pass through untouched.
pub async fn server_fn_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let Some(secs) = error.retry_after_secs() {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    header::HeaderName::from_static(k),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    #[test]
    fn photo_forms_are_read_a_few_at_a_time() {
        let reads = UploadReads::default();
        let mut mine: Vec<_> = (0..UploadReads::PER_ADDRESS)
            .map(|_| reads.enter("192.0.2.1").unwrap())
            .collect();
        assert!(reads.enter("192.0.2.1").is_none(), "eight per address");
        let others: Vec<_> = (0..UploadReads::TOTAL - UploadReads::PER_ADDRESS)
            .map(|i| reads.enter(&format!("198.51.100.{i}")).unwrap())
            .collect();
        assert!(reads.enter("203.0.113.5").is_none(), "sixteen in all");
        let first = mine.pop().unwrap();
        drop(first);
        assert!(reads.enter("203.0.113.5").is_some());
        drop((mine, others));
    }

    #[test]
    fn forms_are_screened_value_by_value() {
        assert_eq!(screen_form(b"name=Zo%C3%A9&note=ourlet"), Ok(None));
        let blank = screen_form(b"name=%E2%80%8B&note=ourlet").unwrap().unwrap();
        assert_eq!(String::from_utf8(blank).unwrap(), "name=&note=ourlet");
        assert!(screen_form(b"name=%E2%80%AEabc").is_err());
        assert!(screen_form(b"name=a%00b").is_err());
    }

    #[test]
    fn forms_must_decode_to_utf8() {
        assert!(is_readable_form(b"name=A%C3%AFcha+Diallo&phone=06%2012"));
        assert!(is_readable_form(b""));
        assert!(is_readable_form(b"note=100%"));
        assert!(!is_readable_form(b"name=%FF%FE"));
        assert!(!is_readable_form(b"name=\xff"));
        assert!(!is_readable_form(b"a=1&b=%C3"));
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        let public = "http://127.0.0.1:3000";
        assert!(is_cross_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            public
        ));
        assert!(is_cross_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            public
        ));
        assert!(!is_cross_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            public
        ));
    }

    #[test]
    fn a_foreign_origin_is_refused_when_fetch_metadata_is_absent() {
        let public = "https://coop.example";
        assert!(is_cross_site(
            &headers(&[("origin", "https://evil.example"), ("host", "coop.example")]),
            public
        ));
        assert!(!is_cross_site(
            &headers(&[("origin", "https://coop.example")]),
            public
        ));
        assert!(!is_cross_site(
            &headers(&[
                ("origin", "http://127.0.0.1:4000"),
                ("host", "127.0.0.1:4000")
            ]),
            public
        ));
        assert!(!is_cross_site(&headers(&[]), public));
    }
}
