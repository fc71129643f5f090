//! Small readers of request headers.

use crate::i18n::{LOCALE_COOKIE, Locale};
use axum::http::HeaderMap;

/// The value of cookie `name`, if the request has it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
}

/// The language of the answer: the visitor's choice, else the browser's, else French.
pub fn locale(headers: &HeaderMap) -> Locale {
    let accept = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Locale::negotiate(cookie(headers, LOCALE_COOKIE).as_deref(), accept)
}

/// The address the request came from (the key of per-IP rate limits).
pub fn client_ip(parts: &axum::http::request::Parts) -> String {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_cookie_among_several() {
        let mut headers = HeaderMap::new();
        headers.insert("cookie", "a=1; lang=en; b=2".parse().unwrap());
        assert_eq!(cookie(&headers, "lang").as_deref(), Some("en"));
        assert_eq!(cookie(&headers, "c"), None);
        assert_eq!(locale(&headers), Locale::En);
    }
}
