//! Passwords: argon2id with the `argon2` crate's defaults (OWASP's baseline), at least 8
//! characters, refused when guessable: zxcvbn's estimate (dictionaries, names, keyboard
//! patterns, dates, l33t) and a list of French favourites it does not know. Hashing runs on a blocking thread: it takes ~50 ms of CPU.

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};

pub const MIN_LENGTH: usize = 8;
pub const MAX_LENGTH: usize = 128;

/// Passwords people choose first (international and French lists), lower-case.
const COMMON: &str = include_str!("common-passwords.txt");

/// The least zxcvbn score accepted: "safely unguessable", about 10^10 guesses, which an online
/// attacker slowed by the sign-in throttle never reaches, and an offline one facing argon2id
/// would need years for.
const MIN_SCORE: zxcvbn::Score = zxcvbn::Score::Three;

/// The message key of what is wrong with a new password, if anything. `about_the_person`: their
/// name and such, which make a password guessable for whoever knows them.
pub fn problem(password: &str, about_the_person: &[&str]) -> Option<&'static str> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Some("password_too_short");
    }
    if length > MAX_LENGTH {
        return Some("password_too_long");
    }
    let lowered = password.to_lowercase();
    let same_character = lowered.chars().all(|c| lowered.starts_with(c));
    if same_character || COMMON.lines().any(|common| common == lowered) {
        return Some("password_common");
    }
    let mut hints = about_the_person.to_vec();
    hints.extend([
        "coop",
        "manau",
        "coopmanau",
        "roubaix",
        "blanchemaille",
        "alma",
    ]);
    if zxcvbn::zxcvbn(password, &hints).score() < MIN_SCORE {
        return Some("password_common");
    }
    None
}

pub async fn hash(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

/// Checks `password` against `stored`; with no stored hash (unknown account, no password set)
/// it still spends the same time, so timing does not tell whether an account exists.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && stored != DUMMY_HASH
    })
    .await
    .unwrap_or(false)
}

/// The argon2id hash of a random string nobody knows (default parameters).
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0zK3FqfKnm1jbmvxkLhLsQ3sAbs4dzC2Ou8Q3y2Z1Q4";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_repeated_passwords_are_refused() {
        let none: &[&str] = &[];
        assert_eq!(problem("court", none), Some("password_too_short"));
        assert_eq!(problem("Azertyuiop", none), Some("password_common"));
        assert_eq!(problem("MotDePasse", none), Some("password_common"));
        assert_eq!(problem("aaaaaaaaaa", none), Some("password_common"));
        assert_eq!(problem(&"x".repeat(129), none), Some("password_too_long"));
        assert_eq!(problem("fil rouge de Roubaix", none), None);
    }

    #[test]
    fn guessable_passwords_are_refused_by_the_estimator() {
        let none: &[&str] = &[];
        // The short list let these through.
        for weak in [
            "azerty12",
            "Password1!",
            "qwerty2024",
            "12345678a",
            "Roubaix59100",
            "coopmanau1",
        ] {
            assert_eq!(problem(weak, none), Some("password_common"), "{weak}");
        }
        // Her own name and birth year.
        assert_eq!(
            problem("Aicha1987", &["Aïcha", "Aicha", "Diallo"]),
            Some("password_common")
        );
        for strong in [
            "tartine violette 42 ourlets",
            "Pivoine-Brise-Lame-7",
            "k7#Qm2!xTp9v",
        ] {
            assert_eq!(problem(strong, none), None, "{strong}");
        }
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash("fil rouge de Roubaix".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("fil rouge de Roubaix".into(), Some(stored.clone())).await);
        assert!(!verify("fil bleu de Roubaix".into(), Some(stored)).await);
        assert!(!verify("anything".into(), None).await);
    }
}
