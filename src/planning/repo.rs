//! SQL of the planning, nothing else. Reads and writes take a connection: readers pass one from
//! the reader pool, decisions the connection of their write transaction.

use super::{
    Absence, AbsenceRequest, Assignee, Attendance, Candidate, Sector, Shift, ShiftForm, WorkedShift,
};
use sqlx::SqliteConnection;

// --- Sectors ---

#[derive(sqlx::FromRow)]
struct SectorRow {
    slug: String,
    name: String,
    pictogram: String,
    active: bool,
}

impl From<SectorRow> for Sector {
    fn from(r: SectorRow) -> Self {
        Sector {
            slug: r.slug,
            name: r.name,
            pictogram: r.pictogram,
            active: r.active,
        }
    }
}

pub async fn list_sectors(conn: &mut SqliteConnection) -> Result<Vec<Sector>, sqlx::Error> {
    let rows: Vec<SectorRow> =
        sqlx::query_as("SELECT slug, name, pictogram, active FROM sector ORDER BY position")
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn find_sector(
    conn: &mut SqliteConnection,
    slug: &str,
) -> Result<Option<Sector>, sqlx::Error> {
    let row: Option<SectorRow> =
        sqlx::query_as("SELECT slug, name, pictogram, active FROM sector WHERE slug = ?")
            .bind(slug)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(Into::into))
}

pub async fn insert_sector(
    conn: &mut SqliteConnection,
    slug: &str,
    name: &str,
    pictogram: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sector (slug, name, pictogram, position)
         VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM sector))",
    )
    .bind(slug)
    .bind(name)
    .bind(pictogram)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update_sector(
    conn: &mut SqliteConnection,
    slug: &str,
    name: &str,
    pictogram: &str,
    active: bool,
) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE sector SET name = ?, pictogram = ?, active = ? WHERE slug = ?")
            .bind(name)
            .bind(pictogram)
            .bind(active)
            .bind(slug)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

// --- Shifts ---

/// Shift columns with their sector and how many places are filled (expected or came).
const SHIFT_SELECT: &str = "SELECT sh.id, sh.starts_at, sh.ends_at, sh.places, sh.place, sh.note,
        s.slug, s.name, s.pictogram, s.active,
        (SELECT count(*) FROM assignment a WHERE a.shift_id = sh.id
            AND (a.attendance IS NULL OR a.attendance = 'attended')) AS filled
    FROM shift sh JOIN sector s ON s.slug = sh.sector_slug";

#[derive(sqlx::FromRow)]
struct ShiftRow {
    id: i64,
    starts_at: i64,
    ends_at: i64,
    places: i64,
    place: String,
    note: String,
    slug: String,
    name: String,
    pictogram: String,
    active: bool,
    filled: i64,
}

impl From<ShiftRow> for Shift {
    fn from(r: ShiftRow) -> Self {
        Shift {
            id: r.id,
            sector: Sector {
                slug: r.slug,
                name: r.name,
                pictogram: r.pictogram,
                active: r.active,
            },
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            places: r.places,
            place: r.place,
            note: r.note,
            filled: r.filled,
        }
    }
}

/// Shifts starting in [from, to), in order.
pub async fn shifts_between(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<Vec<Shift>, sqlx::Error> {
    let rows: Vec<ShiftRow> = sqlx::query_as(&format!(
        "{SHIFT_SELECT} WHERE sh.starts_at >= ? AND sh.starts_at < ? ORDER BY sh.starts_at, s.position, sh.id"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn shift(conn: &mut SqliteConnection, id: i64) -> Result<Option<Shift>, sqlx::Error> {
    let row: Option<ShiftRow> = sqlx::query_as(&format!("{SHIFT_SELECT} WHERE sh.id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(Into::into))
}

pub async fn insert_shift(
    conn: &mut SqliteConnection,
    form: &ShiftForm,
    // None: made by the app itself (an accepted catering quote).
    actor_id: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id = sqlx::query(
        "INSERT INTO shift (sector_slug, starts_at, ends_at, places, place, note, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&form.sector)
    .bind(form.starts_at)
    .bind(form.ends_at)
    .bind(form.places)
    .bind(&form.place)
    .bind(&form.note)
    .bind(actor_id)
    .bind(now)
    .execute(conn)
    .await?
    .last_insert_rowid();
    Ok(id)
}

pub async fn update_shift(
    conn: &mut SqliteConnection,
    id: i64,
    places: i64,
    place: &str,
    note: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE shift SET places = ?, place = ?, note = ? WHERE id = ?")
        .bind(places)
        .bind(place)
        .bind(note)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_shift(conn: &mut SqliteConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM shift WHERE id = ?")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn count_assignments(
    conn: &mut SqliteConnection,
    shift_id: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM assignment WHERE shift_id = ?")
        .bind(shift_id)
        .fetch_one(conn)
        .await
}

/// The people on a shift (with their latest absence declaration), by name.
pub async fn assignees(
    conn: &mut SqliteConnection,
    shift_id: i64,
) -> Result<Vec<Assignee>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        person_id: i64,
        name: String,
        confirmed_at: Option<i64>,
        attendance: Option<String>,
        #[sqlx(flatten)]
        absence: AbsenceRow,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT a.id, a.person_id, p.first_name || ' ' || p.last_name AS name, a.confirmed_at,
                a.attendance, {ABSENCE_COLUMNS}
         FROM assignment a JOIN person p ON p.id = a.person_id
         {LATEST_ABSENCE}
         WHERE a.shift_id = ? ORDER BY p.first_name, p.last_name"
    ))
    .bind(shift_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Assignee {
            assignment_id: r.id,
            person_id: r.person_id,
            name: r.name,
            confirmed: r.confirmed_at.is_some(),
            attendance: r.attendance.as_deref().and_then(Attendance::parse),
            absence: r.absence.into(),
        })
        .collect())
}

/// Active participants not on the shift yet; those of its sector first.
pub async fn candidates(
    conn: &mut SqliteConnection,
    shift_id: i64,
    sector: &str,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let rows: Vec<(i64, String, bool)> = sqlx::query_as(
        "SELECT p.id, p.first_name || ' ' || p.last_name,
                EXISTS (SELECT 1 FROM person_sector ps WHERE ps.person_id = p.id AND ps.sector_slug = ?) AS in_sector
         FROM person p
         WHERE p.role = 'participant' AND p.active = 1
           AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.shift_id = ? AND a.person_id = p.id)
         ORDER BY in_sector DESC, p.first_name, p.last_name",
    )
    .bind(sector)
    .bind(shift_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(person_id, name, in_sector)| Candidate {
            person_id,
            name,
            in_sector,
        })
        .collect())
}

// --- Assignments ---

/// An assignment with what the rules need of its shift and person.
#[derive(sqlx::FromRow)]
pub struct AssignmentRow {
    pub id: i64,
    pub shift_id: i64,
    pub person_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub attendance: Option<String>,
}

pub async fn assignment(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<AssignmentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.shift_id, a.person_id, sh.starts_at, sh.ends_at, a.attendance
         FROM assignment a JOIN shift sh ON sh.id = a.shift_id WHERE a.id = ?",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Whether the person is on another shift overlapping [starts_at, ends_at).
pub async fn has_overlap(
    conn: &mut SqliteConnection,
    person_id: i64,
    starts_at: i64,
    ends_at: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM assignment a JOIN shift sh ON sh.id = a.shift_id
                        WHERE a.person_id = ? AND sh.starts_at < ? AND ? < sh.ends_at)",
    )
    .bind(person_id)
    .bind(ends_at)
    .bind(starts_at)
    .fetch_one(conn)
    .await
}

/// (role, active) of a person.
pub async fn person_status(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<Option<(String, bool)>, sqlx::Error> {
    sqlx::query_as("SELECT role, active FROM person WHERE id = ?")
        .bind(person_id)
        .fetch_optional(conn)
        .await
}

pub async fn person_name(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT first_name || ' ' || last_name FROM person WHERE id = ? AND role = 'participant'",
    )
    .bind(person_id)
    .fetch_optional(conn)
    .await
}

pub async fn insert_assignment(
    conn: &mut SqliteConnection,
    shift_id: i64,
    person_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    Ok(
        sqlx::query("INSERT INTO assignment (shift_id, person_id, created_at) VALUES (?, ?, ?)")
            .bind(shift_id)
            .bind(person_id)
            .bind(now)
            .execute(conn)
            .await?
            .last_insert_rowid(),
    )
}

pub async fn delete_assignment(conn: &mut SqliteConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM assignment WHERE id = ?")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_attendance(
    conn: &mut SqliteConnection,
    id: i64,
    attendance: Option<Attendance>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE assignment SET attendance = ? WHERE id = ?")
        .bind(attendance.map(Attendance::as_str))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks the presence confirmed (the first confirmation's time is kept).
pub async fn confirm(conn: &mut SqliteConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE assignment SET confirmed_at = coalesce(confirmed_at, ?) WHERE id = ?")
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A participant's shifts starting in [from, to), with their latest absence declaration.
pub async fn person_shifts(
    conn: &mut SqliteConnection,
    person_id: i64,
    from: i64,
    to: i64,
) -> Result<Vec<(i64, Shift, bool, Option<Attendance>, Option<Absence>)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        assignment_id: i64,
        confirmed_at: Option<i64>,
        attendance: Option<String>,
        #[sqlx(flatten)]
        shift: ShiftRow,
        #[sqlx(flatten)]
        absence: AbsenceRow,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT a.id AS assignment_id, a.confirmed_at, a.attendance, {ABSENCE_COLUMNS}, x.*
         FROM assignment a
         JOIN ({SHIFT_SELECT}) x ON x.id = a.shift_id
         {LATEST_ABSENCE}
         WHERE a.person_id = ? AND x.starts_at >= ? AND x.starts_at < ?
         ORDER BY x.starts_at"
    ))
    .bind(person_id)
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.assignment_id,
                r.shift.into(),
                r.confirmed_at.is_some(),
                r.attendance.as_deref().and_then(Attendance::parse),
                r.absence.into(),
            )
        })
        .collect())
}

// --- Absences ---

const ABSENCE_COLUMNS: &str = "ab.id AS absence_id, ab.reason AS absence_reason,
    ab.details AS absence_details, ab.status AS absence_status, ab.declared_at AS absence_declared_at";

/// Joins `ab`, the latest declaration of assignment `a`.
const LATEST_ABSENCE: &str = "LEFT JOIN absence ab ON ab.id =
    (SELECT max(id) FROM absence WHERE assignment_id = a.id)";

#[derive(sqlx::FromRow)]
struct AbsenceRow {
    absence_id: Option<i64>,
    absence_reason: Option<String>,
    absence_details: Option<String>,
    absence_status: Option<String>,
    absence_declared_at: Option<i64>,
}

impl From<AbsenceRow> for Option<Absence> {
    fn from(r: AbsenceRow) -> Self {
        Some(Absence {
            id: r.absence_id?,
            reason: r.absence_reason?,
            details: r.absence_details.unwrap_or_default(),
            status: r.absence_status?,
            declared_at: r.absence_declared_at?,
        })
    }
}

/// The declaration made with this key (hashed), and its assignment.
pub async fn absence_by_key(
    conn: &mut SqliteConnection,
    key_hash: &str,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT id, assignment_id FROM absence WHERE key_hash = ?")
        .bind(key_hash)
        .fetch_optional(conn)
        .await
}

/// Whether a declaration for this assignment is pending or approved.
pub async fn has_open_absence(
    conn: &mut SqliteConnection,
    assignment_id: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM absence WHERE assignment_id = ? AND status IN ('pending', 'approved'))",
    )
    .bind(assignment_id)
    .fetch_one(conn)
    .await
}

pub async fn insert_absence(
    conn: &mut SqliteConnection,
    assignment_id: i64,
    reason: &str,
    details: &str,
    key_hash: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO absence (assignment_id, reason, details, key_hash, declared_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(assignment_id)
    .bind(reason)
    .bind(details)
    .bind(key_hash)
    .bind(now)
    .execute(conn)
    .await?
    .last_insert_rowid())
}

/// Declarations, pending ones first then the latest decided, with their person and shift.
pub async fn absences(
    conn: &mut SqliteConnection,
    limit: i64,
) -> Result<Vec<AbsenceRequest>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        person_id: i64,
        person_name: String,
        #[sqlx(flatten)]
        shift: ShiftRow,
        #[sqlx(flatten)]
        absence: AbsenceRow,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT a.person_id, p.first_name || ' ' || p.last_name AS person_name, {ABSENCE_COLUMNS}, x.*
         FROM absence ab
         JOIN assignment a ON a.id = ab.assignment_id
         JOIN person p ON p.id = a.person_id
         JOIN ({SHIFT_SELECT}) x ON x.id = a.shift_id
         ORDER BY ab.status = 'pending' DESC, CASE WHEN ab.status = 'pending' THEN x.starts_at END,
                  coalesce(ab.decided_at, ab.declared_at) DESC
         LIMIT ?"
    ))
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(AbsenceRequest {
                absence: Option::<Absence>::from(r.absence)?,
                person_id: r.person_id,
                name: r.person_name,
                shift: r.shift.into(),
            })
        })
        .collect())
}

pub async fn count_pending_absences(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM absence WHERE status = 'pending'")
        .fetch_one(conn)
        .await
}

/// (assignment id, status) of a declaration.
pub async fn absence(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT assignment_id, status FROM absence WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Decides a pending declaration; 0 rows when it was decided meanwhile.
pub async fn decide_absence(
    conn: &mut SqliteConnection,
    id: i64,
    status: &str,
    actor_id: i64,
    now: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE absence SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'",
    )
    .bind(status)
    .bind(actor_id)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?
    .rows_affected())
}

// --- Hours ---

/// Every assignment of shifts starting in [from, to), for the hours of that month.
pub async fn worked_shifts(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<Vec<WorkedShift>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT a.person_id, p.first_name || ' ' || p.last_name, sh.starts_at, sh.ends_at, a.attendance
         FROM assignment a JOIN shift sh ON sh.id = a.shift_id JOIN person p ON p.id = a.person_id
         WHERE sh.starts_at >= ? AND sh.starts_at < ? ORDER BY sh.starts_at",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(person_id, name, starts_at, ends_at, attendance)| WorkedShift {
                person_id,
                name,
                starts_at,
                ends_at,
                attendance: attendance.as_deref().and_then(Attendance::parse),
            },
        )
        .collect())
}

// --- Calendar feeds ---

pub async fn feed_since(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT created_at FROM calendar_feed WHERE person_id = ?")
        .bind(person_id)
        .fetch_optional(conn)
        .await
}

/// Issues (or re-issues, replacing the old one) a person's feed token.
pub async fn replace_feed(
    conn: &mut SqliteConnection,
    person_id: i64,
    token_hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO calendar_feed (person_id, token_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
    )
    .bind(person_id)
    .bind(token_hash)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_feed(conn: &mut SqliteConnection, person_id: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM calendar_feed WHERE person_id = ?")
        .bind(person_id)
        .execute(conn)
        .await?
        .rows_affected())
}

/// The person whose feed has this token (hashed), if it was not revoked.
pub async fn feed_person(
    conn: &mut SqliteConnection,
    token_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT person_id FROM calendar_feed WHERE token_hash = ?")
        .bind(token_hash)
        .fetch_optional(conn)
        .await
}
