//! The staff's inbox (`/equipe`): what needs a decision or an action now, across every
//! capability, oldest first, each item one tap from its decision page; counts per kind, a filter
//! by sector and "for me" (the items a staff member took).
//!
//! Each kind is one query over its capability's own tables (src/inbox/repo.rs): nothing is
//! copied, so the inbox is never out of date.

pub mod api;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use serde::{Deserialize, Serialize};

/// The kinds of items, in the order the counts are shown.
pub const KINDS: [&str; 11] = [
    "alteration_to_answer",
    "dropoff_today",
    "pickup_waiting",
    "absence_to_decide",
    "catering_to_quote",
    "made_to_order_to_quote",
    "quote_waiting",
    "lunch_to_prepare",
    "hem_day_today",
    "shift_missing_people",
    "attendance_to_mark",
];

/// A quote sent this many days ago without an answer is worth a call.
pub const QUOTE_WAIT_DAYS: i64 = 7;

/// How far back a shift without its attendance marked still shows (older ones are in the
/// planning's hours page).
pub const ATTENDANCE_DAYS: i64 = 30;

/// The two filters of the staff's work: the textile workshop and conciergerie, and food.
pub const SECTORS: [&str; 2] = ["textile", "alimentation"];

/// The inbox's sector of a planning sector (`menuiserie` is in neither filter).
pub fn sector_of(planning_sector: &str) -> Option<&'static str> {
    match planning_sector {
        "couture" | "conciergerie" => Some("textile"),
        "cuisine" | "salle" => Some("alimentation"),
        _ => None,
    }
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub kind: String,
    /// What it is about (a request, a quote, a shift…), with `kind` its name in claims.
    pub id: i64,
    /// Since when it waits (Unix time): the oldest first.
    pub since: i64,
    /// Words the page shows after the kind's label (a reference, a name, a day).
    pub detail: String,
    /// A day the item is about (YYYY-MM-DD), shown in words.
    pub day: Option<String>,
    /// How many (orders to prepare, places to fill, attendances to mark), 0 when not counted.
    pub count: i64,
    pub link: String,
    /// "textile", "alimentation", or None (both filters leave it out).
    pub sector: Option<String>,
    pub taken_by: Option<(i64, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub items: Vec<Item>,
    /// Per kind, in `KINDS` order, after the filters.
    pub counts: Vec<(String, i64)>,
    pub sector: Option<String>,
    pub mine: bool,
}

/// The filters, then oldest first, then the counts.
pub fn assemble(mut items: Vec<Item>, sector: Option<&str>, mine: Option<i64>) -> Inbox {
    items.retain(|item| {
        sector.is_none_or(|s| item.sector.as_deref() == Some(s))
            && mine.is_none_or(|me| item.taken_by.as_ref().is_some_and(|(id, _)| *id == me))
    });
    items.sort_by_key(|item| (item.since, item.kind.clone(), item.id));
    let counts = KINDS
        .iter()
        .map(|kind| {
            let n = items.iter().filter(|i| i.kind == *kind).count() as i64;
            ((*kind).to_owned(), n)
        })
        .collect();
    Inbox {
        items,
        counts,
        sector: sector.map(str::to_owned),
        mine: mine.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: &str, id: i64, since: i64, sector: Option<&str>, taken: Option<i64>) -> Item {
        Item {
            kind: kind.into(),
            id,
            since,
            detail: String::new(),
            day: None,
            count: 0,
            link: String::new(),
            sector: sector.map(Into::into),
            taken_by: taken.map(|id| (id, "Karim".into())),
        }
    }

    #[test]
    fn the_oldest_first_filtered_by_sector_and_by_who_took_it() {
        let items = vec![
            item("lunch_to_prepare", 1, 300, Some("alimentation"), None),
            item("alteration_to_answer", 2, 100, Some("textile"), Some(7)),
            item("shift_missing_people", 3, 200, None, Some(7)),
            item("alteration_to_answer", 4, 50, Some("textile"), Some(8)),
        ];
        let all = assemble(items.clone(), None, None);
        assert_eq!(
            all.items.iter().map(|i| i.id).collect::<Vec<_>>(),
            [4, 2, 3, 1]
        );
        assert_eq!(all.counts[0], ("alteration_to_answer".into(), 2));
        let textile = assemble(items.clone(), Some("textile"), None);
        assert_eq!(textile.items.len(), 2);
        let mine = assemble(items, None, Some(7));
        assert_eq!(mine.items.iter().map(|i| i.id).collect::<Vec<_>>(), [2, 3]);
        assert!(mine.mine);
    }

    #[test]
    fn planning_sectors_fall_in_the_two_filters() {
        assert_eq!(sector_of("couture"), Some("textile"));
        assert_eq!(sector_of("conciergerie"), Some("textile"));
        assert_eq!(sector_of("cuisine"), Some("alimentation"));
        assert_eq!(sector_of("salle"), Some("alimentation"));
        assert_eq!(sector_of("menuiserie"), None);
    }
}
