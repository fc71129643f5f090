//! What a hem-slot booking holds about the student, for "Vos données" (src/privacy): the holder
//! of the private link sees it and erases it; the purge scrubs it a year after the slot. The
//! class and the number of garments stay, without a name, for the school's figures.

use super::repo;
use crate::{
    accounts::{
        audit,
        token::{hash_token, is_well_formed},
    },
    error::AppError,
    privacy::{Field, LinkData, LinkKind},
    server::{AppState, now},
    ui::time::format_paris,
};
use sqlx::SqliteConnection;

struct Held {
    booking: repo::BookingRow,
    campaign_title: String,
    starts_at: i64,
    ends_at: i64,
    attendance: String,
    erased_at: Option<i64>,
}

async fn held(conn: &mut SqliteConnection, token: &str) -> Result<Held, AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let booking = repo::find_booking_by_token(&mut *conn, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let (campaign_title, starts_at, ends_at, attendance, erased_at): (
        String,
        i64,
        i64,
        String,
        Option<i64>,
    ) = sqlx::query_as(
        "SELECT c.title, s.starts_at, s.ends_at, b.attendance, b.erased_at
         FROM campaign_booking b JOIN campaign c ON c.id = b.campaign_id
         JOIN campaign_slot s ON s.id = b.slot_id WHERE b.id = ?",
    )
    .bind(booking.id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Held {
        booking,
        campaign_title,
        starts_at,
        ends_at,
        attendance,
        erased_at,
    })
}

impl Held {
    fn to_come(&self, now: i64) -> bool {
        self.booking.status == "confirmed" && now < self.starts_at
    }

    /// During the slot the day sheet needs the name.
    fn erase_refusal(&self, now: i64) -> Option<&'static str> {
        (self.booking.status == "confirmed" && self.starts_at <= now && now < self.ends_at)
            .then_some("erase_after_slot")
    }
}

pub async fn link_data(state: &AppState, token: &str) -> Result<LinkData, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let held = held(&mut conn, token).await?;
    let now = now();
    let b = &held.booking;
    Ok(LinkData {
        kind: LinkKind::HemBooking,
        reference: b.reference.clone(),
        erased_at: held.erased_at,
        personal: vec![
            Field::new("name", &b.name),
            Field::new("contact", &b.contact),
        ],
        record: vec![
            Field::new("campaign", &held.campaign_title),
            Field::new("slot", format_paris(held.starts_at)),
            Field::new("group", &b.group_name),
            Field::new("garments", b.garments),
            Field::new("status", &b.status),
            Field::new("attendance", &held.attendance),
        ],
        photos: 0,
        erase_cancels: held.to_come(now),
        erase_refusal: held.erase_refusal(now).map(str::to_owned),
    })
}

/// Cancels the booking if its slot is to come (its place goes back), then scrubs the name and
/// contact. One transaction; a second erasure changes nothing.
pub async fn erase(state: &AppState, token: &str) -> Result<(), AppError> {
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let held = held(&mut tx, token).await?;
    if let Some(key) = held.erase_refusal(now) {
        return Err(AppError::Conflict(key.into()));
    }
    let cancelled =
        held.to_come(now) && repo::cancel_booking(&mut tx, held.booking.id, now).await?;
    if scrub(&mut tx, "id = ?", held.booking.id, now).await? == 1 {
        audit::record_unattended(&mut tx, "erase", "campaign_booking", held.booking.id, None)
            .await?;
    }
    tx.commit().await?;
    if cancelled {
        state.campaign_shares.forget(held.booking.campaign_id);
    }
    Ok(())
}

async fn scrub(
    conn: &mut SqliteConnection,
    which: &str,
    value: i64,
    now: i64,
) -> Result<u64, sqlx::Error> {
    // `which` is one of this file's two literal conditions, never input.
    let sql = format!(
        "UPDATE campaign_booking SET name = '', contact = '', client_key = NULL,
             self_cancelled_at = NULL, erased_at = ?
         WHERE erased_at IS NULL AND {which}"
    );
    Ok(sqlx::query(&sql)
        .bind(now)
        .bind(value)
        .execute(conn)
        .await?
        .rows_affected())
}

/// Scrubs the bookings whose slot ended before `before` (cancelled ones included).
pub async fn purge(conn: &mut SqliteConnection, before: i64, now: i64) -> Result<u64, sqlx::Error> {
    scrub(
        conn,
        "slot_id IN (SELECT id FROM campaign_slot WHERE ends_at < ?)",
        before,
        now,
    )
    .await
}
