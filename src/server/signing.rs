//! Signatures of things the server hands out and must recognise later without storing them: the
//! shared link of a campaign (`?cle=`), the "known device" cookie of sign-in. HMAC-SHA256 under
//! the server's secret (a random 32-byte key kept in the database, `server_secret`), with a
//! purpose mixed in so a signature made for one use is worthless for another.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The server's signing key. Not `Debug`: it must never reach a log.
#[derive(Clone)]
pub struct Signer {
    key: [u8; 32],
}

impl Signer {
    pub fn new(key: [u8; 32]) -> Signer {
        Signer { key }
    }

    fn mac(&self, purpose: &str, message: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes any key length");
        // The purpose's length first: ("ab", "c") and ("a", "bc") must not sign the same bytes.
        mac.update(&(purpose.len() as u64).to_be_bytes());
        mac.update(purpose.as_bytes());
        mac.update(message.as_bytes());
        mac
    }

    /// The signature of `message` for `purpose`: 43 URL-safe characters.
    pub fn sign(&self, purpose: &str, message: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(purpose, message).finalize().into_bytes())
    }

    /// Whether `signature` is ours for `message` and `purpose` (compared in constant time).
    pub fn verify(&self, purpose: &str, message: &str, signature: &str) -> bool {
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature.trim()) else {
            return false;
        };
        self.mac(purpose, message).verify_slice(&bytes).is_ok()
    }
}

/// A fresh random key (the first start of a new database).
pub fn new_key() -> [u8; 32] {
    use rand::RngCore;
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_purpose_message_and_key() {
        let signer = Signer::new([7; 32]);
        let signature = signer.sign("campaign-link", "12\0K7QM3XTP");
        assert_eq!(signature.len(), 43);
        assert!(signer.verify("campaign-link", "12\0K7QM3XTP", &signature));
        assert!(!signer.verify("campaign-link", "12\0K7QM3XTQ", &signature));
        assert!(!signer.verify("known-device", "12\0K7QM3XTP", &signature));
        assert!(!Signer::new([8; 32]).verify("campaign-link", "12\0K7QM3XTP", &signature));
        // Tampered, truncated, not base64 at all.
        let mut tampered = signature.clone().into_bytes();
        tampered[0] = if tampered[0] == b'A' { b'B' } else { b'A' };
        assert!(!signer.verify(
            "campaign-link",
            "12\0K7QM3XTP",
            std::str::from_utf8(&tampered).unwrap()
        ));
        assert!(!signer.verify("campaign-link", "12\0K7QM3XTP", &signature[..40]));
        assert!(!signer.verify("campaign-link", "12\0K7QM3XTP", "pas une signature !"));
        assert!(!signer.verify("campaign-link", "12\0K7QM3XTP", ""));
    }

    #[test]
    fn the_purpose_and_the_message_cannot_trade_bytes() {
        let signer = Signer::new([1; 32]);
        assert_ne!(signer.sign("ab", "c"), signer.sign("a", "bc"));
    }

    #[test]
    fn new_keys_differ() {
        assert_ne!(new_key(), new_key());
    }
}
