//! The demo's partners data (`DEMO=true`): what `make run` shows. Kept apart from the rules and
//! the SQL so that a newcomer reads those without it.

use super::repo::{insert, update};
use sqlx::SqliteConnection;

/// The coop's partners, for the demo.
pub async fn demo(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    for (name, kind) in [
        ("La Redoute", "company"),
        ("Lycée Hôtelier International de Lille", "school"),
        ("Centre social Alma", "association"),
    ] {
        let id = insert(conn, name, crate::server::now()).await?;
        update(conn, id, name, kind, None).await?;
    }
    Ok(())
}
