use super::OpeningHours;
use sqlx::{SqliteConnection, SqlitePool};

#[derive(sqlx::FromRow)]
struct ServiceHoursRow {
    slug: String,
    weekday: Option<i64>,
    opens: Option<String>,
    closes: Option<String>,
}

/// Every activity with its hours (or none), sorted by position, weekday, opening time.
pub async fn list_service_hours(
    db: &SqlitePool,
) -> Result<Vec<(String, Option<OpeningHours>)>, sqlx::Error> {
    let rows: Vec<ServiceHoursRow> = sqlx::query_as(
        "SELECT s.slug, h.weekday, h.opens, h.closes
         FROM coop_service s LEFT JOIN opening_hours h ON h.service_slug = s.slug
         ORDER BY s.position, h.weekday, h.opens",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |ServiceHoursRow {
                 slug,
                 weekday,
                 opens,
                 closes,
             }| {
                let hours = match (weekday, opens, closes) {
                    (Some(weekday), Some(opens), Some(closes)) => {
                        u8::try_from(weekday).ok().map(|weekday| OpeningHours {
                            weekday,
                            opens,
                            closes,
                        })
                    }
                    _ => None,
                };
                (slug, hours)
            },
        )
        .collect())
}

/// The ranges of `slug` on `weekday`, as `(opens, closes)`.
pub async fn ranges_of_day(
    conn: &mut SqliteConnection,
    slug: &str,
    weekday: u8,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT opens, closes FROM opening_hours WHERE service_slug = ? AND weekday = ?")
        .bind(slug)
        .bind(weekday)
        .fetch_all(conn)
        .await
}

pub async fn service_exists(conn: &mut SqliteConnection, slug: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM coop_service WHERE slug = ?")
        .bind(slug)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

pub async fn insert_hours(
    conn: &mut SqliteConnection,
    slug: &str,
    weekday: u8,
    opens: &str,
    closes: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO opening_hours (service_slug, weekday, opens, closes) VALUES (?, ?, ?, ?)",
    )
    .bind(slug)
    .bind(weekday)
    .bind(opens)
    .bind(closes)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_hours(
    conn: &mut SqliteConnection,
    slug: &str,
    weekday: u8,
    opens: &str,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "DELETE FROM opening_hours WHERE service_slug = ? AND weekday = ? AND opens = ?",
    )
    .bind(slug)
    .bind(weekday)
    .bind(opens)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The closures that end on `from_day` (`YYYY-MM-DD`) or later, soonest first.
pub async fn closures_from(
    db: impl sqlx::SqliteExecutor<'_>,
    from_day: &str,
) -> Result<Vec<super::calendar::Closure>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, first_day, last_day, label FROM closure WHERE last_day >= ? ORDER BY first_day, id",
    )
    .bind(from_day)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, first_day, last_day, label)| super::calendar::Closure {
                id,
                first_day,
                last_day,
                label,
            },
        )
        .collect())
}

pub async fn insert_closure(
    conn: &mut SqliteConnection,
    first_day: &str,
    last_day: &str,
    label: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO closure (first_day, last_day, label, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(first_day)
    .bind(last_day)
    .bind(label)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn delete_closure(conn: &mut SqliteConnection, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM closure WHERE id = ?")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
