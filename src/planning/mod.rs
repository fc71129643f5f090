//! Participants' planning: the sectors (with their pictograms), shifts, who is on them, absence
//! declarations, attendance and hours for the back-to-work follow-up, and private calendar feeds.
//!
//! Pure rules live here (compiled for both targets, unit-tested): the overlap rule, weeks and
//! months in Paris time, a shift's form, hours per participant and month.

pub mod api;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use crate::{
    error::AppError,
    ui::time::{
        civil, days_from_civil, format_date, local_to_utc, parse_date, parse_hhmm, utc_to_paris,
    },
};
use serde::{Deserialize, Serialize};

/// The pictograms a sector may have (drawn in ui::pictograms): few and plain, so they read the
/// same for people who read little.
pub const PICTOGRAMS: [&str; 11] = [
    "cook", "plate", "thread", "bell", "hammer", "shirt", "box", "broom", "leaf", "computer",
    "star",
];

/// Why a participant will miss a shift (a short list: easy to pick on a phone).
pub const ABSENCE_REASONS: [&str; 6] = [
    "sick",
    "medical",
    "family",
    "transport",
    "paperwork",
    "other",
];

pub const MAX_PLACES: i64 = 30;
pub const MAX_SHIFT_HOURS: i64 = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sector {
    pub slug: String,
    pub name: String,
    pub pictogram: String,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attendance {
    Attended,
    /// Absent with a reason staff accepted (an approved declaration, or marked so afterwards).
    Excused,
    Unexcused,
}

impl Attendance {
    pub const ALL: [Attendance; 3] = [
        Attendance::Attended,
        Attendance::Excused,
        Attendance::Unexcused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Attended => "attended",
            Attendance::Excused => "excused",
            Attendance::Unexcused => "unexcused",
        }
    }

    pub fn parse(value: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub id: i64,
    pub sector: Sector,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    pub places: i64,
    pub place: String,
    pub note: String,
    /// People expected or who came (not those excused or absent).
    pub filled: i64,
}

impl Shift {
    pub fn missing(&self) -> i64 {
        (self.places - self.filled).max(0)
    }
}

/// An absence declaration as its author and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    pub id: i64,
    pub reason: String,
    pub details: String,
    /// pending, approved or refused.
    pub status: String,
    pub declared_at: i64,
}

/// A person on a shift, as staff see them on the shift's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignee {
    pub assignment_id: i64,
    pub person_id: i64,
    pub name: String,
    pub confirmed: bool,
    pub attendance: Option<Attendance>,
    pub absence: Option<Absence>,
}

/// Someone staff may put on a shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub person_id: i64,
    pub name: String,
    /// Works in the shift's sector (listed first).
    pub in_sector: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftDetail {
    pub shift: Shift,
    pub assignees: Vec<Assignee>,
    pub candidates: Vec<Candidate>,
    /// Attendance can be marked once the shift has begun.
    pub started: bool,
}

/// The staff's week: its shifts with their coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanningWeek {
    /// Days since 1970-01-01 of the week's Monday.
    pub monday: i64,
    pub shifts: Vec<Shift>,
    pub sectors: Vec<Sector>,
    pub pending_absences: i64,
}

/// One shift of a participant's own planning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyShift {
    pub assignment_id: i64,
    pub shift: Shift,
    pub confirmed: bool,
    pub attendance: Option<Attendance>,
    /// The latest declaration, if any.
    pub absence: Option<Absence>,
    /// A fresh key for this shift's absence form (a replay finds the same declaration).
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPlanning {
    pub person_id: i64,
    pub name: String,
    /// When this page was made (shown, so a saved copy read offline says how old it is).
    pub generated_at: i64,
    /// From today to the end of next week, in order.
    pub shifts: Vec<MyShift>,
    /// When the calendar feed was issued, if there is one.
    pub feed_since: Option<i64>,
    /// Staff looking at someone's planning see it read-only (no confirm, no declaration).
    pub own: bool,
}

/// An absence declaration waiting for (or having had) a staff decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbsenceRequest {
    pub absence: Absence,
    pub person_id: i64,
    pub name: String,
    pub shift: Shift,
}

/// Hours of one participant in one month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursRow {
    pub person_id: i64,
    pub name: String,
    pub shifts: i64,
    pub planned_minutes: i64,
    pub worked_minutes: i64,
    pub excused: i64,
    pub unexcused: i64,
    /// Past shifts whose attendance is not marked yet.
    pub unmarked: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthHours {
    /// "2026-11".
    pub month: String,
    pub rows: Vec<HoursRow>,
}

// --- Rules ---

/// Two shifts overlap when one starts before the other ends (back to back is fine).
pub fn overlaps(a: (i64, i64), b: (i64, i64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The Monday (days since 1970-01-01) of the week holding `days`.
pub fn monday_of(days: i64) -> i64 {
    // 1970-01-01 was a Thursday: 3 days after a Monday.
    days - (days + 3).rem_euclid(7)
}

/// The week asked for ("2026-11-30", any day of it), else the week of `now`.
pub fn parse_week(input: Option<&str>, now: i64) -> i64 {
    let today = utc_to_paris(now).0;
    monday_of(input.and_then(|s| parse_date(s).ok()).unwrap_or(today))
}

/// "2026-11" -> (year, month).
pub fn parse_month(input: &str) -> Result<(i64, i64), &'static str> {
    let (y, m) = input.trim().split_once('-').ok_or("month_invalid")?;
    let (y, m): (i64, i64) = (
        y.parse().map_err(|_| "month_invalid")?,
        m.parse().map_err(|_| "month_invalid")?,
    );
    if (2000..=2100).contains(&y) && (1..=12).contains(&m) && input.trim().len() == 7 {
        Ok((y, m))
    } else {
        Err("month_invalid")
    }
}

pub fn format_month(year: i64, month: i64) -> String {
    format!("{year:04}-{month:02}")
}

/// The month of `now` in Paris.
pub fn current_month(now: i64) -> (i64, i64) {
    let (y, m, _) = civil(utc_to_paris(now).0);
    (y, m)
}

pub fn next_month(year: i64, month: i64) -> (i64, i64) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

pub fn previous_month(year: i64, month: i64) -> (i64, i64) {
    if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    }
}

/// The instants a Paris month runs between: [start, end).
pub fn month_bounds(year: i64, month: i64) -> (i64, i64) {
    let (ny, nm) = next_month(year, month);
    (
        local_to_utc(days_from_civil(year, month, 1), 0),
        local_to_utc(days_from_civil(ny, nm, 1), 0),
    )
}

/// Real minutes between two instants: a shift across a clock change counts the hour skipped or
/// repeated as it was lived.
pub fn minutes_between(starts_at: i64, ends_at: i64) -> i64 {
    (ends_at - starts_at) / 60
}

/// "7 h 30", "4 h", "0 h".
pub fn format_hours(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// A participant's shift as the hours count it.
pub struct WorkedShift {
    pub person_id: i64,
    pub name: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub attendance: Option<Attendance>,
}

/// Hours per participant (sorted by name): planned = every shift they are on; worked = those
/// marked attended; absences by kind; past shifts not marked yet.
pub fn sum_hours(shifts: &[WorkedShift], now: i64) -> Vec<HoursRow> {
    let mut rows: Vec<HoursRow> = Vec::new();
    for shift in shifts {
        let index = match rows.iter().position(|r| r.person_id == shift.person_id) {
            Some(index) => index,
            None => {
                rows.push(HoursRow {
                    person_id: shift.person_id,
                    name: shift.name.clone(),
                    ..HoursRow::default()
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[index];
        let minutes = minutes_between(shift.starts_at, shift.ends_at);
        row.shifts += 1;
        row.planned_minutes += minutes;
        match shift.attendance {
            Some(Attendance::Attended) => row.worked_minutes += minutes,
            Some(Attendance::Excused) => row.excused += 1,
            Some(Attendance::Unexcused) => row.unexcused += 1,
            None if shift.ends_at <= now => row.unmarked += 1,
            None => {}
        }
    }
    rows.sort_by_key(|r| r.name.to_lowercase());
    rows
}

/// A shift as staff typed it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftForm {
    pub sector: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub places: i64,
    pub place: String,
    pub note: String,
}

impl ShiftForm {
    /// Every field's problem at once, under its field's name.
    pub fn parse(
        sector: &str,
        day: &str,
        starts: &str,
        ends: &str,
        places: &str,
        place: &str,
        note: &str,
    ) -> Result<ShiftForm, AppError> {
        let mut errors: Vec<(&'static str, &'static str)> = Vec::new();
        if sector.trim().is_empty() {
            errors.push(("sector", "sector_required"));
        }
        let day = parse_date(day)
            .map_err(|key| errors.push(("day", key)))
            .ok();
        let starts = parse_hhmm(starts)
            .map_err(|key| errors.push(("starts", key)))
            .ok();
        let ends = parse_hhmm(ends)
            .map_err(|key| errors.push(("ends", key)))
            .ok();
        let places = parse_places(places)
            .map_err(|key| errors.push(("places", key)))
            .ok();
        let place = parse_text(place, 80)
            .map_err(|key| errors.push(("place", key)))
            .ok();
        let note = parse_text(note, 200)
            .map_err(|key| errors.push(("note", key)))
            .ok();
        let times = match (day, starts, ends) {
            (Some(day), Some(starts), Some(ends)) => {
                let (starts_at, ends_at) = (local_to_utc(day, starts), local_to_utc(day, ends));
                if ends <= starts {
                    errors.push(("ends", "shift_ends_before_start"));
                    None
                } else if ends_at - starts_at > MAX_SHIFT_HOURS * 3600 {
                    errors.push(("ends", "shift_too_long"));
                    None
                } else {
                    Some((starts_at, ends_at))
                }
            }
            _ => None,
        };
        match (times, places, place, note) {
            (Some((starts_at, ends_at)), Some(places), Some(place), Some(note))
                if errors.is_empty() =>
            {
                Ok(ShiftForm {
                    sector: sector.trim().to_owned(),
                    starts_at,
                    ends_at,
                    places,
                    place,
                    note,
                })
            }
            _ => Err(AppError::Validation(
                errors
                    .into_iter()
                    .map(|(field, key)| (field.to_owned(), key.to_owned()))
                    .collect(),
            )),
        }
    }
}

/// Places on a shift: 1 to 30.
pub fn parse_places(input: &str) -> Result<i64, &'static str> {
    match input.trim().parse::<i64>() {
        Ok(n) if (1..=MAX_PLACES).contains(&n) => Ok(n),
        _ => Err("places_invalid"),
    }
}

/// Free text, trimmed, at most `max` characters.
pub fn parse_text(input: &str, max: usize) -> Result<String, &'static str> {
    let text = input.trim();
    if text.chars().count() > max {
        Err("text_too_long")
    } else {
        Ok(text.to_owned())
    }
}

pub fn parse_reason(input: &str) -> Result<&'static str, &'static str> {
    ABSENCE_REASONS
        .into_iter()
        .find(|r| *r == input)
        .ok_or("absence_reason_required")
}

/// A sector's name: 2 to 40 characters.
pub fn parse_sector_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    match name.chars().count() {
        0..=1 => Err("sector_name_required"),
        2..=40 => Ok(name.to_owned()),
        _ => Err("text_too_long"),
    }
}

/// The week's days, Monday first, as "2026-11-30".
pub fn week_days(monday: i64) -> [i64; 7] {
    std::array::from_fn(|i| monday + i as i64)
}

pub fn week_param(monday: i64) -> String {
    format_date(monday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::time::paris_to_utc;

    #[test]
    fn shifts_overlap_unless_one_ends_before_the_other_starts() {
        assert!(overlaps((9, 12), (11, 14)));
        assert!(overlaps((9, 12), (10, 11)), "inside");
        assert!(overlaps((10, 11), (9, 12)), "around");
        assert!(!overlaps((9, 12), (12, 14)), "back to back");
        assert!(!overlaps((14, 16), (9, 12)));
    }

    #[test]
    fn weeks_start_on_monday_in_paris() {
        let monday = parse_date("2026-11-30").unwrap();
        assert_eq!(monday_of(monday), monday);
        assert_eq!(
            monday_of(parse_date("2026-12-06").unwrap()),
            monday,
            "Sunday"
        );
        assert_eq!(parse_week(Some("2026-12-03"), 0), monday);
        // Sunday 29 November, 23:30 in Paris (22:30 UTC): still the week of the 23rd.
        let sunday_night = paris_to_utc(2026, 11, 29, 23, 30);
        assert_eq!(format_date(parse_week(None, sunday_night)), "2026-11-23");
        assert_eq!(
            format_date(parse_week(Some("n'importe"), sunday_night)),
            "2026-11-23"
        );
    }

    #[test]
    fn hours_count_real_time_across_both_clock_changes() {
        // Sunday 29 March 2026: 02:00 becomes 03:00 — a shift from 01:00 to 05:00 lasts 3 h.
        let day = parse_date("2026-03-29").unwrap();
        let shift =
            ShiftForm::parse("cuisine", "2026-03-29", "01:00", "05:00", "2", "", "").unwrap();
        assert_eq!(minutes_between(shift.starts_at, shift.ends_at), 180);
        assert_eq!(shift.starts_at, local_to_utc(day, 60));
        // Sunday 25 October 2026: 03:00 becomes 02:00 — the same hours last 5 h.
        let shift =
            ShiftForm::parse("cuisine", "2026-10-25", "01:00", "05:00", "2", "", "").unwrap();
        assert_eq!(minutes_between(shift.starts_at, shift.ends_at), 300);
        // An ordinary day: 4 h.
        let shift =
            ShiftForm::parse("cuisine", "2026-11-30", "09:00", "13:00", "2", "", "").unwrap();
        assert_eq!(minutes_between(shift.starts_at, shift.ends_at), 240);
        assert_eq!(shift.starts_at, paris_to_utc(2026, 11, 30, 9, 0));
    }

    #[test]
    fn hours_per_participant_sum_planned_worked_and_absences() {
        let at = |d: i64, h: i64| paris_to_utc(2026, 3, d, h, 0);
        let shift =
            |person_id: i64, name: &str, d: i64, from: i64, to: i64, attendance| WorkedShift {
                person_id,
                name: name.into(),
                starts_at: at(d, from),
                ends_at: at(d, to),
                attendance,
            };
        let shifts = [
            shift(2, "Zoé", 2, 9, 13, Some(Attendance::Attended)),
            shift(1, "Amina", 2, 9, 12, Some(Attendance::Attended)),
            // Across the spring change: 01:00–05:00 is 3 h of real work.
            shift(1, "Amina", 29, 1, 5, Some(Attendance::Attended)),
            shift(1, "Amina", 3, 9, 12, Some(Attendance::Excused)),
            shift(1, "Amina", 4, 9, 12, Some(Attendance::Unexcused)),
            shift(1, "Amina", 5, 9, 12, None),
            shift(1, "Amina", 31, 9, 12, None),
        ];
        let rows = sum_hours(&shifts, at(20, 0));
        assert_eq!(rows.len(), 2);
        let amina = &rows[0];
        assert_eq!(amina.name, "Amina");
        assert_eq!(amina.shifts, 6);
        assert_eq!(amina.planned_minutes, (3 + 3 + 3 + 3 + 3 + 3) * 60);
        assert_eq!(amina.worked_minutes, 6 * 60);
        assert_eq!((amina.excused, amina.unexcused, amina.unmarked), (1, 1, 1));
        assert_eq!(rows[1].worked_minutes, 240);
        assert_eq!(format_hours(amina.worked_minutes), "6 h");
        assert_eq!(format_hours(450), "7 h 30");
    }

    #[test]
    fn a_shift_form_refuses_bad_times_places_and_texts() {
        let fields = |result: Result<ShiftForm, AppError>| match result {
            Err(AppError::Validation(fields)) => fields,
            other => panic!("expected a refusal, got {other:?}"),
        };
        let f = fields(ShiftForm::parse(
            "cuisine",
            "2026-11-30",
            "13:00",
            "09:00",
            "2",
            "",
            "",
        ));
        assert_eq!(
            f.get("ends").map(String::as_str),
            Some("shift_ends_before_start")
        );
        let f = fields(ShiftForm::parse(
            "cuisine",
            "2026-11-30",
            "09:00",
            "09:00",
            "2",
            "",
            "",
        ));
        assert_eq!(
            f.get("ends").map(String::as_str),
            Some("shift_ends_before_start")
        );
        let f = fields(ShiftForm::parse(
            "",
            "2026-02-30",
            "9h",
            "25:00",
            "0",
            &"x".repeat(81),
            &"y".repeat(201),
        ));
        for (field, key) in [
            ("sector", "sector_required"),
            ("day", "date_invalid"),
            ("starts", "time_invalid"),
            ("ends", "time_invalid"),
            ("places", "places_invalid"),
            ("place", "text_too_long"),
            ("note", "text_too_long"),
        ] {
            assert_eq!(f.get(field).map(String::as_str), Some(key), "{field}");
        }
        assert!(ShiftForm::parse("cuisine", "2026-11-30", "09:00", "12:00", "31", "", "").is_err());
        let ok = ShiftForm::parse(
            " cuisine ",
            "2026-11-30",
            "09:00",
            "12:00",
            "3",
            " Cuisine du centre ",
            "",
        )
        .unwrap();
        assert_eq!(
            (ok.sector.as_str(), ok.places, ok.place.as_str()),
            ("cuisine", 3, "Cuisine du centre")
        );
    }

    #[test]
    fn months_parse_and_bound_in_paris_time() {
        assert_eq!(parse_month("2026-11"), Ok((2026, 11)));
        assert!(
            parse_month("2026-13").is_err()
                && parse_month("2026-1").is_err()
                && parse_month("x").is_err()
        );
        let (start, end) = month_bounds(2026, 12);
        assert_eq!(start, paris_to_utc(2026, 12, 1, 0, 0));
        assert_eq!(end, paris_to_utc(2027, 1, 1, 0, 0));
        assert_eq!(previous_month(2026, 1), (2025, 12));
        assert_eq!(
            current_month(paris_to_utc(2026, 11, 30, 23, 59)),
            (2026, 11)
        );
    }

    #[test]
    fn reasons_and_sector_names_are_checked() {
        assert_eq!(parse_reason("sick"), Ok("sick"));
        assert!(parse_reason("vacances").is_err() && parse_reason("").is_err());
        assert!(parse_sector_name("A").is_err());
        assert_eq!(
            parse_sector_name("  Repassage "),
            Ok("Repassage".to_owned())
        );
    }
}
