//! A generated history of the coop, for the demo (`DEMO_HISTORY_YEARS`, two years on
//! `make run`, so the key figures and the inbox are alive) and for the benchmark of the inbox
//! and the figures (`coop-manau history --years 5 --scale large`): participants with their
//! pathways and shifts, lunch services and orders, alterations, catering events, made-to-order
//! jobs, hem operations, client organisations and the opening balance. Deterministic (a fixed
//! seed): the same command gives the same story, dated back from today.

use crate::ui::time::{format_date, local_to_utc, paris_day, weekday};
use sqlx::SqliteConnection;

/// How much history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub years: i64,
    pub participants: i64,
    pub catering_events: i64,
    pub lunch_services: i64,
    pub orders: i64,
    pub alterations: i64,
    pub jobs: i64,
    pub organisations: i64,
}

impl Scale {
    /// A believable two years of a small coop.
    pub fn demo(years: i64) -> Scale {
        Scale {
            years,
            participants: 20 * years,
            catering_events: 40 * years,
            lunch_services: 85 * years,
            orders: 1_700 * years,
            alterations: 400 * years,
            jobs: 8 * years,
            organisations: 30,
        }
    }

    /// The benchmark's: 300 participants, 2,000 catering events, 500 lunch services, 50,000
    /// orders, 20,000 alteration requests.
    pub fn large(years: i64) -> Scale {
        Scale {
            years,
            participants: 300,
            catering_events: 2_000,
            lunch_services: 500,
            orders: 50_000,
            alterations: 20_000,
            jobs: 200,
            organisations: 150,
        }
    }
}

/// xorshift64*: enough randomness for a story, the same each time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// In `0..n` (n > 0).
    fn below(&mut self, n: i64) -> i64 {
        (self.next() % n.max(1) as u64) as i64
    }

    fn chance(&mut self, percent: i64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as i64) as usize]
    }
}

const FIRST_NAMES: [&str; 24] = [
    "Fatima",
    "Mohamed",
    "Nadia",
    "Karim",
    "Aïcha",
    "Youssef",
    "Samira",
    "Rachid",
    "Leïla",
    "Mehdi",
    "Sophie",
    "Kevin",
    "Nathalie",
    "Julien",
    "Amina",
    "Bilal",
    "Céline",
    "Ibrahima",
    "Malika",
    "Thomas",
    "Zohra",
    "Sébastien",
    "Khadija",
    "Dylan",
];
const LAST_NAMES: [&str; 16] = [
    "Benali",
    "Dupont",
    "Haddad",
    "Lefebvre",
    "Mansouri",
    "Diallo",
    "Martin",
    "Bouzid",
    "Vandamme",
    "Cherif",
    "Dubois",
    "Kaci",
    "Lemaire",
    "Traoré",
    "Deschamps",
    "Amrani",
];
const ORGANISATIONS: [&str; 12] = [
    "Filature du Nord",
    "Boulangerie Lefebvre",
    "Mairie de Roubaix",
    "Interm'Aide",
    "Lycée Jean Rostand",
    "Cabinet Vandamme",
    "Maison de l'emploi",
    "Start-up Tissage 2.0",
    "Crèche Les Petits Pas",
    "Agence Nord Habitat",
    "Musée La Piscine",
    "Atelier Cœur de Lin",
];
const OUTCOMES: [(&str, i64); 8] = [
    ("cdi", 10),
    ("cdd_long", 15),
    ("business_creation", 3),
    ("cdd_short", 20),
    ("subsidised", 10),
    ("training", 17),
    ("other_inclusion", 5),
    ("other", 20),
];

struct Participant {
    id: i64,
    entry: i64,
    exit: Option<i64>,
}

/// Appends the history ending yesterday. One transaction: all of it or nothing.
pub async fn generate(
    conn: &mut SqliteConnection,
    scale: Scale,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let today = paris_day(now);
    let start = today - scale.years * 365;
    let run = now; // A suffix that keeps this run's references and keys apart.
    let at = |day: i64, hour: i64| local_to_utc(day, hour * 60);

    // Organisations: a few regular clients, many occasional ones.
    let mut organisations = Vec::new();
    for i in 0..scale.organisations {
        let name = match ORGANISATIONS.get(i as usize) {
            Some(name) => (*name).to_owned(),
            None => format!("Entreprise {} de Roubaix", i + 1),
        };
        let kind = ["company", "company", "association", "public_body", "school"][i as usize % 5];
        sqlx::query("INSERT OR IGNORE INTO partner (name, kind, created_at) VALUES (?, ?, ?)")
            .bind(&name)
            .bind(kind)
            .bind(at(start, 9))
            .execute(&mut *conn)
            .await?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM partner WHERE name = ?")
            .bind(&name)
            .fetch_one(&mut *conn)
            .await?;
        organisations.push(id);
    }
    // The first tenth order most: they are the regular ones.
    let organisation = |rng: &mut Rng| -> i64 {
        let top = (organisations.len() as i64 / 10).max(1);
        let i = if rng.chance(60) {
            rng.below(top)
        } else {
            rng.below(organisations.len() as i64)
        };
        organisations[i as usize]
    };

    // Participants and their pathways.
    let mut participants = Vec::new();
    for i in 0..scale.participants {
        let entry = start + rng.below((today - 30 - start).max(1));
        let exit = (entry < today - 180 && rng.chance(65))
            .then(|| (entry + 120 + rng.below(420)).min(today - 1));
        let first = rng.pick(&FIRST_NAMES);
        let last = rng.pick(&LAST_NAMES);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO person (role, first_name, last_name, active, created_at)
             VALUES ('participant', ?, ?, 1, ?) RETURNING id",
        )
        .bind(first)
        .bind(format!("{last} {}", i + 1))
        .bind(at(entry, 9))
        .fetch_one(&mut *conn)
        .await?;
        let woman = rng.chance(55);
        let age = rng.below(100);
        let outcome = exit.map(|_| {
            let mut roll = rng.below(100);
            OUTCOMES
                .iter()
                .find(|(_, weight)| {
                    roll -= weight;
                    roll < 0
                })
                .map_or("other", |(o, _)| o)
        });
        sqlx::query(
            "INSERT INTO pathway (person_id, entry_day, woman, under_26, over_50, rsa,
                 long_term_jobseeker, rqth, qpv, exit_day, exit_outcome, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(format_date(entry))
        .bind(woman)
        .bind(age < 20)
        .bind(age >= 85)
        .bind(rng.chance(60))
        .bind(rng.chance(50))
        .bind(rng.chance(10))
        .bind(rng.chance(70))
        .bind(exit.map(format_date))
        .bind(outcome)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        if rng.chance(90) {
            sqlx::query(
                "INSERT INTO pathway_contract (person_id, kind, start_day, end_day, weekly_minutes,
                     created_at) VALUES (?, 'cape', ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(format_date(entry))
            .bind(exit.map(format_date))
            .bind(if rng.chance(70) { 1560 } else { 1200 })
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        if rng.chance(30) {
            let day = entry + 30 + rng.below(90);
            sqlx::query(
                "INSERT INTO pathway_step (person_id, kind, title, organisation, start_day, end_day,
                     created_at) VALUES (?, 'immersion', 'Mise en situation', ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(ORGANISATIONS[rng.below(ORGANISATIONS.len() as i64) as usize])
            .bind(format_date(day))
            .bind(format_date(day + 11))
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        participants.push(Participant { id, entry, exit });
    }

    // Shifts 9:00–13:00 on weekdays, three people each at most, one shift a day each.
    for day in start..today {
        let sectors: &[&str] = match weekday(day) {
            1 | 3 => &["couture"],
            2 | 4 => &["cuisine", "conciergerie"],
            5 => &["couture", "conciergerie"],
            _ => &[],
        };
        let present: Vec<i64> = participants
            .iter()
            .filter(|p| p.entry <= day && p.exit.is_none_or(|exit| exit >= day))
            .map(|p| p.id)
            .collect();
        let mut next = rng.below(present.len().max(1) as i64) as usize;
        for sector in sectors {
            let shift: i64 = sqlx::query_scalar(
                "INSERT INTO shift (sector_slug, starts_at, ends_at, places, created_at)
                 VALUES (?, ?, ?, 4, ?) RETURNING id",
            )
            .bind(sector)
            .bind(at(day, 9))
            .bind(at(day, 13))
            .bind(at(day - 7, 9))
            .fetch_one(&mut *conn)
            .await?;
            for _ in 0..3.min(present.len() / sectors.len()) {
                let person = present[next % present.len()];
                next += 1;
                let attendance = match rng.below(100) {
                    0..=89 => "attended",
                    90..=95 => "excused",
                    _ => "unexcused",
                };
                sqlx::query(
                    "INSERT INTO assignment (shift_id, person_id, attendance, created_at)
                     VALUES (?, ?, ?, ?)",
                )
                .bind(shift)
                .bind(person)
                .bind(attendance)
                .bind(at(day - 7, 9))
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    sqlx::query(
        "UPDATE person SET active = 0 WHERE id IN (SELECT person_id FROM pathway
             WHERE exit_day IS NOT NULL) AND role = 'participant'",
    )
    .execute(&mut *conn)
    .await?;

    // Lunch: the last Tuesdays and Thursdays, with their orders.
    let mut lunch_days: Vec<i64> = (start..today)
        .rev()
        .filter(|d| matches!(weekday(*d), 2 | 4))
        .filter(|d| {
            // Never on a day the demo already has a service.
            *d < today
        })
        .take(scale.lunch_services as usize)
        .collect();
    lunch_days.reverse();
    let per_service = scale.orders / (lunch_days.len().max(1) as i64);
    let mut order_n = 0;
    for day in lunch_days {
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM lunch_service WHERE day = ?")
            .bind(format_date(day))
            .fetch_optional(&mut *conn)
            .await?;
        if taken.is_some() {
            continue;
        }
        let service: i64 = sqlx::query_scalar(
            "INSERT INTO lunch_service (day, starts_at, ends_at, cutoff_at, open, created_at)
             VALUES (?, ?, ?, ?, 0, ?) RETURNING id",
        )
        .bind(format_date(day))
        .bind(at(day, 12))
        .bind(at(day, 14))
        .bind(at(day, 10))
        .bind(at(day - 7, 9))
        .fetch_one(&mut *conn)
        .await?;
        let window: i64 = sqlx::query_scalar(
            "INSERT INTO lunch_window (service_id, starts_at, capacity) VALUES (?, ?, 200) RETURNING id",
        )
        .bind(service)
        .bind(at(day, 12))
        .fetch_one(&mut *conn)
        .await?;
        let mut dishes = Vec::new();
        for (course, name, price) in [
            ("entree", "Salade de saison", 300),
            ("plat", "Couscous aux légumes", 800),
            ("dessert", "Tarte au sucre", 300),
        ] {
            let dish: i64 = sqlx::query_scalar(
                "INSERT INTO lunch_dish (service_id, course, name, price_cents, portions)
                 VALUES (?, ?, ?, ?, 500) RETURNING id",
            )
            .bind(service)
            .bind(course)
            .bind(name)
            .bind(price)
            .fetch_one(&mut *conn)
            .await?;
            dishes.push((dish, price));
        }
        let count = (per_service * (70 + rng.below(61)) / 100).max(1);
        for _ in 0..count {
            order_n += 1;
            let status = if rng.chance(95) {
                "collected"
            } else {
                "cancelled"
            };
            let mut lines: Vec<(i64, i64, i64)> = Vec::new();
            for (i, (dish, price)) in dishes.iter().enumerate() {
                if i == 1 || rng.chance(40) {
                    lines.push((*dish, 1 + rng.below(2), *price));
                }
            }
            let total: i64 = lines.iter().map(|(_, q, p)| q * p).sum();
            let order: i64 = sqlx::query_scalar(
                "INSERT INTO lunch_order (service_id, window_id, reference, token_hash, name, phone,
                     status, total_cents, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, '06 00 00 00 00', ?, ?, ?, ?) RETURNING id",
            )
            .bind(service)
            .bind(window)
            .bind(format!("D-H{run}-{order_n}"))
            .bind(format!("history-order-{run}-{order_n}"))
            .bind(rng.pick(&FIRST_NAMES))
            .bind(status)
            .bind(total)
            .bind(at(day - 1, 18))
            .bind(at(day, 13))
            .fetch_one(&mut *conn)
            .await?;
            for (dish, quantity, price) in lines {
                sqlx::query(
                    "INSERT INTO lunch_order_line (order_id, dish_id, quantity, unit_price_cents)
                     VALUES (?, ?, ?, ?)",
                )
                .bind(order)
                .bind(dish)
                .bind(quantity)
                .bind(price)
                .execute(&mut *conn)
                .await?;
            }
        }
    }

    // Alterations: most collected, some declined or withdrawn.
    let service: Option<i64> = sqlx::query_scalar("SELECT min(id) FROM alteration_service")
        .fetch_one(&mut *conn)
        .await?;
    for n in 0..scale.alterations {
        let day = start + rng.below((today - 20 - start).max(1));
        let status = match rng.below(100) {
            0..=79 => "collected",
            80..=89 => "declined",
            _ => "cancelled",
        };
        let partner = rng.chance(15).then(|| organisation(&mut rng));
        let request: i64 = sqlx::query_scalar(
            "INSERT INTO alteration_request (reference, token_hash, status, contact_name, phone,
                 consent_at, partner_id, dropoff_date, estimated_cents, has_quote_items,
                 created_at, updated_at)
             VALUES (?, ?, ?, ?, '06 00 00 00 00', ?, ?, ?, 900, 0, ?, ?) RETURNING id",
        )
        .bind(format!("R-H{run}-{n}"))
        .bind(format!("history-alteration-{run}-{n}"))
        .bind(status)
        .bind(rng.pick(&FIRST_NAMES))
        .bind(at(day, 10))
        .bind(partner)
        .bind(format_date(day + 2))
        .bind(at(day, 10))
        .bind(at(day + 9, 16))
        .fetch_one(&mut *conn)
        .await?;
        if let Some(service) = service {
            sqlx::query(
                "INSERT INTO alteration_item (request_id, service_id, quantity, unit_cents)
                 VALUES (?, ?, 1, 900)",
            )
            .bind(request)
            .bind(service)
            .execute(&mut *conn)
            .await?;
        }
        sqlx::query(
            "INSERT INTO alteration_event (request_id, status, at) VALUES (?, 'requested', ?)",
        )
        .bind(request)
        .bind(at(day, 10))
        .execute(&mut *conn)
        .await?;
        sqlx::query("INSERT INTO alteration_event (request_id, status, at) VALUES (?, ?, ?)")
            .bind(request)
            .bind(status)
            .bind(at(day + 3 + rng.below(12), 16))
            .execute(&mut *conn)
            .await?;
    }

    // Catering events with their accepted quotes, and made-to-order jobs.
    let mut seq = std::collections::HashMap::<i64, i64>::new();
    let mut next_number =
        async |conn: &mut SqliteConnection, year: i64| -> Result<(String, i64), sqlx::Error> {
            let n = match seq.get(&year) {
                Some(n) => n + 1,
                None => {
                    sqlx::query_scalar::<_, i64>(
                        "SELECT coalesce(max(seq), 0) + 1 FROM quote WHERE year = ?",
                    )
                    .bind(year)
                    .fetch_one(conn)
                    .await?
                }
            };
            seq.insert(year, n);
            Ok((format!("DEV-{year}-{n:04}"), n))
        };
    for n in 0..scale.catering_events {
        let day = start + 15 + rng.below((today - start - 15).max(1));
        let covers = 10 + rng.below(110);
        let partner = organisation(&mut rng);
        let name: String = sqlx::query_scalar("SELECT name FROM partner WHERE id = ?")
            .bind(partner)
            .fetch_one(&mut *conn)
            .await?;
        let request: i64 = sqlx::query_scalar(
            "INSERT INTO catering_request (reference, token_hash, organisation, partner_id,
                 contact_name, email, phone, event_day, event_time, covers, formula_id,
                 consent_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, 'contact@client.example', '03 20 00 00 00', ?, '12:00', ?,
                     ?, ?, ?, ?) RETURNING id",
        )
        .bind(format!("T-H{run}-{n}"))
        .bind(format!("history-catering-{run}-{n}"))
        .bind(&name)
        .bind(partner)
        .bind(rng.pick(&FIRST_NAMES))
        .bind(format_date(day))
        .bind(covers)
        .bind(1 + rng.below(3))
        .bind(at(day - 30, 10))
        .bind(at(day - 30, 10))
        .bind(at(day - 14, 10))
        .fetch_one(&mut *conn)
        .await?;
        let year = crate::ui::time::civil(day - 25).0;
        let (number, seq_n) = next_number(&mut *conn, year).await?;
        let quote: i64 = sqlx::query_scalar(
            "INSERT INTO quote (number, year, seq, catering_request_id, version, valid_until,
                 payment_terms, created_at) VALUES (?, ?, ?, ?, 1, ?, 'À 30 jours', ?) RETURNING id",
        )
        .bind(&number)
        .bind(year)
        .bind(seq_n)
        .bind(request)
        .bind(format_date(day - 1))
        .bind(at(day - 25, 10))
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO quote_line (quote_id, designation, quantity, unit, unit_price_cents, vat_bp)
             VALUES (?, 'Buffet', ?, 'couverts', 1500, 1000)",
        )
        .bind(quote)
        .bind(covers * 100)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "UPDATE quote SET status = 'accepted', sent_at = ?, answered_at = ?,
                 answer_channel = 'purchase_order', answer_name = 'Service achats' WHERE id = ?",
        )
        .bind(at(day - 25, 11))
        .bind(at(day - 20, 11))
        .bind(quote)
        .execute(&mut *conn)
        .await?;
    }
    for n in 0..scale.jobs {
        let day = start + 30 + rng.below((today - start - 60).max(1));
        let kind = ["prototype", "mini_series", "embroidery", "pallet"][rng.below(4) as usize];
        let partner = organisation(&mut rng);
        let request: i64 = sqlx::query_scalar(
            "INSERT INTO made_to_order_request (reference, token_hash, kind, partner_id,
                 organisation, contact_name, email, phone, description, quantity, consent_at,
                 created_at, updated_at)
             VALUES (?, ?, ?, ?, (SELECT name FROM partner WHERE id = ?), ?,
                     'contact@client.example', '06 00 00 00 00', 'Commande de l''atelier', ?, ?, ?, ?)
             RETURNING id",
        )
        .bind(format!("S-H{run}-{n}"))
        .bind(format!("history-made-{run}-{n}"))
        .bind(kind)
        .bind(partner)
        .bind(partner)
        .bind(rng.pick(&FIRST_NAMES))
        .bind(1 + rng.below(40))
        .bind(at(day - 20, 10))
        .bind(at(day - 20, 10))
        .bind(at(day + 20, 10))
        .fetch_one(&mut *conn)
        .await?;
        let year = crate::ui::time::civil(day - 15).0;
        let (number, seq_n) = next_number(&mut *conn, year).await?;
        let quote: i64 = sqlx::query_scalar(
            "INSERT INTO quote (number, year, seq, made_to_order_request_id, version, status,
                 valid_until, payment_terms, created_at, sent_at, answered_at, answer_channel,
                 answer_name)
             VALUES (?, ?, ?, ?, 1, 'accepted', ?, 'À 30 jours', ?, ?, ?, 'email', 'Direction')
             RETURNING id",
        )
        .bind(&number)
        .bind(year)
        .bind(seq_n)
        .bind(request)
        .bind(format_date(day + 15))
        .bind(at(day - 15, 10))
        .bind(at(day - 15, 11))
        .bind(at(day, 10))
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO made_to_order_job (request_id, quote_id, status, created_at, started_at,
                 ready_at, delivered_at) VALUES (?, ?, 'delivered', ?, ?, ?, ?)",
        )
        .bind(request)
        .bind(quote)
        .bind(at(day, 10))
        .bind(at(day + 2, 10))
        .bind(at(day + 12, 10))
        .bind(at(day + 15, 10))
        .execute(&mut *conn)
        .await?;
    }

    // A hem operation at the end of each August: 10 slots of 8 places, most students came.
    for year_back in 0..scale.years {
        let (y, _, _) = crate::ui::time::civil(today - 365 * year_back);
        let first = crate::ui::time::days_from_civil(y, 8, 25);
        if first + 2 >= today || first < start {
            continue;
        }
        let campaign: i64 = sqlx::query_scalar(
            "INSERT INTO campaign (slug, title, partner_id, place, opens_at, closes_at,
                 max_garments, created_at)
             VALUES (?, ?, ?, 'Blanchemaille', ?, ?, 5, ?) RETURNING id",
        )
        .bind(format!("ourlets-{y}-h{run}"))
        .bind(format!("Opération ourlets {y}"))
        .bind(organisations.get(4).copied())
        .bind(at(first - 30, 9))
        .bind(at(first + 3, 18))
        .bind(at(first - 40, 9))
        .fetch_one(&mut *conn)
        .await?;
        for slot_n in 0..10 {
            let starts = at(first + slot_n / 5, 9) + (slot_n % 5) * 3600;
            let slot: i64 = sqlx::query_scalar(
                "INSERT INTO campaign_slot (campaign_id, starts_at, ends_at, capacity)
                 VALUES (?, ?, ?, 8) RETURNING id",
            )
            .bind(campaign)
            .bind(starts)
            .bind(starts + 3600)
            .fetch_one(&mut *conn)
            .await?;
            for b in 0..(5 + rng.below(4)) {
                let attendance = if rng.chance(85) { "done" } else { "no_show" };
                sqlx::query(
                    "INSERT INTO campaign_booking (campaign_id, slot_id, reference, token_hash, name,
                         group_name, garments, contact, attendance, created_at, updated_at)
                     VALUES (?, ?, ?, ?, ?, 'BTS 1', ?, ?, ?, ?, ?)",
                )
                .bind(campaign)
                .bind(slot)
                .bind(format!("O-H{run}-{y}-{slot_n}-{b}"))
                .bind(format!("history-hem-{run}-{y}-{slot_n}-{b}"))
                .bind(rng.pick(&FIRST_NAMES))
                .bind(1 + rng.below(3))
                // One booking per contact and campaign.
                .bind(format!("eleve-{slot_n}-{b}@lycee.example"))
                .bind(attendance)
                .bind(at(first - 10, 9))
                .bind(starts)
                .execute(&mut *conn)
                .await?;
            }
        }
    }

    // The figures from before: entered once by staff, as the coop reports them today.
    sqlx::query(
        "UPDATE figures_opening SET as_of = ?, accompanied = 56, cape = 52, dynamic_exits = 13,
             catering_events = 160, restaurant_services = 162, client_organisations = 61,
             regular_organisations = 18, updated_at = ? WHERE id = 1",
    )
    .bind(format_date(start))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
