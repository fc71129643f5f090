//! People's data: what the app holds and why (the "Vos données" page), the download and erasure
//! behind each private link, a participant's erasure (a staff decision), the download of one's
//! own account, and the daily retention purge.
//!
//! Each capability answers for its own tables in its `privacy.rs` (what a link holds, how it is
//! scrubbed, what the purge removes); this folder holds the rules, the register of personal
//! columns, the server functions and the pages.

pub mod api;
#[cfg(feature = "ssr")]
pub mod download;
pub mod register;
#[cfg(feature = "ssr")]
pub mod retention;
pub mod ui;

use serde::{Deserialize, Serialize};

/// How long personal data is kept, in days (`RETENTION_*_DAYS`, src/server/config.rs). The
/// defaults follow the CNIL's reference texts: social support (délibérations 2021-028 and
/// 2023-095) and commercial contacts (2021-131).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// The public's name, phone and e-mail, after their request, order or booking is over.
    pub public_days: u32,
    /// Photos of garments, after the garment is collected (or the request closed).
    pub photo_days: u32,
    /// Participant and staff accounts, after their last activity (staff see them 30 days before).
    pub account_days: u32,
    /// Ended sessions, used or expired invitations and sign-in attempts.
    pub session_days: u32,
    /// Companies' contact people (catering requests), after the last contact.
    pub company_days: u32,
}

impl Default for Retention {
    fn default() -> Retention {
        Retention {
            public_days: 365,
            photo_days: 90,
            account_days: 730,
            session_days: 7,
            company_days: 3 * 365,
        }
    }
}

/// How long before an account's erasure the staff see it coming.
pub const ACCOUNT_WARNING_DAYS: u32 = 30;

/// The private links whose holder may see, download and erase what the app holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkKind {
    Alteration,
    HemBooking,
    LunchOrder,
    Catering,
    MadeToOrder,
}

impl LinkKind {
    pub const ALL: [LinkKind; 5] = [
        LinkKind::Alteration,
        LinkKind::HemBooking,
        LinkKind::LunchOrder,
        LinkKind::Catering,
        LinkKind::MadeToOrder,
    ];

    /// The path segment in `/vos-donnees/{kind}/{token}`.
    pub fn slug(self) -> &'static str {
        match self {
            LinkKind::Alteration => "retouche",
            LinkKind::HemBooking => "ourlets",
            LinkKind::LunchOrder => "dejeuner",
            LinkKind::Catering => "traiteur",
            LinkKind::MadeToOrder => "sur-mesure",
        }
    }

    pub fn from_slug(slug: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    /// The private link's own page (where the person came from).
    pub fn link_path(self, token: &str) -> String {
        match self {
            LinkKind::Alteration => format!("/retouches/suivi/{token}"),
            LinkKind::HemBooking => format!("/ourlets/reservation/{token}"),
            LinkKind::LunchOrder => format!("/dejeuner/commande/{token}"),
            LinkKind::Catering => format!("/traiteur/demande/{token}"),
            LinkKind::MadeToOrder => format!("/sur-mesure/demande/{token}"),
        }
    }

    /// This link's data page, and its JSON download.
    pub fn data_path(self, token: &str) -> String {
        format!("/vos-donnees/{}/{token}", self.slug())
    }
}

/// One value the app holds, by name (the page labels it in the reader's language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub value: String,
}

impl Field {
    pub fn new(name: &str, value: impl ToString) -> Field {
        Field {
            name: name.to_owned(),
            value: value.to_string(),
        }
    }
}

/// What a private link holds, for its holder: shown on a page and downloaded as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkData {
    pub kind: LinkKind,
    pub reference: String,
    /// Unix time of the erasure, if done.
    pub erased_at: Option<i64>,
    /// About the person (name, phone, e-mail, notes): what erasure scrubs.
    pub personal: Vec<Field>,
    /// The rest, kept without anyone's name for the key figures.
    pub record: Vec<Field>,
    /// Photos held; erasure deletes them.
    pub photos: u32,
    /// Erasure first cancels (the request, booking or order is still to come).
    pub erase_cancels: bool,
    /// Why erasure must wait, if it must (an error key: garments still at the coop…).
    pub erase_refusal: Option<String>,
}

/// What a participant's erasure did, said to the staff member who decided it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureReport {
    /// Kinds of rows deleted (keys of the texts), with how many.
    pub deleted: Vec<(String, u64)>,
    /// Kinds of rows kept under a pseudonym, with how many, because the law keeps them.
    pub pseudonymised: Vec<(String, u64)>,
}
