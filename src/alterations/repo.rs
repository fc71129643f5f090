//! The SQL of the conciergerie: price list, requests, items, photos, history.

use super::{Estimate, Event, Item, QueueEntry, Request, Service, Status};
use sqlx::{SqliteConnection, SqliteExecutor, SqlitePool};

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: i64,
    name: String,
    description: String,
    price_cents: Option<i64>,
    turnaround_days: i64,
    active: bool,
}

impl From<ServiceRow> for Service {
    fn from(r: ServiceRow) -> Self {
        Service {
            id: r.id,
            name: r.name,
            description: r.description,
            price_cents: r.price_cents,
            turnaround_days: r.turnaround_days,
            active: r.active,
        }
    }
}

/// The price list: active services only, or all of them (staff's catalogue).
pub async fn list_services(
    db: impl SqliteExecutor<'_>,
    active_only: bool,
) -> Result<Vec<Service>, sqlx::Error> {
    let rows: Vec<ServiceRow> = sqlx::query_as(
        "SELECT id, name, description, price_cents, turnaround_days, active
         FROM alteration_service WHERE active = 1 OR ? = 0
         ORDER BY active DESC, position, name COLLATE NOCASE",
    )
    .bind(active_only)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Service::from).collect())
}

pub struct ServiceFields<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub price_cents: Option<i64>,
    pub turnaround_days: i64,
    pub active: bool,
}

pub async fn insert_service(
    conn: &mut SqliteConnection,
    s: &ServiceFields<'_>,
) -> Result<i64, sqlx::Error> {
    let result = sqlx::query(
        "INSERT INTO alteration_service (name, description, price_cents, turnaround_days, active, position)
         VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM alteration_service))",
    )
    .bind(s.name)
    .bind(s.description)
    .bind(s.price_cents)
    .bind(s.turnaround_days)
    .bind(s.active)
    .execute(conn)
    .await?;
    Ok(result.last_insert_rowid())
}

pub async fn update_service(
    conn: &mut SqliteConnection,
    id: i64,
    s: &ServiceFields<'_>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE alteration_service
         SET name = ?, description = ?, price_cents = ?, turnaround_days = ?, active = ?
         WHERE id = ?",
    )
    .bind(s.name)
    .bind(s.description)
    .bind(s.price_cents)
    .bind(s.turnaround_days)
    .bind(s.active)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The weekdays (1 = Monday) on which the conciergerie opens, from the coop's opening hours.
pub async fn open_weekdays(db: impl SqliteExecutor<'_>) -> Result<Vec<u8>, sqlx::Error> {
    let days: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT weekday FROM opening_hours WHERE service_slug = 'conciergerie' ORDER BY weekday",
    )
    .fetch_all(db)
    .await?;
    Ok(days
        .into_iter()
        .filter_map(|d| u8::try_from(d).ok())
        .collect())
}

pub async fn find_id_by_token(
    db: impl SqliteExecutor<'_>,
    token_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM alteration_request WHERE token_hash = ?")
        .bind(token_hash)
        .fetch_optional(db)
        .await
}

pub struct NewRequest<'a> {
    pub reference: &'a str,
    pub token_hash: &'a str,
    pub contact_name: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub partner_id: Option<i64>,
    pub dropoff_date: &'a str,
    pub estimate: Estimate,
    pub client_key: Option<&'a str>,
}

pub async fn insert_request(
    conn: &mut SqliteConnection,
    r: &NewRequest<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let result = sqlx::query(
        "INSERT INTO alteration_request (reference, token_hash, status, contact_name, phone, email,
             consent_at, partner_id, dropoff_date, estimated_cents, has_quote_items, client_key,
             created_at, updated_at)
         VALUES (?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(r.reference)
    .bind(r.token_hash)
    .bind(r.contact_name)
    .bind(r.phone)
    .bind(r.email)
    .bind(now)
    .bind(r.partner_id)
    .bind(r.dropoff_date)
    .bind(r.estimate.total_cents)
    .bind(r.estimate.has_quote_items)
    .bind(r.client_key)
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let id = result.last_insert_rowid();
    insert_event(conn, id, Status::Requested, None, now).await?;
    Ok(id)
}

pub async fn insert_item(
    conn: &mut SqliteConnection,
    request_id: i64,
    service_id: i64,
    quantity: u32,
    unit_cents: Option<i64>,
    note: &str,
) -> Result<i64, sqlx::Error> {
    let result = sqlx::query(
        "INSERT INTO alteration_item (request_id, service_id, quantity, unit_cents, note)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(request_id)
    .bind(service_id)
    .bind(quantity)
    .bind(unit_cents)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(result.last_insert_rowid())
}

pub async fn insert_photo(
    conn: &mut SqliteConnection,
    item_id: i64,
    photo: &super::photo::StoredPhoto,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO alteration_photo (item_id, jpeg, width, height) VALUES (?, ?, ?, ?)")
        .bind(item_id)
        .bind(&photo.jpeg)
        .bind(photo.width)
        .bind(photo.height)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_event(
    conn: &mut SqliteConnection,
    request_id: i64,
    status: Status,
    actor_id: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO alteration_event (request_id, status, at, actor_id) VALUES (?, ?, ?, ?)",
    )
    .bind(request_id)
    .bind(status.as_str())
    .bind(now)
    .bind(actor_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    reference: String,
    status: String,
    contact_name: String,
    phone: Option<String>,
    email: Option<String>,
    partner_name: Option<String>,
    dropoff_date: String,
    estimated_cents: i64,
    has_quote_items: bool,
    confirmed_cents: Option<i64>,
    decline_reason: Option<String>,
    shelf: Option<String>,
    created_at: i64,
    garments: i64,
}

fn status_of(value: &str) -> Status {
    Status::parse(value).unwrap_or(Status::Requested)
}

const REQUEST_COLUMNS: &str = "r.id, r.reference, r.status, r.contact_name, r.phone, r.email,
    p.name AS partner_name, r.dropoff_date, r.estimated_cents, r.has_quote_items,
    r.confirmed_cents, r.decline_reason, r.shelf, r.created_at,
    (SELECT coalesce(sum(quantity), 0) FROM alteration_item i WHERE i.request_id = r.id) AS garments";

/// A request with its items and history.
pub async fn load_request(db: &SqlitePool, id: i64) -> Result<Option<Request>, sqlx::Error> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM alteration_request r
         LEFT JOIN partner p ON p.id = r.partner_id WHERE r.id = ?"
    );
    let Some(row) = sqlx::query_as::<_, RequestRow>(&sql)
        .bind(id)
        .fetch_optional(db)
        .await?
    else {
        return Ok(None);
    };
    let items: Vec<(i64, String, i64, Option<i64>, String, bool)> = sqlx::query_as(
        "SELECT i.id, s.name, i.quantity, i.unit_cents, i.note,
                EXISTS (SELECT 1 FROM alteration_photo ph WHERE ph.item_id = i.id)
         FROM alteration_item i JOIN alteration_service s ON s.id = i.service_id
         WHERE i.request_id = ? ORDER BY i.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let events: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, at FROM alteration_event WHERE request_id = ? ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(Some(Request {
        id: row.id,
        reference: row.reference,
        status: status_of(&row.status),
        contact_name: row.contact_name,
        phone: row.phone,
        email: row.email,
        partner_name: row.partner_name,
        dropoff_date: row.dropoff_date,
        estimate: Estimate {
            total_cents: row.estimated_cents,
            has_quote_items: row.has_quote_items,
        },
        confirmed_cents: row.confirmed_cents,
        decline_reason: row.decline_reason,
        shelf: row.shelf,
        created_at: row.created_at,
        items: items
            .into_iter()
            .map(
                |(id, service_name, quantity, unit_cents, note, has_photo)| Item {
                    id,
                    service_name,
                    quantity,
                    unit_cents,
                    note,
                    has_photo,
                },
            )
            .collect(),
        events: events
            .into_iter()
            .map(|(status, at)| Event {
                status: status_of(&status),
                at,
            })
            .collect(),
    }))
}

fn queue_entry(row: RequestRow) -> QueueEntry {
    QueueEntry {
        id: row.id,
        reference: row.reference,
        status: status_of(&row.status),
        contact_name: row.contact_name,
        partner_name: row.partner_name,
        dropoff_date: row.dropoff_date,
        garments: row.garments,
        estimate: Estimate {
            total_cents: row.estimated_cents,
            has_quote_items: row.has_quote_items,
        },
        confirmed_cents: row.confirmed_cents,
        shelf: row.shelf,
        created_at: row.created_at,
    }
}

/// Staff's queue: requests in `status` (any when None) and for drop-off on `day` (any when
/// None), oldest first so nobody waits forever.
pub async fn queue(
    db: &SqlitePool,
    status: Option<Status>,
    day: Option<&str>,
    partner_id: Option<i64>,
) -> Result<Vec<QueueEntry>, sqlx::Error> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM alteration_request r
         LEFT JOIN partner p ON p.id = r.partner_id
         WHERE (?1 IS NULL OR r.status = ?1) AND (?2 IS NULL OR r.dropoff_date = ?2)
           AND (?3 IS NULL OR r.partner_id = ?3)
         ORDER BY r.dropoff_date, r.created_at LIMIT 500"
    );
    let rows: Vec<RequestRow> = sqlx::query_as(&sql)
        .bind(status.map(Status::as_str))
        .bind(day)
        .bind(partner_id)
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(queue_entry).collect())
}

/// How many requests are in each status (for drop-off on `day` when given).
pub async fn counts(db: &SqlitePool, day: Option<&str>) -> Result<Vec<(Status, i64)>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM alteration_request
         WHERE ?1 IS NULL OR dropoff_date = ?1 GROUP BY status",
    )
    .bind(day)
    .fetch_all(db)
    .await?;
    Ok(Status::ALL
        .into_iter()
        .map(|status| {
            let count = rows
                .iter()
                .find(|(s, _)| s == status.as_str())
                .map_or(0, |(_, n)| *n);
            (status, count)
        })
        .collect())
}

/// What a decision changes besides the status (None: left as is).
#[derive(Default)]
pub struct DecisionFields<'a> {
    pub confirmed_cents: Option<i64>,
    pub dropoff_date: Option<&'a str>,
    pub decline_reason: Option<&'a str>,
    pub shelf: Option<&'a str>,
}

/// Moves a request from `from` to `to`, only if it is still in `from` (a concurrent decision
/// wins once). True when it moved.
pub async fn change_status(
    conn: &mut SqliteConnection,
    id: i64,
    from: Status,
    to: Status,
    fields: &DecisionFields<'_>,
    actor_id: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let moved = sqlx::query(
        "UPDATE alteration_request SET status = ?, updated_at = ?,
             confirmed_cents = coalesce(?, confirmed_cents),
             dropoff_date = coalesce(?, dropoff_date),
             decline_reason = coalesce(?, decline_reason),
             shelf = coalesce(?, shelf)
         WHERE id = ? AND status = ?",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(fields.confirmed_cents)
    .bind(fields.dropoff_date)
    .bind(fields.decline_reason)
    .bind(fields.shelf)
    .bind(id)
    .bind(from.as_str())
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if moved {
        insert_event(conn, id, to, actor_id, now).await?;
    }
    Ok(moved)
}

pub async fn status_of_request(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<Status>, sqlx::Error> {
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM alteration_request WHERE id = ?")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(status.as_deref().map(status_of))
}

pub async fn photo(db: &SqlitePool, item_id: i64) -> Result<Option<Vec<u8>>, sqlx::Error> {
    sqlx::query_scalar("SELECT jpeg FROM alteration_photo WHERE item_id = ?")
        .bind(item_id)
        .fetch_optional(db)
        .await
}
