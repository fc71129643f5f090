//! The SQL of campaigns, slots and bookings. Capacity is checked by the database's triggers and
//! CHECK constraint (see the migration); callers map their errors with [`refusal_key`].

use super::{Attendance, Campaign, NewSlot, SheetBooking, Slot};
use sqlx::{SqliteConnection, SqliteExecutor};

#[derive(sqlx::FromRow)]
struct CampaignRow {
    id: i64,
    slug: String,
    title: String,
    partner_id: Option<i64>,
    partner_name: Option<String>,
    description: String,
    place: String,
    opens_at: i64,
    closes_at: i64,
    invite_code: Option<String>,
    max_garments: i64,
    closed_at: Option<i64>,
}

impl From<CampaignRow> for Campaign {
    fn from(r: CampaignRow) -> Self {
        Campaign {
            id: r.id,
            slug: r.slug,
            title: r.title,
            partner_id: r.partner_id,
            partner_name: r.partner_name,
            description: r.description,
            place: r.place,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            invite_code: r.invite_code,
            max_garments: r.max_garments,
            closed_at: r.closed_at,
        }
    }
}

const CAMPAIGN_COLUMNS: &str = "c.id, c.slug, c.title, c.partner_id, p.name AS partner_name,
    c.description, c.place, c.opens_at, c.closes_at, c.invite_code, c.max_garments, c.closed_at
    FROM campaign c LEFT JOIN partner p ON p.id = c.partner_id";

pub async fn list_campaigns(db: impl SqliteExecutor<'_>) -> Result<Vec<Campaign>, sqlx::Error> {
    let sql = format!("SELECT {CAMPAIGN_COLUMNS} ORDER BY c.opens_at DESC, c.id DESC");
    let rows: Vec<CampaignRow> = sqlx::query_as(&sql).fetch_all(db).await?;
    Ok(rows.into_iter().map(Campaign::from).collect())
}

pub async fn find_campaign(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<Campaign>, sqlx::Error> {
    let sql = format!("SELECT {CAMPAIGN_COLUMNS} WHERE c.id = ?");
    let row: Option<CampaignRow> = sqlx::query_as(&sql).bind(id).fetch_optional(db).await?;
    Ok(row.map(Campaign::from))
}

pub async fn find_campaign_by_slug(
    db: impl SqliteExecutor<'_>,
    slug: &str,
) -> Result<Option<Campaign>, sqlx::Error> {
    let sql = format!("SELECT {CAMPAIGN_COLUMNS} WHERE c.slug = ?");
    let row: Option<CampaignRow> = sqlx::query_as(&sql).bind(slug).fetch_optional(db).await?;
    Ok(row.map(Campaign::from))
}

/// The campaign whose invite code this is; `normalized` as `campaigns::normalize_code` makes
/// it (capitals, no spaces or dashes), compared with the stored code made the same way.
pub async fn find_campaign_by_code(
    db: impl SqliteExecutor<'_>,
    normalized: &str,
) -> Result<Option<Campaign>, sqlx::Error> {
    let sql = format!(
        "SELECT {CAMPAIGN_COLUMNS}
         WHERE upper(replace(replace(c.invite_code, '-', ''), ' ', '')) = ? AND c.closed_at IS NULL
         ORDER BY c.closes_at DESC LIMIT 1"
    );
    let row: Option<CampaignRow> = sqlx::query_as(&sql)
        .bind(normalized)
        .fetch_optional(db)
        .await?;
    Ok(row.map(Campaign::from))
}

pub async fn slug_taken(db: impl SqliteExecutor<'_>, slug: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM campaign WHERE slug = ?)")
        .bind(slug)
        .fetch_one(db)
        .await
}

/// The fields staff edit.
pub struct CampaignFields<'a> {
    pub title: &'a str,
    pub partner_id: Option<i64>,
    pub description: &'a str,
    pub place: &'a str,
    pub opens_at: i64,
    pub closes_at: i64,
    pub invite_code: Option<&'a str>,
    pub max_garments: i64,
}

pub async fn insert_campaign(
    conn: &mut SqliteConnection,
    slug: &str,
    f: &CampaignFields<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO campaign (slug, title, partner_id, description, place, opens_at, closes_at,
             invite_code, max_garments, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(slug)
    .bind(f.title)
    .bind(f.partner_id)
    .bind(f.description)
    .bind(f.place)
    .bind(f.opens_at)
    .bind(f.closes_at)
    .bind(f.invite_code)
    .bind(f.max_garments)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn update_campaign(
    conn: &mut SqliteConnection,
    id: i64,
    f: &CampaignFields<'_>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE campaign SET title = ?, partner_id = ?, description = ?, place = ?, opens_at = ?,
             closes_at = ?, invite_code = ?, max_garments = ?
         WHERE id = ?",
    )
    .bind(f.title)
    .bind(f.partner_id)
    .bind(f.description)
    .bind(f.place)
    .bind(f.opens_at)
    .bind(f.closes_at)
    .bind(f.invite_code)
    .bind(f.max_garments)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Closes a campaign early; false if unknown or already closed.
pub async fn close_campaign(
    conn: &mut SqliteConnection,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result =
        sqlx::query("UPDATE campaign SET closed_at = ? WHERE id = ? AND closed_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(conn)
            .await?;
    Ok(result.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct SlotRow {
    id: i64,
    starts_at: i64,
    ends_at: i64,
    capacity: i64,
    booked: i64,
    closed: bool,
}

impl From<SlotRow> for Slot {
    fn from(r: SlotRow) -> Self {
        Slot {
            id: r.id,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            capacity: r.capacity,
            booked: r.booked,
            closed: r.closed,
        }
    }
}

/// The slots of a campaign ending after `from`, in time order.
pub async fn list_slots(
    db: impl SqliteExecutor<'_>,
    campaign_id: i64,
    from: i64,
) -> Result<Vec<Slot>, sqlx::Error> {
    let rows: Vec<SlotRow> = sqlx::query_as(
        "SELECT id, starts_at, ends_at, capacity, booked, closed FROM campaign_slot
         WHERE campaign_id = ? AND ends_at > ? ORDER BY starts_at",
    )
    .bind(campaign_id)
    .bind(from)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Slot::from).collect())
}

/// A slot and the campaign it belongs to.
pub async fn find_slot(
    db: impl SqliteExecutor<'_>,
    slot_id: i64,
) -> Result<Option<(i64, Slot)>, sqlx::Error> {
    let row: Option<(i64, i64, i64, i64, i64, i64, bool)> = sqlx::query_as(
        "SELECT campaign_id, id, starts_at, ends_at, capacity, booked, closed FROM campaign_slot
         WHERE id = ?",
    )
    .bind(slot_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(
        |(campaign_id, id, starts_at, ends_at, capacity, booked, closed)| {
            (
                campaign_id,
                Slot {
                    id,
                    starts_at,
                    ends_at,
                    capacity,
                    booked,
                    closed,
                },
            )
        },
    ))
}

/// Inserts the slots that do not exist yet (same start); returns how many were added.
pub async fn insert_slots(
    conn: &mut SqliteConnection,
    campaign_id: i64,
    slots: &[NewSlot],
    capacity: i64,
) -> Result<u64, sqlx::Error> {
    let mut added = 0;
    for (starts_at, ends_at) in slots {
        added += sqlx::query(
            "INSERT OR IGNORE INTO campaign_slot (campaign_id, starts_at, ends_at, capacity)
             VALUES (?, ?, ?, ?)",
        )
        .bind(campaign_id)
        .bind(starts_at)
        .bind(ends_at)
        .bind(capacity)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(added)
}

/// New capacity and open/closed state; the CHECK constraint refuses a capacity below the places
/// already booked.
pub async fn update_slot(
    conn: &mut SqliteConnection,
    slot_id: i64,
    capacity: i64,
    closed: bool,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE campaign_slot SET capacity = ?, closed = ? WHERE id = ?")
        .bind(capacity)
        .bind(closed)
        .bind(slot_id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

pub struct NewBooking<'a> {
    pub campaign_id: i64,
    pub slot_id: i64,
    pub reference: &'a str,
    pub token_hash: &'a str,
    pub name: &'a str,
    pub group_name: &'a str,
    pub garments: i64,
    pub contact: &'a str,
    pub client_key: Option<&'a str>,
}

/// One statement decides: the triggers refuse a closed or full slot and an address past its
/// share, the constraints a second active booking for the contact or a replayed form (its link,
/// derived from the form's key, exists already).
pub async fn insert_booking(
    conn: &mut SqliteConnection,
    b: &NewBooking<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO campaign_booking (campaign_id, slot_id, reference, token_hash,
             name, group_name, garments, contact, client_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(b.campaign_id)
    .bind(b.slot_id)
    .bind(b.reference)
    .bind(b.token_hash)
    .bind(b.name)
    .bind(b.group_name)
    .bind(b.garments)
    .bind(b.contact)
    .bind(b.client_key)
    .bind(now)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// What a booking decides on, read in one query (one round trip to a reader instead of three on
/// the rush's hot path): the booking a replayed key already made, the campaign, and the slot if
/// it belongs to that campaign.
pub struct BookingContext {
    pub replayed: Option<String>,
    pub campaign: Option<Campaign>,
    pub slot: Option<Slot>,
}

#[derive(sqlx::FromRow)]
struct BookingContextRow {
    replayed: Option<String>,
    id: Option<i64>,
    slug: Option<String>,
    title: Option<String>,
    partner_id: Option<i64>,
    partner_name: Option<String>,
    description: Option<String>,
    place: Option<String>,
    opens_at: Option<i64>,
    closes_at: Option<i64>,
    invite_code: Option<String>,
    max_garments: Option<i64>,
    closed_at: Option<i64>,
    slot_id: Option<i64>,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
    capacity: Option<i64>,
    booked: Option<i64>,
    slot_closed: Option<bool>,
}

pub async fn booking_context(
    db: impl SqliteExecutor<'_>,
    token_hash: &str,
    slug: &str,
    slot_id: Option<i64>,
) -> Result<BookingContext, sqlx::Error> {
    // One row always (the `one` table), whatever exists: each part is NULL when missing.
    let row: BookingContextRow = sqlx::query_as(
        "SELECT (SELECT reference FROM campaign_booking WHERE token_hash = ?) AS replayed,
             c.id, c.slug, c.title, c.partner_id, p.name AS partner_name, c.description, c.place,
             c.opens_at, c.closes_at, c.invite_code, c.max_garments, c.closed_at,
             s.id AS slot_id, s.starts_at, s.ends_at, s.capacity, s.booked, s.closed AS slot_closed
         FROM (SELECT 1) AS one
         LEFT JOIN campaign c ON c.slug = ?
         LEFT JOIN partner p ON p.id = c.partner_id
         LEFT JOIN campaign_slot s ON s.id = ? AND s.campaign_id = c.id",
    )
    .bind(token_hash)
    .bind(slug)
    .bind(slot_id)
    .fetch_one(db)
    .await?;
    let campaign = match (row.id, row.slug, row.title, row.description, row.place) {
        (Some(id), Some(slug), Some(title), Some(description), Some(place)) => Some(Campaign {
            id,
            slug,
            title,
            partner_id: row.partner_id,
            partner_name: row.partner_name,
            description,
            place,
            opens_at: row.opens_at.unwrap_or_default(),
            closes_at: row.closes_at.unwrap_or_default(),
            invite_code: row.invite_code,
            max_garments: row.max_garments.unwrap_or_default(),
            closed_at: row.closed_at,
        }),
        _ => None,
    };
    let slot = row.slot_id.map(|id| Slot {
        id,
        starts_at: row.starts_at.unwrap_or_default(),
        ends_at: row.ends_at.unwrap_or_default(),
        capacity: row.capacity.unwrap_or_default(),
        booked: row.booked.unwrap_or_default(),
        closed: row.slot_closed.unwrap_or_default(),
    });
    Ok(BookingContext {
        replayed: row.replayed,
        campaign,
        slot,
    })
}

#[derive(sqlx::FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub campaign_id: i64,
    pub slot_id: i64,
    pub reference: String,
    pub name: String,
    pub group_name: String,
    pub garments: i64,
    pub contact: String,
    pub status: String,
    /// When its own link cancelled it (not staff): it may be undone for a few minutes.
    pub self_cancelled_at: Option<i64>,
    pub client_key: Option<String>,
}

pub async fn find_booking_by_token(
    db: impl SqliteExecutor<'_>,
    token_hash: &str,
) -> Result<Option<BookingRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, campaign_id, slot_id, reference, name, group_name, garments, contact, status,
                self_cancelled_at, client_key
         FROM campaign_booking WHERE token_hash = ?",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

/// Cancels a confirmed booking (the trigger gives its place back); false if it was not confirmed.
pub async fn cancel_booking(
    conn: &mut SqliteConnection,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE campaign_booking SET status = 'cancelled', updated_at = ?1, self_cancelled_at = ?1
         WHERE id = ?2 AND status = 'confirmed'",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Moves a confirmed booking: one statement, so the old place is given back only if the new one
/// is taken (the triggers refuse a full or closed slot and the whole statement is undone).
pub async fn move_booking(
    conn: &mut SqliteConnection,
    id: i64,
    slot_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE campaign_booking SET slot_id = ?, updated_at = ?
         WHERE id = ? AND status = 'confirmed'",
    )
    .bind(slot_id)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct SheetRow {
    slot_id: i64,
    id: i64,
    reference: String,
    name: String,
    group_name: String,
    garments: i64,
    contact: String,
    attendance: String,
}

/// The confirmed bookings of a campaign's slots starting in [from, to), by slot then name:
/// (slot_id, booking).
pub async fn sheet_bookings(
    db: impl SqliteExecutor<'_>,
    campaign_id: i64,
    from: i64,
    to: i64,
) -> Result<Vec<(i64, SheetBooking)>, sqlx::Error> {
    let rows: Vec<SheetRow> = sqlx::query_as(
        "SELECT b.slot_id, b.id, b.reference, b.name, b.group_name, b.garments, b.contact,
                b.attendance
         FROM campaign_booking b JOIN campaign_slot s ON s.id = b.slot_id
         WHERE b.campaign_id = ? AND b.status = 'confirmed' AND s.starts_at >= ? AND s.starts_at < ?
         ORDER BY s.starts_at, b.name COLLATE NOCASE, b.id",
    )
    .bind(campaign_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.slot_id,
                SheetBooking {
                    id: r.id,
                    reference: r.reference,
                    name: r.name,
                    group_name: r.group_name,
                    garments: r.garments,
                    contact: r.contact,
                    attendance: Attendance::parse(&r.attendance).unwrap_or(Attendance::Expected),
                },
            )
        })
        .collect())
}

/// The slots of a campaign starting in [from, to).
pub async fn slots_between(
    db: impl SqliteExecutor<'_>,
    campaign_id: i64,
    from: i64,
    to: i64,
) -> Result<Vec<Slot>, sqlx::Error> {
    let rows: Vec<SlotRow> = sqlx::query_as(
        "SELECT id, starts_at, ends_at, capacity, booked, closed FROM campaign_slot
         WHERE campaign_id = ? AND starts_at >= ? AND starts_at < ? ORDER BY starts_at",
    )
    .bind(campaign_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Slot::from).collect())
}

/// Sets a confirmed booking's attendance; returns its campaign, or None if unknown.
pub async fn set_attendance(
    conn: &mut SqliteConnection,
    booking_id: i64,
    attendance: Attendance,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE campaign_booking SET attendance = ?, updated_at = ?
         WHERE id = ? AND status = 'confirmed' RETURNING campaign_id",
    )
    .bind(attendance.as_str())
    .bind(now)
    .bind(booking_id)
    .fetch_optional(conn)
    .await
}

/// The starting time of the slot of a booking (to send staff back to the right day sheet).
pub async fn booking_slot_start(
    db: impl SqliteExecutor<'_>,
    booking_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT s.starts_at FROM campaign_booking b JOIN campaign_slot s ON s.id = b.slot_id
         WHERE b.id = ?",
    )
    .bind(booking_id)
    .fetch_optional(db)
    .await
}

/// The addresses (pseudonymous keys) holding at least `min` confirmed bookings of a campaign,
/// most first. Reads the partial index `campaign_booking_client` (migration 11).
pub async fn list_bursts(
    db: impl SqliteExecutor<'_>,
    campaign_id: i64,
    min: i64,
) -> Result<Vec<super::BookingBurst>, sqlx::Error> {
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT client_key, count(*), min(created_at), max(created_at) FROM campaign_booking
         WHERE campaign_id = ? AND client_key IS NOT NULL AND status = 'confirmed'
         GROUP BY client_key HAVING count(*) >= ?
         ORDER BY count(*) DESC, client_key",
    )
    .bind(campaign_id)
    .bind(min)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(client_key, bookings, first_at, last_at)| super::BookingBurst {
                client_key,
                bookings,
                first_at,
                last_at,
            },
        )
        .collect())
}

/// Cancels the confirmed bookings of a campaign made from one address up to `until` (what staff
/// saw: a booking made since is not cancelled unseen). The triggers give the places back.
/// Returns how many were cancelled.
pub async fn cancel_burst(
    conn: &mut SqliteConnection,
    campaign_id: i64,
    client_key: &str,
    until: i64,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE campaign_booking SET status = 'cancelled', updated_at = ?
         WHERE campaign_id = ? AND client_key = ? AND status = 'confirmed' AND created_at <= ?",
    )
    .bind(now)
    .bind(campaign_id)
    .bind(client_key)
    .bind(until)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// Confirms again a booking its own link cancelled (the triggers take its place back, the CHECK
/// refuses a full slot); false if it was not so cancelled.
pub async fn restore_booking(
    conn: &mut SqliteConnection,
    id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE campaign_booking SET status = 'confirmed', updated_at = ?, self_cancelled_at = NULL
         WHERE id = ? AND status = 'cancelled' AND self_cancelled_at IS NOT NULL
           AND erased_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The app's error key for a refusal raised by the database (triggers and constraints), if the
/// error is one of those.
pub fn refusal_key(error: &sqlx::Error) -> Option<&'static str> {
    let db = error.as_database_error()?;
    let message = db.message();
    for key in [
        "slot_full",
        "slot_closed",
        "slot_unknown",
        "address_share_campaign",
    ] {
        if message.contains(key) {
            return Some(key);
        }
    }
    // SQLite names the columns of the UNIQUE index that refused: "UNIQUE constraint failed:
    // campaign_booking.campaign_id, campaign_booking.contact" is the one active booking per
    // contact (`campaign_booking_one_per_contact`), not any other UNIQUE.
    if db.is_unique_violation() {
        if message.contains("campaign_booking.token_hash") {
            return Some("replayed");
        }
        if message.contains("campaign_booking.contact") {
            return Some("booking_exists");
        }
        if message.contains("campaign_booking.reference") {
            return Some("reference_taken");
        }
    }
    // The CHECK behind the triggers: booked never above capacity.
    if db.is_check_violation() && message.contains("booked") {
        return Some("slot_full");
    }
    None
}
