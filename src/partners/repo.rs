use super::Partner;
use sqlx::{SqliteConnection, SqliteExecutor};

#[derive(sqlx::FromRow)]
struct PartnerRow {
    id: i64,
    name: String,
    active: bool,
}

impl From<PartnerRow> for Partner {
    fn from(row: PartnerRow) -> Self {
        Partner {
            id: row.id,
            name: row.name,
            active: row.active,
        }
    }
}

/// Every partner, active ones first, by name (staff see all; forms offer the active ones).
pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<Partner>, sqlx::Error> {
    let rows: Vec<PartnerRow> = sqlx::query_as(
        "SELECT id, name, active FROM partner ORDER BY active DESC, name COLLATE NOCASE",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Partner::from).collect())
}

/// An active partner by id: what a form may name.
pub async fn find_active(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<Partner>, sqlx::Error> {
    let row: Option<PartnerRow> =
        sqlx::query_as("SELECT id, name, active FROM partner WHERE id = ? AND active = 1")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(Partner::from))
}

pub async fn insert(conn: &mut SqliteConnection, name: &str, now: i64) -> Result<i64, sqlx::Error> {
    let result = sqlx::query("INSERT INTO partner (name, created_at) VALUES (?, ?)")
        .bind(name)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(result.last_insert_rowid())
}

pub async fn set_active(
    conn: &mut SqliteConnection,
    id: i64,
    active: bool,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE partner SET active = ? WHERE id = ?")
        .bind(active)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// The coop's partners, for the demo.
pub async fn seed_demo(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    for name in [
        "La Redoute",
        "Lycée Hôtelier International de Lille",
        "Centre social Alma",
    ] {
        insert(conn, name, crate::server::now()).await?;
    }
    Ok(())
}
