//! Demo data for `make run` (DEMO=true). Each capability seeds its own part once, remembered in
//! `demo_seed`, so a capability that lands later still seeds an existing demo database.

use super::db::Db;
use sqlx::SqliteConnection;

pub async fn seed(db: &Db) -> Result<(), sqlx::Error> {
    seed_once(db, "opening_hours", crate::home::seed::demo).await?;
    seed_once(db, "people", crate::accounts::seed::demo).await?;
    seed_once(db, "partners", crate::partners::seed::demo).await?;
    seed_once(db, "alterations", crate::alterations::seed::demo).await?;
    seed_once(db, "campaigns", crate::campaigns::seed::demo).await?;
    seed_once(db, "lunch", crate::lunch::seed::demo).await?;
    seed_once(db, "planning", crate::planning::seed::demo).await?;
    Ok(())
}

/// A generated history of `years`, once (src/server/history.rs).
pub async fn seed_history(db: &Db, years: i64) -> Result<(), sqlx::Error> {
    seed_once(db, "history", async |conn: &mut SqliteConnection| {
        super::history::generate(conn, super::history::Scale::demo(years), super::now()).await
    })
    .await
}

async fn seed_once<F>(db: &Db, part: &str, seed: F) -> Result<(), sqlx::Error>
where
    F: AsyncFnOnce(&mut SqliteConnection) -> Result<(), sqlx::Error>,
{
    let mut tx = db.begin_write().await?;
    let done = sqlx::query("INSERT OR IGNORE INTO demo_seed (part) VALUES (?)")
        .bind(part)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 0;
    if !done {
        seed(&mut tx).await?;
        tracing::info!(part, "demo data seeded");
    }
    tx.commit().await
}
