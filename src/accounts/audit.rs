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
        Some(actor.id),
        action,
        object_type,
        &object_id.to_string(),
        detail,
    )
    .await
}

/// Records what no staff member did: the person themselves through a private link, or the
/// retention purge (`actor_id` NULL).
pub async fn record_unattended(
    conn: &mut SqliteConnection,
    action: &str,
    object_type: &str,
    object_id: impl ToString,
    detail: Option<&str>,
) -> Result<(), sqlx::Error> {
    repo::insert_audit(
        conn,
        now(),
        None,
        action,
        object_type,
        &object_id.to_string(),
        detail,
    )
    .await
}
