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

/// Coop'Manau's week, for the demo: the conciergerie on weekdays but Wednesday, lunch on
/// Tuesdays and Thursdays, the workshops on weekdays.
pub async fn seed_demo(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let mut hours: Vec<(&str, i64, &str, &str)> = Vec::new();
    for day in [1, 2, 4, 5] {
        hours.push(("conciergerie", day, "09:00", "12:30"));
        hours.push(("conciergerie", day, "13:30", "17:00"));
    }
    for day in [2, 4] {
        hours.push(("restaurant", day, "12:00", "14:00"));
    }
    for day in 1..=5 {
        hours.push(("textile", day, "09:00", "16:30"));
        hours.push(("palettes", day, "09:00", "16:30"));
    }
    for (slug, weekday, opens, closes) in hours {
        sqlx::query(
            "INSERT INTO opening_hours (service_slug, weekday, opens, closes) VALUES (?, ?, ?, ?)",
        )
        .bind(slug)
        .bind(weekday)
        .bind(opens)
        .bind(closes)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
