//! What a lunch order holds about its customer, for "Vos données" (src/privacy): the holder of
//! the private link sees it and erases it; the purge scrubs it a year after the service.

use super::{LunchOrder, repo, service};
use crate::{
    accounts::{
        audit,
        token::{hash_token, is_well_formed},
    },
    error::AppError,
    privacy::{Field, LinkData, LinkKind},
    server::{AppState, now},
    ui::time::paris_hhmm,
};
use sqlx::SqliteConnection;

pub async fn link_data(state: &AppState, token: &str) -> Result<LinkData, AppError> {
    let order = service::order_by_token(state, token).await?;
    let erased_at: Option<i64> =
        sqlx::query_scalar("SELECT erased_at FROM lunch_order WHERE id = ?")
            .bind(order.id)
            .fetch_one(&state.db.reader)
            .await?;
    Ok(describe(&order, erased_at, now()))
}

fn describe(order: &LunchOrder, erased_at: Option<i64>, now: i64) -> LinkData {
    let mut record = vec![
        Field::new("service_day", &order.service.day),
        Field::new("pickup", paris_hhmm(order.window_starts_at)),
        Field::new("status", &order.status),
    ];
    record.extend(
        order
            .lines
            .iter()
            .map(|l| Field::new("dish", format!("{} × {}", l.quantity, l.name))),
    );
    record.push(Field::new("total_cents", order.total_cents));
    LinkData {
        kind: LinkKind::LunchOrder,
        reference: order.reference.clone(),
        erased_at,
        personal: vec![
            Field::new("name", &order.name),
            Field::new("phone", &order.phone),
        ],
        record,
        photos: 0,
        erase_cancels: order.cancellable,
        erase_refusal: erase_refusal(order, now).map(str::to_owned),
    }
}

/// An order to be handed over (past its cut-off, before the service ends) keeps the name the
/// kitchen calls out; cancellable ones are cancelled first.
fn erase_refusal(order: &LunchOrder, now: i64) -> Option<&'static str> {
    let to_hand_over = matches!(order.status.as_str(), "placed" | "ready");
    (to_hand_over && !order.cancellable && now < order.service.ends_at)
        .then_some("erase_after_service")
}

/// Cancels the order if it still may be, then scrubs the name and phone. One transaction; a
/// second erasure changes nothing.
pub async fn erase(state: &AppState, token: &str) -> Result<(), AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let id = repo::order_id_by_token(&mut tx, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let order = repo::find_order(&mut tx, id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(key) = erase_refusal(&order, now) {
        return Err(AppError::Conflict(key.into()));
    }
    if order.cancellable {
        service::release(&mut tx, &order).await?;
    }
    if scrub(&mut tx, id, now).await? {
        audit::record_unattended(&mut tx, "erase", "lunch_order", id, None).await?;
    }
    tx.commit().await?;
    if order.cancellable {
        state.lunch_menus.invalidate();
    }
    Ok(())
}

async fn scrub(conn: &mut SqliteConnection, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE lunch_order SET name = '', phone = '', client_key = NULL, erased_at = ?
         WHERE id = ? AND erased_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Scrubs the orders of services that ended before `before`; their lines and totals stay.
pub async fn purge(conn: &mut SqliteConnection, before: i64, now: i64) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE lunch_order SET name = '', phone = '', client_key = NULL, erased_at = ?
         WHERE erased_at IS NULL
           AND service_id IN (SELECT id FROM lunch_service WHERE ends_at < ?)",
    )
    .bind(now)
    .bind(before)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}
