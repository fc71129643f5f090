use super::ServiceHours;
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
#[cfg(feature = "ssr")]
use {
    super::{overlaps, parse_time, repo},
    crate::{
        accounts::{audit, auth},
        server::response,
    },
};

/// Public and read-only, hence GET: the service worker can keep it for offline use.
#[server(prefix = "/api", endpoint = "list_service_hours", input = GetUrl)]
pub async fn list_service_hours() -> Result<Vec<ServiceHours>, AppError> {
    let state = crate::server::state()?;
    let services = state
        .service_hours
        .get_or_load(async || {
            let rows = super::repo::list_service_hours(&state.db.reader).await?;
            Ok::<_, AppError>(super::group_by_service(rows))
        })
        .await?;
    Ok(services.as_ref().clone())
}

/// Staff add an opening range to an activity (the conciergerie's hours are its drop-off days).
#[server(prefix = "/api", endpoint = "add_opening_hours")]
pub async fn add_opening_hours(
    service: String,
    weekday: u8,
    opens: String,
    closes: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    if !(1..=7).contains(&weekday) {
        return Err(AppError::invalid("weekday", "hours_invalid"));
    }
    let (Some(opens), Some(closes)) = (parse_time(&opens), parse_time(&closes)) else {
        return Err(AppError::invalid("opens", "hours_invalid"));
    };
    if opens >= closes {
        return Err(AppError::invalid("closes", "hours_invalid"));
    }
    let state = crate::server::state()?;
    let mut tx = state.db.begin_write().await?;
    if !repo::service_exists(&mut tx, &service).await? {
        return Err(AppError::invalid("service", "hours_invalid"));
    }
    if overlaps(
        &opens,
        &closes,
        &repo::ranges_of_day(&mut tx, &service, weekday).await?,
    ) {
        return Err(AppError::invalid("opens", "hours_overlap"));
    }
    repo::insert_hours(&mut tx, &service, weekday, &opens, &closes).await?;
    let detail = format!("{weekday} {opens}-{closes}");
    audit::record(
        &mut tx,
        &actor,
        "add",
        "opening_hours",
        &service,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    state.service_hours.invalidate();
    response::redirect("/equipe/horaires");
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_opening_hours")]
pub async fn remove_opening_hours(
    service: String,
    weekday: u8,
    opens: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let state = crate::server::state()?;
    let mut tx = state.db.begin_write().await?;
    if !repo::delete_hours(&mut tx, &service, weekday, &opens).await? {
        return Err(AppError::NotFound);
    }
    let detail = format!("{weekday} {opens}");
    audit::record(
        &mut tx,
        &actor,
        "remove",
        "opening_hours",
        &service,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    state.service_hours.invalidate();
    response::redirect("/equipe/horaires");
    Ok(())
}
