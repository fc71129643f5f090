//! Files served by plain axum handlers: a booking's calendar file (public, behind its private
//! link) and the day sheet as CSV for French Excel (staff). Refusals answer with their status and
//! a French sentence.

use super::{Attendance, service};
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

/// `GET /ourlets/reservation/{token}/agenda.ics`
pub async fn calendar_file(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match service::booking_calendar(&state, &token).await {
        Ok(ics) => crate::server::ics::response(ics, "attachment", "ourlets-coop-manau.ics"),
        Err(error) => error.into_response(),
    }
}

/// `GET /equipe/ourlets/{id}/jour/{day}/export.csv`
pub async fn day_sheet_csv(
    State(state): State<AppState>,
    session: Option<Extension<Session>>,
    Path((campaign_id, day)): Path<(i64, String)>,
) -> Response {
    let Some(Extension(session)) = session else {
        return AppError::Unauthorized.into_response();
    };
    if !session.user.role.is_staff() {
        return AppError::Forbidden.into_response();
    }
    let sheet = match service::day_sheet(&state, campaign_id, &day).await {
        Ok(sheet) => sheet,
        Err(error) => return error.into_response(),
    };
    let t = &Locale::Fr.texts().campaigns;
    let mut csv = ExcelCsv::new(&[
        t.csv_day,
        t.csv_slot,
        t.reference,
        t.name_label,
        t.group_label,
        t.garments_label,
        t.contact_label,
        t.csv_attendance,
    ]);
    for slot in &sheet.slots {
        let hours = format!(
            "{}–{}",
            super::hour_of(slot.slot.starts_at),
            super::hour_of(slot.slot.ends_at)
        );
        for b in &slot.bookings {
            csv.row([
                sheet.day.as_str(),
                hours.as_str(),
                b.reference.as_str(),
                b.name.as_str(),
                b.group_name.as_str(),
                &b.garments.to_string(),
                b.contact.as_str(),
                attendance_word(b.attendance),
            ]);
        }
    }
    csv.download(&format!("ourlets-{campaign_id}-{}.csv", sheet.day))
}

fn attendance_word(attendance: Attendance) -> &'static str {
    let t = &Locale::Fr.texts().campaigns;
    match attendance {
        Attendance::Expected => t.attendance_expected,
        Attendance::Came => t.attendance_came,
        Attendance::Done => t.attendance_done,
        Attendance::NoShow => t.attendance_no_show,
    }
}
