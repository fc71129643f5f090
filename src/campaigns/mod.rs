//! "Opération ourlets": slot campaigns. Staff create a campaign for a partner's students and
//! generate its slots; a student books one place without an account (≤ 3 steps), gets a
//! reference, a private link and a calendar file, and may cancel or move from that link. Staff
//! run the day from a printable day sheet.
//!
//! Capacity is decided by the database (triggers and a CHECK constraint, see the migration), in
//! one BEGIN IMMEDIATE transaction per decision.

pub mod api;
#[cfg(feature = "ssr")]
pub mod batch;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod share;
pub mod ui;

use crate::ui::time::{civil, days_from_civil, iso_weekday, paris_parts, paris_to_utc};
use serde::{Deserialize, Serialize};

/// The most slots one generation may create (a typo in a date must not make thousands).
pub const MAX_GENERATED_SLOTS: usize = 2000;
/// The most places in one slot.
pub const MAX_SLOT_CAPACITY: i64 = 200;

/// The letters and digits of the codes the app makes: none that reads as another (no 0/O,
/// 1/I/L). 31 symbols: 8 of them make 31^8 ≈ 8.5 × 10^11 codes.
pub const INVITE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// The fewest letters and digits of an invite code (dashes and spaces not counted).
pub const MIN_INVITE_CODE: usize = 8;

/// An invite code as compared: capitals, without the spaces and dashes people type or omit.
pub fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// A new invite code, `K7QM-3XTP`: 8 symbols of [`INVITE_ALPHABET`] in two groups of four for
/// reading aloud. `draw(n)` picks an index below `n` (the server passes the OS's randomness).
pub fn invite_code_from(mut draw: impl FnMut(usize) -> usize) -> String {
    let mut code = String::with_capacity(9);
    for i in 0..MIN_INVITE_CODE {
        if i == 4 {
            code.push('-');
        }
        code.push(char::from(INVITE_ALPHABET[draw(INVITE_ALPHABET.len())]));
    }
    code
}

/// A campaign as staff manage it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub partner_id: Option<i64>,
    pub partner_name: Option<String>,
    pub description: String,
    pub place: String,
    /// Unix seconds.
    pub opens_at: i64,
    pub closes_at: i64,
    pub invite_code: Option<String>,
    pub max_garments: i64,
    pub closed_at: Option<i64>,
}

/// Where a campaign stands for bookings at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CampaignStatus {
    NotYetOpen,
    Open,
    Ended,
    ClosedEarly,
}

impl Campaign {
    pub fn status(&self, now: i64) -> CampaignStatus {
        if self.closed_at.is_some() {
            CampaignStatus::ClosedEarly
        } else if now < self.opens_at {
            CampaignStatus::NotYetOpen
        } else if now >= self.closes_at {
            CampaignStatus::Ended
        } else {
            CampaignStatus::Open
        }
    }

    /// The error key of a booking attempt at `now`, if bookings are not possible.
    pub fn booking_refusal(&self, now: i64) -> Option<&'static str> {
        match self.status(now) {
            CampaignStatus::Open => None,
            CampaignStatus::NotYetOpen => Some("campaign_not_open"),
            CampaignStatus::Ended | CampaignStatus::ClosedEarly => Some("campaign_closed"),
        }
    }
}

/// A slot as the public and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub id: i64,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub booked: i64,
    pub closed: bool,
}

impl Slot {
    pub fn remaining(&self) -> i64 {
        (self.capacity - self.booked).max(0)
    }

    /// Open, not started and with a place left at `now`.
    pub fn bookable(&self, now: i64) -> bool {
        !self.closed && self.starts_at > now && self.remaining() > 0
    }

    /// The Paris day of the slot, `YYYY-MM-DD`.
    pub fn day(&self) -> String {
        day_of(self.starts_at)
    }
}

/// The Paris day of an instant, `YYYY-MM-DD`.
pub fn day_of(utc: i64) -> String {
    let (year, month, day, _, _) = paris_parts(utc);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `08:30`, Paris time.
pub fn hour_of(utc: i64) -> String {
    let (_, _, _, hour, minute) = paris_parts(utc);
    format!("{hour:02}:{minute:02}")
}

/// Parses `YYYY-MM-DD` into (year, month, day), checking the date exists.
pub fn parse_date(input: &str) -> Option<(i64, i64, i64)> {
    let mut parts = input.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(2000..=2200).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // 31 February becomes 3 March: refuse dates that do not round-trip.
    (civil(days_from_civil(year, month, day)) == (year, month, day)).then_some((year, month, day))
}

/// Parses `HH:MM` into minutes after midnight.
pub fn parse_time(input: &str) -> Option<i64> {
    let (hour, minute) = input.trim().split_once(':')?;
    let hour: i64 = hour.parse().ok()?;
    let minute: i64 = minute.get(..2)?.parse().ok()?;
    ((0..24).contains(&hour) && (0..60).contains(&minute)).then_some(hour * 60 + minute)
}

/// Parses an HTML `datetime-local` value (`YYYY-MM-DDTHH:MM`, Paris time) into Unix seconds.
pub fn parse_local_datetime(input: &str) -> Option<i64> {
    let (date, time) = input.trim().split_once(['T', ' '])?;
    let (year, month, day) = parse_date(date)?;
    let minutes = parse_time(time)?;
    Some(paris_to_utc(year, month, day, minutes / 60, minutes % 60))
}

/// The `datetime-local` value of an instant, Paris time.
pub fn local_datetime_value(utc: i64) -> String {
    format!("{}T{}", day_of(utc), hour_of(utc))
}

/// What staff ask for: every chosen weekday between two dates, slots of `length_minutes` from
/// `start` to `end` (minutes after midnight, Paris time), `places` each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotPlan {
    pub first_day: (i64, i64, i64),
    pub last_day: (i64, i64, i64),
    /// ISO weekdays, Monday = 1.
    pub weekdays: Vec<i64>,
    pub start: i64,
    pub end: i64,
    pub length_minutes: i64,
    pub places: i64,
}

/// A slot to create: (starts_at, ends_at) in Unix seconds.
pub type NewSlot = (i64, i64);

impl SlotPlan {
    /// Parses the staff form; the error is (field, key).
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        first_day: &str,
        last_day: &str,
        weekdays: &[String],
        start: &str,
        end: &str,
        length_minutes: &str,
        places: &str,
    ) -> Result<SlotPlan, (&'static str, &'static str)> {
        let first_day = parse_date(first_day).ok_or(("first_day", "date_invalid"))?;
        let last_day = parse_date(last_day).ok_or(("last_day", "date_invalid"))?;
        if days_from_civil(last_day.0, last_day.1, last_day.2)
            < days_from_civil(first_day.0, first_day.1, first_day.2)
        {
            return Err(("last_day", "date_order"));
        }
        let mut days: Vec<i64> = weekdays
            .iter()
            .filter_map(|d| d.trim().parse().ok())
            .filter(|d| (1..=7).contains(d))
            .collect();
        days.sort_unstable();
        days.dedup();
        if days.is_empty() {
            return Err(("weekdays", "weekdays_required"));
        }
        let start = parse_time(start).ok_or(("start", "time_invalid"))?;
        let end = parse_time(end).ok_or(("end", "time_invalid"))?;
        if end <= start {
            return Err(("end", "time_order"));
        }
        let length_minutes = length_minutes
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|l| (5..=480).contains(l))
            .ok_or(("length_minutes", "slot_length_invalid"))?;
        let places = places
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=MAX_SLOT_CAPACITY).contains(p))
            .ok_or(("places", "capacity_invalid"))?;
        Ok(SlotPlan {
            first_day,
            last_day,
            weekdays: days,
            start,
            end,
            length_minutes,
            places,
        })
    }

    /// The slots of the plan, in time order; slots that would run past `end` are left out.
    /// Err when the plan would make more than [`MAX_GENERATED_SLOTS`].
    /// The slots of the plan, none on a `closed` day (public holidays, closures).
    pub fn slots(
        &self,
        closed: &crate::home::calendar::Closed,
    ) -> Result<Vec<NewSlot>, &'static str> {
        let first = days_from_civil(self.first_day.0, self.first_day.1, self.first_day.2);
        let last = days_from_civil(self.last_day.0, self.last_day.1, self.last_day.2);
        let per_day = (self.end - self.start) / self.length_minutes;
        if per_day == 0 {
            return Err("slot_length_invalid");
        }
        if (last - first + 1) * per_day > MAX_GENERATED_SLOTS as i64 * 7 {
            return Err("too_many_slots");
        }
        let mut slots = Vec::new();
        for days in first..=last {
            let (year, month, day) = civil(days);
            if !self.weekdays.contains(&iso_weekday(year, month, day)) || closed.is_closed(days) {
                continue;
            }
            for i in 0..per_day {
                let from = self.start + i * self.length_minutes;
                let to = from + self.length_minutes;
                slots.push((
                    paris_to_utc(year, month, day, from / 60, from % 60),
                    paris_to_utc(year, month, day, to / 60, to % 60),
                ));
                if slots.len() > MAX_GENERATED_SLOTS {
                    return Err("too_many_slots");
                }
            }
        }
        if slots.is_empty() {
            return Err("no_slots");
        }
        Ok(slots)
    }
}

/// The slots nearest in time to `wanted` that can still be booked (offered when it is full).
pub fn nearest_free(slots: &[Slot], wanted_starts_at: i64, now: i64, count: usize) -> Vec<Slot> {
    let mut free: Vec<&Slot> = slots.iter().filter(|s| s.bookable(now)).collect();
    free.sort_by_key(|s| ((s.starts_at - wanted_starts_at).abs(), s.starts_at));
    let mut nearest: Vec<Slot> = free.into_iter().take(count).cloned().collect();
    nearest.sort_by_key(|s| s.starts_at);
    nearest
}

/// A student's booking details, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingForm {
    pub name: String,
    pub group_name: String,
    pub garments: i64,
    /// A normalised phone number or a lower-case email.
    pub contact: String,
}

/// Which field is wrong and why (message keys), all at once.
pub type FormErrors = Vec<(&'static str, &'static str)>;

impl BookingForm {
    pub fn parse(
        name: &str,
        group_name: &str,
        garments: &str,
        contact: &str,
        max_garments: i64,
    ) -> Result<BookingForm, FormErrors> {
        let mut errors = FormErrors::new();
        let name = name.trim();
        match name.chars().count() {
            0 => errors.push(("name", "name_required")),
            1..=80 => {}
            _ => errors.push(("name", "name_too_long")),
        }
        let group_name = group_name.trim();
        match group_name.chars().count() {
            0 => errors.push(("group_name", "name_required")),
            1..=60 => {}
            _ => errors.push(("group_name", "name_too_long")),
        }
        let garments = match garments.trim().parse::<i64>() {
            Ok(n) if (1..=max_garments).contains(&n) => n,
            Ok(n) if n > max_garments => {
                errors.push(("garments", "garments_over_max"));
                0
            }
            _ => {
                errors.push(("garments", "garments_invalid"));
                0
            }
        };
        let contact = parse_contact(contact).unwrap_or_else(|key| {
            errors.push(("contact", key));
            String::new()
        });
        if errors.is_empty() {
            Ok(BookingForm {
                name: name.to_owned(),
                group_name: group_name.to_owned(),
                garments,
                contact,
            })
        } else {
            Err(errors)
        }
    }
}

/// A phone number or an email: whichever it looks like.
pub fn parse_contact(input: &str) -> Result<String, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        Err("contact_required")
    } else if input.contains('@') {
        crate::accounts::parse_email(input).map_err(|_| "contact_invalid")
    } else {
        crate::accounts::parse_phone(input).map_err(|_| "contact_invalid")
    }
}

/// A campaign's address from its title: lower-case ASCII letters, digits and dashes.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "campagne".to_owned()
    } else {
        slug
    }
}

/// Where a student is on the day sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attendance {
    Expected,
    Came,
    Done,
    NoShow,
}

impl Attendance {
    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Expected => "expected",
            Attendance::Came => "came",
            Attendance::Done => "done",
            Attendance::NoShow => "no_show",
        }
    }

    pub fn parse(value: &str) -> Option<Attendance> {
        match value {
            "expected" => Some(Attendance::Expected),
            "came" => Some(Attendance::Came),
            "done" => Some(Attendance::Done),
            "no_show" => Some(Attendance::NoShow),
            _ => None,
        }
    }
}

/// What the public page of a campaign shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCampaign {
    pub slug: String,
    pub title: String,
    pub partner_name: Option<String>,
    pub description: String,
    pub place: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub max_garments: i64,
    pub status: CampaignStatus,
    /// Every slot still to come (full and closed ones too: shown, not selectable).
    pub slots: Vec<Slot>,
    /// A fresh idempotency key for the booking form.
    pub idempotency_key: String,
    pub now: i64,
}

/// What the public page gets: the campaign, or a request for its invite code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CampaignAccess {
    CodeRequired,
    Granted(Box<PublicCampaign>),
}

/// The answer to a booking attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingOutcome {
    /// Booked (or the same booking again, for a replayed submission).
    Booked { reference: String, link: String },
    /// The slot had no place left: the nearest free slots instead.
    Full { alternatives: Vec<Slot> },
}

/// A booking as its private link shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub reference: String,
    pub campaign_slug: String,
    pub campaign_title: String,
    pub place: String,
    pub name: String,
    pub group_name: String,
    pub garments: i64,
    pub contact: String,
    pub cancelled: bool,
    /// Whether its cancellation can still be undone (minutes after, by its own link).
    pub restorable: bool,
    pub slot: Slot,
    /// Whether changes are still possible (campaign open, slot not started).
    pub changeable: bool,
    /// Other slots the booking may move to.
    pub other_slots: Vec<Slot>,
    /// The campaign's page for another booking, the invite kept (the class's shared link).
    pub book_again: String,
}

/// One student on the day sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetBooking {
    pub id: i64,
    pub reference: String,
    pub name: String,
    pub group_name: String,
    pub garments: i64,
    pub contact: String,
    pub attendance: Attendance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetSlot {
    pub slot: Slot,
    pub bookings: Vec<SheetBooking>,
}

/// Counts of a day: booked, came (checked in or done), garments done, no-shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    pub booked: i64,
    pub came: i64,
    pub garments_done: i64,
    pub no_show: i64,
}

impl DayCounts {
    pub fn of(slots: &[SheetSlot]) -> DayCounts {
        let mut counts = DayCounts::default();
        for booking in slots.iter().flat_map(|s| &s.bookings) {
            counts.booked += 1;
            match booking.attendance {
                Attendance::Came => counts.came += 1,
                Attendance::Done => {
                    counts.came += 1;
                    counts.garments_done += booking.garments;
                }
                Attendance::NoShow => counts.no_show += 1,
                Attendance::Expected => {}
            }
        }
        counts
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySheet {
    pub campaign_id: i64,
    pub campaign_title: String,
    pub day: String,
    pub slots: Vec<SheetSlot>,
    pub counts: DayCounts,
}

/// A campaign and its slots, for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignDetail {
    pub campaign: Campaign,
    /// The link staff share with the class: signed (`?cle=`) when the campaign has a code.
    pub share_link: String,
    pub slots: Vec<Slot>,
    pub partners: Vec<crate::partners::Partner>,
    /// The addresses holding many confirmed bookings, most first.
    pub bursts: Vec<BookingBurst>,
    pub now: i64,
}

/// The confirmed bookings of a campaign made from one address (its pseudonymous key, never the
/// address), shown to staff past [`BURST_MIN`] bookings so a script's burst is undone at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingBurst {
    pub client_key: String,
    pub bookings: i64,
    pub first_at: i64,
    pub last_at: i64,
}

/// From how many confirmed bookings one address is listed to staff.
pub const BURST_MIN: i64 = 5;

/// The campaigns list for staff, with the partners the form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignList {
    pub campaigns: Vec<Campaign>,
    /// A fresh code the creation form proposes.
    pub proposed_code: String,
    pub partners: Vec<crate::partners::Partner>,
    pub now: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_codes_are_eight_unambiguous_symbols_in_two_groups() {
        let mut n = 0;
        let code = invite_code_from(|len| {
            n += 1;
            (n * 7) % len
        });
        assert_eq!(code.len(), 9);
        assert_eq!(&code[4..5], "-");
        assert_eq!(normalize_code(&code).len(), MIN_INVITE_CODE);
        assert!(
            normalize_code(&code)
                .bytes()
                .all(|b| INVITE_ALPHABET.contains(&b))
        );
        for ambiguous in [b'0', b'O', b'1', b'I', b'L'] {
            assert!(!INVITE_ALPHABET.contains(&ambiguous));
        }
        assert_eq!(INVITE_ALPHABET.len(), 31);
        // Every symbol can come out, and only those.
        assert_eq!(invite_code_from(|_| 0), "2222-2222");
        assert_eq!(invite_code_from(|len| len - 1), "ZZZZ-ZZZZ");
    }

    #[test]
    fn codes_compare_without_case_spaces_or_dashes() {
        assert_eq!(normalize_code(" k7qm-3xtp "), "K7QM3XTP");
        assert_eq!(normalize_code("K7QM 3XTP"), "K7QM3XTP");
        assert_eq!(normalize_code("k7 qm - 3x tp"), "K7QM3XTP");
        assert_eq!(
            normalize_code("ourlets-lhil"),
            normalize_code("OURLETS-LHIL")
        );
        assert_ne!(normalize_code("K7QM-3XTQ"), normalize_code("K7QM-3XTP"));
        assert_eq!(normalize_code(" - "), "");
    }

    fn plan() -> SlotPlan {
        SlotPlan::parse(
            "2026-11-30",
            "2026-12-06",
            &["1".into(), "3".into(), "3".into()],
            "08:30",
            "10:00",
            "20",
            "5",
        )
        .unwrap()
    }

    #[test]
    fn slots_cover_the_chosen_weekdays_within_the_time_range() {
        let slots = plan().slots(&Default::default()).unwrap();
        // Monday 30 Nov and Wednesday 2 Dec; 08:30–10:00 in 20 minutes: 4 whole slots a day.
        assert_eq!(slots.len(), 8);
        assert_eq!(day_of(slots[0].0), "2026-11-30");
        assert_eq!(hour_of(slots[0].0), "08:30");
        assert_eq!(hour_of(slots[3].1), "09:50");
        assert_eq!(day_of(slots[4].0), "2026-12-02");
        assert!(slots.windows(2).all(|w| w[0].0 < w[1].0));
        // 08:30 Paris in winter is 07:30 UTC.
        assert_eq!(slots[0].0 % 86_400, 7 * 3600 + 30 * 60);
    }

    #[test]
    fn slot_plans_refuse_nonsense() {
        let parse = |first: &str,
                     last: &str,
                     days: &[&str],
                     start: &str,
                     end: &str,
                     len: &str,
                     places: &str| {
            let days: Vec<String> = days.iter().map(|d| d.to_string()).collect();
            SlotPlan::parse(first, last, &days, start, end, len, places).map(|_| ())
        };
        assert_eq!(
            parse(
                "2026-02-30",
                "2026-03-01",
                &["1"],
                "08:00",
                "09:00",
                "20",
                "5"
            ),
            Err(("first_day", "date_invalid"))
        );
        assert_eq!(
            parse(
                "2026-03-02",
                "2026-03-01",
                &["1"],
                "08:00",
                "09:00",
                "20",
                "5"
            ),
            Err(("last_day", "date_order"))
        );
        assert_eq!(
            parse("2026-03-01", "2026-03-02", &[], "08:00", "09:00", "20", "5"),
            Err(("weekdays", "weekdays_required"))
        );
        assert_eq!(
            parse(
                "2026-03-01",
                "2026-03-02",
                &["1"],
                "09:00",
                "08:00",
                "20",
                "5"
            ),
            Err(("end", "time_order"))
        );
        assert_eq!(
            parse(
                "2026-03-01",
                "2026-03-02",
                &["1"],
                "08:00",
                "09:00",
                "2",
                "5"
            ),
            Err(("length_minutes", "slot_length_invalid"))
        );
        assert_eq!(
            parse(
                "2026-03-01",
                "2026-03-02",
                &["1"],
                "08:00",
                "09:00",
                "20",
                "0"
            ),
            Err(("places", "capacity_invalid"))
        );
        let long = SlotPlan::parse(
            "2026-01-01",
            "2030-12-31",
            &["1".into(), "2".into()],
            "08:00",
            "20:00",
            "5",
            "5",
        )
        .unwrap();
        assert_eq!(long.slots(&Default::default()), Err("too_many_slots"));
        // A Sunday-only plan over a Monday-to-Saturday week makes nothing.
        let none = SlotPlan::parse(
            "2026-11-30",
            "2026-12-05",
            &["7".into()],
            "08:00",
            "09:00",
            "20",
            "5",
        )
        .unwrap();
        assert_eq!(none.slots(&Default::default()), Err("no_slots"));
    }

    #[test]
    fn booking_forms_are_validated_field_by_field() {
        let form = BookingForm::parse(" Inès ", "2nde B", "2", "06.12.34.56.78", 3).unwrap();
        assert_eq!(form.name, "Inès");
        assert_eq!(form.contact, "06 12 34 56 78");
        assert_eq!(
            BookingForm::parse("Inès", "2nde B", "1", "Ines@Lycee.FR", 3)
                .unwrap()
                .contact,
            "ines@lycee.fr"
        );
        assert_eq!(
            BookingForm::parse("", "", "4", "0612", 3),
            Err(vec![
                ("name", "name_required"),
                ("group_name", "name_required"),
                ("garments", "garments_over_max"),
                ("contact", "contact_invalid"),
            ])
        );
        assert_eq!(
            BookingForm::parse("A", "B", "zéro", "", 3),
            Err(vec![
                ("garments", "garments_invalid"),
                ("contact", "contact_required")
            ])
        );
        assert_eq!(
            BookingForm::parse("A", "B", "0", "a@b.fr", 3),
            Err(vec![("garments", "garments_invalid")])
        );
    }

    #[test]
    fn nearest_free_slots_skip_full_closed_and_past_ones() {
        let slot = |id, starts_at, booked, closed| Slot {
            id,
            starts_at,
            ends_at: starts_at + 600,
            capacity: 5,
            booked,
            closed,
        };
        let slots = vec![
            slot(1, 1000, 0, false), // past at now = 1500
            slot(2, 2000, 5, false), // the full one
            slot(3, 2600, 0, false),
            slot(4, 3200, 0, true),
            slot(5, 1400 + 200, 4, false),
            slot(6, 9000, 0, false),
        ];
        let ids: Vec<i64> = nearest_free(&slots, 2000, 1500, 2)
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, vec![5, 3]);
    }

    #[test]
    fn campaign_status_follows_the_window_and_early_closing() {
        let mut campaign = Campaign {
            id: 1,
            slug: "ourlets".into(),
            title: "Ourlets".into(),
            partner_id: None,
            partner_name: None,
            description: String::new(),
            place: "Atelier".into(),
            opens_at: 100,
            closes_at: 200,
            invite_code: None,
            max_garments: 3,
            closed_at: None,
        };
        assert_eq!(campaign.booking_refusal(99), Some("campaign_not_open"));
        assert_eq!(campaign.booking_refusal(100), None);
        assert_eq!(campaign.booking_refusal(200), Some("campaign_closed"));
        campaign.closed_at = Some(150);
        assert_eq!(campaign.booking_refusal(120), Some("campaign_closed"));
    }

    #[test]
    fn slugs_dates_and_times_parse() {
        assert_eq!(
            slugify("Ourlets — Lycée Hôtelier 2027 !"),
            "ourlets-lycee-hotelier-2027"
        );
        assert_eq!(slugify("???"), "campagne");
        assert_eq!(parse_time("08:05"), Some(485));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_date("2028-02-29"), Some((2028, 2, 29)));
        assert_eq!(parse_date("2027-02-29"), None);
        let at = parse_local_datetime("2026-12-01T08:30").unwrap();
        assert_eq!(local_datetime_value(at), "2026-12-01T08:30");
    }
}
