//! A participant's shifts and absences, for their own download and their erasure (src/privacy).
//! Shifts stay under the pseudonym (hours are employment records); what an absence said about
//! the person's health or life goes.

use sqlx::SqliteConnection;

/// Every shift and absence of `person_id`, as JSON arrays.
pub async fn rows_of(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<(serde_json::Value, serde_json::Value), sqlx::Error> {
    let shifts: String = sqlx::query_scalar(
        "SELECT json_group_array(json_object(
                    'shift_id', s.id, 'sector', s.sector_slug, 'starts_at', s.starts_at,
                    'ends_at', s.ends_at, 'place', s.place, 'confirmed_at', a.confirmed_at,
                    'attendance', a.attendance, 'assigned_at', a.created_at))
         FROM (SELECT * FROM assignment WHERE person_id = ? ORDER BY id) a
         JOIN shift s ON s.id = a.shift_id",
    )
    .bind(person_id)
    .fetch_one(&mut *conn)
    .await?;
    let absences: String = sqlx::query_scalar(
        "SELECT json_group_array(json_object(
                    'shift_id', a.shift_id, 'reason', b.reason, 'details', b.details,
                    'status', b.status, 'declared_at', b.declared_at, 'decided_at', b.decided_at))
         FROM (SELECT * FROM absence ORDER BY id) b
         JOIN assignment a ON a.id = b.assignment_id WHERE a.person_id = ?",
    )
    .bind(person_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok((json(&shifts), json(&absences)))
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or(serde_json::Value::Null)
}

/// What a participant's erasure did to their planning.
pub struct Scrubbed {
    /// Shifts worked or planned: kept under the pseudonym (hours are employment records).
    pub shifts_kept: u64,
    /// Absences whose reason and details were deleted (their dates and decision stay).
    pub absences_scrubbed: u64,
    /// The private calendar link, deleted.
    pub calendar_links_deleted: u64,
}

pub async fn scrub_person(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<Scrubbed, sqlx::Error> {
    let absences_scrubbed = sqlx::query(
        "UPDATE absence SET reason = 'other', details = ''
         WHERE assignment_id IN (SELECT id FROM assignment WHERE person_id = ?)
           AND (reason <> 'other' OR details <> '')",
    )
    .bind(person_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let shifts: i64 = sqlx::query_scalar("SELECT count(*) FROM assignment WHERE person_id = ?")
        .bind(person_id)
        .fetch_one(&mut *conn)
        .await?;
    let calendar_links_deleted = sqlx::query("DELETE FROM calendar_feed WHERE person_id = ?")
        .bind(person_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(Scrubbed {
        shifts_kept: u64::try_from(shifts).unwrap_or(0),
        absences_scrubbed,
        calendar_links_deleted,
    })
}
