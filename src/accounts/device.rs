//! The "known device" cookie (OWASP's device cookies): a browser where someone once signed in
//! with the right password carries a signed note of it. Attempts that carry a valid one for the
//! account are judged on that browser's own failures, so an attacker's failures elsewhere, or
//! from the same address, do not keep the person out of their account.
//!
//! The value is `<person id>.<expiry>.<nonce>.<signature>`: HMAC-SHA256 (server secret) over
//! the first three. Nothing secret about the person is in it; the nonce names the browser for its
//! own failure counter.

use crate::server::signing::Signer;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::{RngCore, rngs::OsRng};

pub const COOKIE: &str = "coop_appareil";
/// A year: the browser stays known across many sessions; sign-out does not forget it.
pub const LIFETIME: i64 = 365 * 24 * 3600;
const PURPOSE: &str = "known-device";

/// A valid known-device cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownDevice {
    pub person_id: i64,
    /// Names this browser in the throttle of known devices.
    pub nonce: String,
}

/// The `Set-Cookie` value for a browser where `person_id` just signed in.
pub fn issue(signer: &Signer, person_id: i64, now: i64, secure: bool) -> String {
    let mut bytes = [0u8; 12];
    OsRng.fill_bytes(&mut bytes);
    let message = format!(
        "{person_id}.{}.{}",
        now + LIFETIME,
        URL_SAFE_NO_PAD.encode(bytes)
    );
    let signature = signer.sign(PURPOSE, &message);
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{COOKIE}={message}.{signature}; Path=/; Max-Age={LIFETIME}; HttpOnly; SameSite=Lax{secure}"
    )
}

/// The device a cookie value vouches for, if it is ours, unchanged and not expired.
pub fn verify(signer: &Signer, value: &str, now: i64) -> Option<KnownDevice> {
    let (message, signature) = value.rsplit_once('.')?;
    let mut parts = message.splitn(3, '.');
    let person_id: i64 = parts.next()?.parse().ok()?;
    let expires: i64 = parts.next()?.parse().ok()?;
    let nonce = parts.next()?;
    if expires <= now || !signer.verify(PURPOSE, message, signature) {
        return None;
    }
    Some(KnownDevice {
        person_id,
        nonce: nonce.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(set_cookie: &str) -> &str {
        set_cookie
            .split(';')
            .next()
            .unwrap()
            .strip_prefix("coop_appareil=")
            .unwrap()
    }

    #[test]
    fn a_device_cookie_vouches_for_its_person_until_it_expires() {
        let signer = Signer::new([3; 32]);
        let set_cookie = issue(&signer, 42, 1_000, true);
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"));
        assert!(set_cookie.contains("Max-Age=31536000") && set_cookie.ends_with("; Secure"));
        assert!(!issue(&signer, 42, 1_000, false).contains("Secure"));
        let device = verify(&signer, value(&set_cookie), 2_000).unwrap();
        assert_eq!(device.person_id, 42);
        assert_eq!(verify(&signer, value(&set_cookie), 1_000 + LIFETIME), None);
        // Another person's id with this signature, another server's key, a mangled value.
        let forged = value(&set_cookie).replacen("42.", "1.", 1);
        assert_eq!(verify(&signer, &forged, 2_000), None);
        assert_eq!(
            verify(&Signer::new([4; 32]), value(&set_cookie), 2_000),
            None
        );
        assert_eq!(verify(&signer, "1.99999999999.abc.def", 2_000), None);
        assert_eq!(verify(&signer, "n'importe quoi", 2_000), None);
        // Two sign-ins, two browsers.
        let other = issue(&signer, 42, 1_000, true);
        assert_ne!(
            verify(&signer, value(&other), 2_000).unwrap().nonce,
            device.nonce
        );
    }
}
