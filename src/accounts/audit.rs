//! The audit log: every staff decision, written in the same transaction as the decision itself.

use super::{CurrentUser, repo};
use crate::server::now;
use sqlx::SqliteConnection;

/// Records that `actor` did `action` on object `object_type`/`object_id`.
pub async fn record(
    conn: &mut SqliteConnection,
    actor: &CurrentUser,
    action: &str,
    object_type: &str,
    object_id: impl ToString,
    detail: Option<&str>,
) -> Result<(), sqlx::Error> {
    repo::insert_audit(
        conn,
        now(),
        actor.id,
        action,
        object_type,
        &object_id.to_string(),
        detail,
    )
    .await
}
