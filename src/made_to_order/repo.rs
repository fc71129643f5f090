//! The SQL of made-to-order requests, their photos and jobs.

use super::{Job, MadeToOrderRequest, Settings, Step, ValidRequest};
use sqlx::SqliteConnection;

pub async fn settings(conn: &mut SqliteConnection) -> Result<Settings, sqlx::Error> {
    let lead_days: i64 =
        sqlx::query_scalar("SELECT lead_days FROM made_to_order_settings WHERE id = 1")
            .fetch_one(conn)
            .await?;
    Ok(Settings { lead_days })
}

pub async fn save_settings(
    conn: &mut SqliteConnection,
    settings: &Settings,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE made_to_order_settings SET lead_days = ? WHERE id = 1")
        .bind(settings.lead_days)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn id_by_token(
    conn: &mut SqliteConnection,
    token_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM made_to_order_request WHERE token_hash = ?")
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
        "SELECT count(*) FROM made_to_order_request
         WHERE client_key = ? AND created_at > ? - 86400",
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
    pub partner_id: Option<i64>,
    pub client_key: Option<&'a str>,
    pub now: i64,
}

pub async fn insert(conn: &mut SqliteConnection, new: &NewRequest<'_>) -> Result<i64, sqlx::Error> {
    let r = new.request;
    sqlx::query_scalar(
        "INSERT INTO made_to_order_request (reference, token_hash, kind, organisation, siret,
             partner_id, contact_name, email, phone, description, quantity, wished_day,
             budget_cents, consent_at, client_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?14, ?14)
         RETURNING id",
    )
    .bind(new.reference)
    .bind(new.token_hash)
    .bind(&r.kind)
    .bind(&r.organisation)
    .bind(&r.siret)
    .bind(new.partner_id)
    .bind(&r.contact_name)
    .bind(&r.email)
    .bind(&r.phone)
    .bind(&r.description)
    .bind(r.quantity)
    .bind(&r.wished_day)
    .bind(r.budget_cents)
    .bind(new.now)
    .bind(new.client_key)
    .fetch_one(conn)
    .await
}

pub async fn insert_photo(
    conn: &mut SqliteConnection,
    request_id: i64,
    photo: &crate::alterations::photo::StoredPhoto,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO made_to_order_photo (request_id, jpeg, width, height) VALUES (?, ?, ?, ?)",
    )
    .bind(request_id)
    .bind(&photo.jpeg)
    .bind(photo.width)
    .bind(photo.height)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn photo(
    db: impl sqlx::SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<Vec<u8>>, sqlx::Error> {
    sqlx::query_scalar("SELECT jpeg FROM made_to_order_photo WHERE id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    reference: String,
    status: String,
    kind: String,
    organisation: String,
    siret: Option<String>,
    partner_id: Option<i64>,
    contact_name: String,
    email: String,
    phone: String,
    description: String,
    quantity: i64,
    wished_day: Option<String>,
    budget_cents: Option<i64>,
    created_at: i64,
    erased_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    quote_id: i64,
    status: String,
    created_at: i64,
    started_at: Option<i64>,
    ready_at: Option<i64>,
    delivered_at: Option<i64>,
}

impl From<JobRow> for Job {
    fn from(r: JobRow) -> Job {
        Job {
            id: r.id,
            quote_id: r.quote_id,
            step: Step::parse(&r.status).unwrap_or(Step::ToStart),
            created_at: r.created_at,
            started_at: r.started_at,
            ready_at: r.ready_at,
            delivered_at: r.delivered_at,
        }
    }
}

const SELECT: &str = "SELECT id, reference, status, kind, organisation, siret, partner_id,
        contact_name, email, phone, description, quantity, wished_day, budget_cents, created_at,
        erased_at
    FROM made_to_order_request";

async fn complete(conn: &mut SqliteConnection, r: Row) -> Result<MadeToOrderRequest, sqlx::Error> {
    let photos: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM made_to_order_photo WHERE request_id = ? ORDER BY id")
            .bind(r.id)
            .fetch_all(&mut *conn)
            .await?;
    let job: Option<JobRow> = sqlx::query_as(
        "SELECT id, quote_id, status, created_at, started_at, ready_at, delivered_at
         FROM made_to_order_job WHERE request_id = ?",
    )
    .bind(r.id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(MadeToOrderRequest {
        id: r.id,
        reference: r.reference,
        status: r.status,
        kind: r.kind,
        organisation: r.organisation,
        siret: r.siret,
        partner_id: r.partner_id,
        contact_name: r.contact_name,
        email: r.email,
        phone: r.phone,
        description: r.description,
        quantity: r.quantity,
        wished_day: r.wished_day,
        budget_cents: r.budget_cents,
        photos,
        job: job.map(Job::from),
        created_at: r.created_at,
        erased: r.erased_at.is_some(),
    })
}

pub async fn find(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<MadeToOrderRequest>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(complete(conn, row).await?)),
        None => Ok(None),
    }
}

/// The staff's list: open requests and jobs not delivered first, oldest first; then the rest,
/// latest first.
pub async fn list(conn: &mut SqliteConnection) -> Result<Vec<MadeToOrderRequest>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} r WHERE 1 ORDER BY
             (status = 'requested' AND coalesce((SELECT j.status FROM made_to_order_job j
                 WHERE j.request_id = r.id), '') <> 'delivered') DESC,
             CASE WHEN status = 'requested' THEN created_at END,
             created_at DESC
         LIMIT 200"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut requests = Vec::with_capacity(rows.len());
    for row in rows {
        requests.push(complete(conn, row).await?);
    }
    Ok(requests)
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
        "UPDATE made_to_order_request SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
    )
    .bind(to)
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The job an accepted quote becomes (once: a request has one job).
pub async fn create_job(
    conn: &mut SqliteConnection,
    request_id: i64,
    quote_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO made_to_order_job (request_id, quote_id, created_at) VALUES (?, ?, ?)
         ON CONFLICT (request_id) DO NOTHING",
    )
    .bind(request_id)
    .bind(quote_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE made_to_order_request SET updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(request_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Moves a job from `from` to `to`, stamping the step's time; false when it was not in `from`.
pub async fn advance_job(
    conn: &mut SqliteConnection,
    id: i64,
    from: Step,
    to: Step,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // The column is one of three literals chosen here, never input.
    let stamp = match to {
        Step::InProduction => "started_at",
        Step::Ready => "ready_at",
        Step::Delivered | Step::ToStart => "delivered_at",
    };
    let result = sqlx::query(&format!(
        "UPDATE made_to_order_job SET status = ?, {stamp} = ? WHERE id = ? AND status = ?"
    ))
    .bind(to.as_str())
    .bind(now)
    .bind(id)
    .bind(from.as_str())
    .execute(&mut *conn)
    .await?;
    if result.rows_affected() == 1 {
        sqlx::query(
            "UPDATE made_to_order_request SET updated_at = ?
             WHERE id = (SELECT request_id FROM made_to_order_job WHERE id = ?)",
        )
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    }
    Ok(result.rows_affected() == 1)
}

/// Jobs created (quotes accepted) between two instants: a key figure.
pub async fn jobs_between(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM made_to_order_job WHERE created_at >= ? AND created_at < ?",
    )
    .bind(from)
    .bind(to)
    .fetch_one(conn)
    .await
}
