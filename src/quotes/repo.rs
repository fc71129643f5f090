//! The SQL of quotes, their lines and the seller's mentions.

use super::{Line, Seller, Status, Subject};
use sqlx::SqliteConnection;

pub async fn seller(conn: &mut SqliteConnection) -> Result<Seller, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, legal_form, address, siret, vat_note, penalty_rate, payment_terms
         FROM seller WHERE id = 1",
    )
    .fetch_one(conn)
    .await
}

pub async fn save_seller(conn: &mut SqliteConnection, s: &Seller) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE seller SET name = ?, legal_form = ?, address = ?, siret = ?, vat_note = ?,
                penalty_rate = ?, payment_terms = ? WHERE id = 1",
    )
    .bind(&s.name)
    .bind(&s.legal_form)
    .bind(&s.address)
    .bind(&s.siret)
    .bind(&s.vat_note)
    .bind(&s.penalty_rate)
    .bind(&s.payment_terms)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuoteRow {
    pub id: i64,
    pub number: String,
    pub catering_request_id: Option<i64>,
    pub made_to_order_request_id: Option<i64>,
    pub version: i64,
    pub status: String,
    pub valid_until: String,
    pub discount_bp: i64,
    pub deposit_cents: i64,
    pub payment_terms: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub answered_at: Option<i64>,
    pub answer_channel: Option<String>,
    pub answer_name: Option<String>,
    pub answer_reason: Option<String>,
    pub accepted_copy: Option<String>,
}

impl QuoteRow {
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Cancelled)
    }

    /// The request it answers (the table's CHECK holds exactly one of the two ids).
    pub fn subject(&self) -> Subject {
        match (self.catering_request_id, self.made_to_order_request_id) {
            (Some(id), _) => Subject::Catering(id),
            (None, id) => Subject::MadeToOrder(id.unwrap_or_default()),
        }
    }
}

const SELECT: &str = "SELECT id, number, catering_request_id, made_to_order_request_id, version, status, valid_until,
        discount_bp, deposit_cents, payment_terms, created_at, sent_at, answered_at,
        answer_channel, answer_name, answer_reason, accepted_copy
    FROM quote";

pub async fn find(conn: &mut SqliteConnection, id: i64) -> Result<Option<QuoteRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The column that holds a subject's id.
fn column(subject: Subject) -> &'static str {
    match subject {
        Subject::Catering(_) => "catering_request_id",
        Subject::MadeToOrder(_) => "made_to_order_request_id",
    }
}

/// The versions of a request's quotes, newest first.
pub async fn of_request(
    conn: &mut SqliteConnection,
    subject: Subject,
) -> Result<Vec<QuoteRow>, sqlx::Error> {
    // `column` is one of two literals, never input.
    sqlx::query_as(&format!(
        "{SELECT} WHERE {} = ? ORDER BY version DESC",
        column(subject)
    ))
    .bind(subject.id())
    .fetch_all(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct LineRow {
    id: i64,
    designation: String,
    quantity: i64,
    unit: String,
    unit_price_cents: i64,
    vat_bp: i64,
}

/// A quote's lines in order, with their ids.
pub async fn lines(
    conn: &mut SqliteConnection,
    quote_id: i64,
) -> Result<Vec<(i64, Line)>, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(
        "SELECT id, designation, quantity, unit, unit_price_cents, vat_bp FROM quote_line
         WHERE quote_id = ? ORDER BY id",
    )
    .bind(quote_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.id,
                Line {
                    designation: r.designation,
                    quantity: r.quantity,
                    unit: r.unit,
                    unit_price_cents: r.unit_price_cents,
                    vat_bp: r.vat_bp,
                },
            )
        })
        .collect())
}

pub async fn insert_line(
    conn: &mut SqliteConnection,
    quote_id: i64,
    line: &Line,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO quote_line (quote_id, designation, quantity, unit, unit_price_cents, vat_bp)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(quote_id)
    .bind(&line.designation)
    .bind(line.quantity)
    .bind(&line.unit)
    .bind(line.unit_price_cents)
    .bind(line.vat_bp)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_line(
    conn: &mut SqliteConnection,
    quote_id: i64,
    line_id: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("DELETE FROM quote_line WHERE id = ? AND quote_id = ?")
        .bind(line_id)
        .bind(quote_id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// A new draft: the next number of `year` and the request's next version.
pub async fn insert_draft(
    conn: &mut SqliteConnection,
    subject: Subject,
    year: i64,
    valid_until: &str,
    payment_terms: &str,
    actor_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let seq: i64 = sqlx::query_scalar("SELECT coalesce(max(seq), 0) + 1 FROM quote WHERE year = ?")
        .bind(year)
        .fetch_one(&mut *conn)
        .await?;
    let column = column(subject);
    let version: i64 = sqlx::query_scalar(&format!(
        "SELECT coalesce(max(version), 0) + 1 FROM quote WHERE {column} = ?"
    ))
    .bind(subject.id())
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query_scalar(&format!(
        "INSERT INTO quote (number, year, seq, {column}, version, valid_until,
             payment_terms, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
    ))
    .bind(format!("DEV-{year}-{seq:04}"))
    .bind(year)
    .bind(seq)
    .bind(subject.id())
    .bind(version)
    .bind(valid_until)
    .bind(payment_terms)
    .bind(actor_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn save_terms(
    conn: &mut SqliteConnection,
    id: i64,
    valid_until: &str,
    discount_bp: i64,
    deposit_cents: i64,
    payment_terms: &str,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE quote SET valid_until = ?, discount_bp = ?, deposit_cents = ?, payment_terms = ?
         WHERE id = ? AND status = 'draft'",
    )
    .bind(valid_until)
    .bind(discount_bp)
    .bind(deposit_cents)
    .bind(payment_terms)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Moves a quote from `from` to `to` (and stamps `sent_at` when sent); false when it was no
/// longer in `from`.
pub async fn change_status(
    conn: &mut SqliteConnection,
    id: i64,
    from: Status,
    to: Status,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE quote SET status = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
         WHERE id = ? AND status = ?",
    )
    .bind(to.as_str())
    .bind(to.as_str())
    .bind(now)
    .bind(id)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub struct Answer<'a> {
    pub to: Status,
    pub channel: &'a str,
    pub name: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub answered_by: Option<i64>,
    pub accepted_copy: Option<&'a str>,
    pub now: i64,
}

/// Records the client's answer to a sent quote; false when it was no longer waiting.
pub async fn answer(
    conn: &mut SqliteConnection,
    id: i64,
    a: &Answer<'_>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE quote SET status = ?, answered_at = ?, answer_channel = ?, answer_name = ?,
                answer_reason = ?, answered_by = ?, accepted_copy = ?
         WHERE id = ? AND status = 'sent'",
    )
    .bind(a.to.as_str())
    .bind(a.now)
    .bind(a.channel)
    .bind(a.name)
    .bind(a.reason)
    .bind(a.answered_by)
    .bind(a.accepted_copy)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Sent quotes whose validity date is before `today` (YYYY-MM-DD) become expired.
pub async fn expire_before(conn: &mut SqliteConnection, today: &str) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query(
            "UPDATE quote SET status = 'expired' WHERE status = 'sent' AND valid_until < ?",
        )
        .bind(today)
        .execute(conn)
        .await?
        .rows_affected(),
    )
}
