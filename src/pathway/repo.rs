//! The SQL of pathways, contracts, steps, obstacles, and the hours the planning counts.

use super::{
    CHARACTERISTICS, Contract, Obstacle, Pathway, PathwayStep, PathwaySummary, ValidContract,
    ValidEntry, ValidStep,
};
use sqlx::SqliteConnection;

#[derive(sqlx::FromRow)]
struct PathwayRow {
    person_id: i64,
    name: String,
    entry_day: Option<String>,
    woman: Option<i64>,
    under_26: Option<i64>,
    over_50: Option<i64>,
    rsa: Option<i64>,
    long_term_jobseeker: Option<i64>,
    rqth: Option<i64>,
    qpv: Option<i64>,
    exit_day: Option<String>,
    exit_outcome: Option<String>,
}

impl PathwayRow {
    fn characteristics(&self) -> Vec<String> {
        let ticked = [
            self.woman,
            self.under_26,
            self.over_50,
            self.rsa,
            self.long_term_jobseeker,
            self.rqth,
            self.qpv,
        ];
        CHARACTERISTICS
            .iter()
            .zip(ticked)
            .filter(|(_, on)| *on == Some(1))
            .map(|(c, _)| (*c).to_owned())
            .collect()
    }
}

/// Whether `person_id` is a participant (pathways are theirs only).
pub async fn is_participant(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT 1 FROM person WHERE id = ? AND role = 'participant'")
            .bind(person_id)
            .fetch_optional(conn)
            .await?
            .is_some(),
    )
}

pub async fn find(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<Option<Pathway>, sqlx::Error> {
    let row: Option<PathwayRow> = sqlx::query_as(
        "SELECT p.id AS person_id, p.first_name || ' ' || p.last_name AS name, w.entry_day,
                w.woman, w.under_26, w.over_50, w.rsa, w.long_term_jobseeker, w.rqth, w.qpv,
                w.exit_day, w.exit_outcome
         FROM person p LEFT JOIN pathway w ON w.person_id = p.id
         WHERE p.id = ? AND p.role = 'participant'",
    )
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let contracts: Vec<(i64, String, String, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT id, kind, label, start_day, end_day, weekly_minutes FROM pathway_contract
         WHERE person_id = ? ORDER BY start_day DESC, id DESC",
    )
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    let steps: Vec<(i64, String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, kind, title, organisation, start_day, end_day FROM pathway_step
         WHERE person_id = ? ORDER BY start_day DESC, id DESC",
    )
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    let obstacles: Vec<i64> =
        sqlx::query_scalar("SELECT obstacle_id FROM pathway_obstacle WHERE person_id = ?")
            .bind(person_id)
            .fetch_all(&mut *conn)
            .await?;
    let minutes_by_sector: Vec<(String, i64)> = sqlx::query_as(
        "SELECT s.sector_slug, sum(s.ends_at - s.starts_at) / 60 FROM assignment a
         JOIN shift s ON s.id = a.shift_id
         WHERE a.person_id = ? AND a.attendance = 'attended'
         GROUP BY s.sector_slug ORDER BY s.sector_slug",
    )
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    let sectors: Vec<String> = sqlx::query_scalar(
        "SELECT s.name FROM person_sector ps JOIN sector s ON s.slug = ps.sector_slug
         WHERE ps.person_id = ? ORDER BY s.position",
    )
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    let characteristics = row.characteristics();
    Ok(Some(Pathway {
        person_id: row.person_id,
        name: row.name,
        entry_day: row.entry_day,
        characteristics,
        exit_day: row.exit_day,
        exit_outcome: row.exit_outcome,
        contracts: contracts
            .into_iter()
            .map(
                |(id, kind, label, start_day, end_day, weekly_minutes)| Contract {
                    id,
                    kind,
                    label,
                    start_day,
                    end_day,
                    weekly_minutes,
                },
            )
            .collect(),
        steps: steps
            .into_iter()
            .map(
                |(id, kind, title, organisation, start_day, end_day)| PathwayStep {
                    id,
                    kind,
                    title,
                    organisation,
                    start_day,
                    end_day,
                },
            )
            .collect(),
        obstacles,
        minutes_by_sector,
        sectors,
    }))
}

/// Every participant with where their pathway stands: in progress first, by name.
pub async fn list(conn: &mut SqliteConnection) -> Result<Vec<PathwaySummary>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id AS person_id, p.first_name || ' ' || p.last_name AS name, p.active,
                w.entry_day,
                (SELECT c.kind FROM pathway_contract c WHERE c.person_id = p.id
                 ORDER BY c.start_day DESC LIMIT 1) AS contract,
                w.exit_outcome,
                coalesce((SELECT sum(s.ends_at - s.starts_at) / 60 FROM assignment a
                          JOIN shift s ON s.id = a.shift_id
                          WHERE a.person_id = p.id AND a.attendance = 'attended'), 0)
                    AS minutes_worked
         FROM person p LEFT JOIN pathway w ON w.person_id = p.id
         WHERE p.role = 'participant'
         ORDER BY w.exit_day IS NOT NULL, p.active DESC, p.last_name, p.first_name",
    )
    .fetch_all(conn)
    .await
}

/// Records the entry and the boxes ticked (creating the pathway the first time).
pub async fn save_entry(
    conn: &mut SqliteConnection,
    person_id: i64,
    entry: &ValidEntry,
    now: i64,
) -> Result<(), sqlx::Error> {
    let on = |c: &str| i64::from(entry.characteristics.contains(&c));
    sqlx::query(
        "INSERT INTO pathway (person_id, entry_day, woman, under_26, over_50, rsa,
             long_term_jobseeker, rqth, qpv, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (person_id) DO UPDATE SET entry_day = ?2, woman = ?3, under_26 = ?4,
             over_50 = ?5, rsa = ?6, long_term_jobseeker = ?7, rqth = ?8, qpv = ?9,
             updated_at = ?10",
    )
    .bind(person_id)
    .bind(&entry.entry_day)
    .bind(on("woman"))
    .bind(on("under_26"))
    .bind(on("over_50"))
    .bind(on("rsa"))
    .bind(on("long_term_jobseeker"))
    .bind(on("rqth"))
    .bind(on("qpv"))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn add_contract(
    conn: &mut SqliteConnection,
    person_id: i64,
    c: &ValidContract,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO pathway_contract (person_id, kind, label, start_day, end_day, weekly_minutes,
             created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(person_id)
    .bind(c.kind)
    .bind(&c.label)
    .bind(&c.start_day)
    .bind(&c.end_day)
    .bind(c.weekly_minutes)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn add_step(
    conn: &mut SqliteConnection,
    person_id: i64,
    s: &ValidStep,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO pathway_step (person_id, kind, title, organisation, start_day, end_day,
             created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(person_id)
    .bind(s.kind)
    .bind(&s.title)
    .bind(&s.organisation)
    .bind(&s.start_day)
    .bind(&s.end_day)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Removes a contract or step of this person (`table` is one of two literals, never input);
/// false when it is not theirs.
pub async fn remove(
    conn: &mut SqliteConnection,
    table: &'static str,
    person_id: i64,
    id: i64,
) -> Result<bool, sqlx::Error> {
    debug_assert!(matches!(table, "pathway_contract" | "pathway_step"));
    let result = sqlx::query(&format!(
        "DELETE FROM {table} WHERE id = ? AND person_id = ?"
    ))
    .bind(id)
    .bind(person_id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn set_obstacles(
    conn: &mut SqliteConnection,
    person_id: i64,
    obstacles: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM pathway_obstacle WHERE person_id = ?")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    for id in obstacles {
        sqlx::query("INSERT INTO pathway_obstacle (person_id, obstacle_id) VALUES (?, ?)")
            .bind(person_id)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Records (or, with None, undoes) the exit.
pub async fn set_exit(
    conn: &mut SqliteConnection,
    person_id: i64,
    exit: Option<(&str, &str)>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (day, outcome) = exit.unzip();
    let result = sqlx::query(
        "UPDATE pathway SET exit_day = ?, exit_outcome = ?, updated_at = ? WHERE person_id = ?",
    )
    .bind(day)
    .bind(outcome)
    .bind(now)
    .bind(person_id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn obstacles(conn: &mut SqliteConnection) -> Result<Vec<Obstacle>, sqlx::Error> {
    let rows: Vec<(i64, String, bool)> =
        sqlx::query_as("SELECT id, name, active FROM obstacle ORDER BY position, id")
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, active)| Obstacle { id, name, active })
        .collect())
}

pub async fn add_obstacle(conn: &mut SqliteConnection, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO obstacle (name, position)
         VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM obstacle)) RETURNING id",
    )
    .bind(name)
    .fetch_one(conn)
    .await
}

pub async fn set_obstacle_active(
    conn: &mut SqliteConnection,
    id: i64,
    active: bool,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE obstacle SET active = ? WHERE id = ?")
        .bind(active)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}
