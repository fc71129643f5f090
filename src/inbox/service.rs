//! The inbox of a staff member, and taking or leaving an item.

use super::{Inbox, KINDS, SECTORS, assemble, repo};
use crate::{
    accounts::CurrentUser,
    error::AppError,
    server::{AppState, now},
    ui::time::paris_day,
};

pub async fn inbox(
    state: &AppState,
    me: &CurrentUser,
    sector: Option<&str>,
    mine: bool,
) -> Result<Inbox, AppError> {
    if sector.is_some_and(|s| !SECTORS.contains(&s)) {
        return Err(AppError::BadRequest);
    }
    let now = now();
    let mut conn = state.db.reader.acquire().await?;
    let items = repo::items(&mut conn, now, paris_day(now)).await?;
    Ok(assemble(items, sector, mine.then_some(me.id)))
}

/// "Je m'en occupe", or "Je laisse" (`take` false). Only a kind the inbox knows.
pub async fn claim(
    state: &AppState,
    me: &CurrentUser,
    kind: &str,
    item_id: i64,
    take: bool,
) -> Result<(), AppError> {
    if !KINDS.contains(&kind) {
        return Err(AppError::BadRequest);
    }
    let mut tx = state.db.begin_write().await?;
    if take {
        repo::take(&mut tx, kind, item_id, me.id, now()).await?;
    } else {
        repo::release(&mut tx, kind, item_id).await?;
    }
    tx.commit().await?;
    Ok(())
}
