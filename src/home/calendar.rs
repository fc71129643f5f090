//! The days the coop is closed: French public holidays (computed, Easter-based ones included)
//! and the closures staff enter (summer, Christmas). Drop-off days, lunch services and hem slots
//! all ask [`Closed::is_closed`], so none is offered on a day nobody is there.

use crate::ui::time::{civil, days_from_civil};
use serde::{Deserialize, Serialize};

/// Easter Sunday of `year` (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm), as days
/// since 1970-01-01.
pub fn easter_sunday(year: i64) -> i64 {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    days_from_civil(year, month, day)
}

/// The French public holiday on `days` (days since 1970-01-01), as a key for the catalogue's
/// words: the eleven days off of the Code du travail (L3133-1), Alsace-Moselle's two aside.
pub fn public_holiday(days: i64) -> Option<&'static str> {
    let (year, month, day) = civil(days);
    let fixed = match (month, day) {
        (1, 1) => Some("new_year"),
        (5, 1) => Some("labour_day"),
        (5, 8) => Some("victory_1945"),
        (7, 14) => Some("national_day"),
        (8, 15) => Some("assumption"),
        (11, 1) => Some("all_saints"),
        (11, 11) => Some("armistice"),
        (12, 25) => Some("christmas"),
        _ => None,
    };
    fixed.or_else(|| match days - easter_sunday(year) {
        1 => Some("easter_monday"),
        39 => Some("ascension"),
        50 => Some("whit_monday"),
        _ => None,
    })
}

/// A closure entered by staff: from `first_day` to `last_day` included (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub id: i64,
    pub first_day: String,
    pub last_day: String,
    pub label: String,
}

/// Today (Paris, days since 1970-01-01) and the closures to come, for pages (the browser's clock
/// is not trusted for what the coop offers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub today: i64,
    pub closures: Vec<Closure>,
}

impl Calendar {
    /// The public holidays of the next `days` days.
    pub fn holidays(&self, days: i64) -> Vec<(i64, &'static str)> {
        (self.today..self.today + days)
            .filter_map(|day| public_holiday(day).map(|key| (day, key)))
            .collect()
    }
}

/// The closed days from today on: public holidays and staff's closures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Closed {
    /// (first, last) days since 1970-01-01, both included.
    ranges: Vec<(i64, i64)>,
}

impl Closed {
    pub fn new(closures: &[Closure]) -> Closed {
        use crate::ui::time::parse_date;
        Closed {
            ranges: closures
                .iter()
                .filter_map(|c| {
                    Some((
                        parse_date(&c.first_day).ok()?,
                        parse_date(&c.last_day).ok()?,
                    ))
                })
                .collect(),
        }
    }

    pub fn is_closed(&self, days: i64) -> bool {
        public_holiday(days).is_some()
            || self
                .ranges
                .iter()
                .any(|(first, last)| (*first..=*last).contains(&days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i64, m: i64, d: i64) -> i64 {
        days_from_civil(y, m, d)
    }

    #[test]
    fn easter_is_computed_for_known_years() {
        for (year, month, d) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2000, 4, 23),
        ] {
            assert_eq!(easter_sunday(year), day(year, month, d), "{year}");
        }
    }

    #[test]
    fn the_eleven_french_public_holidays_of_2027() {
        let holidays: Vec<(i64, &str)> = (day(2027, 1, 1)..=day(2027, 12, 31))
            .filter_map(|d| public_holiday(d).map(|key| (d, key)))
            .collect();
        assert_eq!(
            holidays,
            vec![
                (day(2027, 1, 1), "new_year"),
                (day(2027, 3, 29), "easter_monday"),
                (day(2027, 5, 1), "labour_day"),
                (day(2027, 5, 6), "ascension"),
                (day(2027, 5, 8), "victory_1945"),
                (day(2027, 5, 17), "whit_monday"),
                (day(2027, 7, 14), "national_day"),
                (day(2027, 8, 15), "assumption"),
                (day(2027, 11, 1), "all_saints"),
                (day(2027, 11, 11), "armistice"),
                (day(2027, 12, 25), "christmas"),
            ]
        );
        // Good Friday and Boxing Day are Alsace-Moselle's only: open in Roubaix.
        assert_eq!(public_holiday(day(2027, 3, 26)), None);
        assert_eq!(public_holiday(day(2027, 12, 26)), None);
    }

    #[test]
    fn closures_include_their_first_and_last_days() {
        let closed = Closed::new(&[Closure {
            id: 1,
            first_day: "2026-12-21".into(),
            last_day: "2027-01-03".into(),
            label: "Vacances de Noël".into(),
        }]);
        assert!(!closed.is_closed(day(2026, 12, 18)));
        assert!(closed.is_closed(day(2026, 12, 21)));
        assert!(closed.is_closed(day(2027, 1, 3)));
        assert!(!closed.is_closed(day(2027, 1, 4)));
        // A holiday is closed without any closure.
        assert!(Closed::default().is_closed(day(2027, 5, 6)));
    }
}
