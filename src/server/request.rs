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

/// The address the request came from (the key of per-IP rate limits). Behind a reverse proxy
/// (`TRUST_PROXY=true`), the address the proxy saw: the last entry of `X-Forwarded-For`.
pub fn client_ip(parts: &axum::http::request::Parts, trust_proxy: bool) -> String {
    let forwarded = trust_proxy
        .then(|| {
            parts
                .headers
                .get("x-forwarded-for")?
                .to_str()
                .ok()?
                .rsplit(',')
                .next()
                .map(str::trim)
        })
        .flatten()
        .filter(|ip| ip.parse::<std::net::IpAddr>().is_ok());
    if let Some(ip) = forwarded {
        return ip.to_owned();
    }
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

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let request = axum::http::Request::builder()
            .header("x-forwarded-for", "203.0.113.9, 198.51.100.7")
            .body(())
            .unwrap();
        let (parts, ()) = request.into_parts();
        assert_eq!(client_ip(&parts, true), "198.51.100.7");
        assert_eq!(client_ip(&parts, false), "unknown");
    }
}
