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

/// The pseudonymous key of a client address, stored on each public booking, lunch order and
/// alteration request: the first 16 hex digits of SHA-256 over a fixed prefix and the address.
/// It is kept so the database can cap what one address takes (a script inventing contacts) and
/// staff can see and undo a burst; the address itself is never stored. Pseudonymous, not
/// anonymous (IPv4 addresses can be tried one by one), so it is treated as personal data: it is
/// never shown to the public nor written to logs. An IPv6 address counts by its /64 (one
/// customer's network: a host can change addresses inside it at will). `None` when the address
/// is unknown (no socket address): no share applies rather than one share for everybody.
pub fn client_key(ip: &str) -> Option<String> {
    use sha2::{Digest, Sha256};
    let address: std::net::IpAddr = ip.parse().ok()?;
    let canonical = match address {
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        std::net::IpAddr::V4(v4) => v4.to_string(),
    };
    let digest = Sha256::digest(format!("coop-manau client key v1|{canonical}").as_bytes());
    Some(digest[..8].iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_keys_are_short_pseudonyms_and_ipv6_counts_by_its_64() {
        let key = client_key("203.0.113.9").unwrap();
        assert_eq!(key.len(), 16);
        assert!(key.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(Some(key.clone()), client_key("203.0.113.10"));
        assert_eq!(Some(key), client_key("::ffff:203.0.113.9"));
        assert_eq!(
            client_key("2001:db8:1:2::1"),
            client_key("2001:db8:1:2:ffff::9")
        );
        assert_ne!(client_key("2001:db8:1:2::1"), client_key("2001:db8:1:3::1"));
        assert_eq!(client_key("unknown"), None);
    }

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
