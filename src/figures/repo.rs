//! The SQL behind the key figures. Days are YYYY-MM-DD (both included); instants are Unix times,
//! `to` excluded. Every count reads the capability's own tables as they are: nothing is copied.

use super::Opening;
use sqlx::SqliteConnection;

/// Each pathway: entry, exit, outcome and the characteristics (in `pathway::CHARACTERISTICS`
/// order).
#[derive(Debug, sqlx::FromRow)]
pub struct PathwayFacts {
    pub entry_day: String,
    pub exit_day: Option<String>,
    pub exit_outcome: Option<String>,
    pub woman: bool,
    pub under_26: bool,
    pub over_50: bool,
    pub rsa: bool,
    pub long_term_jobseeker: bool,
    pub rqth: bool,
    pub qpv: bool,
}

impl PathwayFacts {
    pub fn characteristics(&self) -> [bool; 7] {
        [
            self.woman,
            self.under_26,
            self.over_50,
            self.rsa,
            self.long_term_jobseeker,
            self.rqth,
            self.qpv,
        ]
    }
}

pub async fn pathways(conn: &mut SqliteConnection) -> Result<Vec<PathwayFacts>, sqlx::Error> {
    sqlx::query_as(
        "SELECT entry_day, exit_day, exit_outcome, woman, under_26, over_50, rsa,
                long_term_jobseeker, rqth, qpv
         FROM pathway",
    )
    .fetch_all(conn)
    .await
}

/// People with a CAPE contract during the period.
pub async fn cape_people(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(DISTINCT person_id) FROM pathway_contract
         WHERE kind = 'cape' AND start_day <= ? AND (end_day IS NULL OR end_day >= ?)",
    )
    .bind(to)
    .bind(from)
    .fetch_one(conn)
    .await
}

/// Students received in hem campaigns (they came to their slot) and their garments.
pub async fn hem_received(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT count(*), coalesce(sum(b.garments), 0) FROM campaign_booking b
         JOIN campaign_slot s ON s.id = b.slot_id
         WHERE b.attendance IN ('came', 'done') AND s.starts_at >= ? AND s.starts_at < ?",
    )
    .bind(from)
    .bind(to)
    .fetch_one(conn)
    .await
}

pub async fn opening(conn: &mut SqliteConnection) -> Result<Opening, sqlx::Error> {
    let row: (String, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT as_of, accompanied, cape, dynamic_exits, catering_events, restaurant_services,
                client_organisations, regular_organisations
         FROM figures_opening WHERE id = 1",
    )
    .fetch_one(conn)
    .await?;
    Ok(Opening {
        as_of: row.0,
        accompanied: row.1,
        cape: row.2,
        dynamic_exits: row.3,
        catering_events: row.4,
        restaurant_services: row.5,
        client_organisations: row.6,
        regular_organisations: row.7,
    })
}

pub async fn save_opening(
    conn: &mut SqliteConnection,
    o: &Opening,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE figures_opening SET as_of = ?, accompanied = ?, cape = ?, dynamic_exits = ?,
                catering_events = ?, restaurant_services = ?, client_organisations = ?,
                regular_organisations = ?, updated_at = ?
         WHERE id = 1",
    )
    .bind(&o.as_of)
    .bind(o.accompanied)
    .bind(o.cape)
    .bind(o.dynamic_exits)
    .bind(o.catering_events)
    .bind(o.restaurant_services)
    .bind(o.client_organisations)
    .bind(o.regular_organisations)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

// --- What the charts bucket by month (and the period's totals add up) ---

/// Attended minutes of each shift starting in the period: (start, minutes).
pub async fn worked(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.starts_at, count(*) * (s.ends_at - s.starts_at) / 60 FROM shift s
         JOIN assignment a ON a.shift_id = s.id AND a.attendance = 'attended'
         WHERE s.starts_at >= ? AND s.starts_at < ?
         GROUP BY s.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
}

/// Portions served per restaurant day held in the period (days with an order not cancelled).
pub async fn meals(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.day, sum(l.quantity) FROM lunch_service s
         JOIN lunch_order o ON o.service_id = s.id AND o.status <> 'cancelled'
         JOIN lunch_order_line l ON l.order_id = o.id
         WHERE s.day BETWEEN ? AND ?
         GROUP BY s.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
}

/// When each alteration request collected in the period was collected.
pub async fn collected(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT max(at) FROM alteration_event WHERE status = 'collected' AND at >= ? AND at < ?
         GROUP BY request_id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
}

/// The day and covers of each catering event of the period (a request with an accepted quote).
pub async fn catering_events(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.event_day, r.covers FROM catering_request r
         WHERE r.event_day BETWEEN ? AND ?
           AND EXISTS (SELECT 1 FROM quote q WHERE q.catering_request_id = r.id
                       AND q.status = 'accepted')",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
}
