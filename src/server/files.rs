//! Static files (the built bundle, icons, manifest), served as HTTP expects, then leptos' "page
//! not found" for anything else.
//!
//! leptos_axum's `file_and_error_handler` passes only `Accept-Encoding` on to `ServeDir`: a
//! conditional request got the whole file again (and a 304 from `ServeDir` would have been
//! answered with the 404 page), `HEAD` got a body, the precompressed `.br`/`.gz` files had no
//! `Vary: Accept-Encoding` (a shared cache could give brotli to a browser that cannot read it),
//! text types had no charset, and the bundle's `.d.ts` by-products were published.

use super::state::AppState;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Response},
};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The request headers a static file's answer depends on.
const FORWARDED: [header::HeaderName; 5] = [
    header::ACCEPT_ENCODING,
    header::IF_MODIFIED_SINCE,
    header::IF_UNMODIFIED_SINCE,
    header::RANGE,
    header::IF_RANGE,
];

/// A static file under the site root, or `None` when there is none (or it is not ours to
/// publish).
pub async fn static_file(state: &AppState, request: &http::request::Parts) -> Option<Response> {
    if !matches!(request.method, Method::GET | Method::HEAD) {
        return None;
    }
    let path = request.uri.path();
    // wasm-bindgen's TypeScript declarations are for developers, not for visitors.
    if path.ends_with(".d.ts") || path.contains("/.") {
        return None;
    }
    let mut forwarded = Request::builder()
        .method(request.method.clone())
        .uri(request.uri.clone());
    for name in FORWARDED {
        if let Some(value) = request.headers.get(&name) {
            forwarded = forwarded.header(name, value);
        }
    }
    let forwarded = forwarded.body(Body::empty()).ok()?;
    let response = ServeDir::new(&state.config.site_root)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(forwarded)
        .await
        .ok()?;
    if response.status() == StatusCode::NOT_FOUND {
        return None;
    }
    let mut response = response.into_response();
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Some(with_charset) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(with_charset)
    {
        headers.insert(header::CONTENT_TYPE, with_charset);
    }
    Some(response)
}

/// `text/css` -> `text/css; charset=utf-8`, for the text types that have no charset yet.
fn with_charset(content_type: &str) -> Option<HeaderValue> {
    let textual = content_type.starts_with("text/")
        || matches!(
            content_type,
            "application/javascript"
                | "application/json"
                | "application/manifest+json"
                | "image/svg+xml"
        );
    (textual && !content_type.contains("charset"))
        .then(|| HeaderValue::from_str(&format!("{content_type}; charset=utf-8")).ok())
        .flatten()
}

/// The router's fallback: a static file, else the app's "page not found", with its status.
pub async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if let Some(response) = static_file(&state, &parts).await {
        return response;
    }
    let request = Request::from_parts(parts, body);
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_to_stream_with_context(
        move || leptos::prelude::provide_context(state.clone()),
        move || super::shell::shell(options.clone()),
    );
    let mut response = render(request).await;
    // A redirect set by the page stays a redirect.
    if response.status() == StatusCode::OK {
        *response.status_mut() = StatusCode::NOT_FOUND;
    }
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_types_get_a_charset() {
        let get = |t| super::with_charset(t).map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(get("text/css").as_deref(), Some("text/css; charset=utf-8"));
        assert_eq!(
            get("application/manifest+json").as_deref(),
            Some("application/manifest+json; charset=utf-8")
        );
        assert_eq!(get("text/html; charset=utf-8"), None);
        assert_eq!(get("application/wasm"), None);
        assert_eq!(get("image/png"), None);
    }
}
