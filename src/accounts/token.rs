//! Secrets that travel in links and cookies (sessions, invitations, the public's private links)
//! and the short reference codes people read aloud. A token is 256 random bits, URL-safe; only
//! its SHA-256 is stored, so a copy of the database opens nothing.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::{Rng, RngCore, rngs::OsRng};
use sha2::{Digest, Sha256};

/// A fresh secret for a link or a cookie: 43 URL-safe characters.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a token.
pub fn hash_token(token: &str) -> String {
    // Hex by hand: a `format!` per byte was ~2% of a booking's CPU (perf).
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(token.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 15)]));
    }
    hex
}

/// True when `token` has the shape of one of ours (checked before any database look-up).
pub fn is_well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, 5/S, 2/Z, 8/B).
pub const REFERENCE_ALPHABET: &[u8] = b"34679ACDEFGHJKMNPQRTUVWXY";

/// A reference people can read on the phone or say at the counter, e.g. `R-7K3Q`:
/// a capability letter, then four characters (25^4 = 390,625 codes per letter; callers store it
/// under a UNIQUE constraint and draw again on a clash).
pub fn new_reference(prefix: char) -> String {
    let mut rng = OsRng;
    let code: String = (0..4)
        .map(|_| char::from(REFERENCE_ALPHABET[rng.gen_range(0..REFERENCE_ALPHABET.len())]))
        .collect();
    format!("{prefix}-{code}")
}

/// Normalises what a person typed as a reference ("r 7k3q" -> "R-7K3Q"), or None.
pub fn parse_reference(input: &str) -> Option<String> {
    let cleaned: String = input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let (prefix, code) = cleaned.split_at_checked(1)?;
    let valid = prefix.chars().all(|c| c.is_ascii_uppercase())
        && code.len() == 4
        && code.bytes().all(|b| REFERENCE_ALPHABET.contains(&b));
    valid.then(|| format!("{prefix}-{code}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert!(is_well_formed(&a), "{a}");
        assert!(!is_well_formed("short"));
        assert!(!is_well_formed(&format!("{}=", &a[..42])));
    }

    #[test]
    fn only_the_hash_is_kept_and_it_is_stable() {
        let token = new_token();
        assert_eq!(hash_token(&token), hash_token(&token));
        assert_eq!(hash_token(&token).len(), 64);
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "SHA-256 in lower-case hex, as stored since the start"
        );
        assert!(!hash_token(&token).contains(&token));
    }

    #[test]
    fn references_avoid_ambiguous_characters_and_parse_back() {
        for _ in 0..200 {
            let reference = new_reference('R');
            assert!(reference.starts_with("R-") && reference.len() == 6);
            assert!(
                !reference[2..].contains(['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B'])
            );
            assert_eq!(
                parse_reference(&reference.to_lowercase().replace('-', " ")),
                Some(reference)
            );
        }
        assert_eq!(parse_reference("R-0000"), None);
        assert_eq!(parse_reference("R-7K3"), None);
    }
}
