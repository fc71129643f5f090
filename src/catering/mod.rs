//! Catering for companies: the public request form (`/traiteur`), its private follow-up link,
//! and the staff's list of requests with the rules they set (minimum covers, how far ahead,
//! the formulas offered). Quotes come next (issue 16).
//!
//! Types and form rules compile for both targets; the SQL and the services are server-only.

pub mod api;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use crate::{
    error::FieldErrors,
    lunch::allergen_mask,
    ui::time::{format_date, parse_date, parse_hhmm},
};
use serde::{Deserialize, Serialize};

/// A formula offered on the form (buffet, plateaux repas…), managed by staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formula {
    pub id: i64,
    pub name: String,
    pub active: bool,
}

/// The rules staff set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Fewer covers are refused (catering starts at 10 covers today).
    pub min_covers: i64,
    /// The event must be at least this many days ahead.
    pub lead_days: i64,
}

/// How many guests need each diet (each at most the covers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diets {
    pub vegetarian: i64,
    pub vegan: i64,
    pub no_pork: i64,
    pub gluten_free: i64,
}

/// The form's diet fields, in order: (field name, value).
pub const DIETS: [&str; 4] = ["vegetarian", "vegan", "no_pork", "gluten_free"];

impl Diets {
    pub fn get(&self, field: &str) -> i64 {
        match field {
            "vegetarian" => self.vegetarian,
            "vegan" => self.vegan,
            "no_pork" => self.no_pork,
            "gluten_free" => self.gluten_free,
            _ => 0,
        }
    }
}

/// A request as its private link and the staff show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CateringRequest {
    pub id: i64,
    pub reference: String,
    pub status: String,
    pub organisation: String,
    pub siret: Option<String>,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    /// YYYY-MM-DD and HH:MM, Paris.
    pub event_day: String,
    pub event_time: String,
    pub covers: i64,
    pub formula: String,
    /// None: at Blanchemaille.
    pub address: Option<String>,
    pub budget_cents_per_person: Option<i64>,
    pub diets: Diets,
    pub allergens: Vec<String>,
    pub message: String,
    pub created_at: i64,
    pub erased: bool,
}

impl CateringRequest {
    /// The request as a quote names its client and service.
    pub fn quote_client(&self) -> crate::quotes::QuoteClient {
        crate::quotes::QuoteClient {
            subject: crate::quotes::Subject::Catering(self.id),
            reference: self.reference.clone(),
            status: self.status.clone(),
            organisation: self.organisation.clone(),
            siret: self.siret.clone(),
            contact_name: self.contact_name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            day: Some(self.event_day.clone()),
            time: Some(self.event_time.clone()),
            address: self.address.clone(),
            service: crate::quotes::ClientService::Catering {
                covers: self.covers,
                formula: self.formula.clone(),
            },
        }
    }
}

/// The form as typed: every field a string, so a refused form can be shown again as it was.
/// Its field names are the form's (the server function takes it flattened).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestInput {
    pub organisation: String,
    pub siret: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub event_day: String,
    pub event_time: String,
    pub covers: String,
    pub formula_id: String,
    /// "blanchemaille" or "adresse".
    pub place: String,
    pub address: String,
    pub budget: String,
    pub vegetarian: String,
    pub vegan: String,
    pub no_pork: String,
    pub gluten_free: String,
    pub allergens: Vec<String>,
    pub message: String,
    /// The box's value ("oui") when ticked.
    pub consent: String,
}

/// A request that passed every rule, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRequest {
    pub organisation: String,
    pub siret: Option<String>,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub event_day: String,
    pub event_time: String,
    pub covers: i64,
    pub formula_id: i64,
    pub address: Option<String>,
    pub budget_cents_per_person: Option<i64>,
    pub diets: Diets,
    pub allergens: i64,
    pub message: String,
}

/// A SIRET: 14 digits (spaces allowed) whose Luhn key is right; La Poste's establishments
/// (SIREN 356 000 000) use another rule, the sum of the digits a multiple of 5.
pub fn parse_siret(input: &str) -> Result<Option<String>, &'static str> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("siret_invalid");
    }
    let values: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let valid = if digits.starts_with("356000000") {
        values.iter().sum::<u32>().is_multiple_of(5)
    } else {
        let sum: u32 = values
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &d)| {
                if i % 2 == 1 {
                    let double = d * 2;
                    if double > 9 { double - 9 } else { double }
                } else {
                    d
                }
            })
            .sum();
        sum.is_multiple_of(10)
    };
    if valid {
        Ok(Some(digits))
    } else {
        Err("siret_key_wrong")
    }
}

fn parse_count(input: &str) -> Result<i64, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(0);
    }
    input
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=2000).contains(n))
        .ok_or("count_invalid")
}

/// Every rule of the form at once, so the person sees everything to correct in one go.
/// `today` is the Paris day number.
pub fn validate(
    input: &RequestInput,
    settings: &Settings,
    formulas: &[Formula],
    today: i64,
) -> Result<ValidRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut check = |field: &str, result: Result<(), &'static str>| {
        if let Err(key) = result {
            errors
                .entry(field.to_owned())
                .or_insert_with(|| key.to_owned());
        }
    };
    let text = |value: &str, max: usize, required: &'static str, too_long: &'static str| {
        let value = value.trim();
        match value.chars().count() {
            0 => Err(required),
            n if n > max => Err(too_long),
            _ => Ok(value.to_owned()),
        }
    };
    let organisation = text(
        &input.organisation,
        120,
        "organisation_required",
        "text_too_long",
    );
    check(
        "organisation",
        organisation.as_ref().map(|_| ()).map_err(|k| *k),
    );
    let siret = parse_siret(&input.siret);
    check("siret", siret.as_ref().map(|_| ()).map_err(|k| *k));
    let contact_name = text(&input.contact_name, 80, "name_required", "name_too_long");
    check(
        "contact_name",
        contact_name.as_ref().map(|_| ()).map_err(|k| *k),
    );
    let email = crate::accounts::parse_email(&input.email);
    check("email", email.as_ref().map(|_| ()).map_err(|k| *k));
    let phone = crate::accounts::parse_phone(&input.phone);
    check("phone", phone.as_ref().map(|_| ()).map_err(|k| *k));
    let day = parse_date(&input.event_day).and_then(|day| {
        if day < today {
            Err("date_past")
        } else if day < today + settings.lead_days {
            Err("catering_too_soon")
        } else if day > today + 730 {
            Err("date_too_far")
        } else {
            Ok(day)
        }
    });
    check("event_day", day.map(|_| ()));
    let time = parse_hhmm(&input.event_time);
    check("event_time", time.map(|_| ()));
    let covers = input
        .covers
        .trim()
        .parse::<i64>()
        .map_err(|_| "covers_invalid")
        .and_then(|n| {
            if n < settings.min_covers {
                Err("covers_below_minimum")
            } else if n > 2000 {
                Err("covers_invalid")
            } else {
                Ok(n)
            }
        });
    check("covers", covers.map(|_| ()));
    let formula_id = input
        .formula_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| formulas.iter().any(|f| f.id == *id && f.active))
        .ok_or("formula_required");
    check("formula_id", formula_id.map(|_| ()));
    let address = match input.place.as_str() {
        "blanchemaille" => Ok(None),
        "adresse" => text(&input.address, 200, "address_required", "text_too_long").map(Some),
        _ => Err("place_required"),
    };
    let address_field = if input.place == "adresse" {
        "address"
    } else {
        "place"
    };
    check(address_field, address.as_ref().map(|_| ()).map_err(|k| *k));
    // 1,000 € a person at most, as the table's CHECK says (a typo, not a budget, beyond).
    let budget = match input.budget.trim() {
        "" => Ok(None),
        typed => crate::alterations::parse_euros(typed).and_then(|cents| {
            if cents > 100_000 {
                Err("budget_too_high")
            } else {
                Ok(Some(cents))
            }
        }),
    };
    check("budget", budget.map(|_| ()));
    let mut diets = Diets::default();
    for field in DIETS {
        let typed = match field {
            "vegetarian" => &input.vegetarian,
            "vegan" => &input.vegan,
            "no_pork" => &input.no_pork,
            _ => &input.gluten_free,
        };
        let count = parse_count(typed).and_then(|n| match covers {
            Ok(covers) if n > covers => Err("diet_above_covers"),
            _ => Ok(n),
        });
        check(field, count.map(|_| ()));
        let n = count.unwrap_or(0);
        match field {
            "vegetarian" => diets.vegetarian = n,
            "vegan" => diets.vegan = n,
            "no_pork" => diets.no_pork = n,
            _ => diets.gluten_free = n,
        }
    }
    let allergens = allergen_mask(&input.allergens);
    check("allergens", allergens.map(|_| ()));
    let message = input.message.trim();
    check(
        "message",
        if message.chars().count() > 2000 {
            Err("message_too_long")
        } else {
            Ok(())
        },
    );
    check(
        "consent",
        if input.consent.is_empty() {
            Err("consent_required")
        } else {
            Ok(())
        },
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    // Every field passed: the unwraps below cannot fail.
    let (Ok(organisation), Ok(siret), Ok(contact_name), Ok(email), Ok(phone), Ok(day), Ok(time)) =
        (organisation, siret, contact_name, email, phone, day, time)
    else {
        return Err(errors);
    };
    let (Ok(covers), Ok(formula_id), Ok(address), Ok(budget), Ok(allergens)) =
        (covers, formula_id, address, budget, allergens)
    else {
        return Err(errors);
    };
    Ok(ValidRequest {
        organisation,
        siret,
        contact_name,
        email,
        phone,
        event_day: format_date(day),
        event_time: crate::ui::time::format_hhmm(time),
        covers,
        formula_id,
        address,
        budget_cents_per_person: budget,
        diets,
        allergens,
        message: message.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i64 = 20_000;

    fn formulas() -> Vec<Formula> {
        vec![
            Formula {
                id: 1,
                name: "Buffet".into(),
                active: true,
            },
            Formula {
                id: 2,
                name: "Ancienne".into(),
                active: false,
            },
        ]
    }

    fn settings() -> Settings {
        Settings {
            min_covers: 10,
            lead_days: 7,
        }
    }

    fn good() -> RequestInput {
        RequestInput {
            organisation: "Boulangerie du Nord".into(),
            siret: "732 829 320 00074".into(),
            contact_name: "Mme Lefebvre".into(),
            email: "Compta@Boulangerie.example".into(),
            phone: "03 20 12 34 56".into(),
            event_day: format_date(TODAY + 10),
            event_time: "12:00".into(),
            covers: "25".into(),
            formula_id: "1".into(),
            place: "adresse".into(),
            address: "12 rue de Lannoy, Roubaix".into(),
            budget: "18,50".into(),
            vegetarian: "5".into(),
            allergens: vec!["arachides".into()],
            consent: "oui".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_request_passes_with_its_values_normalised() {
        let valid = validate(&good(), &settings(), &formulas(), TODAY).unwrap();
        assert_eq!(valid.siret.as_deref(), Some("73282932000074"));
        assert_eq!(valid.email, "compta@boulangerie.example");
        assert_eq!(valid.covers, 25);
        assert_eq!(valid.budget_cents_per_person, Some(1850));
        assert_eq!(valid.diets.vegetarian, 5);
        assert_eq!(crate::lunch::allergen_codes(valid.allergens), ["arachides"]);
        assert_eq!(valid.address.as_deref(), Some("12 rue de Lannoy, Roubaix"));
    }

    #[test]
    fn siret_keys_are_checked_la_poste_included() {
        assert_eq!(parse_siret(""), Ok(None));
        assert!(parse_siret("73282932000074").unwrap().is_some());
        assert_eq!(parse_siret("73282932000075"), Err("siret_key_wrong"));
        assert_eq!(parse_siret("7328293200007"), Err("siret_invalid"));
        assert_eq!(parse_siret("7328293200007A"), Err("siret_invalid"));
        // La Poste: the digits add up to a multiple of 5 (3 + 5 + 6 + 4 + 7 = 25).
        assert!(parse_siret("35600000000047").unwrap().is_some());
        assert_eq!(parse_siret("35600000000048"), Err("siret_key_wrong"));
    }

    #[test]
    fn every_wrong_field_is_reported_at_once() {
        let input = RequestInput {
            covers: "8".into(),
            event_day: format_date(TODAY - 1),
            formula_id: "2".into(),
            place: "adresse".into(),
            vegetarian: "40".into(),
            consent: String::new(),
            ..good()
        };
        let errors = validate(&input, &settings(), &formulas(), TODAY).unwrap_err();
        assert_eq!(errors["covers"], "covers_below_minimum");
        assert_eq!(errors["event_day"], "date_past");
        assert_eq!(
            errors["formula_id"], "formula_required",
            "an inactive formula"
        );
        assert_eq!(errors["consent"], "consent_required");
        assert!(
            !errors.contains_key("vegetarian"),
            "covers unknown: the diet is not judged"
        );
        let too_soon = RequestInput {
            event_day: format_date(TODAY + 6),
            ..good()
        };
        assert_eq!(
            validate(&too_soon, &settings(), &formulas(), TODAY).unwrap_err()["event_day"],
            "catering_too_soon"
        );
        let diets = RequestInput {
            vegan: "26".into(),
            ..good()
        };
        assert_eq!(
            validate(&diets, &settings(), &formulas(), TODAY).unwrap_err()["vegan"],
            "diet_above_covers"
        );
        let typo = RequestInput {
            budget: "5000".into(),
            ..good()
        };
        assert_eq!(
            validate(&typo, &settings(), &formulas(), TODAY).unwrap_err()["budget"],
            "budget_too_high",
            "refused before the database's CHECK would answer 500"
        );
        let nowhere = RequestInput {
            place: String::new(),
            ..good()
        };
        assert_eq!(
            validate(&nowhere, &settings(), &formulas(), TODAY).unwrap_err()["place"],
            "place_required"
        );
        let no_address = RequestInput {
            address: " ".into(),
            ..good()
        };
        assert_eq!(
            validate(&no_address, &settings(), &formulas(), TODAY).unwrap_err()["address"],
            "address_required"
        );
    }
}
