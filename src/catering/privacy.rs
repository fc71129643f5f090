//! What a catering request holds about the company's contact person, for "Vos données"
//! (src/privacy): the holder of the private link sees it and erases it; the purge scrubs it
//! three years after the last contact (CNIL, délibération 2021-131). The organisation, the
//! date, the covers and the formula stay for the key figures.

use super::repo;
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

pub async fn link_data(state: &AppState, token: &str) -> Result<LinkData, AppError> {
    let request = super::service::by_token(state, token).await?;
    let erased_at: Option<i64> =
        sqlx::query_scalar("SELECT erased_at FROM catering_request WHERE id = ?")
            .bind(request.id)
            .fetch_one(&state.db.reader)
            .await?;
    let mut personal = vec![
        Field::new("name", &request.contact_name),
        Field::new("email", &request.email),
        Field::new("phone", &request.phone),
    ];
    if !request.message.is_empty() {
        personal.push(Field::new("message", &request.message));
    }
    let mut record = vec![
        Field::new("organisation", &request.organisation),
        Field::new("status", &request.status),
        Field::new(
            "event_day",
            format!("{} {}", request.event_day, request.event_time),
        ),
        Field::new("covers", request.covers),
        Field::new("formula", &request.formula),
    ];
    record.extend(request.address.iter().map(|a| Field::new("address", a)));
    Ok(LinkData {
        kind: LinkKind::Catering,
        reference: request.reference,
        erased_at,
        personal,
        record,
        photos: 0,
        erase_cancels: request.status == "requested",
        erase_refusal: None,
    })
}

/// Withdraws the request if it still waits for an answer, then scrubs the contact person and
/// the message. One transaction; a second erasure changes nothing.
pub async fn erase(state: &AppState, token: &str) -> Result<(), AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let id = repo::id_by_token(&mut tx, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    repo::change_status(&mut tx, id, "requested", "cancelled", now).await?;
    if scrub(&mut tx, "id = ?", id, now).await? == 1 {
        audit::record_unattended(&mut tx, "erase", "catering_request", id, None).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn scrub(
    conn: &mut SqliteConnection,
    which: &str,
    value: i64,
    now: i64,
) -> Result<u64, sqlx::Error> {
    // `which` is one of this file's literal conditions, never input.
    let sql = format!(
        "UPDATE catering_request SET contact_name = '', email = '', phone = '', message = '',
                client_key = NULL, erased_at = ?
         WHERE erased_at IS NULL AND {which}"
    );
    let scrubbed = sqlx::query(&sql)
        .bind(now)
        .bind(value)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    // Who answered its quotes, and why, goes with the contact person.
    sqlx::query(
        "UPDATE quote SET answer_name = NULL, answer_reason = NULL
         WHERE (answer_name IS NOT NULL OR answer_reason IS NOT NULL)
           AND catering_request_id IN (SELECT id FROM catering_request WHERE erased_at IS NOT NULL)",
    )
    .execute(conn)
    .await?;
    Ok(scrubbed)
}

/// Scrubs the requests whose last contact (last change) was before `before`.
pub async fn purge(conn: &mut SqliteConnection, before: i64, now: i64) -> Result<u64, sqlx::Error> {
    scrub(conn, "updated_at < ?", before, now).await
}
