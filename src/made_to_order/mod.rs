//! Made-to-order work of the workshops (sur-mesure): textile prototypes and mini-series,
//! digital embroidery, pallet-wood furniture. The public request form (`/sur-mesure`, photos
//! through the alterations' safe pipeline), its private link, the staff's list and page of a
//! request; quotes are written as for catering (src/quotes), and an accepted one becomes a job
//! taken through its steps (to start, in production, ready, delivered).
//!
//! Types and form rules compile for both targets; the SQL and the services are server-only.

pub mod api;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use crate::{
    error::FieldErrors,
    quotes::{ClientService, QuoteClient, Subject},
    ui::time::{format_date, parse_date},
};
use serde::{Deserialize, Serialize};

/// What the workshops make, as stored.
pub const KINDS: [&str; 4] = ["prototype", "mini_series", "embroidery", "pallet"];

/// Photos one request may carry.
pub const MAX_PHOTOS: usize = 5;

/// The rules staff set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// A wished date must be at least this many days ahead.
    pub lead_days: i64,
}

/// A request as its private link and the staff show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MadeToOrderRequest {
    pub id: i64,
    pub reference: String,
    pub status: String,
    pub kind: String,
    pub organisation: String,
    pub siret: Option<String>,
    pub partner_id: Option<i64>,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub description: String,
    pub quantity: i64,
    /// YYYY-MM-DD; None: no date wished.
    pub wished_day: Option<String>,
    pub budget_cents: Option<i64>,
    /// The photos' ids (staff see them at `/equipe/sur-mesure/photo/{id}`).
    pub photos: Vec<i64>,
    pub job: Option<Job>,
    pub created_at: i64,
    pub erased: bool,
}

impl MadeToOrderRequest {
    /// The request as a quote names its client and service.
    pub fn quote_client(&self) -> QuoteClient {
        QuoteClient {
            subject: Subject::MadeToOrder(self.id),
            reference: self.reference.clone(),
            status: self.status.clone(),
            organisation: self.organisation.clone(),
            siret: self.siret.clone(),
            contact_name: self.contact_name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            day: self.wished_day.clone(),
            time: None,
            address: None,
            service: ClientService::MadeToOrder {
                kind: self.kind.clone(),
                quantity: self.quantity,
            },
        }
    }
}

/// The steps of a job, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    ToStart,
    InProduction,
    Ready,
    Delivered,
}

impl Step {
    pub const ALL: [Step; 4] = [
        Step::ToStart,
        Step::InProduction,
        Step::Ready,
        Step::Delivered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::ToStart => "to_start",
            Step::InProduction => "in_production",
            Step::Ready => "ready",
            Step::Delivered => "delivered",
        }
    }

    pub fn parse(value: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The one step that may follow (a job moves forward one step at a time).
    pub fn next(self) -> Option<Step> {
        match self {
            Step::ToStart => Some(Step::InProduction),
            Step::InProduction => Some(Step::Ready),
            Step::Ready => Some(Step::Delivered),
            Step::Delivered => None,
        }
    }
}

/// The job an accepted quote became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: i64,
    pub quote_id: i64,
    pub step: Step,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub ready_at: Option<i64>,
    pub delivered_at: Option<i64>,
}

/// The form's text fields as typed (photos come beside them, in the multipart body).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestInput {
    pub kind: String,
    pub organisation: String,
    pub siret: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub description: String,
    pub quantity: String,
    pub wished_day: String,
    pub budget: String,
    /// The box's value ("oui") when ticked.
    pub consent: String,
}

/// A request that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRequest {
    pub kind: String,
    pub organisation: String,
    pub siret: Option<String>,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub description: String,
    pub quantity: i64,
    pub wished_day: Option<String>,
    pub budget_cents: Option<i64>,
}

/// Every rule of the form at once. `today` is the Paris day number.
pub fn validate(
    input: &RequestInput,
    settings: &Settings,
    today: i64,
) -> Result<ValidRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut fail = |field: &str, key: &str| {
        errors
            .entry(field.to_owned())
            .or_insert_with(|| key.to_owned());
    };
    let kind = input.kind.trim();
    if !KINDS.contains(&kind) {
        fail("kind", "made_to_order_kind_required");
    }
    let organisation = input.organisation.trim();
    if organisation.chars().count() > 120 {
        fail("organisation", "text_too_long");
    }
    let siret = crate::catering::parse_siret(&input.siret).unwrap_or_else(|key| {
        fail("siret", key);
        None
    });
    let contact_name = input.contact_name.trim();
    match contact_name.chars().count() {
        0 => fail("contact_name", "name_required"),
        n if n > 80 => fail("contact_name", "name_too_long"),
        _ => {}
    }
    let email = crate::accounts::parse_email(&input.email).unwrap_or_else(|key| {
        fail("email", key);
        String::new()
    });
    let phone = crate::accounts::parse_phone(&input.phone).unwrap_or_else(|key| {
        fail("phone", key);
        String::new()
    });
    let description = input.description.trim();
    match description.chars().count() {
        0 => fail("description", "description_required"),
        n if n > 2000 => fail("description", "message_too_long"),
        _ => {}
    }
    let quantity = input
        .quantity
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=100_000).contains(n));
    if quantity.is_none() {
        fail("quantity", "made_to_order_quantity_invalid");
    }
    let wished_day = match input.wished_day.trim() {
        "" => None,
        typed => match parse_date(typed) {
            Ok(day) if day < today => {
                fail("wished_day", "date_past");
                None
            }
            Ok(day) if day < today + settings.lead_days => {
                fail("wished_day", "made_to_order_too_soon");
                None
            }
            Ok(day) if day > today + 730 => {
                fail("wished_day", "date_too_far");
                None
            }
            Ok(day) => Some(format_date(day)),
            Err(key) => {
                fail("wished_day", key);
                None
            }
        },
    };
    let budget_cents = match input.budget.trim() {
        "" => None,
        typed => crate::alterations::parse_euros(typed)
            .map_err(|key| fail("budget", key))
            .ok(),
    };
    if input.consent.is_empty() {
        fail("consent", "consent_required");
    }
    match quantity {
        Some(quantity) if errors.is_empty() => Ok(ValidRequest {
            kind: kind.to_owned(),
            organisation: organisation.to_owned(),
            siret,
            contact_name: contact_name.to_owned(),
            email,
            phone,
            description: description.to_owned(),
            quantity,
            wished_day,
            budget_cents,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i64 = 20_000;

    fn good() -> RequestInput {
        RequestInput {
            kind: "embroidery".into(),
            organisation: "Jeune Pousse SAS".into(),
            siret: String::new(),
            contact_name: "Yasmine B.".into(),
            email: "Yasmine@Pousse.example".into(),
            phone: "06 12 34 56 78".into(),
            description: "Logo brodé sur 40 tabliers".into(),
            quantity: "40".into(),
            wished_day: format_date(TODAY + 30),
            budget: "600".into(),
            consent: "oui".into(),
        }
    }

    fn settings() -> Settings {
        Settings { lead_days: 14 }
    }

    #[test]
    fn a_good_request_passes_normalised() {
        let valid = validate(&good(), &settings(), TODAY).unwrap();
        assert_eq!(valid.email, "yasmine@pousse.example");
        assert_eq!(valid.quantity, 40);
        assert_eq!(valid.budget_cents, Some(60_000));
        assert_eq!(valid.wished_day, Some(format_date(TODAY + 30)));
        let no_date = RequestInput {
            wished_day: String::new(),
            organisation: String::new(),
            budget: String::new(),
            ..good()
        };
        let valid = validate(&no_date, &settings(), TODAY).unwrap();
        assert_eq!((valid.wished_day, valid.budget_cents), (None, None));
        assert_eq!(valid.organisation, "", "a person may ask for themself");
    }

    #[test]
    fn every_wrong_field_is_reported_at_once() {
        let input = RequestInput {
            kind: "sculpture".into(),
            description: "  ".into(),
            quantity: "0".into(),
            wished_day: format_date(TODAY - 1),
            siret: "73282932000075".into(),
            consent: String::new(),
            ..good()
        };
        let errors = validate(&input, &settings(), TODAY).unwrap_err();
        assert_eq!(errors["kind"], "made_to_order_kind_required");
        assert_eq!(errors["description"], "description_required");
        assert_eq!(errors["quantity"], "made_to_order_quantity_invalid");
        assert_eq!(errors["wished_day"], "date_past");
        assert_eq!(errors["siret"], "siret_key_wrong");
        assert_eq!(errors["consent"], "consent_required");
        let soon = RequestInput {
            wished_day: format_date(TODAY + 13),
            ..good()
        };
        assert_eq!(
            validate(&soon, &settings(), TODAY).unwrap_err()["wished_day"],
            "made_to_order_too_soon"
        );
    }

    #[test]
    fn a_job_moves_forward_one_step_at_a_time() {
        assert_eq!(Step::ToStart.next(), Some(Step::InProduction));
        assert_eq!(Step::InProduction.next(), Some(Step::Ready));
        assert_eq!(Step::Ready.next(), Some(Step::Delivered));
        assert_eq!(Step::Delivered.next(), None);
        for step in Step::ALL {
            assert_eq!(Step::parse(step.as_str()), Some(step));
        }
    }
}
