//! Client organisations (La Redoute, the Lycée Hôtelier, the companies ordering catering…):
//! one list for every capability. Alteration requests and hem campaigns name one; catering and
//! made-to-order requests find theirs by SIRET or name (or add it). Each organisation has a
//! type, contact people and its history across capabilities; "regular" = at least N orders
//! over the last 12 months (N set by staff, 2 by default).

pub mod api;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use serde::{Deserialize, Serialize};

/// The types of organisation, as stored.
pub const KINDS: [&str; 4] = ["company", "association", "school", "public_body"];

/// The window of "regular": 12 months, counted as 365 days back from now.
pub const REGULAR_WINDOW_SECS: i64 = 365 * 86_400;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub active: bool,
}

/// An organisation in the staff's list, with what makes it a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub siret: Option<String>,
    pub active: bool,
    /// Orders since the start, and over the last 12 months.
    pub orders: i64,
    pub orders_last_year: i64,
    pub regular: bool,
}

/// The two figures funders ask about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientCounts {
    /// Organisations with at least one order since the start.
    pub clients: i64,
    /// Of which at least `regular_orders` orders over the last 12 months.
    pub regular: i64,
    pub regular_orders: i64,
}

/// What counts as one order, per capability: an accepted quote (catering or made-to-order, on
/// the day it was accepted), an alteration request not declined or withdrawn (the day it was
/// sent), a hem campaign (the day it was created).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// "catering", "made_to_order", "alteration" or "campaign".
    pub capability: String,
    pub at: i64,
    pub reference: String,
    /// The request's or campaign's state in words the page translates ("accepted"…).
    pub status: String,
    /// Whether it counts as an order.
    pub order: bool,
    /// The staff's page of it.
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

/// An organisation's page: who, who to talk to, what it ordered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationPage {
    pub organisation: Organisation,
    pub contacts: Vec<Contact>,
    /// The people who wrote its catering and made-to-order requests (latest first).
    pub requesters: Vec<String>,
    pub history: Vec<HistoryEntry>,
    pub regular_orders: i64,
}

/// Whether orders at `times` make an organisation regular at `now`: at least `threshold`
/// of them within the last 12 months (a future time, as a campaign planned ahead, counts).
pub fn is_regular(times: &[i64], now: i64, threshold: i64) -> bool {
    orders_since(times, now - REGULAR_WINDOW_SECS) >= threshold
}

pub fn orders_since(times: &[i64], since: i64) -> i64 {
    times.iter().filter(|at| **at >= since).count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;
    const NOW: i64 = 2_000_000_000;

    #[test]
    fn regular_means_enough_orders_in_the_last_twelve_months() {
        let two_recent = [NOW - 10 * DAY, NOW - 200 * DAY];
        assert!(is_regular(&two_recent, NOW, 2));
        assert!(!is_regular(&two_recent, NOW, 3), "the threshold is staff's");
        let one_old = [NOW - 10 * DAY, NOW - 366 * DAY];
        assert!(
            !is_regular(&one_old, NOW, 2),
            "an order 366 days ago is out"
        );
        let on_the_edge = [NOW - 10 * DAY, NOW - 365 * DAY];
        assert!(is_regular(&on_the_edge, NOW, 2), "365 days ago is in");
        assert!(!is_regular(&[], NOW, 1));
    }
}
