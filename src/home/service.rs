//! Staff changes to the coop's opening hours: checked, written and audited in one transaction,
//! then the home page's cached copy is forgotten.

use super::{overlaps, parse_time, repo};
use crate::{
    accounts::{CurrentUser, audit},
    error::AppError,
    server::AppState,
};

pub async fn add_hours(
    state: &AppState,
    actor: &CurrentUser,
    service: &str,
    weekday: u8,
    opens: &str,
    closes: &str,
) -> Result<(), AppError> {
    if !(1..=7).contains(&weekday) {
        return Err(AppError::invalid("weekday", "hours_invalid"));
    }
    let (Some(opens), Some(closes)) = (parse_time(opens), parse_time(closes)) else {
        return Err(AppError::invalid("opens", "hours_invalid"));
    };
    if opens >= closes {
        return Err(AppError::invalid("closes", "hours_invalid"));
    }
    let mut tx = state.db.begin_write().await?;
    if !repo::service_exists(&mut tx, service).await? {
        return Err(AppError::invalid("service", "hours_invalid"));
    }
    if overlaps(
        &opens,
        &closes,
        &repo::ranges_of_day(&mut tx, service, weekday).await?,
    ) {
        return Err(AppError::invalid("opens", "hours_overlap"));
    }
    repo::insert_hours(&mut tx, service, weekday, &opens, &closes).await?;
    let detail = format!("{weekday} {opens}-{closes}");
    audit::record(
        &mut tx,
        actor,
        "add",
        "opening_hours",
        service,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    state.service_hours.invalidate();
    Ok(())
}

pub async fn remove_hours(
    state: &AppState,
    actor: &CurrentUser,
    service: &str,
    weekday: u8,
    opens: &str,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    if !repo::delete_hours(&mut tx, service, weekday, opens).await? {
        return Err(AppError::NotFound);
    }
    let detail = format!("{weekday} {opens}");
    audit::record(
        &mut tx,
        actor,
        "remove",
        "opening_hours",
        service,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    state.service_hours.invalidate();
    Ok(())
}
