use super::ServiceHours;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{accounts::auth, server::response};
use leptos::{prelude::*, server_fn::codec::GetUrl};

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
    let state = crate::server::state()?;
    super::service::add_hours(&state, &actor, &service, weekday, &opens, &closes).await?;
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
    super::service::remove_hours(&state, &actor, &service, weekday, &opens).await?;
    response::redirect("/equipe/horaires");
    Ok(())
}

/// Today and the closures to come (public: the home page says when the coop is closed).
#[server(prefix = "/api", endpoint = "get_calendar", input = GetUrl)]
pub async fn get_calendar() -> Result<super::calendar::Calendar, AppError> {
    let state = crate::server::state()?;
    let calendar = state
        .calendar
        .get_or_load(async || {
            let today = crate::ui::time::paris_day(crate::server::now());
            let from = crate::ui::time::format_date(today);
            let closures = super::repo::closures_from(&state.db.reader, &from).await?;
            Ok::<_, AppError>(super::calendar::Calendar { today, closures })
        })
        .await?;
    Ok(calendar.as_ref().clone())
}

/// Staff close the coop for some days (summer, Christmas).
#[server(prefix = "/api", endpoint = "add_closure")]
pub async fn add_closure(
    first_day: String,
    last_day: String,
    label: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let state = crate::server::state()?;
    super::service::add_closure(&state, &actor, &first_day, &last_day, &label).await?;
    response::redirect("/equipe/horaires");
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_closure")]
pub async fn remove_closure(id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let state = crate::server::state()?;
    super::service::remove_closure(&state, &actor, id).await?;
    response::redirect("/equipe/horaires");
    Ok(())
}
