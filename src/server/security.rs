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

/// Bounds request bodies: `MAX_BODY_BYTES` for everything but the forms that carry photos,
/// which get `MAX_UPLOAD_BYTES`. A declared length over the bound is refused at once with a
/// French 413; a body that grows past it while streaming fails the read (and the handler says
/// 400): nothing is written either way.
pub async fn limit_body(State(state): State<AppState>, request: Request, next: Next) -> Response {
    use leptos::server_fn::ServerFn;
    let upload = request.uri().path()
        == <crate::alterations::api::SubmitAlterationRequest as ServerFn>::PATH;
    let limit = if upload {
        state.config.max_upload_bytes
    } else {
        state.config.max_body_bytes
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        let message = if upload {
            "Les photos envoyées sont trop lourdes : 8 Mo par photo au plus, 5 photos au plus. \
             Revenez en arrière et choisissez des photos plus légères."
        } else {
            "La demande envoyée est trop grande."
        };
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message,
        )
            .into_response();
    }
    // server_fn panics on a "multipart" body it cannot split: refuse it here with a 400.
    let splittable = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| multer::parse_boundary(v).is_ok());
    if upload && request.method() == Method::POST && !splittable {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Le formulaire envoyé est illisible. Rechargez la page et réessayez.",
        )
            .into_response();
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(request).await
}

/// A path that carries a private link's token (a long random segment).
pub fn carries_secret(path: &str) -> bool {
    path.split('/').any(|segment| segment.len() >= 32)
}

/// Built files have hashed names and are cached for a year; everything else is revalidated.
pub async fn cache_control(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let pkg_prefix = format!("/{}/", state.leptos_options.site_pkg_dir);
    let path = request.uri().path().to_owned();
    let signed_in =
        super::request::cookie(request.headers(), crate::accounts::session::COOKIE).is_some();
    let mut response = next.run(request).await;
    let value = if path.starts_with(&pkg_prefix) && state.assets.are_hashed() {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/icons/") || path == "/favicon.ico" {
        "public, max-age=86400"
    } else if signed_in || carries_secret(&path) {
        // Personal pages (a session, or a private link): never in a shared cache.
        "private, no-cache"
    } else {
        "no-cache"
    };
    let cacheable = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let value = if cacheable {
        value
    } else if signed_in {
        "private, no-cache"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(value));
    response
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
        if let AppError::RateLimited { retry_after_secs }
        | AppError::Unavailable { retry_after_secs } = error
        {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
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
