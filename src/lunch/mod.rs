//! Lunch: the service days (configuration), each service's menu and pickup windows, the public's
//! takeaway pre-orders (no account, private link) and the kitchen's view.
//!
//! Pure rules live here (compiled for both targets, unit-tested): Paris local times to instants
//! (the cut-off across the DST change), pickup windows, the 14 allergens, prices, order lines.

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

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The most of one dish a single order may take.
pub const MAX_PER_DISH: i64 = 10;

/// The courses of a menu, in serving order.
pub const COURSES: [&str; 4] = ["entree", "plat", "dessert", "boisson"];

/// The 14 allergens of EU regulation 1169/2011 (annex II), in the annex's order: their codes
/// (also the bit positions in `lunch_dish.allergens`). Their names are in the catalogue, their
/// pictograms in ui::pictograms.
pub const ALLERGENS: [&str; 14] = [
    "gluten",
    "crustaces",
    "oeufs",
    "poissons",
    "arachides",
    "soja",
    "lait",
    "fruits_a_coque",
    "celeri",
    "moutarde",
    "sesame",
    "sulfites",
    "lupin",
    "mollusques",
];

/// The codes of the allergens set in `mask`, in the annex's order.
pub fn allergen_codes(mask: i64) -> Vec<String> {
    ALLERGENS
        .iter()
        .enumerate()
        .filter(|(bit, _)| mask & (1 << bit) != 0)
        .map(|(_, code)| (*code).to_owned())
        .collect()
}

/// The bit mask of the given allergen codes.
pub fn allergen_mask(codes: &[String]) -> Result<i64, &'static str> {
    codes.iter().try_fold(0i64, |mask, code| {
        let bit = ALLERGENS
            .iter()
            .position(|c| c == code)
            .ok_or("allergen_unknown")?;
        Ok(mask | (1 << bit))
    })
}

/// One weekday on which lunch is served, and how its services are set up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LunchDay {
    /// ISO 8601: 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub starts: String,
    pub ends: String,
    pub cutoff: String,
    pub window_minutes: i64,
    pub window_capacity: i64,
    pub active: bool,
}

/// One dated lunch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LunchService {
    pub id: i64,
    /// YYYY-MM-DD, Paris.
    pub day: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub cutoff_at: i64,
    pub open: bool,
}

impl LunchService {
    /// True while the public may order (and cancel).
    pub fn takes_orders(&self, now: i64) -> bool {
        self.open && now < self.cutoff_at
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupWindow {
    pub id: i64,
    pub starts_at: i64,
    pub capacity: i64,
    pub booked: i64,
    pub open: bool,
}

impl PickupWindow {
    pub fn room_left(&self) -> i64 {
        if self.open {
            (self.capacity - self.booked).max(0)
        } else {
            0
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dish {
    pub id: i64,
    pub course: String,
    pub name: String,
    pub description: String,
    pub price_cents: i64,
    pub portions: i64,
    pub ordered: i64,
    pub allergens: Vec<String>,
    pub labels: Vec<String>,
}

impl Dish {
    pub fn left(&self) -> i64 {
        (self.portions - self.ordered).max(0)
    }
}

/// A service with its menu and windows, as the public and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Menu {
    pub service: LunchService,
    pub dishes: Vec<Dish>,
    pub windows: Vec<PickupWindow>,
    pub takes_orders: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub dish_id: i64,
    pub name: String,
    pub quantity: i64,
    pub unit_price_cents: i64,
}

/// An order, as its private link and the kitchen show it.
/// How long after cancelling an order the customer can undo it.
pub const RESTORE_SECS: i64 = 10 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LunchOrder {
    pub id: i64,
    pub reference: String,
    pub service: LunchService,
    pub window_id: i64,
    pub window_starts_at: i64,
    pub name: String,
    pub phone: String,
    pub status: String,
    pub total_cents: i64,
    pub lines: Vec<OrderLine>,
    /// True while the customer may still cancel it.
    pub cancellable: bool,
    /// Cancelled minutes ago, before the cut-off: the customer may undo it (if there is room).
    pub restorable: bool,
}

/// A service's figures (kept in the `lunch_service_total` view for the key figures).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub orders: i64,
    pub portions: i64,
    pub collected: i64,
    pub takings_cents: i64,
}

impl Totals {
    /// Cancelled orders count for nothing.
    pub fn of(orders: &[LunchOrder]) -> Totals {
        orders
            .iter()
            .filter(|o| o.status != "cancelled")
            .fold(Totals::default(), |t, o| Totals {
                orders: t.orders + 1,
                portions: t.portions + o.lines.iter().map(|l| l.quantity).sum::<i64>(),
                collected: t.collected + i64::from(o.status == "collected"),
                takings_cents: t.takings_cents
                    + o.lines
                        .iter()
                        .map(|l| l.quantity * l.unit_price_cents)
                        .sum::<i64>(),
            })
    }
}

/// What the kitchen sees for one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kitchen {
    pub menu: Menu,
    pub orders: Vec<LunchOrder>,
    pub totals: Totals,
    /// Other services to switch to (coming and recent).
    pub services: Vec<LunchService>,
}

/// What the staff page shows: the weekly days and the services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LunchAdmin {
    pub days: Vec<LunchDay>,
    pub services: Vec<LunchService>,
}

// --- Local times (Europe/Paris): shared with the planning, in `ui::time` ---

pub use crate::ui::time::{
    format_date, format_hhmm, local_to_utc as paris_to_utc, paris_hhmm, parse_date, parse_hhmm,
    utc_to_paris, weekday,
};

/// The start of each pickup window: every `step` minutes from `starts`, while a whole window
/// fits before `ends` (12:00–14:00 by 15 → 12:00, 12:15 … 13:45).
pub fn window_starts(starts: i64, ends: i64, step: i64) -> Vec<i64> {
    if step <= 0 {
        return Vec::new();
    }
    (0..)
        .map(|i| starts + i * step)
        .take_while(|m| m + step <= ends)
        .collect()
}

/// The next `count` days after the Paris date of `now` whose weekday is in `weekdays`.
pub fn next_days(now: i64, weekdays: &[u8], count: usize) -> Vec<i64> {
    if weekdays.is_empty() {
        return Vec::new();
    }
    let today = utc_to_paris(now).0;
    (today + 1..)
        .filter(|d| weekdays.contains(&weekday(*d)))
        .take(count)
        .collect()
}

/// A price typed in euros ("8", "8,50", "8.5 €") -> cents.
pub fn parse_price(input: &str) -> Result<i64, &'static str> {
    let cleaned = input.trim().trim_end_matches('€').trim().replace(',', ".");
    let (euros, cents) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if euros.is_empty()
        || cents.len() > 2
        || !euros.bytes().all(|b| b.is_ascii_digit())
        || !cents.bytes().all(|b| b.is_ascii_digit())
    {
        return Err("price_invalid");
    }
    let euros: i64 = euros.parse().map_err(|_| "price_invalid")?;
    let cents: i64 = format!("{cents:0<2}")
        .parse()
        .map_err(|_| "price_invalid")?;
    let total = euros * 100 + cents;
    if total <= 10_000 {
        Ok(total)
    } else {
        Err("price_invalid")
    }
}

/// "8,50 €".
pub fn format_price(cents: i64) -> String {
    format!("{},{:02} €", cents / 100, cents % 100)
}

/// Free labels typed as "végétarien, fait maison": trimmed, deduplicated, at most 5 of 30 chars.
pub fn parse_labels(input: &str) -> Result<Vec<String>, &'static str> {
    let mut labels: Vec<String> = Vec::new();
    for label in input.split(',').map(str::trim).filter(|l| !l.is_empty()) {
        if label.chars().count() > 30 {
            return Err("labels_invalid");
        }
        if !labels.iter().any(|l| l.eq_ignore_ascii_case(label)) {
            labels.push(label.to_owned());
        }
    }
    if labels.len() > 5 {
        return Err("labels_invalid");
    }
    Ok(labels)
}

/// The order form's quantities (one per dish shown; empty or 0 = not taken) -> (dish, quantity).
/// At least one dish, none above [`MAX_PER_DISH`].
pub fn parse_order_lines(
    dishes: &[i64],
    quantities: &[String],
) -> Result<Vec<(i64, i64)>, AppError> {
    if dishes.len() != quantities.len() {
        return Err(AppError::BadRequest);
    }
    let mut lines: Vec<(i64, i64)> = Vec::new();
    for (dish, quantity) in dishes.iter().zip(quantities) {
        let quantity = quantity.trim();
        let quantity: i64 = if quantity.is_empty() {
            0
        } else {
            quantity
                .parse()
                .map_err(|_| AppError::invalid("quantities", "dish_quantity_invalid"))?
        };
        if quantity < 0 {
            return Err(AppError::invalid("quantities", "dish_quantity_invalid"));
        }
        if quantity > MAX_PER_DISH {
            return Err(AppError::invalid("quantities", "quantity_max"));
        }
        if quantity == 0 {
            continue;
        }
        if lines.iter().any(|(d, _)| d == dish) {
            return Err(AppError::BadRequest);
        }
        lines.push((*dish, quantity));
    }
    if lines.is_empty() {
        return Err(AppError::invalid("quantities", "order_empty"));
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::time::days_from_civil;

    fn utc(y: i64, mo: i64, d: i64, h: i64, mi: i64) -> i64 {
        days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60
    }

    #[test]
    fn the_cut_off_is_half_past_ten_in_paris_in_winter_and_in_summer() {
        let cutoff = parse_hhmm("10:30").unwrap();
        // Winter (UTC+1): 10:30 in Paris is 09:30 UTC.
        let thursday = parse_date("2026-03-26").unwrap();
        assert_eq!(paris_to_utc(thursday, cutoff), utc(2026, 3, 26, 9, 30));
        // The clocks go forward on Sunday 29 March 2026: the next Tuesday is UTC+2.
        let tuesday = parse_date("2026-03-31").unwrap();
        assert_eq!(paris_to_utc(tuesday, cutoff), utc(2026, 3, 31, 8, 30));
        // And back on Sunday 25 October 2026.
        let before = parse_date("2026-10-22").unwrap();
        let after = parse_date("2026-10-27").unwrap();
        assert_eq!(paris_to_utc(before, cutoff), utc(2026, 10, 22, 8, 30));
        assert_eq!(paris_to_utc(after, cutoff), utc(2026, 10, 27, 9, 30));
        // On the very day of the change, after 03:00 local.
        let change = parse_date("2026-03-29").unwrap();
        assert_eq!(paris_to_utc(change, cutoff), utc(2026, 3, 29, 8, 30));
        let change = parse_date("2026-10-25").unwrap();
        assert_eq!(paris_to_utc(change, cutoff), utc(2026, 10, 25, 9, 30));
    }

    #[test]
    fn orders_are_taken_until_the_cut_off_and_not_a_second_after() {
        let day = parse_date("2026-03-31").unwrap();
        let service = LunchService {
            id: 1,
            day: "2026-03-31".into(),
            starts_at: paris_to_utc(day, 12 * 60),
            ends_at: paris_to_utc(day, 14 * 60),
            cutoff_at: paris_to_utc(day, 10 * 60 + 30),
            open: true,
        };
        assert!(service.takes_orders(utc(2026, 3, 31, 8, 29)));
        assert!(!service.takes_orders(utc(2026, 3, 31, 8, 30)));
        assert!(
            !LunchService {
                open: false,
                ..service.clone()
            }
            .takes_orders(utc(2026, 3, 30, 8, 0))
        );
        assert_eq!(paris_hhmm(service.cutoff_at), "10:30");
        assert_eq!(utc_to_paris(service.starts_at), (day, 12 * 60));
    }

    #[test]
    fn pickup_windows_fill_the_service_hours() {
        let windows = window_starts(12 * 60, 14 * 60, 15);
        assert_eq!(windows.len(), 8);
        assert_eq!(format_hhmm(windows[0]), "12:00");
        assert_eq!(format_hhmm(*windows.last().unwrap()), "13:45");
        assert!(window_starts(12 * 60, 12 * 60 + 10, 15).is_empty());
    }

    #[test]
    fn the_next_service_days_come_after_today_in_paris() {
        // Saturday 28 November 2026, 23:30 UTC: already Sunday 29 in Paris.
        let days = next_days(utc(2026, 11, 28, 23, 30), &[2, 4], 2);
        assert_eq!(
            days.iter().map(|d| format_date(*d)).collect::<Vec<_>>(),
            ["2026-12-01", "2026-12-03"]
        );
        assert_eq!(weekday(parse_date("2026-12-01").unwrap()), 2);
        assert!(next_days(0, &[], 2).is_empty());
    }

    #[test]
    fn times_dates_prices_and_labels_are_parsed_or_refused() {
        assert_eq!(parse_hhmm("10:30"), Ok(630));
        for bad in ["", "10h30", "24:00", "9:30", "10:60"] {
            assert_eq!(parse_hhmm(bad), Err("time_invalid"), "{bad}");
        }
        assert!(parse_date("2026-02-30").is_err() && parse_date("demain").is_err());
        assert_eq!(parse_price("8,50 €"), Ok(850));
        assert_eq!(parse_price("8.5"), Ok(850));
        assert_eq!(parse_price("12"), Ok(1200));
        for bad in ["", "-1", "8,505", "abc", "101"] {
            assert_eq!(parse_price(bad), Err("price_invalid"), "{bad}");
        }
        assert_eq!(format_price(850), "8,50 €");
        assert_eq!(
            parse_labels(" végétarien, fait maison ,Végétarien,"),
            Ok(vec!["végétarien".into(), "fait maison".into()])
        );
        assert!(parse_labels(&"x".repeat(31)).is_err());
    }

    #[test]
    fn allergens_round_trip_through_their_mask() {
        let codes = vec!["lait".to_owned(), "gluten".to_owned()];
        let mask = allergen_mask(&codes).unwrap();
        assert_eq!(allergen_codes(mask), ["gluten", "lait"]);
        assert_eq!(allergen_codes(16383).len(), 14);
        assert_eq!(
            allergen_mask(&["arsenic".to_owned()]),
            Err("allergen_unknown")
        );
    }

    #[test]
    fn order_lines_need_one_dish_and_at_most_ten_of_each() {
        let q = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_order_lines(&[1, 2, 3], &q(&["2", "", "0"])),
            Ok(vec![(1, 2)])
        );
        assert_eq!(
            parse_order_lines(&[1, 2], &q(&["0", "0"])),
            Err(AppError::invalid("quantities", "order_empty"))
        );
        assert_eq!(
            parse_order_lines(&[1], &q(&["11"])),
            Err(AppError::invalid("quantities", "quantity_max"))
        );
        assert_eq!(
            parse_order_lines(&[1], &q(&["-1"])),
            Err(AppError::invalid("quantities", "dish_quantity_invalid"))
        );
        assert_eq!(parse_order_lines(&[1], &q(&[])), Err(AppError::BadRequest));
    }

    #[test]
    fn totals_leave_cancelled_orders_out() {
        let day = parse_date("2026-12-01").unwrap();
        let service = LunchService {
            id: 1,
            day: "2026-12-01".into(),
            starts_at: paris_to_utc(day, 720),
            ends_at: paris_to_utc(day, 840),
            cutoff_at: paris_to_utc(day, 630),
            open: true,
        };
        let order = |status: &str, quantity: i64| LunchOrder {
            id: 1,
            reference: "D-AAAA".into(),
            service: service.clone(),
            window_id: 1,
            window_starts_at: service.starts_at,
            name: "A".into(),
            phone: "06 12 34 56 78".into(),
            status: status.into(),
            total_cents: 0,
            lines: vec![OrderLine {
                dish_id: 1,
                name: "Couscous".into(),
                quantity,
                unit_price_cents: 850,
            }],
            cancellable: false,
            restorable: false,
        };
        let totals = Totals::of(&[
            order("placed", 2),
            order("collected", 1),
            order("cancelled", 5),
        ]);
        assert_eq!(
            totals,
            Totals {
                orders: 2,
                portions: 3,
                collected: 1,
                takings_cents: 2550
            }
        );
    }
}
