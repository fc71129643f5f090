//! Helpers for server functions: what they read from the request and add to the response.

use crate::error::AppError;
use http::{HeaderValue, header};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

fn response() -> Result<ResponseOptions, AppError> {
    use_context::<ResponseOptions>().ok_or_else(|| AppError::internal("ResponseOptions missing"))
}

pub fn set_cookie(value: &str) -> Result<(), AppError> {
    let value = HeaderValue::from_str(value).map_err(AppError::internal)?;
    response()?.append_header(header::SET_COOKIE, value);
    Ok(())
}

/// Asks the browser to drop this site's caches and storage (sign-out: the next person on this
/// phone must not see the last one's pages). Cookies are cleared one by one by the caller.
pub fn clear_site_data() -> Result<(), AppError> {
    response()?.insert_header(
        header::HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    Ok(())
}

/// Where the browser goes after a form post (also for scripts, through leptos' redirect header).
pub fn redirect(path: &str) {
    leptos_axum::redirect(path);
}

/// The value of cookie `name` in the request, if any.
pub fn cookie(name: &str) -> Option<String> {
    use_context::<http::request::Parts>()
        .and_then(|parts| super::request::cookie(&parts.headers, name))
}

/// The address the request came from.
pub fn client_ip() -> String {
    let trust_proxy = super::state().is_ok_and(|state| state.config.trust_proxy);
    use_context::<http::request::Parts>()
        .map(|parts| super::request::client_ip(&parts, trust_proxy))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The pseudonymous key of the address the request came from (`request::client_key`).
pub fn client_key() -> Option<String> {
    super::request::client_key(&client_ip())
}
