//! What a made-to-order request holds about its sender, for "Vos données" (src/privacy): the
//! holder of the private link sees it and erases it; the purge scrubs the contact three years
//! after the last contact, as for catering, and deletes the photos once the request is closed
//! for the photo period. The kind, quantity and job stay for the key figures.

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
        sqlx::query_scalar("SELECT erased_at FROM made_to_order_request WHERE id = ?")
            .bind(request.id)
            .fetch_one(&state.db.reader)
            .await?;
    let personal = vec![
        Field::new("name", &request.contact_name),
        Field::new("email", &request.email),
        Field::new("phone", &request.phone),
        Field::new("description", &request.description),
    ];
    let mut record = vec![
        Field::new("status", &request.status),
        Field::new("made_to_order_kind", &request.kind),
        Field::new("quantity", request.quantity),
    ];
    if !request.organisation.is_empty() {
        record.push(Field::new("organisation", &request.organisation));
    }
    record.extend(
        request
            .wished_day
            .iter()
            .map(|d| Field::new("wished_day", d)),
    );
    // Under way, the workshop needs the contact to hand the work over.
    let under_way = request
        .job
        .as_ref()
        .is_some_and(|job| job.step != super::Step::Delivered);
    Ok(LinkData {
        kind: LinkKind::MadeToOrder,
        reference: request.reference,
        erased_at,
        personal,
        record,
        photos: request.photos.len() as u32,
        erase_cancels: request.status == "requested" && request.job.is_none(),
        erase_refusal: under_way.then(|| "erase_made_to_order_under_way".to_owned()),
    })
}

/// Withdraws the request if it still waits for an answer, then scrubs the sender, the
/// description and the photos. Refused while a job is under way. One transaction; a second
/// erasure changes nothing.
pub async fn erase(state: &AppState, token: &str) -> Result<(), AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let id = repo::id_by_token(&mut tx, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let request = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if request
        .job
        .as_ref()
        .is_some_and(|job| job.step != super::Step::Delivered)
    {
        return Err(AppError::Conflict("erase_made_to_order_under_way".into()));
    }
    if request.job.is_none() {
        repo::change_status(&mut tx, id, "requested", "cancelled", now).await?;
    }
    if scrub(&mut tx, "id = ?", id, now).await? == 1 {
        audit::record_unattended(&mut tx, "erase", "made_to_order_request", id, None).await?;
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
    let ids: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM made_to_order_request WHERE erased_at IS NULL AND {which}"
    ))
    .bind(value)
    .fetch_all(&mut *conn)
    .await?;
    for id in &ids {
        sqlx::query(
            "UPDATE made_to_order_request SET contact_name = '', email = '', phone = '',
                    description = '', client_key = NULL, erased_at = ?
             WHERE id = ?",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        sqlx::query("DELETE FROM made_to_order_photo WHERE request_id = ?")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        // Who answered its quotes, and why, goes with the person.
        sqlx::query(
            "UPDATE quote SET answer_name = NULL, answer_reason = NULL
             WHERE made_to_order_request_id = ?",
        )
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(ids.len() as u64)
}

/// Scrubs the requests whose last contact (last change) was before `before`, unless a job is
/// still under way.
pub async fn purge(conn: &mut SqliteConnection, before: i64, now: i64) -> Result<u64, sqlx::Error> {
    scrub(
        conn,
        "updated_at < ? AND NOT EXISTS (SELECT 1 FROM made_to_order_job j
             WHERE j.request_id = made_to_order_request.id AND j.status <> 'delivered')",
        before,
        now,
    )
    .await
}

/// Deletes the photos of requests closed (withdrawn, declined or delivered) before `before`.
pub async fn purge_photos(conn: &mut SqliteConnection, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "DELETE FROM made_to_order_photo WHERE request_id IN (
             SELECT r.id FROM made_to_order_request r LEFT JOIN made_to_order_job j
                 ON j.request_id = r.id
             WHERE (r.status IN ('cancelled', 'declined') AND r.updated_at < ?1)
                OR (j.status = 'delivered' AND j.delivered_at < ?1))",
    )
    .bind(before)
    .execute(conn)
    .await?
    .rows_affected())
}
