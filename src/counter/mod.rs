//! At the counter (`/equipe/guichet`): staff, and participants of the conciergerie and kitchen
//! sectors, take an alteration request, a lunch order or a hem booking for a resident who walks
//! in — through the public forms themselves, so the same rules and capacities apply — and print
//! a small ticket with the reference, what, when, the price, the opening hours and a QR code to
//! its private link.
//!
//! "Counter mode" is a cookie the counter page sets; a form sent with it by someone allowed is
//! recorded without the per-address shares (every request at the counter comes from the coop's
//! own connection) and answered with the ticket instead of the private link's page. Sent by
//! anyone else, the cookie changes nothing.

pub mod api;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use crate::accounts::{CurrentUser, Role};
use serde::{Deserialize, Serialize};

/// The counter-mode cookie.
pub const COOKIE: &str = "guichet";

/// What can be taken at the counter, by its ticket's path segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Alteration,
    Lunch,
    Hem,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Alteration, Kind::Lunch, Kind::Hem];

    pub fn slug(self) -> &'static str {
        match self {
            Kind::Alteration => "retouche",
            Kind::Lunch => "dejeuner",
            Kind::Hem => "ourlets",
        }
    }

    pub fn parse(slug: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The participants' sectors that work at this counter.
    fn sectors(self) -> &'static [&'static str] {
        match self {
            Kind::Alteration | Kind::Hem => &["conciergerie", "couture"],
            Kind::Lunch => &["cuisine", "salle"],
        }
    }

    /// The public form where the request is taken.
    pub fn form_path(self) -> &'static str {
        match self {
            Kind::Alteration => "/retouches",
            Kind::Lunch => "/dejeuner",
            Kind::Hem => "/ourlets",
        }
    }

    /// The activity whose opening hours the ticket prints.
    pub fn service_slug(self) -> &'static str {
        match self {
            Kind::Alteration | Kind::Hem => "conciergerie",
            Kind::Lunch => "restaurant",
        }
    }

    pub fn ticket_path(self, token: &str) -> String {
        format!("/guichet/ticket/{}/{token}", self.slug())
    }
}

/// Whether `user`, in `sectors`, may take `kind` at the counter: staff always, participants of
/// the sectors that run it.
pub fn allowed(user: &CurrentUser, sectors: &[String], kind: Kind) -> bool {
    match user.role {
        Role::Staff | Role::Admin => true,
        Role::Participant => sectors.iter().any(|s| kind.sectors().contains(&s.as_str())),
    }
}

/// A printed ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub kind: Kind,
    pub reference: String,
    /// One line per thing (garment and service, dish, the hem booking).
    pub lines: Vec<String>,
    /// When to come (drop-off day, pickup time, slot).
    pub when: String,
    /// None: on quote, or free.
    pub price_cents: Option<i64>,
    /// "from": some lines are on quote.
    pub price_from: bool,
    /// (weekday 1–7, opens, closes).
    pub hours: Vec<(u8, String, String)>,
    pub link: String,
    pub qr_svg: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> CurrentUser {
        CurrentUser {
            id: 1,
            role,
            first_name: "A".into(),
            last_name: "B".into(),
            has_password: true,
        }
    }

    #[test]
    fn staff_take_everything_participants_what_their_sector_runs() {
        let kitchen = vec!["cuisine".to_owned()];
        let conciergerie = vec!["conciergerie".to_owned()];
        assert!(allowed(&user(Role::Staff), &[], Kind::Alteration));
        assert!(allowed(&user(Role::Admin), &[], Kind::Lunch));
        assert!(allowed(&user(Role::Participant), &kitchen, Kind::Lunch));
        assert!(!allowed(
            &user(Role::Participant),
            &kitchen,
            Kind::Alteration
        ));
        assert!(allowed(&user(Role::Participant), &conciergerie, Kind::Hem));
        assert!(!allowed(&user(Role::Participant), &[], Kind::Hem));
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.slug()), Some(kind));
        }
    }
}
