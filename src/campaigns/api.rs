//! Server functions of campaigns: thin — read the session, parse, authorize, call the service.
//! The student's side is public (no account): the invite code and the private link's token are
//! what grant access.
// A server function takes one argument per form field; forms here have up to nine.
#![allow(clippy::too_many_arguments)]

use super::{BookingOutcome, BookingView, CampaignAccess, CampaignDetail, CampaignList, DaySheet};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
#[cfg(feature = "ssr")]
use {
    super::{Attendance, SlotPlan, service},
    crate::{
        accounts::auth,
        server::{response, state},
    },
};

// --- Public: students ---

/// The public page of a campaign (or a request for its invite code).
#[server(prefix = "/api", endpoint = "get_campaign_page", input = GetUrl)]
pub async fn get_campaign_page(
    slug: String,
    code: Option<String>,
    cle: Option<String>,
) -> Result<CampaignAccess, AppError> {
    let pass = service::Pass {
        code: code.as_deref(),
        key: cle.as_deref(),
    };
    service::public_campaign(&state()?, &response::client_ip(), &slug, pass).await
}

/// "J'ai un code": opens the campaign whose invite code this is.
#[server(prefix = "/api", endpoint = "find_campaign_by_code")]
pub async fn find_campaign_by_code(code: String) -> Result<String, AppError> {
    let (slug, code) = service::find_by_code(&state()?, &response::client_ip(), &code).await?;
    response::redirect(&format!("/ourlets/{slug}?code={code}"));
    Ok(slug)
}

#[server(prefix = "/api", endpoint = "book_campaign_slot")]
pub async fn book_campaign_slot(
    campaign: String,
    code: Option<String>,
    cle: Option<String>,
    slot_id: Option<String>,
    name: String,
    group_name: String,
    garments: String,
    contact: String,
    idempotency_key: String,
) -> Result<BookingOutcome, AppError> {
    use crate::counter::{Kind, service::at_counter};
    let state = state()?;
    // At the counter every booking comes from the coop's connection: no per-address share
    // (an address that is not one has none).
    let counter = at_counter(&state, Kind::Hem).await?;
    let ip = match counter {
        Some(_) => "guichet".to_owned(),
        None => response::client_ip(),
    };
    let outcome = service::book(
        &state,
        &ip,
        service::BookingRequest {
            slug: &campaign,
            pass: service::Pass {
                code: code.as_deref(),
                key: cle.as_deref(),
            },
            slot_id: slot_id.as_deref().unwrap_or_default(),
            name: &name,
            group_name: &group_name,
            garments: &garments,
            contact: &contact,
            idempotency_key: &idempotency_key,
        },
    )
    .await?;
    match &outcome {
        BookingOutcome::Booked { link, .. } if counter.is_some() => {
            let token = link.rsplit('/').next().unwrap_or_default();
            response::redirect(&Kind::Hem.ticket_path(token))
        }
        BookingOutcome::Booked { link, .. } => response::redirect(&format!("{link}?nouvelle=1")),
        BookingOutcome::Full { .. } => {
            let code = pass_query(code.as_deref(), cle.as_deref());
            let slot = slot_id.unwrap_or_default();
            response::redirect(&format!(
                "/ourlets/{campaign}?{code}complet={}",
                slot.trim()
            ));
        }
    }
    Ok(outcome)
}

/// The query that carries a student's pass to the next page: the shared link's key, or the code.
#[cfg(feature = "ssr")]
fn pass_query(code: Option<&str>, cle: Option<&str>) -> String {
    // Only what a key or a code can hold goes back into the URL.
    let url_safe = |s: &String| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let cle = cle.map(|c| c.trim().to_owned()).filter(url_safe);
    let code = code.map(super::normalize_code).filter(url_safe);
    match (cle, code) {
        (Some(cle), _) => format!("cle={cle}&"),
        (None, Some(code)) => format!("code={code}&"),
        (None, None) => String::new(),
    }
}

/// The booking behind a private link.
#[server(prefix = "/api", endpoint = "get_campaign_booking", input = GetUrl)]
pub async fn get_campaign_booking(token: String) -> Result<BookingView, AppError> {
    service::booking_view(&state()?, &token).await
}

#[server(prefix = "/api", endpoint = "cancel_campaign_booking")]
pub async fn cancel_campaign_booking(token: String) -> Result<(), AppError> {
    service::cancel(&state()?, &token).await?;
    response::redirect(&format!("{}?annulee=1", service::booking_path(&token)));
    Ok(())
}

/// Undoes a cancellation made through the private link, minutes after it, if the place is free.
#[server(prefix = "/api", endpoint = "restore_campaign_booking")]
pub async fn restore_campaign_booking(token: String) -> Result<(), AppError> {
    service::restore(&state()?, &token).await?;
    response::redirect(&service::booking_path(&token));
    Ok(())
}

#[server(prefix = "/api", endpoint = "move_campaign_booking")]
pub async fn move_campaign_booking(token: String, slot_id: Option<String>) -> Result<(), AppError> {
    service::move_to(&state()?, &token, slot_id.as_deref().unwrap_or_default()).await?;
    response::redirect(&format!("{}?deplacee=1", service::booking_path(&token)));
    Ok(())
}

// --- Staff ---

#[server(prefix = "/api", endpoint = "list_campaigns", input = GetUrl)]
pub async fn list_campaigns() -> Result<CampaignList, AppError> {
    auth::require_staff()?;
    service::list_campaigns(&state()?).await
}

#[server(prefix = "/api", endpoint = "get_campaign", input = GetUrl)]
pub async fn get_campaign(id: i64) -> Result<CampaignDetail, AppError> {
    auth::require_staff()?;
    service::campaign_detail(&state()?, id).await
}

/// Cancels the bookings one address made in a burst (the staff campaign page lists them).
#[server(prefix = "/api", endpoint = "cancel_booking_burst")]
pub async fn cancel_booking_burst(
    campaign_id: i64,
    client_key: String,
    until: i64,
) -> Result<u64, AppError> {
    let actor = auth::require_staff()?;
    let cancelled =
        service::cancel_booking_burst(&state()?, &actor, campaign_id, &client_key, until).await?;
    response::redirect(&format!(
        "/equipe/ourlets/{campaign_id}?annulees={cancelled}#rafales"
    ));
    Ok(cancelled)
}

#[server(prefix = "/api", endpoint = "create_campaign")]
pub async fn create_campaign(
    title: String,
    partner_id: String,
    description: String,
    place: String,
    opens_at: String,
    closes_at: String,
    invite_code: String,
    max_garments: String,
) -> Result<i64, AppError> {
    let actor = auth::require_staff()?;
    let form = service::CampaignForm::parse(
        &title,
        &partner_id,
        &description,
        &place,
        &opens_at,
        &closes_at,
        &invite_code,
        &max_garments,
    )?;
    let id = service::create_campaign(&state()?, &actor, form).await?;
    response::redirect(&format!("/equipe/ourlets/{id}"));
    Ok(id)
}

#[server(prefix = "/api", endpoint = "update_campaign")]
pub async fn update_campaign(
    id: i64,
    title: String,
    partner_id: String,
    description: String,
    place: String,
    opens_at: String,
    closes_at: String,
    invite_code: String,
    max_garments: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let form = service::CampaignForm::parse(
        &title,
        &partner_id,
        &description,
        &place,
        &opens_at,
        &closes_at,
        &invite_code,
        &max_garments,
    )?;
    service::update_campaign(&state()?, &actor, id, form).await?;
    response::redirect(&format!("/equipe/ourlets/{id}?enregistre=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "close_campaign")]
pub async fn close_campaign(id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::close_campaign(&state()?, &actor, id).await?;
    response::redirect(&format!("/equipe/ourlets/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "generate_campaign_slots")]
pub async fn generate_campaign_slots(
    campaign_id: i64,
    first_day: String,
    last_day: String,
    weekdays: Option<Vec<String>>,
    start: String,
    end: String,
    length_minutes: String,
    places: String,
) -> Result<u64, AppError> {
    let actor = auth::require_staff()?;
    let plan = SlotPlan::parse(
        &first_day,
        &last_day,
        &weekdays.unwrap_or_default(),
        &start,
        &end,
        &length_minutes,
        &places,
    )
    .map_err(|(field, key)| AppError::invalid(field, key))?;
    let added = service::generate_slots(&state()?, &actor, campaign_id, plan).await?;
    response::redirect(&format!("/equipe/ourlets/{campaign_id}?ajoutes={added}"));
    Ok(added)
}

#[server(prefix = "/api", endpoint = "update_campaign_slot")]
pub async fn update_campaign_slot(
    slot_id: i64,
    capacity: String,
    closed: Option<String>,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let capacity: i64 = capacity
        .trim()
        .parse()
        .map_err(|_| AppError::invalid("capacity", "capacity_invalid"))?;
    let closed = closed.is_some_and(|c| c == "on" || c == "true");
    let campaign_id = service::update_slot(&state()?, &actor, slot_id, capacity, closed).await?;
    response::redirect(&format!("/equipe/ourlets/{campaign_id}#creneau-{slot_id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "get_day_sheet", input = GetUrl)]
pub async fn get_day_sheet(campaign_id: i64, day: String) -> Result<DaySheet, AppError> {
    auth::require_staff()?;
    service::day_sheet(&state()?, campaign_id, &day).await
}

#[server(prefix = "/api", endpoint = "set_booking_attendance")]
pub async fn set_booking_attendance(booking_id: i64, attendance: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let attendance = Attendance::parse(&attendance)
        .ok_or_else(|| AppError::invalid("attendance", "attendance_invalid"))?;
    let (campaign_id, day) =
        service::set_attendance(&state()?, &actor, booking_id, attendance).await?;
    response::redirect(&format!(
        "/equipe/ourlets/{campaign_id}/jour/{day}#inscription-{booking_id}"
    ));
    Ok(())
}
