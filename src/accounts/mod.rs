//! Accounts: who signs in (staff with email and password, participants through an invitation
//! link), their sessions, roles, and the authorization every server function goes through.

pub mod api;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod device;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod second_factor;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod token;
#[cfg(feature = "ssr")]
pub mod totp;
pub mod ui;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Staff,
    Participant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Participant => "participant",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        match value {
            "admin" => Some(Role::Admin),
            "staff" => Some(Role::Staff),
            "participant" => Some(Role::Participant),
            _ => None,
        }
    }

    /// Admins are staff too.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Admin | Role::Staff)
    }
}

/// The signed-in person, as pages and server functions see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub role: Role,
    pub first_name: String,
    pub last_name: String,
    pub has_password: bool,
}

/// Who made the request being rendered, provided by the server's HTML shell from the session,
/// so the layout adapts to the role without asking a server function.
#[derive(Debug, Clone)]
pub struct RequestUser(pub Option<CurrentUser>);

pub fn use_request_user() -> Option<CurrentUser> {
    leptos::prelude::use_context::<RequestUser>().and_then(|user| user.0)
}

/// A person as staff see them in lists and forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub role: Role,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub active: bool,
    pub sectors: Vec<String>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub detail: Option<String>,
}

/// A first or last name: trimmed, 1 to 60 characters.
pub fn parse_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    match name.chars().count() {
        0 => Err("name_required"),
        1..=60 => Ok(name.to_owned()),
        _ => Err("name_too_long"),
    }
}

/// An email address: trimmed, lower-cased, one `@` with something on both sides and a dot after.
pub fn parse_email(input: &str) -> Result<String, &'static str> {
    let email = input.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if valid {
        Ok(email)
    } else {
        Err("email_invalid")
    }
}

/// A French phone number, kept as `0X XX XX XX XX` (also accepts +33 and separators).
pub fn parse_phone(input: &str) -> Result<String, &'static str> {
    let digits: String = input
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+33") {
        format!("0{}", rest.trim_start_matches('0'))
    } else if let Some(rest) = digits.strip_prefix("0033") {
        format!("0{}", rest.trim_start_matches('0'))
    } else {
        digits
    };
    let valid = national.len() == 10
        && national.starts_with('0')
        && !national.starts_with("00")
        && national.chars().all(|c| c.is_ascii_digit());
    if !valid
        || input
            .chars()
            .any(|c| !(c.is_ascii_digit() || " .-+()".contains(c)))
    {
        return Err("phone_invalid");
    }
    let pairs: Vec<&str> = (0..5).map(|i| &national[i * 2..i * 2 + 2]).collect();
    Ok(pairs.join(" "))
}

/// An optional field: empty means none.
pub fn parse_optional<T>(
    input: &str,
    parse: impl Fn(&str) -> Result<T, &'static str>,
) -> Result<Option<T>, &'static str> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse(input).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(parse_name("  Aïcha "), Ok("Aïcha".into()));
        assert_eq!(parse_name("   "), Err("name_required"));
        assert_eq!(parse_name(&"é".repeat(61)), Err("name_too_long"));
    }

    #[test]
    fn emails_are_normalised_or_refused() {
        assert_eq!(
            parse_email(" Lea.Martin@Alma-Roubaix.fr "),
            Ok("lea.martin@alma-roubaix.fr".into())
        );
        for bad in [
            "",
            "lea",
            "lea@",
            "@alma.fr",
            "lea@alma",
            "lea martin@alma.fr",
            "a@b@c.fr",
            "lea@.fr",
        ] {
            assert_eq!(parse_email(bad), Err("email_invalid"), "{bad}");
        }
    }

    #[test]
    fn french_phone_numbers_are_normalised() {
        assert_eq!(parse_phone("06.12.34.56.78"), Ok("06 12 34 56 78".into()));
        assert_eq!(
            parse_phone("+33 6 12 34 56 78"),
            Ok("06 12 34 56 78".into())
        );
        assert_eq!(parse_phone("0033612345678"), Ok("06 12 34 56 78".into()));
        for bad in ["", "0612", "06123456789", "abc0612345678", "1612345678"] {
            assert_eq!(parse_phone(bad), Err("phone_invalid"), "{bad}");
        }
        assert_eq!(parse_optional("  ", parse_phone), Ok(None));
    }

    #[test]
    fn only_admins_and_staff_are_staff() {
        assert!(Role::Admin.is_staff() && Role::Staff.is_staff() && !Role::Participant.is_staff());
        for role in [Role::Admin, Role::Staff, Role::Participant] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
    }
}
