//! The home page: what the coop does, when it is open, what one can do here.

pub mod api;
#[cfg(feature = "ssr")]
pub mod repo;
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

#[cfg(test)]
mod tests {
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
