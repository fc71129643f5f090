//! Files served by plain axum handlers: a participant's calendar feed (public behind its private
//! URL: calendar apps send no cookie) and the month's hours as CSV for French Excel (staff).
//! Refusals answer with their status and a French sentence.

use super::{format_hours, service};
use crate::{
    accounts::session::Session,
    error::AppError,
    i18n::Locale,
    server::{AppState, csv::ExcelCsv},
};
use axum::{
    Extension,
    extract::{Path, State},
    response::{IntoResponse, Response},
};

/// `GET /agenda/{token}/planning.ics`: a revoked or unknown token answers 404.
pub async fn calendar_feed(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match service::feed_calendar(&state, &token).await {
        Ok(ics) => crate::server::ics::response(ics, "inline", "planning-coop-manau.ics"),
        Err(error) => error.into_response(),
    }
}

/// `GET /equipe/planning/heures/{month}/export.csv`
pub async fn hours_csv(
    State(state): State<AppState>,
    session: Option<Extension<Session>>,
    Path(month): Path<String>,
) -> Response {
    let Some(Extension(session)) = session else {
        return AppError::Unauthorized.into_response();
    };
    if !session.user.role.is_staff() {
        return AppError::Forbidden.into_response();
    }
    let hours = match service::month_hours(&state, Some(&month)).await {
        Ok(hours) => hours,
        Err(error) => return error.into_response(),
    };
    let t = &Locale::Fr.texts().planning;
    let mut csv = ExcelCsv::new(&t.hours_columns);
    for row in &hours.rows {
        csv.row([
            hours.month.clone(),
            row.name.clone(),
            row.shifts.to_string(),
            format_hours(row.planned_minutes),
            format_hours(row.worked_minutes),
            // Decimal hours too: Excel can add them up.
            format!("{:.2}", row.worked_minutes as f64 / 60.0).replace('.', ","),
            row.excused.to_string(),
            row.unexcused.to_string(),
            row.unmarked.to_string(),
        ]);
    }
    csv.download(&format!("heures-{}.csv", hours.month))
}
