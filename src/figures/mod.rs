//! Key figures for the funders (`/equipe/chiffres`): the people accompanied and their exits,
//! hours and FTE, the public at entry, and the activity of every capability, for a period;
//! monthly charts drawn as SVG on the server with the same numbers as a table; a CSV for French
//! Excel; an opening balance for what happened before the app, added to "since the start".
//! Each figure says how it is counted: the definitions are the page's texts, the rules are the
//! functions here and in `pathway`, tested beside them.

pub mod api;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use crate::ui::time::{civil, days_from_civil, format_date, parse_date};
use serde::{Deserialize, Serialize};

/// The first day the app may count from when a period says "since the start".
pub const START_OF_TIME: &str = "2000-01-01";

/// A period of whole days, both included (Paris days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: i64,
    pub to: i64,
    /// "Since the start": the opening balance is added.
    pub since_start: bool,
}

impl Period {
    /// From the page's query (`du`, `au` as YYYY-MM-DD, or `depuis=debut`); the current year
    /// up to today when nothing is said. Refused when the dates are unreadable or reversed.
    pub fn parse(
        from: &str,
        to: &str,
        since_start: bool,
        today: i64,
    ) -> Result<Period, &'static str> {
        if since_start {
            let start = parse_date(START_OF_TIME).unwrap_or_default();
            return Ok(Period {
                from: start,
                to: today,
                since_start: true,
            });
        }
        let (year, _, _) = civil(today);
        let from = match from.trim() {
            "" => days_from_civil(year, 1, 1),
            typed => parse_date(typed)?,
        };
        let to = match to.trim() {
            "" => today,
            typed => parse_date(typed)?,
        };
        if to < from {
            return Err("end_before_start");
        }
        if to - from > 366 * 30 {
            return Err("date_too_far");
        }
        Ok(Period {
            from,
            to,
            since_start: false,
        })
    }

    pub fn days(self) -> i64 {
        self.to - self.from + 1
    }

    pub fn from_day(self) -> String {
        format_date(self.from)
    }

    pub fn to_day(self) -> String {
        format_date(self.to)
    }

    /// The period's months (or years, past 24 months), as (first day, last day, label).
    pub fn buckets(self) -> Vec<(i64, i64, String)> {
        let (y0, m0, _) = civil(self.from);
        let (y1, m1, _) = civil(self.to);
        let months = (y1 - y0) * 12 + (m1 - m0) + 1;
        let mut buckets = Vec::new();
        if months <= 24 {
            let (mut y, mut m) = (y0, m0);
            for _ in 0..months {
                let first = days_from_civil(y, m, 1).max(self.from);
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                let last = (days_from_civil(ny, nm, 1) - 1).min(self.to);
                buckets.push((first, last, format!("{y}-{m:02}")));
                (y, m) = (ny, nm);
            }
        } else {
            for y in y0..=y1 {
                let first = days_from_civil(y, 1, 1).max(self.from);
                let last = (days_from_civil(y + 1, 1, 1) - 1).min(self.to);
                buckets.push((first, last, y.to_string()));
            }
        }
        buckets
    }
}

/// What staff enter once for the time before the app; added to "since the start".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    /// The day the app starts counting (YYYY-MM-DD); what came before is in the balance.
    pub as_of: String,
    pub accompanied: i64,
    pub cape: i64,
    pub dynamic_exits: i64,
    pub catering_events: i64,
    pub restaurant_services: i64,
    pub client_organisations: i64,
    pub regular_organisations: i64,
}

/// The opening balance's form as typed (strings only: it arrives flattened).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpeningInput {
    pub as_of: String,
    pub accompanied: String,
    pub cape: String,
    pub dynamic_exits: String,
    pub catering_events: String,
    pub restaurant_services: String,
    pub client_organisations: String,
    pub regular_organisations: String,
}

impl OpeningInput {
    fn typed(&self, field: &str) -> &str {
        match field {
            "accompanied" => &self.accompanied,
            "cape" => &self.cape,
            "dynamic_exits" => &self.dynamic_exits,
            "catering_events" => &self.catering_events,
            "restaurant_services" => &self.restaurant_services,
            "client_organisations" => &self.client_organisations,
            _ => &self.regular_organisations,
        }
    }
}

impl TryFrom<&OpeningInput> for Opening {
    type Error = crate::error::FieldErrors;

    fn try_from(input: &OpeningInput) -> Result<Opening, Self::Error> {
        let mut errors = crate::error::FieldErrors::new();
        let as_of = parse_date(&input.as_of)
            .map(format_date)
            .unwrap_or_else(|key| {
                errors.insert("as_of".into(), key.into());
                String::new()
            });
        let mut counts = [0i64; 7];
        for (slot, field) in counts.iter_mut().zip(OPENING_FIELDS) {
            match input.typed(field).trim() {
                "" => {}
                typed => match typed
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (0..=100_000).contains(n))
                {
                    Some(n) => *slot = n,
                    None => {
                        errors.insert(field.into(), "count_invalid".into());
                    }
                },
            }
        }
        let [
            accompanied,
            cape,
            dynamic_exits,
            catering_events,
            restaurant_services,
            client_organisations,
            regular_organisations,
        ] = counts;
        if regular_organisations > client_organisations {
            errors.insert(
                "regular_organisations".into(),
                "regular_above_clients".into(),
            );
        }
        if cape > accompanied {
            errors.insert("cape".into(), "opening_above_accompanied".into());
        }
        if dynamic_exits > accompanied {
            errors.insert("dynamic_exits".into(), "opening_above_accompanied".into());
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Opening {
            as_of,
            accompanied,
            cape,
            dynamic_exits,
            catering_events,
            restaurant_services,
            client_organisations,
            regular_organisations,
        })
    }
}

/// The opening balance's fields, in order (the form's names and the CSV's rows).
pub const OPENING_FIELDS: [&str; 7] = [
    "accompanied",
    "cape",
    "dynamic_exits",
    "catering_events",
    "restaurant_services",
    "client_organisations",
    "regular_organisations",
];

impl Opening {
    pub fn get(&self, field: &str) -> i64 {
        match field {
            "accompanied" => self.accompanied,
            "cape" => self.cape,
            "dynamic_exits" => self.dynamic_exits,
            "catering_events" => self.catering_events,
            "restaurant_services" => self.restaurant_services,
            "client_organisations" => self.client_organisations,
            "regular_organisations" => self.regular_organisations,
            _ => 0,
        }
    }
}

/// One figure: its key (the page's label and definition come from it) and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub key: String,
    pub value: i64,
    /// How the value reads: "count", "hours" (stored in minutes), "hundredths" (FTE),
    /// "percent" (in hundredths), "months" (in hundredths).
    pub unit: String,
}

impl Figure {
    pub fn new(key: &str, value: i64, unit: &str) -> Figure {
        Figure {
            key: key.to_owned(),
            value,
            unit: unit.to_owned(),
        }
    }
}

/// A monthly (or yearly) series for a chart and its table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub key: String,
    pub unit: String,
    pub points: Vec<(String, i64)>,
}

/// Everything the page, the CSV and the print view show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFigures {
    pub period: Period,
    /// Today (Paris day), for the page's links to this year and its quarters.
    pub today: i64,
    /// The people: accompanied, entries, CAPE, exits by category, dynamic rate, hours, FTE,
    /// average length.
    pub people: Vec<Figure>,
    /// The public at entry: each characteristic among the people accompanied.
    pub public: Vec<Figure>,
    pub activity: Vec<Figure>,
    pub series: Vec<Series>,
    pub opening: Opening,
}

/// `part` of `whole` as a percentage in hundredths (45,5 % is 4550), rounded.
pub fn rate_hundredths(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        return 0;
    }
    (part * 10_000 + whole / 2) / whole
}

/// "12,5" from 1250 hundredths (French decimals, no trailing ",00").
pub fn format_hundredths(value: i64) -> String {
    let (units, cents) = (value / 100, (value % 100).abs());
    match cents {
        0 => units.to_string(),
        c if c % 10 == 0 => format!("{units},{}", c / 10),
        c => format!("{units},{c:02}"),
    }
}

/// A figure's value as the page and the CSV write it.
pub fn format_value(value: i64, unit: &str) -> String {
    match unit {
        "hours" => format_hundredths(value * 100 / 60),
        "hundredths" => format_hundredths(value),
        "percent" => format!("{} %", format_hundredths(value)),
        "months" => format_hundredths(value),
        _ => value.to_string(),
    }
}

/// What the people figures need of one pathway (day numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub entry: i64,
    pub exit: Option<i64>,
    pub outcome: Option<String>,
    /// In `pathway::CHARACTERISTICS` order.
    pub characteristics: [bool; 7],
}

/// The people figures and the public at entry, from the pathways, the CAPE count and the
/// minutes worked of the period (the opening balance added since the start).
pub fn people_figures(
    facts: &[Facts],
    period: Period,
    today: i64,
    cape: i64,
    minutes: i64,
    opening: &Opening,
) -> (Vec<Figure>, Vec<Figure>) {
    use crate::pathway::{CHARACTERISTICS, ExitCategory, accompanied, category, pathway_days};
    let (from, to) = (period.from, period.to);
    let present: Vec<&Facts> = facts
        .iter()
        .filter(|f| accompanied(f.entry, f.exit, from, to))
        .collect();
    let entries = facts
        .iter()
        .filter(|f| (from..=to).contains(&f.entry))
        .count() as i64;
    let exits: Vec<(&Facts, ExitCategory)> = facts
        .iter()
        .filter(|f| f.exit.is_some_and(|exit| (from..=to).contains(&exit)))
        .filter_map(|f| Some((f, category(f.outcome.as_deref()?)?)))
        .collect();
    let in_category = |c: ExitCategory| exits.iter().filter(|(_, x)| *x == c).count() as i64;
    let before = if period.since_start {
        opening.clone()
    } else {
        Opening::default()
    };
    let all_exits = exits.len() as i64 + before.dynamic_exits;
    let dynamic =
        exits.iter().filter(|(_, c)| c.is_dynamic()).count() as i64 + before.dynamic_exits;
    let lengths: Vec<i64> = exits
        .iter()
        .map(|(f, _)| pathway_days(f.entry, f.exit, today))
        .collect();
    // Mean length in months (30.4375 days), in hundredths.
    let average_months = if lengths.is_empty() {
        0
    } else {
        let total: i64 = lengths.iter().sum();
        let divisor = lengths.len() as i64 * 304_375;
        (total * 1_000_000 + divisor / 2) / divisor
    };
    let mut people = vec![
        Figure::new(
            "accompanied",
            present.len() as i64 + before.accompanied,
            "count",
        ),
        Figure::new("entries", entries, "count"),
        Figure::new("cape", cape + before.cape, "count"),
        Figure::new("exits", all_exits, "count"),
        Figure::new(
            "exits_sustainable",
            in_category(ExitCategory::Sustainable),
            "count",
        ),
        Figure::new(
            "exits_transition",
            in_category(ExitCategory::Transition),
            "count",
        ),
        Figure::new(
            "exits_positive",
            in_category(ExitCategory::Positive),
            "count",
        ),
        Figure::new("exits_other", in_category(ExitCategory::Other), "count"),
    ];
    if period.since_start {
        people.push(Figure::new("exits_opening", before.dynamic_exits, "count"));
    }
    people.extend([
        Figure::new(
            "dynamic_rate",
            rate_hundredths(dynamic, all_exits),
            "percent",
        ),
        Figure::new("hours", minutes, "hours"),
        Figure::new(
            "fte",
            // Over the days of the period already lived.
            crate::pathway::fte_hundredths(minutes, (to.min(today) - from + 1).max(1)),
            "hundredths",
        ),
        Figure::new("average_length", average_months, "months"),
    ]);
    let public = CHARACTERISTICS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let n = present.iter().filter(|f| f.characteristics[i]).count() as i64;
            Figure::new(c, n, "count")
        })
        .collect();
    (people, public)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i64 {
        parse_date(s).unwrap()
    }

    #[test]
    fn a_period_defaults_to_this_year_and_refuses_reversed_dates() {
        let today = day("2026-12-01");
        let year = Period::parse("", "", false, today).unwrap();
        assert_eq!(
            (year.from_day(), year.to_day()),
            ("2026-01-01".into(), "2026-12-01".into())
        );
        assert_eq!(
            Period::parse("2026-06-01", "2026-05-01", false, today),
            Err("end_before_start")
        );
        assert!(Period::parse("2026-13-01", "", false, today).is_err());
        let all = Period::parse("", "", true, today).unwrap();
        assert!(all.since_start && all.from_day() == START_OF_TIME);
    }

    #[test]
    fn buckets_are_months_then_years() {
        let q2 = Period::parse("2026-04-15", "2026-06-30", false, day("2026-12-01")).unwrap();
        let buckets = q2.buckets();
        assert_eq!(buckets.len(), 3);
        assert_eq!(
            buckets[0],
            (day("2026-04-15"), day("2026-04-30"), "2026-04".into())
        );
        assert_eq!(buckets[2].1, day("2026-06-30"));
        let long = Period::parse("2022-03-01", "2026-02-10", false, day("2026-12-01")).unwrap();
        let years: Vec<String> = long.buckets().into_iter().map(|b| b.2).collect();
        assert_eq!(years, ["2022", "2023", "2024", "2025", "2026"]);
        // Days are covered once each.
        let covered: i64 = long.buckets().iter().map(|(a, b, _)| b - a + 1).sum();
        assert_eq!(covered, long.days());
    }

    fn facts(entry: &str, exit: Option<(&str, &str)>, woman: bool) -> Facts {
        Facts {
            entry: day(entry),
            exit: exit.map(|(d, _)| day(d)),
            outcome: exit.map(|(_, o)| o.to_owned()),
            characteristics: [woman, false, false, true, false, false, false],
        }
    }

    #[test]
    fn people_are_counted_as_the_definitions_say() {
        let today = day("2026-12-01");
        let all = [
            facts("2025-09-01", Some(("2026-03-31", "cdi")), true),
            facts("2026-02-01", Some(("2026-10-15", "training")), false),
            facts("2026-05-01", Some(("2026-06-30", "other")), true),
            facts("2026-11-01", None, false),
            facts("2025-01-01", Some(("2025-12-31", "cdd_short")), true),
        ];
        let year = Period::parse("2026-01-01", "2026-12-01", false, today).unwrap();
        let opening = Opening {
            accompanied: 56,
            dynamic_exits: 13,
            cape: 52,
            ..Opening::default()
        };
        let (people, public) = people_figures(&all, year, today, 3, 1607 * 60, &opening);
        let get = |k: &str| people.iter().find(|f| f.key == k).map(|f| f.value);
        assert_eq!(
            get("accompanied"),
            Some(4),
            "the one who left on 2025-12-31 is out"
        );
        assert_eq!(get("entries"), Some(3));
        assert_eq!(
            get("cape"),
            Some(3),
            "the opening counts only since the start"
        );
        assert_eq!(get("exits"), Some(3));
        assert_eq!(get("exits_sustainable"), Some(1));
        assert_eq!(get("exits_positive"), Some(1));
        assert_eq!(get("exits_other"), Some(1));
        assert_eq!(get("dynamic_rate"), Some(6667), "2 of 3");
        assert_eq!(get("exits_opening"), None);
        // 1,607 h over 335 days: 1.09 FTE.
        assert_eq!(get("fte"), Some(109));
        // Lengths 212, 257 and 61 days: 176.7 days, 5.80 months.
        assert_eq!(get("average_length"), Some(580));
        assert_eq!(public[0].value, 2, "women among the 4 accompanied");
        assert_eq!(public[3].value, 4, "RSA");

        let since = Period::parse("", "", true, today).unwrap();
        let (people, _) = people_figures(&all, since, today, 3, 0, &opening);
        let get = |k: &str| people.iter().find(|f| f.key == k).map(|f| f.value);
        assert_eq!(get("accompanied"), Some(5 + 56));
        assert_eq!(get("cape"), Some(3 + 52));
        assert_eq!(get("exits"), Some(4 + 13));
        assert_eq!(get("exits_opening"), Some(13));
        assert_eq!(get("dynamic_rate"), Some(rate_hundredths(3 + 13, 4 + 13)));
    }

    #[test]
    fn rates_and_french_decimals() {
        assert_eq!(rate_hundredths(13, 20), 6500);
        assert_eq!(rate_hundredths(1, 3), 3333);
        assert_eq!(rate_hundredths(1, 0), 0);
        assert_eq!(format_value(6500, "percent"), "65 %");
        assert_eq!(format_value(3333, "percent"), "33,33 %");
        assert_eq!(format_value(90, "hours"), "1,5");
        assert_eq!(format_value(84, "hundredths"), "0,84");
        assert_eq!(format_value(7, "count"), "7");
    }
}
