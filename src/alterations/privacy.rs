//! What an alteration request holds about its sender, for "Vos données" (src/privacy): the
//! holder of the private link sees it and erases it; the purge scrubs it a year after the
//! request is over, and deletes the photos three months after the garment is collected.

use super::{Decision, Status, next_status, repo};
use crate::{
    accounts::{
        audit,
        token::{hash_token, is_well_formed},
    },
    error::AppError,
    privacy::{Field, LinkData, LinkKind},
    server::{AppState, now},
};
use sqlx::SqliteConnection;

#[derive(sqlx::FromRow)]
struct Held {
    id: i64,
    reference: String,
    status: String,
    contact_name: String,
    phone: Option<String>,
    email: Option<String>,
    decline_reason: Option<String>,
    dropoff_date: String,
    estimated_cents: i64,
    confirmed_cents: Option<i64>,
    partner: Option<String>,
    photos: i64,
    erased_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct Garment {
    quantity: i64,
    service: String,
    note: String,
}

async fn held(conn: &mut SqliteConnection, token: &str) -> Result<Held, AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    sqlx::query_as(
        "SELECT r.id, r.reference, r.status, r.contact_name, r.phone, r.email, r.decline_reason,
                r.dropoff_date, r.estimated_cents, r.confirmed_cents, p.name AS partner,
                (SELECT count(*) FROM alteration_photo f JOIN alteration_item i ON i.id = f.item_id
                 WHERE i.request_id = r.id) AS photos,
                r.erased_at
         FROM alteration_request r LEFT JOIN partner p ON p.id = r.partner_id
         WHERE r.token_hash = ?",
    )
    .bind(hash_token(token))
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// Garments still at the coop: erasing the contact would leave nobody to give them back to.
fn erase_refusal(status: &str) -> Option<&'static str> {
    matches!(status, "dropped_off" | "in_progress" | "ready").then_some("erase_garments_here")
}

fn to_come(status: &str) -> bool {
    matches!(status, "requested" | "accepted")
}

pub async fn link_data(state: &AppState, token: &str) -> Result<LinkData, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let held = held(&mut conn, token).await?;
    let garments: Vec<Garment> = sqlx::query_as(
        "SELECT i.quantity, s.name AS service, i.note FROM alteration_item i
         JOIN alteration_service s ON s.id = i.service_id WHERE i.request_id = ? ORDER BY i.id",
    )
    .bind(held.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut personal = vec![Field::new("name", &held.contact_name)];
    personal.extend(held.phone.iter().map(|p| Field::new("phone", p)));
    personal.extend(held.email.iter().map(|e| Field::new("email", e)));
    personal.extend(
        garments
            .iter()
            .filter(|g| !g.note.is_empty())
            .map(|g| Field::new("note", &g.note)),
    );
    personal.extend(
        held.decline_reason
            .iter()
            .map(|r| Field::new("decline_reason", r)),
    );
    let mut record = vec![
        Field::new("status", &held.status),
        Field::new("dropoff_date", &held.dropoff_date),
        Field::new("estimated_cents", held.estimated_cents),
    ];
    record.extend(
        held.confirmed_cents
            .map(|c| Field::new("confirmed_cents", c)),
    );
    record.extend(held.partner.iter().map(|p| Field::new("partner", p)));
    record.extend(
        garments
            .iter()
            .map(|g| Field::new("garment", format!("{} × {}", g.quantity, g.service))),
    );
    Ok(LinkData {
        kind: LinkKind::Alteration,
        reference: held.reference,
        erased_at: held.erased_at,
        personal,
        record,
        photos: u32::try_from(held.photos).unwrap_or(u32::MAX),
        erase_cancels: to_come(&held.status),
        erase_refusal: erase_refusal(&held.status).map(str::to_owned),
    })
}

/// Cancels the request if it is still to come, then scrubs the contact, the notes and the
/// photos. One transaction; a second erasure changes nothing.
pub async fn erase(state: &AppState, token: &str) -> Result<(), AppError> {
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let held = held(&mut tx, token).await?;
    if let Some(key) = erase_refusal(&held.status) {
        return Err(AppError::Conflict(key.into()));
    }
    if to_come(&held.status) {
        let from = repo::status_of_request(&mut *tx, held.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let to: Status =
            next_status(from, Decision::Cancel).map_err(|key| AppError::Conflict(key.into()))?;
        repo::change_status(&mut tx, held.id, from, to, &Default::default(), None, now).await?;
    }
    if scrub(&mut tx, held.id, now).await? {
        audit::record_unattended(&mut tx, "erase", "alteration_request", held.id, None).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn scrub(conn: &mut SqliteConnection, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    delete_photos(conn, "i.request_id = ?", id).await?;
    sqlx::query("UPDATE alteration_item SET note = '' WHERE request_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let result = sqlx::query(
        "UPDATE alteration_request SET contact_name = '', phone = NULL, email = NULL,
                decline_reason = NULL, client_key = NULL, erased_at = ?
         WHERE id = ? AND erased_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

async fn delete_photos(
    conn: &mut SqliteConnection,
    which: &str,
    value: i64,
) -> Result<u64, sqlx::Error> {
    // `which` is one of this file's literal conditions on `i` (the item), never input.
    let sql = format!(
        "DELETE FROM alteration_photo WHERE item_id IN (
             SELECT i.id FROM alteration_item i JOIN alteration_request r ON r.id = i.request_id
             WHERE {which})"
    );
    Ok(sqlx::query(&sql)
        .bind(value)
        .execute(conn)
        .await?
        .rows_affected())
}

/// When a request was over: its last status change, for the closed statuses.
const CLOSED_AT: &str = "(SELECT max(e.at) FROM alteration_event e WHERE e.request_id = r.id)";

/// Deletes the photos of requests closed (collected, declined, cancelled) before `before`.
pub async fn purge_photos(conn: &mut SqliteConnection, before: i64) -> Result<u64, sqlx::Error> {
    delete_photos(
        conn,
        &format!(
            "r.status IN ('collected', 'declined', 'cancelled')
             AND coalesce({CLOSED_AT}, r.updated_at) < ?"
        ),
        before,
    )
    .await
}

/// Scrubs the requests closed before `before`: the garments, services and prices stay.
pub async fn purge(conn: &mut SqliteConnection, before: i64, now: i64) -> Result<u64, sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT r.id FROM alteration_request r
         WHERE r.erased_at IS NULL AND r.status IN ('collected', 'declined', 'cancelled')
           AND coalesce({CLOSED_AT}, r.updated_at) < ?"
    ))
    .bind(before)
    .fetch_all(&mut *conn)
    .await?;
    let mut scrubbed = 0;
    for id in ids {
        scrubbed += u64::from(scrub(conn, id, now).await?);
    }
    Ok(scrubbed)
}
