//! The SQL of catering requests, formulas and settings.

use super::{CateringRequest, Diets, Formula, Settings, ValidRequest};
use crate::lunch::allergen_codes;
use sqlx::SqliteConnection;

pub async fn settings(conn: &mut SqliteConnection) -> Result<Settings, sqlx::Error> {
    let (min_covers, lead_days): (i64, i64) =
        sqlx::query_as("SELECT min_covers, lead_days FROM catering_settings WHERE id = 1")
            .fetch_one(conn)
            .await?;
    Ok(Settings {
        min_covers,
        lead_days,
    })
}

pub async fn save_settings(
    conn: &mut SqliteConnection,
    settings: &Settings,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE catering_settings SET min_covers = ?, lead_days = ? WHERE id = 1")
        .bind(settings.min_covers)
        .bind(settings.lead_days)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn formulas(conn: &mut SqliteConnection) -> Result<Vec<Formula>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, name, active FROM catering_formula ORDER BY position, id")
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, active)| Formula {
            id,
            name,
            active: active == 1,
        })
        .collect())
}

/// Adds a formula at the end of the list; `Ok(false)` when the name is taken.
pub async fn add_formula(conn: &mut SqliteConnection, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO catering_formula (name, position)
         VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM catering_formula)) RETURNING id",
    )
    .bind(name)
    .fetch_one(conn)
    .await
}

pub async fn set_formula_active(
    conn: &mut SqliteConnection,
    id: i64,
    active: bool,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE catering_formula SET active = ? WHERE id = ?")
        .bind(i64::from(active))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn id_by_token(
    conn: &mut SqliteConnection,
    token_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM catering_request WHERE token_hash = ?")
        .bind(token_hash)
        .fetch_optional(conn)
        .await
}

/// Requests sent from one connection over the 24 hours before `now`.
pub async fn sent_from(
    conn: &mut SqliteConnection,
    client_key: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM catering_request WHERE client_key = ? AND created_at > ? - 86400",
    )
    .bind(client_key)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub struct NewRequest<'a> {
    pub reference: &'a str,
    pub token_hash: &'a str,
    pub request: &'a ValidRequest,
    pub client_key: Option<&'a str>,
    pub now: i64,
}

pub async fn insert(conn: &mut SqliteConnection, new: &NewRequest<'_>) -> Result<i64, sqlx::Error> {
    let r = new.request;
    sqlx::query_scalar(
        "INSERT INTO catering_request (reference, token_hash, organisation, siret, contact_name,
             email, phone, event_day, event_time, covers, formula_id, address,
             budget_cents_per_person, vegetarian, vegan, no_pork, gluten_free, allergens, message,
             consent_at, client_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?20, ?20)
         RETURNING id",
    )
    .bind(new.reference)
    .bind(new.token_hash)
    .bind(&r.organisation)
    .bind(&r.siret)
    .bind(&r.contact_name)
    .bind(&r.email)
    .bind(&r.phone)
    .bind(&r.event_day)
    .bind(&r.event_time)
    .bind(r.covers)
    .bind(r.formula_id)
    .bind(&r.address)
    .bind(r.budget_cents_per_person)
    .bind(r.diets.vegetarian)
    .bind(r.diets.vegan)
    .bind(r.diets.no_pork)
    .bind(r.diets.gluten_free)
    .bind(r.allergens)
    .bind(&r.message)
    .bind(new.now)
    .bind(new.client_key)
    .fetch_one(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    reference: String,
    status: String,
    organisation: String,
    siret: Option<String>,
    contact_name: String,
    email: String,
    phone: String,
    event_day: String,
    event_time: String,
    covers: i64,
    formula: String,
    address: Option<String>,
    budget_cents_per_person: Option<i64>,
    vegetarian: i64,
    vegan: i64,
    no_pork: i64,
    gluten_free: i64,
    allergens: i64,
    message: String,
    created_at: i64,
    erased_at: Option<i64>,
}

impl From<Row> for CateringRequest {
    fn from(r: Row) -> CateringRequest {
        CateringRequest {
            id: r.id,
            reference: r.reference,
            status: r.status,
            organisation: r.organisation,
            siret: r.siret,
            contact_name: r.contact_name,
            email: r.email,
            phone: r.phone,
            event_day: r.event_day,
            event_time: r.event_time,
            covers: r.covers,
            formula: r.formula,
            address: r.address,
            budget_cents_per_person: r.budget_cents_per_person,
            diets: Diets {
                vegetarian: r.vegetarian,
                vegan: r.vegan,
                no_pork: r.no_pork,
                gluten_free: r.gluten_free,
            },
            allergens: allergen_codes(r.allergens),
            message: r.message,
            created_at: r.created_at,
            erased: r.erased_at.is_some(),
        }
    }
}

const SELECT: &str = "SELECT r.id, r.reference, r.status, r.organisation, r.siret, r.contact_name,
        r.email, r.phone, r.event_day, r.event_time, r.covers, f.name AS formula, r.address,
        r.budget_cents_per_person, r.vegetarian, r.vegan, r.no_pork, r.gluten_free, r.allergens,
        r.message, r.created_at, r.erased_at
    FROM catering_request r JOIN catering_formula f ON f.id = r.formula_id";

pub async fn find(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<CateringRequest>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE r.id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(Into::into))
}

/// The staff's list: open requests first, soonest event first; then the rest, latest first.
pub async fn list(conn: &mut SqliteConnection) -> Result<Vec<CateringRequest>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} ORDER BY r.status <> 'requested', 
             CASE WHEN r.status = 'requested' THEN r.event_day END,
             r.created_at DESC
         LIMIT 200"
    ))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Moves a request from `from` to `to`; false when it was not in `from`.
pub async fn change_status(
    conn: &mut SqliteConnection,
    id: i64,
    from: &str,
    to: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE catering_request SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
    )
    .bind(to)
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The client organisation the request is counted for.
pub async fn set_partner(
    conn: &mut SqliteConnection,
    id: i64,
    partner_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE catering_request SET partner_id = ? WHERE id = ?")
        .bind(partner_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The key figure "catering events": requests with an accepted quote whose day falls between
/// `from` and `to` (YYYY-MM-DD, both included), and their covers.
pub async fn events_between(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT count(*), coalesce(sum(covers), 0) FROM catering_request r
         WHERE r.event_day BETWEEN ? AND ?
           AND EXISTS (SELECT 1 FROM quote q WHERE q.catering_request_id = r.id
                       AND q.status = 'accepted')",
    )
    .bind(from)
    .bind(to)
    .fetch_one(conn)
    .await
}
