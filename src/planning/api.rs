//! Server functions of the planning: thin — authorize, parse, call the service, redirect.
// A server function's arguments are its form's fields (a shift has seven).
#![allow(clippy::too_many_arguments)]

use super::{AbsenceRequest, MonthHours, MyPlanning, PlanningWeek, Sector, ShiftDetail};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
#[cfg(feature = "ssr")]
use {
    super::{Attendance, ShiftForm, service, week_param},
    crate::{
        accounts::auth,
        server::{response, state},
    },
};

// --- Staff: sectors ---

#[server(prefix = "/api", endpoint = "list_planning_sectors", input = GetUrl)]
pub async fn list_planning_sectors() -> Result<Vec<Sector>, AppError> {
    auth::require_staff()?;
    service::sectors(&state()?).await
}

/// Adds a sector (no `slug`) or changes one.
#[server(prefix = "/api", endpoint = "save_sector")]
pub async fn save_sector(
    slug: Option<String>,
    name: String,
    pictogram: Option<String>,
    active: Option<String>,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let slug = slug.filter(|s| !s.is_empty());
    service::save_sector(
        &state()?,
        &actor,
        slug.as_deref(),
        &name,
        pictogram.as_deref().unwrap_or_default(),
        active.is_some() || slug.is_none(),
    )
    .await?;
    response::redirect("/equipe/planning/secteurs?enregistre=1");
    Ok(())
}

// --- Staff: shifts ---

#[server(prefix = "/api", endpoint = "get_planning_week", input = GetUrl)]
pub async fn get_planning_week(week: Option<String>) -> Result<PlanningWeek, AppError> {
    auth::require_staff()?;
    service::week(&state()?, week.as_deref()).await
}

#[server(prefix = "/api", endpoint = "create_shift")]
pub async fn create_shift(
    sector: String,
    day: String,
    starts: String,
    ends: String,
    places: String,
    place: String,
    note: String,
) -> Result<i64, AppError> {
    let actor = auth::require_staff()?;
    let form = ShiftForm::parse(&sector, &day, &starts, &ends, &places, &place, &note)?;
    let id = service::create_shift(&state()?, &actor, form).await?;
    response::redirect(&format!("/equipe/planning/creneau/{id}?cree=1"));
    Ok(id)
}

#[server(prefix = "/api", endpoint = "update_shift")]
pub async fn update_shift(
    id: i64,
    places: String,
    place: String,
    note: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::update_shift(&state()?, &actor, id, &places, &place, &note).await?;
    response::redirect(&format!("/equipe/planning/creneau/{id}?enregistre=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "delete_shift")]
pub async fn delete_shift(id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let monday = service::delete_shift(&state()?, &actor, id).await?;
    response::redirect(&format!(
        "/equipe/planning?semaine={}&supprime=1",
        week_param(monday)
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "copy_planning_week")]
pub async fn copy_planning_week(week: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let next = service::copy_week(&state()?, &actor, &week).await?;
    response::redirect(&format!(
        "/equipe/planning?semaine={}&copie=1",
        week_param(next)
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "get_shift", input = GetUrl)]
pub async fn get_shift(id: i64) -> Result<ShiftDetail, AppError> {
    auth::require_staff()?;
    service::shift_detail(&state()?, id).await
}

#[server(prefix = "/api", endpoint = "assign_to_shift")]
pub async fn assign_to_shift(shift_id: i64, person_id: Option<i64>) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let person_id = person_id.ok_or_else(|| AppError::invalid("person", "participant_required"))?;
    service::assign(&state()?, &actor, shift_id, person_id).await?;
    response::redirect(&format!("/equipe/planning/creneau/{shift_id}?inscrit=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "unassign_from_shift")]
pub async fn unassign_from_shift(assignment_id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let shift_id = service::unassign(&state()?, &actor, assignment_id).await?;
    response::redirect(&format!("/equipe/planning/creneau/{shift_id}"));
    Ok(())
}

/// `attendance`: attended, excused, unexcused, or empty to undo.
#[server(prefix = "/api", endpoint = "mark_attendance")]
pub async fn mark_attendance(assignment_id: i64, attendance: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let attendance = match attendance.as_str() {
        "" => None,
        value => Some(Attendance::parse(value).ok_or(AppError::BadRequest)?),
    };
    let shift_id = service::mark_attendance(&state()?, &actor, assignment_id, attendance).await?;
    response::redirect(&format!("/equipe/planning/creneau/{shift_id}#presences"));
    Ok(())
}

// --- Staff: absences and hours ---

#[server(prefix = "/api", endpoint = "list_absences", input = GetUrl)]
pub async fn list_absences() -> Result<Vec<AbsenceRequest>, AppError> {
    auth::require_staff()?;
    service::absences(&state()?).await
}

/// `decision`: approve or refuse.
#[server(prefix = "/api", endpoint = "decide_absence")]
pub async fn decide_absence(id: i64, decision: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let approve = match decision.as_str() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(AppError::BadRequest),
    };
    service::decide_absence(&state()?, &actor, id, approve).await?;
    response::redirect("/equipe/planning/absences?decide=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "get_month_hours", input = GetUrl)]
pub async fn get_month_hours(month: Option<String>) -> Result<MonthHours, AppError> {
    auth::require_staff()?;
    service::month_hours(&state()?, month.as_deref()).await
}

// --- A participant's own planning (staff may read anyone's) ---

/// `person_id`: someone else's, for staff; none for one's own.
#[server(prefix = "/api", endpoint = "get_my_planning", input = GetUrl)]
pub async fn get_my_planning(person_id: Option<i64>) -> Result<MyPlanning, AppError> {
    let user = auth::require_user()?;
    service::my_planning(&state()?, &user, person_id.unwrap_or(user.id)).await
}

/// `person_id`: whom the page was shown to (a form queued offline is never sent for someone else).
#[server(prefix = "/api", endpoint = "confirm_presence")]
pub async fn confirm_presence(person_id: i64, assignment_id: i64) -> Result<(), AppError> {
    let user = auth::require_participant()?;
    service::confirm_presence(&state()?, &user, person_id, assignment_id).await?;
    response::redirect("/planning?confirme=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "declare_absence")]
pub async fn declare_absence(
    person_id: i64,
    assignment_id: i64,
    reason: Option<String>,
    details: String,
    idempotency_key: String,
) -> Result<(), AppError> {
    let user = auth::require_participant()?;
    service::declare_absence(
        &state()?,
        &user,
        person_id,
        assignment_id,
        reason.as_deref().unwrap_or_default(),
        &details,
        &idempotency_key,
    )
    .await?;
    response::redirect("/planning?absence=1");
    Ok(())
}

// --- Calendar feed (the person, or staff) ---

#[cfg(feature = "ssr")]
fn planning_path(user_id: i64, person_id: i64) -> String {
    if user_id == person_id {
        "/planning".to_owned()
    } else {
        format!("/equipe/planning/personne/{person_id}")
    }
}

#[server(prefix = "/api", endpoint = "issue_calendar_feed")]
pub async fn issue_calendar_feed(person_id: i64) -> Result<String, AppError> {
    let user = auth::require_user()?;
    let token = service::issue_feed(&state()?, &user, person_id).await?;
    response::redirect(&format!("/planning/agenda/{token}"));
    Ok(token)
}

#[server(prefix = "/api", endpoint = "revoke_calendar_feed")]
pub async fn revoke_calendar_feed(person_id: i64) -> Result<(), AppError> {
    let user = auth::require_user()?;
    service::revoke_feed(&state()?, &user, person_id).await?;
    response::redirect(&format!(
        "{}?agenda=revoque",
        planning_path(user.id, person_id)
    ));
    Ok(())
}

/// The page that shows a newly issued feed's URL: its owner or staff only.
#[server(prefix = "/api", endpoint = "get_calendar_link", input = GetUrl)]
pub async fn get_calendar_link(token: String) -> Result<(String, String), AppError> {
    let user = auth::require_user()?;
    let state = state()?;
    let person_id = service::feed_owner(&state, &user, &token).await?;
    Ok((
        format!("{}{}", state.config.public_url, service::feed_path(&token)),
        planning_path(user.id, person_id),
    ))
}
