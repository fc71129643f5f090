//! Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits — what every
//! authenticator app makes from an `otpauth://` QR code), their base32 secrets (RFC 4648), and the
//! single-use recovery codes printed when the factor is confirmed.
//!
//! Written by hand on `hmac` + `sha1` rather than with `totp-rs`: the algorithm is twenty lines
//! checked against the RFC's own vectors below, and the crate would bring its own base32, url
//! and (optional) QR dependencies for them; the one window and replay rule we need stay here.

use super::token::REFERENCE_ALPHABET;
use hmac::{Hmac, Mac};
use rand::{Rng, RngCore, rngs::OsRng};
use sha1::Sha1;

/// One code per 30 seconds.
pub const STEP_SECS: i64 = 30;
/// The previous and the next step are accepted too: a phone's clock is often a few seconds off.
pub const DRIFT_STEPS: i64 = 1;
/// 160 bits, the length RFC 4226 recommends for HMAC-SHA1.
pub const SECRET_BYTES: usize = 20;
/// Recovery codes printed at confirmation.
pub const RECOVERY_CODES: usize = 10;
/// Characters per recovery code (25 symbols: ~46 bits each).
pub const RECOVERY_CODE_LEN: usize = 10;

/// The 30-second step `unix` falls in.
pub fn step_of(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECS)
}

/// HOTP (RFC 4226): the `digits`-digit code of `counter` under `secret`.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    // Dynamic truncation: 31 bits from the offset the last nibble names.
    let offset = usize::from(hash[19] & 0x0f);
    let bits = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    bits % 10u32.pow(digits)
}

/// The 6-digit code of `step`, as the phone shows it (leading zeros kept).
pub fn code_at(secret: &[u8], step: i64) -> String {
    format!("{:06}", hotp(secret, step as u64, 6))
}

/// Six digits, whatever spaces the person typed (apps show "123 456"); None otherwise.
pub fn parse_code(input: &str) -> Option<String> {
    let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// The step of the code `input` is, within the drift window around `now` and later than
/// `last_step` (the step of the last code accepted: a code is never accepted twice, nor one
/// older than it). None: wrong, out of the window, or used already.
pub fn verify(secret: &[u8], input: &str, now: i64, last_step: i64) -> Option<i64> {
    let code = parse_code(input)?;
    let current = step_of(now);
    (current - DRIFT_STEPS..=current + DRIFT_STEPS)
        .filter(|step| *step > last_step)
        .find(|step| same(code_at(secret, *step).as_bytes(), code.as_bytes()))
}

/// Compared in constant time: how long a refusal takes says nothing of how close a guess was.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Base32 (RFC 4648) without padding, as `otpauth://` URIs carry secrets.
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(BASE32[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(BASE32[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Base32 back to bytes (case, spaces and padding ignored); None on any other character.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let value = BASE32
            .iter()
            .position(|&b| char::from(b) == c.to_ascii_uppercase())?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
        buffer &= (1 << bits) - 1;
    }
    Some(out)
}

/// A fresh secret, in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    OsRng.fill_bytes(&mut bytes);
    base32_encode(&bytes)
}

/// The secret in groups of 4, for typing it by hand into an app that cannot scan.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the QR code says: the app names the account "Coop'Manau: <email>".
pub fn otpauth_uri(email: &str, secret: &str) -> String {
    let label = format!("Coop'Manau:{email}");
    let label: String = label
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_owned(),
            '?' | '#' | '&' | '/' | '%' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect();
    format!("otpauth://totp/{label}?secret={secret}&issuer=Coop'Manau")
}

/// Ten fresh recovery codes of ten characters without look-alikes (no 0/O, 1/I/L…).
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = OsRng;
    (0..RECOVERY_CODES)
        .map(|_| {
            (0..RECOVERY_CODE_LEN)
                .map(|_| char::from(REFERENCE_ALPHABET[rng.gen_range(0..REFERENCE_ALPHABET.len())]))
                .collect()
        })
        .collect()
}

/// A recovery code as printed: "ABCDE-FGHJK".
pub fn display_recovery_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len() / 2);
    format!("{a}-{b}")
}

/// What a person typed as a recovery code, normalised (case, spaces, dashes), or None.
pub fn parse_recovery_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == RECOVERY_CODE_LEN && code.bytes().all(|b| REFERENCE_ALPHABET.contains(&b)))
        .then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc_6238_sha1_vectors() {
        // RFC 6238, appendix B (8 digits), and the same codes cut to 6.
        for (time, code) in [
            (59, 94287082),
            (1111111109, 7081804),
            (1111111111, 14050471),
            (1234567890, 89005924),
            (2000000000, 69279037),
            (20000000000, 65353130),
        ] {
            let step = step_of(time) as u64;
            assert_eq!(hotp(RFC_SECRET, step, 8), code, "T={time}");
            assert_eq!(hotp(RFC_SECRET, step, 6), code % 1_000_000, "T={time}");
        }
        assert_eq!(code_at(RFC_SECRET, step_of(59)), "287082");
        assert_eq!(
            code_at(RFC_SECRET, step_of(1111111109)),
            "081804",
            "zeros kept"
        );
    }

    #[test]
    fn rfc_4226_hotp_vectors() {
        let expected = [
            755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489,
        ];
        for (counter, code) in expected.into_iter().enumerate() {
            assert_eq!(hotp(RFC_SECRET, counter as u64, 6), code);
        }
    }

    #[test]
    fn the_previous_and_next_steps_are_accepted_not_further() {
        let now = 1_234_567_890;
        let step = step_of(now);
        for drift in [-1, 0, 1] {
            let code = code_at(RFC_SECRET, step + drift);
            assert_eq!(verify(RFC_SECRET, &code, now, 0), Some(step + drift));
        }
        for drift in [-2, 2, 10] {
            let code = code_at(RFC_SECRET, step + drift);
            assert_eq!(verify(RFC_SECRET, &code, now, 0), None, "drift {drift}");
        }
        let code = code_at(RFC_SECRET, step);
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(verify(RFC_SECRET, &spaced, now, 0), Some(step));
        assert_eq!(verify(RFC_SECRET, "12345", now, 0), None);
        assert_eq!(verify(RFC_SECRET, "abcdef", now, 0), None);
    }

    #[test]
    fn a_used_step_and_older_ones_are_refused() {
        let now = 1_234_567_890;
        let step = step_of(now);
        let code = code_at(RFC_SECRET, step);
        let used = verify(RFC_SECRET, &code, now, 0).unwrap();
        assert_eq!(verify(RFC_SECRET, &code, now, used), None, "replay");
        let previous = code_at(RFC_SECRET, step - 1);
        assert_eq!(verify(RFC_SECRET, &previous, now, used), None, "older");
        let next = code_at(RFC_SECRET, step + 1);
        assert_eq!(verify(RFC_SECRET, &next, now, used), Some(step + 1));
    }

    #[test]
    fn base32_follows_rfc_4648() {
        // RFC 4648 section 10, padding left out.
        for (plain, encoded) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32_encode(plain.as_bytes()), encoded);
            assert_eq!(base32_decode(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(
            base32_encode(RFC_SECRET),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
        assert_eq!(
            base32_decode("gezd gnbv gy3t qojq GEZDGNBVGY3TQOJQ====").unwrap(),
            RFC_SECRET
        );
        assert_eq!(base32_decode("MZXW1"), None, "1 is not base32");
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_eq!(base32_decode(&secret).unwrap().len(), SECRET_BYTES);
        assert_ne!(new_secret(), secret);
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }

    #[test]
    fn the_uri_names_the_coop_and_the_person() {
        assert_eq!(
            otpauth_uri("nadia@coopmanau.example", "GEZDGNBV"),
            "otpauth://totp/Coop'Manau:nadia@coopmanau.example?secret=GEZDGNBV&issuer=Coop'Manau"
        );
    }

    #[test]
    fn recovery_codes_are_ten_unambiguous_and_parse_back() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let distinct: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), 10);
        for code in &codes {
            assert_eq!(code.len(), 10);
            assert!(!code.contains(['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B']));
            let printed = display_recovery_code(code);
            assert_eq!(printed.len(), 11);
            assert_eq!(parse_recovery_code(&printed), Some(code.clone()));
            assert_eq!(
                parse_recovery_code(&format!(" {} ", printed.to_lowercase())),
                Some(code.clone())
            );
        }
        assert_eq!(parse_recovery_code("ABCDE-FGHJ"), None, "too short");
        assert_eq!(parse_recovery_code("ABCDE-FGH0K"), None, "0 is not one");
        assert_eq!(parse_recovery_code("123456"), None);
    }
}
