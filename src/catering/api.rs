//! Server functions of catering: thin — authorize, call the service, redirect.

use super::{CateringRequest, Formula, RequestInput, Settings};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{
        accounts::{auth, token::new_token},
        server::{response, state},
    },
};

/// The request form: the rules, the formulas, a fresh idempotency key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormPage {
    pub settings: Settings,
    pub formulas: Vec<Formula>,
    pub idempotency_key: String,
    /// The first day the form accepts (YYYY-MM-DD), for the date field's `min`.
    pub earliest_day: String,
}

#[server(prefix = "/api", endpoint = "get_catering_form", input = GetUrl)]
pub async fn get_catering_form() -> Result<FormPage, AppError> {
    let (settings, formulas) = service::form(&state()?).await?;
    let today = crate::ui::time::paris_day(crate::server::now());
    Ok(FormPage {
        settings,
        formulas,
        idempotency_key: new_token(),
        earliest_day: crate::ui::time::format_date(today + settings.lead_days),
    })
}

/// A company's request, no account. The form's fields arrive flattened into `input`.
#[server(prefix = "/api", endpoint = "send_catering_request")]
pub async fn send_catering_request(
    idempotency_key: String,
    #[server(flatten)] input: RequestInput,
) -> Result<String, AppError> {
    let token =
        service::submit(&state()?, &idempotency_key, &input, response::client_key()).await?;
    response::redirect(&format!("/traiteur/demande/{token}?envoyee=1"));
    Ok(token)
}

#[server(prefix = "/api", endpoint = "get_catering_request", input = GetUrl)]
pub async fn get_catering_request(token: String) -> Result<CateringRequest, AppError> {
    service::by_token(&state()?, &token).await
}

#[server(prefix = "/api", endpoint = "cancel_catering_request")]
pub async fn cancel_catering_request(token: String) -> Result<(), AppError> {
    service::cancel(&state()?, &token).await?;
    response::redirect(&format!("/traiteur/demande/{token}"));
    Ok(())
}

// --- Staff ---

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CateringAdmin {
    pub requests: Vec<CateringRequest>,
    pub settings: Settings,
    pub formulas: Vec<Formula>,
}

#[server(prefix = "/api", endpoint = "get_catering_admin", input = GetUrl)]
pub async fn get_catering_admin() -> Result<CateringAdmin, AppError> {
    auth::require_staff()?;
    let (requests, settings, formulas) = service::admin(&state()?).await?;
    Ok(CateringAdmin {
        requests,
        settings,
        formulas,
    })
}

#[server(prefix = "/api", endpoint = "save_catering_settings")]
pub async fn save_catering_settings(min_covers: String, lead_days: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::save_settings(&state()?, &actor, &min_covers, &lead_days).await?;
    response::redirect("/equipe/traiteur?enregistre=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_catering_formula")]
pub async fn add_catering_formula(name: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::add_formula(&state()?, &actor, &name).await?;
    response::redirect("/equipe/traiteur?enregistre=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "set_catering_formula_active")]
pub async fn set_catering_formula_active(id: i64, active: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::set_formula_active(&state()?, &actor, id, active == "true").await?;
    response::redirect("/equipe/traiteur?enregistre=1");
    Ok(())
}
