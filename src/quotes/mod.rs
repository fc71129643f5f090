//! Quotes (devis) for catering and made-to-order requests: numbered lines, French VAT rates,
//! totals computed exactly in cents, one `next_status` for the life of a quote.
//!
//! **Rounding rule** (written once, unit-tested below): each line's amount excluding VAT is
//! quantity × unit price, rounded to the cent half away from zero; a discount is a percentage
//! applied to each VAT rate's base and rounded the same way; VAT is computed once per rate on
//! its discounted base (not line by line) and rounded the same way; the total including VAT is
//! the discounted base plus the VAT of every rate. Quantities have two decimals (2,5 h).

pub mod api;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

use serde::{Deserialize, Serialize};

/// The French VAT rates, in basis points (20 %, 10 %, 5,5 %, 2,1 %, and 0 for none).
pub const VAT_RATES: [i64; 5] = [2000, 1000, 550, 210, 0];

/// Days a quote stays valid unless staff say otherwise.
pub const DEFAULT_VALIDITY_DAYS: i64 = 30;

/// `n / d` rounded half away from zero (d > 0).
pub fn round_div(n: i128, d: i128) -> i64 {
    let q = (n.abs() + d / 2) / d;
    (if n < 0 { -q } else { q }) as i64
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub designation: String,
    /// Hundredths: 250 is 2,5.
    pub quantity: i64,
    pub unit: String,
    /// Excluding VAT.
    pub unit_price_cents: i64,
    /// Basis points, one of [`VAT_RATES`].
    pub vat_bp: i64,
}

impl Line {
    pub fn amount_cents(&self) -> i64 {
        round_div(
            i128::from(self.quantity) * i128::from(self.unit_price_cents),
            100,
        )
    }
}

/// One VAT rate's part of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatPart {
    pub rate_bp: i64,
    /// Excluding VAT, after the discount.
    pub base_cents: i64,
    pub vat_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Sum of the lines, excluding VAT, before the discount.
    pub lines_cents: i64,
    pub discount_cents: i64,
    /// Excluding VAT, after the discount.
    pub net_cents: i64,
    pub vat: Vec<VatPart>,
    pub vat_cents: i64,
    /// Including VAT.
    pub gross_cents: i64,
    pub deposit_cents: i64,
    /// What remains after the deposit.
    pub balance_cents: i64,
}

/// The totals of `lines` with a discount of `discount_bp` (basis points) and a deposit.
pub fn totals(lines: &[Line], discount_bp: i64, deposit_cents: i64) -> Totals {
    let lines_cents = lines.iter().map(Line::amount_cents).sum();
    let mut vat = Vec::new();
    let mut discount_cents = 0;
    for rate_bp in VAT_RATES {
        let before: i64 = lines
            .iter()
            .filter(|l| l.vat_bp == rate_bp)
            .map(Line::amount_cents)
            .sum();
        if !lines.iter().any(|l| l.vat_bp == rate_bp) {
            continue;
        }
        let discount = round_div(i128::from(before) * i128::from(discount_bp), 10_000);
        discount_cents += discount;
        let base_cents = before - discount;
        vat.push(VatPart {
            rate_bp,
            base_cents,
            vat_cents: round_div(i128::from(base_cents) * i128::from(rate_bp), 10_000),
        });
    }
    let net_cents = lines_cents - discount_cents;
    let vat_cents = vat.iter().map(|p| p.vat_cents).sum();
    let gross_cents = net_cents + vat_cents;
    Totals {
        lines_cents,
        discount_cents,
        net_cents,
        vat,
        vat_cents,
        gross_cents,
        deposit_cents,
        balance_cents: gross_cents - deposit_cents,
    }
}

/// "5,5 %".
pub fn format_rate(bp: i64) -> String {
    let whole = bp / 100;
    match bp % 100 {
        0 => format!("{whole} %"),
        rest if rest % 10 == 0 => format!("{whole},{} %", rest / 10),
        rest => format!("{whole},{rest:02} %"),
    }
}

/// "2,5" from hundredths.
pub fn format_quantity(hundredths: i64) -> String {
    match hundredths % 100 {
        0 => (hundredths / 100).to_string(),
        rest if rest % 10 == 0 => format!("{},{}", hundredths / 100, rest / 10),
        rest => format!("{},{rest:02}", hundredths / 100),
    }
}

/// A quantity typed by staff: `25`, `2,5`, `0.75` → hundredths (more than 0, at most 100 000).
pub fn parse_quantity(input: &str) -> Result<i64, &'static str> {
    let cleaned = input.trim().replace(',', ".");
    let (units, decimals) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if units.is_empty()
        || units.len() > 6
        || decimals.len() > 2
        || !digits(units)
        || !digits(decimals)
    {
        return Err("quote_quantity_invalid");
    }
    let value = units.parse::<i64>().map_err(|_| "quote_quantity_invalid")? * 100
        + format!("{decimals:0<2}")
            .parse::<i64>()
            .map_err(|_| "quote_quantity_invalid")?;
    if value == 0 || value > 10_000_000 {
        return Err("quote_quantity_invalid");
    }
    Ok(value)
}

/// The seller's mentions on every quote (the coop's legal details).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Seller {
    pub name: String,
    pub legal_form: String,
    pub address: String,
    pub siret: Option<String>,
    pub vat_note: String,
    pub penalty_rate: String,
    pub payment_terms: String,
}

impl Seller {
    /// A quote cannot be sent without the mentions the law asks for.
    pub fn is_complete(&self) -> bool {
        self.siret.is_some()
            && ![&self.name, &self.legal_form, &self.address, &self.vat_note]
                .iter()
                .any(|v| v.trim().is_empty())
    }
}

/// A quote as staff and the client see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteView {
    pub id: i64,
    pub number: String,
    pub version: i64,
    /// `Expired` as soon as a sent quote's date has passed, even before the hourly sweep.
    pub status: Status,
    pub valid_until: String,
    pub lines: Vec<(i64, Line)>,
    pub totals: Totals,
    pub discount_bp: i64,
    pub payment_terms: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub answered_at: Option<i64>,
    pub answer_channel: Option<String>,
    pub answer_name: Option<String>,
    pub answer_reason: Option<String>,
}

/// Everything a printed quote carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteDocument {
    pub quote: QuoteView,
    pub client: QuoteClient,
    pub seller: Seller,
}

/// The request a quote answers: a catering request or a made-to-order one (a quote row holds
/// exactly one of the two ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Catering(i64),
    MadeToOrder(i64),
}

impl Subject {
    /// The kind as the pages and forms name it.
    pub fn kind(self) -> &'static str {
        match self {
            Subject::Catering(_) => "traiteur",
            Subject::MadeToOrder(_) => "sur-mesure",
        }
    }

    pub fn parse(kind: &str, id: i64) -> Option<Subject> {
        match kind {
            "traiteur" => Some(Subject::Catering(id)),
            "sur-mesure" => Some(Subject::MadeToOrder(id)),
            _ => None,
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Subject::Catering(id) | Subject::MadeToOrder(id) => id,
        }
    }

    /// The staff's page of the request.
    pub fn staff_path(self) -> String {
        format!("/equipe/{}/{}", self.kind(), self.id())
    }

    /// The request's private link, from its token.
    pub fn link_path(self, token: &str) -> String {
        format!("/{}/demande/{token}", self.kind())
    }
}

/// Who a quote is for and what service, whichever kind of request it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteClient {
    pub subject: Subject,
    pub reference: String,
    /// The request's own status: quotes are written while it is "requested".
    pub status: String,
    /// Empty for a person asking for themself (made-to-order).
    pub organisation: String,
    pub siret: Option<String>,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    /// YYYY-MM-DD, Paris: the event's day, or the day wished (perhaps none).
    pub day: Option<String>,
    /// HH:MM (catering only).
    pub time: Option<String>,
    /// None: at Blanchemaille.
    pub address: Option<String>,
    pub service: ClientService,
}

/// What is quoted, in the words of its request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientService {
    Catering {
        covers: i64,
        formula: String,
    },
    /// `kind` is one of `made_to_order::KINDS`.
    MadeToOrder {
        kind: String,
        quantity: i64,
    },
}

/// Where a quote is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Draft,
    Sent,
    Accepted,
    Declined,
    Expired,
    Cancelled,
    /// A revision was sent in its place; it stays readable.
    Superseded,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Sent => "sent",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::Expired => "expired",
            Status::Cancelled => "cancelled",
            Status::Superseded => "superseded",
        }
    }

    pub fn parse(value: &str) -> Option<Status> {
        [
            Status::Draft,
            Status::Sent,
            Status::Accepted,
            Status::Declined,
            Status::Expired,
            Status::Cancelled,
            Status::Superseded,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// What happens to a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Send,
    Accept,
    Decline,
    /// Its validity date passed while it waited for an answer.
    Expire,
    Cancel,
    /// A revision of it was sent.
    Supersede,
}

/// The one place that says which step may follow which; refusals are error keys (409).
pub fn next_status(from: Status, event: Event) -> Result<Status, &'static str> {
    use {Event as E, Status as S};
    match (from, event) {
        (S::Draft, E::Send) => Ok(S::Sent),
        (S::Sent, E::Accept) => Ok(S::Accepted),
        (S::Sent, E::Decline) => Ok(S::Declined),
        (S::Sent, E::Expire) => Ok(S::Expired),
        (S::Sent, E::Supersede) => Ok(S::Superseded),
        (S::Draft | S::Sent, E::Cancel) => Ok(S::Cancelled),
        (S::Superseded, E::Accept | E::Decline) => Err("quote_superseded"),
        (S::Expired, E::Accept | E::Decline) => Err("quote_expired"),
        (S::Accepted | S::Declined, E::Accept | E::Decline) => Err("quote_already_answered"),
        _ => Err("quote_transition_not_allowed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: i64, unit_price_cents: i64, vat_bp: i64) -> Line {
        Line {
            designation: "x".into(),
            quantity,
            unit: "u".into(),
            unit_price_cents,
            vat_bp,
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_div(5, 10), 1);
        assert_eq!(round_div(4, 10), 0);
        assert_eq!(round_div(-5, 10), -1);
        assert_eq!(round_div(15, 10), 2);
        assert_eq!(round_div(25, 10), 3);
    }

    #[test]
    fn a_buffet_for_25_with_drinks_and_delivery() {
        // 25 buffets at 18,50 € (10 %), 25 soft drinks at 1,20 € (5,5 %), delivery 35 € (20 %).
        let lines = [
            line(2500, 1850, 1000),
            line(2500, 120, 550),
            line(100, 3500, 2000),
        ];
        let t = totals(&lines, 0, 0);
        assert_eq!(t.lines_cents, 46_250 + 3_000 + 3_500);
        assert_eq!(
            t.vat,
            vec![
                VatPart {
                    rate_bp: 2000,
                    base_cents: 3_500,
                    vat_cents: 700
                },
                VatPart {
                    rate_bp: 1000,
                    base_cents: 46_250,
                    vat_cents: 4_625
                },
                VatPart {
                    rate_bp: 550,
                    base_cents: 3_000,
                    vat_cents: 165
                },
            ]
        );
        assert_eq!(t.gross_cents, 52_750 + 700 + 4_625 + 165);
    }

    #[test]
    fn vat_is_rounded_once_per_rate_not_per_line() {
        // Three lines of 0,05 € at 5,5 %: per line 0,275 c each would round to 0 c three times;
        // on the rate's base (15 c) it is 0,825 c → 1 c.
        let lines = [line(100, 5, 550), line(100, 5, 550), line(100, 5, 550)];
        let t = totals(&lines, 0, 0);
        assert_eq!(
            t.vat,
            vec![VatPart {
                rate_bp: 550,
                base_cents: 15,
                vat_cents: 1
            }]
        );
        // 2,5 h at 33,33 €: 83,325 € → 83,33 €.
        assert_eq!(line(250, 3333, 2000).amount_cents(), 8333);
    }

    #[test]
    fn a_discount_applies_to_each_rate_and_the_deposit_leaves_a_balance() {
        let lines = [line(100, 10_001, 1000), line(100, 999, 2000)];
        let t = totals(&lines, 1000, 3_000);
        // 10 % of 100,01 € = 10,001 € → 10,00 €; of 9,99 € = 0,999 € → 1,00 €.
        assert_eq!(t.discount_cents, 1_000 + 100);
        assert_eq!(t.net_cents, 11_000 - 1_100);
        assert_eq!(
            t.vat[0],
            VatPart {
                rate_bp: 2000,
                base_cents: 899,
                vat_cents: 180
            }
        );
        assert_eq!(
            t.vat[1],
            VatPart {
                rate_bp: 1000,
                base_cents: 9_001,
                vat_cents: 900
            }
        );
        assert_eq!(t.gross_cents, 9_900 + 1_080);
        assert_eq!(t.balance_cents, t.gross_cents - 3_000);
    }

    #[test]
    fn quantities_and_rates_read_and_print_the_french_way() {
        assert_eq!(parse_quantity("25"), Ok(2500));
        assert_eq!(parse_quantity("2,5"), Ok(250));
        assert_eq!(parse_quantity("0.75"), Ok(75));
        assert_eq!(parse_quantity("0"), Err("quote_quantity_invalid"));
        assert_eq!(parse_quantity("1,234"), Err("quote_quantity_invalid"));
        assert_eq!(parse_quantity("-2"), Err("quote_quantity_invalid"));
        assert_eq!(format_quantity(250), "2,5");
        assert_eq!(format_quantity(2500), "25");
        assert_eq!(format_quantity(75), "0,75");
        assert_eq!(format_rate(550), "5,5 %");
        assert_eq!(format_rate(210), "2,1 %");
        assert_eq!(format_rate(2000), "20 %");
    }

    #[test]
    fn a_quote_is_answered_once_and_never_after_a_revision_or_its_date() {
        use {Event as E, Status as S};
        assert_eq!(next_status(S::Draft, E::Send), Ok(S::Sent));
        assert_eq!(next_status(S::Sent, E::Accept), Ok(S::Accepted));
        assert_eq!(
            next_status(S::Accepted, E::Accept),
            Err("quote_already_answered")
        );
        assert_eq!(
            next_status(S::Declined, E::Accept),
            Err("quote_already_answered")
        );
        assert_eq!(
            next_status(S::Superseded, E::Accept),
            Err("quote_superseded")
        );
        assert_eq!(next_status(S::Expired, E::Accept), Err("quote_expired"));
        assert_eq!(
            next_status(S::Draft, E::Accept),
            Err("quote_transition_not_allowed")
        );
        assert_eq!(
            next_status(S::Accepted, E::Cancel),
            Err("quote_transition_not_allowed")
        );
        for status in [
            S::Draft,
            S::Sent,
            S::Accepted,
            S::Declined,
            S::Expired,
            S::Cancelled,
            S::Superseded,
        ] {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
    }
}
