use super::ServiceHours;
use crate::error::AppError;
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
