//! The demo's home data (`DEMO=true`): what `make run` shows. Kept apart from the rules and
//! the SQL so that a newcomer reads those without it.

use super::repo::insert_hours;
use sqlx::SqliteConnection;

/// Coop'Manau's week, for the demo: the conciergerie on weekdays but Wednesday, lunch on
/// Tuesdays and Thursdays, the workshops on weekdays.
pub async fn demo(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let mut hours: Vec<(&str, u8, &str, &str)> = Vec::new();
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
        insert_hours(conn, slug, weekday, opens, closes).await?;
    }
    Ok(())
}
