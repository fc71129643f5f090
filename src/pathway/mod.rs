//! The back-to-work pathway of each participant: entry and the characteristics funders count,
//! contracts (CAPE with the CAE, or others), trainings and immersion periods (PMSMP), the
//! obstacles being worked on, and the exit in the IAE categories. Staff only; every change is
//! audited. The counting rules the key figures use are here, tested beside them.
//!
//! Types and rules compile for both targets; the SQL and the services are server-only.

pub mod api;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use crate::{
    error::FieldErrors,
    ui::time::{format_date, parse_date},
};
use serde::{Deserialize, Serialize};

/// What funders ask about the public at entry, ticked by staff (stored as 0/1 columns).
pub const CHARACTERISTICS: [&str; 7] = [
    "woman",
    "under_26",
    "over_50",
    "rsa",
    "long_term_jobseeker",
    "rqth",
    "qpv",
];

pub const CONTRACT_KINDS: [&str; 3] = ["cape", "cddi", "other"];

/// Trainings and immersion periods (PMSMP).
pub const STEP_KINDS: [&str; 2] = ["training", "immersion"];

/// The exits, as stored, in the order of their categories.
pub const OUTCOMES: [&str; 8] = [
    "cdi",
    "cdd_long",
    "business_creation",
    "cdd_short",
    "subsidised",
    "training",
    "other_inclusion",
    "other",
];

/// The IAE categories of an exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExitCategory {
    /// CDI, CDD or temp work of 6 months or more, business creation.
    Sustainable,
    /// Shorter CDD or temp work, subsidised contract.
    Transition,
    /// Qualifying training, another inclusion employer.
    Positive,
    Other,
}

impl ExitCategory {
    pub const ALL: [ExitCategory; 4] = [
        ExitCategory::Sustainable,
        ExitCategory::Transition,
        ExitCategory::Positive,
        ExitCategory::Other,
    ];

    /// "Sorties dynamiques": every category but the other exits.
    pub fn is_dynamic(self) -> bool {
        self != ExitCategory::Other
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExitCategory::Sustainable => "sustainable",
            ExitCategory::Transition => "transition",
            ExitCategory::Positive => "positive",
            ExitCategory::Other => "other",
        }
    }
}

/// The category of an exit outcome.
pub fn category(outcome: &str) -> Option<ExitCategory> {
    match outcome {
        "cdi" | "cdd_long" | "business_creation" => Some(ExitCategory::Sustainable),
        "cdd_short" | "subsidised" => Some(ExitCategory::Transition),
        "training" | "other_inclusion" => Some(ExitCategory::Positive),
        "other" => Some(ExitCategory::Other),
        _ => None,
    }
}

/// Accompanied during [from, to] (day numbers, both included): entered on or before `to`, and
/// not left before `from`. The day of exit still counts.
pub fn accompanied(entry: i64, exit: Option<i64>, from: i64, to: i64) -> bool {
    entry <= to && exit.is_none_or(|exit| exit >= from)
}

/// Yearly hours of one full-time equivalent (the French legal 1,607 hours).
pub const FTE_HOURS_PER_YEAR: i64 = 1607;

/// Full-time equivalents, in hundredths, of `minutes` worked over a period of `days` days:
/// minutes ÷ (1,607 h × days ÷ 365), rounded to the nearest hundredth.
pub fn fte_hundredths(minutes: i64, days: i64) -> i64 {
    if days <= 0 {
        return 0;
    }
    let numerator = i128::from(minutes) * 100 * 365;
    let denominator = i128::from(FTE_HOURS_PER_YEAR) * 60 * i128::from(days);
    ((numerator + denominator / 2) / denominator) as i64
}

/// Days from entry to exit (or to `today` while the pathway goes on), the entry day counted.
pub fn pathway_days(entry: i64, exit: Option<i64>, today: i64) -> i64 {
    exit.unwrap_or(today).max(entry) - entry + 1
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub id: i64,
    pub kind: String,
    pub label: String,
    pub start_day: String,
    pub end_day: Option<String>,
    pub weekly_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwayStep {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub organisation: String,
    pub start_day: String,
    pub end_day: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obstacle {
    pub id: i64,
    pub name: String,
    pub active: bool,
}

/// One participant's pathway as the staff's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pathway {
    pub person_id: i64,
    pub name: String,
    /// None until staff record the entry.
    pub entry_day: Option<String>,
    pub characteristics: Vec<String>,
    pub exit_day: Option<String>,
    pub exit_outcome: Option<String>,
    pub contracts: Vec<Contract>,
    pub steps: Vec<PathwayStep>,
    /// The obstacles ticked (ids).
    pub obstacles: Vec<i64>,
    /// Hours worked (attended shifts), in minutes, per sector.
    pub minutes_by_sector: Vec<(String, i64)>,
    /// The sectors the participant works in (their names).
    pub sectors: Vec<String>,
}

/// A line of the staff's list of pathways.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PathwaySummary {
    pub person_id: i64,
    pub name: String,
    pub active: bool,
    pub entry_day: Option<String>,
    pub contract: Option<String>,
    pub exit_outcome: Option<String>,
    pub minutes_worked: i64,
}

// The forms' inputs hold strings only: server_fn reads a flattened struct through serde's
// buffered `flatten`, where "12" is not a number; ids come beside them as plain arguments.

/// The entry form: the day and the boxes ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryInput {
    pub entry_day: String,
    pub characteristics: Vec<String>,
}

/// An entry that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEntry {
    pub entry_day: String,
    pub characteristics: Vec<&'static str>,
}

impl TryFrom<&EntryInput> for ValidEntry {
    type Error = FieldErrors;

    fn try_from(input: &EntryInput) -> Result<ValidEntry, FieldErrors> {
        let mut errors = FieldErrors::new();
        let entry_day = parse_date(&input.entry_day)
            .map(format_date)
            .unwrap_or_else(|key| {
                errors.insert("entry_day".into(), key.into());
                String::new()
            });
        let mut characteristics = Vec::new();
        for typed in &input.characteristics {
            match CHARACTERISTICS.iter().find(|c| **c == typed.as_str()) {
                Some(c) if !characteristics.contains(c) => characteristics.push(*c),
                Some(_) => {}
                None => {
                    errors.insert("characteristics".into(), "characteristic_unknown".into());
                }
            }
        }
        if characteristics.contains(&"under_26") && characteristics.contains(&"over_50") {
            errors.insert("characteristics".into(), "age_both".into());
        }
        if errors.is_empty() {
            Ok(ValidEntry {
                entry_day,
                characteristics,
            })
        } else {
            Err(errors)
        }
    }
}

/// "2026-01-05" or empty (no end yet), checked after `start`.
fn optional_end(typed: &str, start: Option<i64>, errors: &mut FieldErrors) -> Option<String> {
    match typed.trim() {
        "" => None,
        typed => match parse_date(typed) {
            Ok(end) if start.is_some_and(|start| end < start) => {
                errors.insert("end_day".into(), "end_before_start".into());
                None
            }
            Ok(end) => Some(format_date(end)),
            Err(key) => {
                errors.insert("end_day".into(), key.into());
                None
            }
        },
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractInput {
    pub kind: String,
    pub label: String,
    pub start_day: String,
    pub end_day: String,
    /// Hours a week: "26" or "20,5".
    pub weekly_hours: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidContract {
    pub kind: &'static str,
    pub label: String,
    pub start_day: String,
    pub end_day: Option<String>,
    pub weekly_minutes: i64,
}

impl TryFrom<&ContractInput> for ValidContract {
    type Error = FieldErrors;

    fn try_from(input: &ContractInput) -> Result<ValidContract, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = CONTRACT_KINDS
            .iter()
            .find(|k| **k == input.kind.trim())
            .copied();
        if kind.is_none() {
            errors.insert("kind".into(), "contract_kind_required".into());
        }
        let label = input.label.trim().to_owned();
        if label.chars().count() > 80 {
            errors.insert("label".into(), "text_too_long".into());
        } else if kind == Some("other") && label.is_empty() {
            errors.insert("label".into(), "contract_label_required".into());
        }
        let start = parse_date(&input.start_day);
        if let Err(key) = start {
            errors.insert("start_day".into(), key.into());
        }
        let end_day = optional_end(&input.end_day, start.ok(), &mut errors);
        // Hours with up to two decimals read like euros: "20,5" is 2050 hundredths.
        let weekly_minutes = crate::alterations::parse_euros(&input.weekly_hours)
            .ok()
            .map(|hundredths| hundredths * 60 / 100)
            .filter(|m| (60..=2880).contains(m));
        if weekly_minutes.is_none() {
            errors.insert("weekly_hours".into(), "weekly_hours_invalid".into());
        }
        match (kind, start, weekly_minutes) {
            (Some(kind), Ok(start), Some(weekly_minutes)) if errors.is_empty() => {
                Ok(ValidContract {
                    kind,
                    label,
                    start_day: format_date(start),
                    end_day,
                    weekly_minutes,
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepInput {
    pub kind: String,
    pub title: String,
    pub organisation: String,
    pub start_day: String,
    pub end_day: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidStep {
    pub kind: &'static str,
    pub title: String,
    pub organisation: String,
    pub start_day: String,
    pub end_day: Option<String>,
}

impl TryFrom<&StepInput> for ValidStep {
    type Error = FieldErrors;

    fn try_from(input: &StepInput) -> Result<ValidStep, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = STEP_KINDS
            .iter()
            .find(|k| **k == input.kind.trim())
            .copied();
        if kind.is_none() {
            errors.insert("kind".into(), "step_kind_required".into());
        }
        let title = input.title.trim().to_owned();
        if !(1..=120).contains(&title.chars().count()) {
            errors.insert("title".into(), "step_title_required".into());
        }
        let organisation = input.organisation.trim().to_owned();
        if organisation.chars().count() > 120 {
            errors.insert("organisation".into(), "text_too_long".into());
        }
        let start = parse_date(&input.start_day);
        if let Err(key) = start {
            errors.insert("start_day".into(), key.into());
        }
        let end_day = optional_end(&input.end_day, start.ok(), &mut errors);
        match (kind, start) {
            (Some(kind), Ok(start)) if errors.is_empty() => Ok(ValidStep {
                kind,
                title,
                organisation,
                start_day: format_date(start),
                end_day,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExitInput {
    pub exit_day: String,
    pub outcome: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exits_fall_in_the_iae_categories() {
        assert_eq!(category("cdi"), Some(ExitCategory::Sustainable));
        assert_eq!(category("cdd_long"), Some(ExitCategory::Sustainable));
        assert_eq!(
            category("business_creation"),
            Some(ExitCategory::Sustainable)
        );
        assert_eq!(category("cdd_short"), Some(ExitCategory::Transition));
        assert_eq!(category("subsidised"), Some(ExitCategory::Transition));
        assert_eq!(category("training"), Some(ExitCategory::Positive));
        assert_eq!(category("other_inclusion"), Some(ExitCategory::Positive));
        assert_eq!(category("other"), Some(ExitCategory::Other));
        assert_eq!(category("lottery"), None);
        assert!(OUTCOMES.iter().all(|o| category(o).is_some()));
        let dynamic: Vec<_> = ExitCategory::ALL
            .iter()
            .filter(|c| c.is_dynamic())
            .collect();
        assert_eq!(dynamic.len(), 3, "every category but the other exits");
    }

    #[test]
    fn accompanied_means_present_on_at_least_one_day_of_the_period() {
        let (from, to) = (100, 199);
        assert!(
            accompanied(50, None, from, to),
            "entered before, still there"
        );
        assert!(accompanied(150, None, from, to), "entered during");
        assert!(accompanied(199, None, from, to), "entered on the last day");
        assert!(!accompanied(200, None, from, to), "entered after");
        assert!(
            accompanied(50, Some(100), from, to),
            "left on the first day"
        );
        assert!(!accompanied(50, Some(99), from, to), "left the day before");
        assert!(accompanied(120, Some(130), from, to), "in and out within");
    }

    #[test]
    fn fte_is_hours_over_1607_a_year_prorated() {
        // 1,607 hours over a year: one FTE.
        assert_eq!(fte_hundredths(1607 * 60, 365), 100);
        // 26 h a week for a year (52 weeks): 1,352 h, 0.84 FTE.
        assert_eq!(fte_hundredths(26 * 52 * 60, 365), 84);
        // Half a year's worth of full time over half a year: one FTE.
        assert_eq!(fte_hundredths(1607 * 30, 183), 100);
        assert_eq!(fte_hundredths(0, 365), 0);
        assert_eq!(fte_hundredths(600, 0), 0);
    }

    #[test]
    fn a_pathway_lasts_from_entry_to_exit_or_today() {
        assert_eq!(pathway_days(100, Some(100), 500), 1);
        assert_eq!(pathway_days(100, Some(464), 500), 365);
        assert_eq!(pathway_days(100, None, 199), 100);
    }

    #[test]
    fn forms_refuse_what_makes_no_sense() {
        let entry = EntryInput {
            entry_day: "2026-03-02".into(),
            characteristics: vec!["woman".into(), "under_26".into(), "woman".into()],
        };
        let valid = ValidEntry::try_from(&entry).unwrap();
        assert_eq!(valid.characteristics, ["woman", "under_26"]);
        let both = EntryInput {
            characteristics: vec!["under_26".into(), "over_50".into()],
            ..entry.clone()
        };
        assert_eq!(
            ValidEntry::try_from(&both).unwrap_err()["characteristics"],
            "age_both"
        );
        let health = EntryInput {
            characteristics: vec!["diabetes".into()],
            ..entry
        };
        assert_eq!(
            ValidEntry::try_from(&health).unwrap_err()["characteristics"],
            "characteristic_unknown",
            "only the listed boxes: no free health data"
        );

        let contract = ContractInput {
            kind: "cape".into(),
            label: String::new(),
            start_day: "2026-03-02".into(),
            end_day: "2026-09-01".into(),
            weekly_hours: "20,5".into(),
        };
        assert_eq!(
            ValidContract::try_from(&contract).unwrap().weekly_minutes,
            1230
        );
        let wrong = ContractInput {
            kind: "other".into(),
            end_day: "2026-01-01".into(),
            weekly_hours: "70".into(),
            ..contract
        };
        let errors = ValidContract::try_from(&wrong).unwrap_err();
        assert_eq!(errors["label"], "contract_label_required");
        assert_eq!(errors["end_day"], "end_before_start");
        assert_eq!(errors["weekly_hours"], "weekly_hours_invalid");

        let step = StepInput {
            kind: "immersion".into(),
            title: "  ".into(),
            organisation: "Boulangerie Paul".into(),
            start_day: "2026-04-01".into(),
            end_day: String::new(),
        };
        assert_eq!(
            ValidStep::try_from(&step).unwrap_err()["title"],
            "step_title_required"
        );
    }
}
