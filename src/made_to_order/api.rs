//! Server functions of made-to-order work: thin — authorize, call the service, redirect.

use super::{MadeToOrderRequest, Settings};
use crate::error::AppError;
use leptos::{
    prelude::*,
    server_fn::codec::{GetUrl, MultipartData, MultipartFormData},
};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::service::{self, Submission},
    crate::{
        accounts::auth,
        server::{response, state},
    },
};

/// The request form: the rules and a fresh idempotency key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormPage {
    pub settings: Settings,
    pub idempotency_key: String,
    /// The first day a wished date may be (YYYY-MM-DD), for the date field's `min`.
    pub earliest_day: String,
    /// Photos this browser's refused form had sent, kept for it (not asked again).
    pub kept_photos: usize,
}

#[server(prefix = "/api", endpoint = "get_made_to_order_form", input = GetUrl)]
pub async fn get_made_to_order_form() -> Result<FormPage, AppError> {
    let state = state()?;
    let settings = service::settings(&state).await?;
    let today = crate::ui::time::paris_day(crate::server::now());
    let refused_key = crate::server::drafts::draft_field(
        &state,
        <SendMadeToOrderRequest as leptos::server_fn::ServerFn>::PATH,
        "idempotency_key",
    );
    let (idempotency_key, kept_photos) = service::form_key(&state, refused_key).await?;
    Ok(FormPage {
        settings,
        idempotency_key,
        earliest_day: crate::ui::time::format_date(today + settings.lead_days),
        kept_photos,
    })
}

/// A request, no account (a multipart form: it may carry photos).
#[server(prefix = "/api", endpoint = "send_made_to_order_request", input = MultipartFormData)]
pub async fn send_made_to_order_request(data: MultipartData) -> Result<String, AppError> {
    let state = state()?;
    // Counted before the photos are decoded, as for alterations.
    state
        .limits
        .alteration_submit_ip
        .hit(&response::client_ip())
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    let sent = Submission::read(data).await?;
    let token = service::submit(&state, sent, response::client_key()).await?;
    response::redirect(&format!("/sur-mesure/demande/{token}?envoyee=1"));
    Ok(token)
}

#[server(prefix = "/api", endpoint = "get_made_to_order_request", input = GetUrl)]
pub async fn get_made_to_order_request(token: String) -> Result<MadeToOrderRequest, AppError> {
    let mut request = service::by_token(&state()?, &token).await?;
    // The link may be shared: it does not show the contact details or the photos.
    request.email.clear();
    request.phone.clear();
    Ok(request)
}

#[server(prefix = "/api", endpoint = "cancel_made_to_order_request")]
pub async fn cancel_made_to_order_request(token: String) -> Result<(), AppError> {
    service::cancel(&state()?, &token).await?;
    response::redirect(&format!("/sur-mesure/demande/{token}"));
    Ok(())
}

// --- Staff ---

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MadeToOrderAdmin {
    pub requests: Vec<MadeToOrderRequest>,
    pub settings: Settings,
}

#[server(prefix = "/api", endpoint = "get_made_to_order_admin", input = GetUrl)]
pub async fn get_made_to_order_admin() -> Result<MadeToOrderAdmin, AppError> {
    auth::require_staff()?;
    let (requests, settings) = service::list(&state()?).await?;
    Ok(MadeToOrderAdmin { requests, settings })
}

#[server(prefix = "/api", endpoint = "get_made_to_order_staff", input = GetUrl)]
pub async fn get_made_to_order_staff(id: i64) -> Result<MadeToOrderRequest, AppError> {
    auth::require_staff()?;
    service::find(&state()?, id).await
}

#[server(prefix = "/api", endpoint = "save_made_to_order_settings")]
pub async fn save_made_to_order_settings(lead_days: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::save_settings(&state()?, &actor, &lead_days).await?;
    response::redirect("/equipe/sur-mesure?enregistre=1");
    Ok(())
}

/// Moves the request's job from the step staff saw (`from`) to the next one.
#[server(prefix = "/api", endpoint = "advance_made_to_order_job")]
pub async fn advance_made_to_order_job(id: i64, from: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::advance_job(&state()?, &actor, id, &from).await?;
    response::redirect(&format!("/equipe/sur-mesure/{id}"));
    Ok(())
}
