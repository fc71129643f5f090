//! Server functions of the conciergerie: thin — authorize, parse, call the service.

use super::{DaySheet, Queue, Request, RequestDraft, Service, Tracking};
use crate::error::AppError;
use leptos::{
    prelude::*,
    server_fn::codec::{GetUrl, MultipartData, MultipartFormData},
};
#[cfg(feature = "ssr")]
use {
    super::{
        Decision, Status, parse_day, repo,
        service::{self, DecisionForm, ServiceForm, Submission},
    },
    crate::{
        accounts::auth,
        partners,
        server::{response, state},
    },
};

/// The price list (active services): public.
#[server(prefix = "/api", endpoint = "list_alteration_services", input = GetUrl)]
pub async fn list_alteration_services() -> Result<Vec<Service>, AppError> {
    Ok(repo::list_services(&state()?.db.reader, true).await?)
}

/// The form's second step, from the first step's choices (`id:quantity,id:quantity`): public.
#[server(prefix = "/api", endpoint = "get_alteration_draft", input = GetUrl)]
pub async fn get_alteration_draft(choices: String) -> Result<RequestDraft, AppError> {
    if choices.len() > 1000 {
        return Err(AppError::BadRequest);
    }
    let choices: Vec<(String, String)> = choices
        .split(',')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (id, quantity) = pair.split_once(':').unwrap_or((pair, ""));
            (id.to_owned(), quantity.to_owned())
        })
        .collect();
    let state = state()?;
    let refused_key = crate::server::drafts::draft_field(
        &state,
        <SubmitAlterationRequest as leptos::server_fn::ServerFn>::PATH,
        "idempotency_key",
    );
    service::draft(&state, &choices, refused_key).await
}

/// Sends a request (a multipart form: it may carry photos). Public; the answer is the private
/// tracking link, where the browser is sent.
#[server(prefix = "/api", endpoint = "submit_alteration_request", input = MultipartFormData)]
pub async fn submit_alteration_request(data: MultipartData) -> Result<String, AppError> {
    use crate::counter::{Kind, service::at_counter};
    let state = state()?;
    // At the counter every request comes from the coop's connection: no per-address share.
    let counter = at_counter(&state, Kind::Alteration).await?;
    if counter.is_none() {
        // Counted before the photos are decoded (how many such bodies are read at once is
        // bounded by server::security::check_body).
        state
            .limits
            .alteration_submit_ip
            .hit(&response::client_ip())
            .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    }
    let sent = Submission::read(data).await?;
    let client_key = counter.is_none().then(response::client_key).flatten();
    let token = service::submit(&state, sent, client_key).await?;
    match counter {
        Some(_) => response::redirect(&Kind::Alteration.ticket_path(&token)),
        None => response::redirect(&format!("/retouches/suivi/{token}?envoyee=1")),
    }
    Ok(token)
}

/// A request seen through its private link: public, but only with the right token (else 404).
#[server(prefix = "/api", endpoint = "get_alteration_tracking", input = GetUrl)]
pub async fn get_alteration_tracking(token: String) -> Result<Tracking, AppError> {
    let state = state()?;
    state
        .limits
        .codes_ip
        .hit(&response::client_ip())
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    let id = service::by_token(&state, &token).await?;
    let mut request = repo::load_request(&state.db.reader, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // The person knows their own contact; the link may be shared, so it does not show it.
    request.phone = None;
    request.email = None;
    let link = format!(
        "{}/retouches/suivi/{token}",
        state.config.public_url.trim_end_matches('/')
    );
    let restorable = service::restores_to(&request, crate::server::now()).is_some();
    Ok(Tracking {
        request,
        link,
        restorable,
    })
}

/// Undoes a cancellation from the private link, minutes after it, if its day is still offered.
#[server(prefix = "/api", endpoint = "restore_alteration_request")]
pub async fn restore_alteration_request(token: String) -> Result<(), AppError> {
    service::restore(&state()?, &token).await?;
    response::redirect(&format!("/retouches/suivi/{token}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "cancel_alteration_request")]
pub async fn cancel_alteration_request(token: String) -> Result<(), AppError> {
    service::cancel(&state()?, &token).await?;
    response::redirect(&format!("/retouches/suivi/{token}"));
    Ok(())
}

// --- Staff ---

/// The queue, by status, drop-off day and partner (each may be empty: all), with counts per
/// status, and the partners to filter by.
#[server(prefix = "/api", endpoint = "list_alteration_queue", input = GetUrl)]
pub async fn list_alteration_queue(
    status: Option<String>,
    day: Option<String>,
    partner: Option<String>,
) -> Result<Queue, AppError> {
    auth::require_staff()?;
    let status = match status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => Some(Status::parse(value).ok_or(AppError::BadRequest)?),
    };
    let day = match day.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => Some(
            parse_day(value)
                .map(super::format_day)
                .ok_or(AppError::BadRequest)?,
        ),
    };
    let partner = match partner.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => Some(value.parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    let db = &state()?.db.reader;
    Ok(Queue {
        entries: repo::queue(db, status, day.as_deref(), partner).await?,
        counts: repo::counts(db, day.as_deref()).await?,
        partners: partners::repo::list(db).await?,
    })
}

#[server(prefix = "/api", endpoint = "get_alteration_request", input = GetUrl)]
pub async fn get_alteration_request(id: i64) -> Result<Request, AppError> {
    auth::require_staff()?;
    repo::load_request(&state()?.db.reader, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A staff decision (accept, decline, drop_off, start, mark_ready, collect).
#[server(prefix = "/api", endpoint = "decide_alteration_request")]
pub async fn decide_alteration_request(
    id: i64,
    decision: String,
    price: Option<String>,
    dropoff_date: Option<String>,
    reason: Option<String>,
    shelf: Option<String>,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let decision = Decision::parse(&decision).ok_or(AppError::BadRequest)?;
    let form = DecisionForm {
        price: price.unwrap_or_default(),
        dropoff_date: dropoff_date.unwrap_or_default(),
        reason: reason.unwrap_or_default(),
        shelf: shelf.unwrap_or_default(),
    };
    service::decide(&state()?, &actor, id, decision, form).await?;
    response::redirect(&format!("/equipe/retouches/{id}"));
    Ok(())
}

/// The sheet to print: the drop-offs expected on `day` (today when empty) and what is ready.
#[server(prefix = "/api", endpoint = "get_alteration_day_sheet", input = GetUrl)]
pub async fn get_alteration_day_sheet(day: Option<String>) -> Result<DaySheet, AppError> {
    auth::require_staff()?;
    let day = match day.as_deref().map(str::trim) {
        None | Some("") => crate::ui::time::paris_day(crate::server::now()),
        Some(value) => parse_day(value).ok_or(AppError::BadRequest)?,
    };
    let day = super::format_day(day);
    let db = &state()?.db.reader;
    Ok(DaySheet {
        dropoffs: repo::queue(db, Some(Status::Accepted), Some(&day), None).await?,
        pickups: repo::queue(db, Some(Status::Ready), None, None).await?,
        day,
    })
}

/// The whole price list, inactive services included.
#[server(prefix = "/api", endpoint = "list_alteration_catalogue", input = GetUrl)]
pub async fn list_alteration_catalogue() -> Result<Vec<Service>, AppError> {
    auth::require_staff()?;
    Ok(repo::list_services(&state()?.db.reader, false).await?)
}

/// Adds a service (no id) or changes one.
#[server(prefix = "/api", endpoint = "save_alteration_service")]
pub async fn save_alteration_service(
    id: Option<i64>,
    name: String,
    description: Option<String>,
    price: Option<String>,
    turnaround_days: String,
    active: Option<String>,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let form = ServiceForm {
        name,
        description: description.unwrap_or_default(),
        price: price.unwrap_or_default(),
        turnaround_days,
        active: active.is_some(),
    };
    service::save_service(&state()?, &actor, id, form).await?;
    response::redirect("/equipe/retouches/catalogue?enregistre=1");
    Ok(())
}
