//! Staff decisions about partner organisations: checked, written and audited in one transaction.

use super::repo;
use crate::{
    accounts::{CurrentUser, audit},
    error::AppError,
    server::{AppState, db::is_unique_violation, now},
};

pub async fn create(state: &AppState, actor: &CurrentUser, name: &str) -> Result<i64, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid("name", "partner_name_invalid"));
    }
    let mut tx = state.db.begin_write().await?;
    let id = match repo::insert(&mut tx, name, now()).await {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::invalid("name", "partner_name_taken"));
        }
        Err(e) => return Err(e.into()),
    };
    audit::record(&mut tx, actor, "create", "partner", id, Some(name)).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn set_active(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    active: bool,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    if !repo::set_active(&mut tx, id, active).await? {
        return Err(AppError::NotFound);
    }
    let action = if active { "activate" } else { "deactivate" };
    audit::record(&mut tx, actor, action, "partner", id, None).await?;
    tx.commit().await?;
    Ok(())
}
