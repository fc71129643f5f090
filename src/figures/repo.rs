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

/// Minutes of attended shifts starting in the period.
pub async fn minutes_worked(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT coalesce(sum(s.ends_at - s.starts_at), 0) / 60 FROM assignment a
         JOIN shift s ON s.id = a.shift_id
         WHERE a.attendance = 'attended' AND s.starts_at >= ? AND s.starts_at < ?",
    )
    .bind(from)
    .bind(to)
    .fetch_one(conn)
    .await
}

/// Alteration requests collected in the period (the day the client took the garments back).
pub async fn alterations_done(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(DISTINCT request_id) FROM alteration_event
         WHERE status = 'collected' AND at >= ? AND at < ?",
    )
    .bind(from)
    .bind(to)
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

/// Restaurant services held (past days with at least one order not cancelled) and the meals
/// served (their portions).
pub async fn restaurant(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT count(*), coalesce(sum(portions), 0) FROM lunch_service_total
         WHERE day BETWEEN ? AND ? AND orders > 0",
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
