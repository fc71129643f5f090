//! The conciergerie: clothing alterations requested from a phone, followed through a private
//! link, and handled by staff from request to pickup.
//!
//! A request's life is one state machine ([`next_status`]): every status change, by the person
//! or by staff, goes through it.

pub mod api;
#[cfg(feature = "ssr")]
pub mod photo;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use crate::partners::Partner;
use serde::{Deserialize, Serialize};

/// Most of one service a request may ask for.
pub const MAX_QUANTITY: u32 = 20;
/// Photos per request: each may weigh 8 MB as sent (phones' photos), see `photo`.
pub const MAX_PHOTOS: usize = 5;
pub const MAX_NOTE_CHARS: usize = 200;
/// How far ahead a drop-off day may be chosen.
pub const BOOKING_HORIZON_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Requested,
    Accepted,
    Declined,
    Cancelled,
    DroppedOff,
    InProgress,
    Ready,
    Collected,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Requested,
        Status::Accepted,
        Status::DroppedOff,
        Status::InProgress,
        Status::Ready,
        Status::Collected,
        Status::Declined,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Requested => "requested",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::Cancelled => "cancelled",
            Status::DroppedOff => "dropped_off",
            Status::InProgress => "in_progress",
            Status::Ready => "ready",
            Status::Collected => "collected",
        }
    }

    pub fn parse(value: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The path of a request that goes well, for the tracking page's timeline.
    pub const HAPPY_PATH: [Status; 6] = [
        Status::Requested,
        Status::Accepted,
        Status::DroppedOff,
        Status::InProgress,
        Status::Ready,
        Status::Collected,
    ];
}

/// What someone decides about a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Staff: price confirmed, drop-off day confirmed.
    Accept,
    /// Staff: with a reason shown to the person.
    Decline,
    /// The person, from the tracking link.
    Cancel,
    /// Staff: the clothes are on a shelf.
    DropOff,
    Start,
    MarkReady,
    Collect,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accept => "accept",
            Decision::Decline => "decline",
            Decision::Cancel => "cancel",
            Decision::DropOff => "drop_off",
            Decision::Start => "start",
            Decision::MarkReady => "mark_ready",
            Decision::Collect => "collect",
        }
    }

    pub fn parse(value: &str) -> Option<Decision> {
        [
            Decision::Accept,
            Decision::Decline,
            Decision::Cancel,
            Decision::DropOff,
            Decision::Start,
            Decision::MarkReady,
            Decision::Collect,
        ]
        .into_iter()
        .find(|d| d.as_str() == value)
    }
}

/// The state machine of a request: where `decision` leads from `from`, or the error key of a
/// refusal. Cancelling is possible until the clothes are dropped off; work can skip "in
/// progress" (an ironing is ready the same day).
pub fn next_status(from: Status, decision: Decision) -> Result<Status, &'static str> {
    use {Decision as D, Status as S};
    match (from, decision) {
        (S::Requested, D::Accept) => Ok(S::Accepted),
        (S::Requested | S::Accepted, D::Decline) => Ok(S::Declined),
        (S::Requested | S::Accepted, D::Cancel) => Ok(S::Cancelled),
        (S::Accepted, D::DropOff) => Ok(S::DroppedOff),
        (S::DroppedOff, D::Start) => Ok(S::InProgress),
        (S::DroppedOff | S::InProgress, D::MarkReady) => Ok(S::Ready),
        (S::Ready, D::Collect) => Ok(S::Collected),
        (_, D::Cancel) => Err("cancel_too_late"),
        _ => Err("transition_not_allowed"),
    }
}

/// The decisions staff may take on a request in `status` (the buttons they see).
pub fn staff_decisions(status: Status) -> Vec<Decision> {
    [
        Decision::Accept,
        Decision::Decline,
        Decision::DropOff,
        Decision::Start,
        Decision::MarkReady,
        Decision::Collect,
    ]
    .into_iter()
    .filter(|d| next_status(status, *d).is_ok())
    .collect()
}

/// One entry of the price list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// None: "sur devis".
    pub price_cents: Option<i64>,
    pub turnaround_days: i64,
    pub active: bool,
}

/// The estimated total of a request: the priced lines, and whether some wait for a quote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    pub total_cents: i64,
    pub has_quote_items: bool,
}

/// Sums `(unit price, quantity)` lines; a line without a price makes the total "from".
pub fn estimate(lines: impl IntoIterator<Item = (Option<i64>, u32)>) -> Estimate {
    lines
        .into_iter()
        .fold(Estimate::default(), |acc, (unit, quantity)| match unit {
            Some(cents) => Estimate {
                total_cents: acc.total_cents + cents * i64::from(quantity),
                ..acc
            },
            None => Estimate {
                has_quote_items: true,
                ..acc
            },
        })
}

/// `12,50 €`
pub fn format_euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.abs();
    format!("{sign}{},{:02} €", cents / 100, cents % 100)
}

/// A price typed by staff: `12`, `12,5`, `12.50`, `12,50 €` → cents.
pub fn parse_euros(input: &str) -> Result<i64, &'static str> {
    let cleaned: String = input.trim().trim_end_matches('€').trim().replace(',', ".");
    let (units, decimals) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let valid = !units.is_empty()
        && units.len() <= 5
        && units.chars().all(|c| c.is_ascii_digit())
        && decimals.len() <= 2
        && decimals.chars().all(|c| c.is_ascii_digit());
    if !valid {
        return Err("price_invalid");
    }
    let units: i64 = units.parse().map_err(|_| "price_invalid")?;
    let decimals: i64 = format!("{decimals:0<2}")
        .parse()
        .map_err(|_| "price_invalid")?;
    Ok(units * 100 + decimals)
}

/// A quantity of one service: 0 means "not chosen".
pub fn parse_quantity(input: &str) -> Result<u32, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(0);
    }
    match input.parse::<u32>() {
        Ok(n) if n <= MAX_QUANTITY => Ok(n),
        _ => Err("quantity_invalid"),
    }
}

/// A few words about an item: trimmed, at most 200 characters.
pub fn parse_note(input: &str) -> Result<String, &'static str> {
    let note = input.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        Err("note_too_long")
    } else {
        Ok(note.to_owned())
    }
}

/// A calendar day, `YYYY-MM-DD`, as days since 1970-01-01.
pub fn parse_day(input: &str) -> Option<i64> {
    let mut parts = input.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let days = crate::ui::time::days_from_civil(y, m, d);
    // Refuses 2026-02-30 and the like: the day must come back as written.
    (crate::ui::time::civil(days) == (y, m, d)).then_some(days)
}

pub fn format_day(days: i64) -> String {
    let (y, m, d) = crate::ui::time::civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// ISO weekday of a day: 1 = Monday … 7 = Sunday.
pub fn weekday(days: i64) -> u8 {
    // 1970-01-01 was a Thursday.
    ((days + 3).rem_euclid(7) + 1) as u8
}

/// The drop-off days offered from `today`: the open weekdays within the horizon.
pub fn dropoff_days(today: i64, open_weekdays: &[u8]) -> Vec<i64> {
    (today..=today + BOOKING_HORIZON_DAYS)
        .filter(|day| open_weekdays.contains(&weekday(*day)))
        .collect()
}

/// One line of a request as shown to the person and to staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: i64,
    pub service_name: String,
    pub quantity: i64,
    pub unit_cents: Option<i64>,
    pub note: String,
    pub has_photo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub status: Status,
    pub at: i64,
}

/// A request, as the tracking page and staff's detail page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: i64,
    pub reference: String,
    pub status: Status,
    pub contact_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub partner_name: Option<String>,
    pub dropoff_date: String,
    pub estimate: Estimate,
    pub confirmed_cents: Option<i64>,
    pub decline_reason: Option<String>,
    pub shelf: Option<String>,
    pub created_at: i64,
    pub items: Vec<Item>,
    pub events: Vec<Event>,
}

/// What the private link shows: the request (without its contact details) and the link itself,
/// to save or share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracking {
    pub request: Request,
    pub link: String,
    /// Whether its cancellation can still be undone (minutes after it).
    pub restorable: bool,
}

/// The day's sheet: drop-offs expected that day, and everything ready to collect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySheet {
    pub day: String,
    pub dropoffs: Vec<QueueEntry>,
    pub pickups: Vec<QueueEntry>,
}

/// Staff's queue as filtered, the counts per status, and the partners to filter by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub entries: Vec<QueueEntry>,
    pub counts: Vec<(Status, i64)>,
    pub partners: Vec<Partner>,
}

/// A line of staff's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub id: i64,
    pub reference: String,
    pub status: Status,
    pub contact_name: String,
    pub partner_name: Option<String>,
    pub dropoff_date: String,
    pub garments: i64,
    pub estimate: Estimate,
    pub confirmed_cents: Option<i64>,
    pub shelf: Option<String>,
    pub created_at: i64,
}

/// What the second step of the request form needs: the chosen lines, the days, the partners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDraft {
    pub lines: Vec<(Service, u32)>,
    pub estimate: Estimate,
    /// The drop-off days to choose from, `YYYY-MM-DD`.
    pub days: Vec<String>,
    pub partners: Vec<Partner>,
    /// A fresh token (or the refused form's): the form's idempotency key and, once sent, the
    /// private link.
    pub idempotency_key: String,
    /// The photo fields (`item_photo_N`) whose photo the refused form already sent.
    pub kept_photos: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_goes_from_sent_to_collected() {
        use {Decision as D, Status as S};
        let mut status = S::Requested;
        for decision in [D::Accept, D::DropOff, D::Start, D::MarkReady, D::Collect] {
            status = next_status(status, decision).unwrap();
        }
        assert_eq!(status, S::Collected);
        assert_eq!(
            next_status(S::DroppedOff, D::MarkReady),
            Ok(S::Ready),
            "an ironing can skip 'in progress'"
        );
    }

    #[test]
    fn illegal_transitions_are_refused() {
        use {Decision as D, Status as S};
        assert_eq!(
            next_status(S::Requested, D::DropOff),
            Err("transition_not_allowed")
        );
        assert_eq!(
            next_status(S::Ready, D::Accept),
            Err("transition_not_allowed")
        );
        assert_eq!(
            next_status(S::Collected, D::Collect),
            Err("transition_not_allowed")
        );
        assert_eq!(
            next_status(S::Declined, D::Accept),
            Err("transition_not_allowed")
        );
        for from in [
            S::DroppedOff,
            S::InProgress,
            S::Ready,
            S::Collected,
            S::Cancelled,
        ] {
            assert_eq!(
                next_status(from, D::Cancel),
                Err("cancel_too_late"),
                "{from:?}"
            );
        }
        assert_eq!(next_status(S::Accepted, D::Cancel), Ok(S::Cancelled));
        // Every status round-trips through its name.
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(staff_decisions(S::Requested), vec![D::Accept, D::Decline]);
        assert!(staff_decisions(S::Collected).is_empty());
    }

    #[test]
    fn the_estimate_sums_priced_lines_and_flags_quotes() {
        assert_eq!(
            estimate([(Some(800), 2), (Some(1250), 1)]),
            Estimate {
                total_cents: 2850,
                has_quote_items: false
            }
        );
        assert_eq!(
            estimate([(Some(800), 1), (None, 3)]),
            Estimate {
                total_cents: 800,
                has_quote_items: true
            }
        );
        assert_eq!(format_euros(2850), "28,50 €");
        assert_eq!(format_euros(5), "0,05 €");
    }

    #[test]
    fn prices_quantities_and_notes_are_validated() {
        assert_eq!(parse_euros("12"), Ok(1200));
        assert_eq!(parse_euros("12,5"), Ok(1250));
        assert_eq!(parse_euros(" 12.50 € "), Ok(1250));
        for bad in ["", "douze", "12,345", "-3", "1e3", "123456"] {
            assert_eq!(parse_euros(bad), Err("price_invalid"), "{bad}");
        }
        assert_eq!(parse_quantity(""), Ok(0));
        assert_eq!(parse_quantity("20"), Ok(20));
        assert_eq!(parse_quantity("21"), Err("quantity_invalid"));
        assert_eq!(parse_quantity("-1"), Err("quantity_invalid"));
        assert_eq!(parse_note(&"a".repeat(200)).map(|n| n.len()), Ok(200));
        assert_eq!(parse_note(&"é".repeat(201)), Err("note_too_long"));
    }

    #[test]
    fn drop_off_days_are_open_days_from_today() {
        let tuesday = parse_day("2026-12-01").unwrap();
        assert_eq!(weekday(tuesday), 2);
        assert_eq!(format_day(tuesday), "2026-12-01");
        assert_eq!(parse_day("2026-02-30"), None);
        assert_eq!(parse_day("1-2-3"), None);
        // Open Monday, Tuesday, Thursday, Friday: from Tuesday, the next are Thu, Fri, Mon.
        let days = dropoff_days(tuesday, &[1, 2, 4, 5]);
        let names: Vec<String> = days.iter().take(4).map(|d| format_day(*d)).collect();
        assert_eq!(
            names,
            ["2026-12-01", "2026-12-03", "2026-12-04", "2026-12-07"]
        );
        assert!(dropoff_days(tuesday, &[]).is_empty());
    }
}
