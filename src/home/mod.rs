//! The home page: what the coop does, when it is open, what one can do here.

pub mod api;
pub mod calendar;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use serde::{Deserialize, Serialize};

/// One activity of the coop and its weekly opening hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceHours {
    pub slug: String,
    /// Sorted by weekday, then opening time.
    pub hours: Vec<OpeningHours>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    /// ISO 8601: 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub opens: String,
    pub closes: String,
}

/// Groups `(slug, hours)` rows, already sorted by service, into one entry per service.
pub fn group_by_service(rows: Vec<(String, Option<OpeningHours>)>) -> Vec<ServiceHours> {
    let mut services: Vec<ServiceHours> = Vec::new();
    for (slug, hours) in rows {
        if services.last().is_none_or(|s| s.slug != slug) {
            services.push(ServiceHours {
                slug,
                hours: Vec::new(),
            });
        }
        if let (Some(service), Some(hours)) = (services.last_mut(), hours) {
            service.hours.push(hours);
        }
    }
    services
}

/// One line per open day: the day's name and its time ranges, e.g. ("mardi", "12:00–14:00").
pub fn days_and_ranges(
    hours: &[OpeningHours],
    weekdays: &[&'static str; 7],
) -> Vec<(&'static str, String)> {
    let mut lines: Vec<(u8, Vec<String>)> = Vec::new();
    for h in hours {
        let range = format!("{}–{}", h.opens, h.closes);
        match lines.last_mut() {
            Some((day, ranges)) if *day == h.weekday => ranges.push(range),
            _ => lines.push((h.weekday, vec![range])),
        }
    }
    lines
        .into_iter()
        .filter_map(|(day, ranges)| {
            let name = weekdays.get(usize::from(day).checked_sub(1)?)?;
            Some((*name, ranges.join(", ")))
        })
        .collect()
}

/// A local time typed by staff, `HH:MM` (also `9:00`, `9h00`, `9h`), normalised.
pub fn parse_time(input: &str) -> Option<String> {
    let input = input.trim().to_lowercase().replace('h', ":");
    let (hours, minutes) = input.split_once(':').unwrap_or((&input, ""));
    let minutes = if minutes.is_empty() { "0" } else { minutes };
    let valid = |s: &str| !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit());
    if !valid(hours) || !valid(minutes) {
        return None;
    }
    let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours < 24 && minutes < 60).then(|| format!("{hours:02}:{minutes:02}"))
}

/// Whether the range `opens..closes` overlaps one of `ranges` (same day, same activity).
pub fn overlaps(opens: &str, closes: &str, ranges: &[(String, String)]) -> bool {
    ranges
        .iter()
        .any(|(o, c)| opens < c.as_str() && o.as_str() < closes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_read_and_ranges_must_not_overlap() {
        assert_eq!(parse_time("9h"), Some("09:00".into()));
        assert_eq!(parse_time("13:30"), Some("13:30".into()));
        assert_eq!(parse_time("9h5"), Some("09:05".into()));
        for bad in ["", "24:00", "12:60", "midi", "1:2:3"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        let morning = vec![("09:00".to_owned(), "12:30".to_owned())];
        assert!(!overlaps("13:30", "17:00", &morning));
        assert!(
            !overlaps("12:30", "17:00", &morning),
            "back to back is fine"
        );
        assert!(overlaps("12:00", "14:00", &morning));
        assert!(overlaps("08:00", "18:00", &morning));
    }

    use super::*;

    fn h(weekday: u8, opens: &str, closes: &str) -> OpeningHours {
        OpeningHours {
            weekday,
            opens: opens.into(),
            closes: closes.into(),
        }
    }

    #[test]
    fn rows_are_grouped_per_service_keeping_services_without_hours() {
        let rows = vec![
            ("conciergerie".to_owned(), Some(h(1, "09:00", "12:00"))),
            ("conciergerie".to_owned(), Some(h(2, "09:00", "12:00"))),
            ("traiteur".to_owned(), None),
        ];
        let grouped = group_by_service(rows);
        assert_eq!(grouped.len(), 2);
        assert_eq!(grouped[0].hours.len(), 2);
        assert!(grouped[1].hours.is_empty());
    }

    #[test]
    fn a_day_with_two_ranges_is_one_line() {
        let days = [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ];
        let hours = [
            h(2, "09:00", "12:30"),
            h(2, "13:30", "17:00"),
            h(4, "12:00", "14:00"),
        ];
        assert_eq!(
            days_and_ranges(&hours, &days),
            vec![
                ("mardi", "09:00–12:30, 13:30–17:00".to_owned()),
                ("jeudi", "12:00–14:00".to_owned())
            ]
        );
    }
}
