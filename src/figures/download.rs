//! `GET /equipe/chiffres/export.csv`: the page's figures and monthly series for French Excel
//! (semicolons, decimal commas, UTF-8 with BOM). Staff only.

use super::{KeyFigures, Period, format_value, service};
use crate::{
    accounts::session::Session,
    error::AppError,
    i18n::Locale,
    server::{AppState, csv::ExcelCsv, now},
    ui::time::paris_day,
};
use axum::{
    Extension,
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use std::collections::HashMap;

pub fn csv(figures: &KeyFigures) -> ExcelCsv {
    let t = &Locale::Fr.texts().figures;
    let mut csv = ExcelCsv::new(&t.csv_columns);
    let period = format!(
        "{} – {}",
        figures.period.from_day(),
        figures.period.to_day()
    );
    for (section, list) in [
        (t.people_title, &figures.people),
        (t.public_title, &figures.public),
        (t.activity_title, &figures.activity),
    ] {
        for figure in list {
            csv.row([
                section.to_owned(),
                (t.label)(&figure.key).to_owned(),
                format_value(figure.value, &figure.unit),
                period.clone(),
            ]);
        }
    }
    for series in &figures.series {
        for (label, value) in &series.points {
            csv.row([
                t.monthly_title.to_owned(),
                (t.label)(&series.key).to_owned(),
                format_value(*value, &series.unit),
                label.clone(),
            ]);
        }
    }
    csv
}

pub async fn figures_csv(
    State(state): State<AppState>,
    session: Option<Extension<Session>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(Extension(session)) = session else {
        return AppError::Unauthorized.into_response();
    };
    if !session.user.role.is_staff() {
        return AppError::Forbidden.into_response();
    }
    let get = |k: &str| query.get(k).map(String::as_str).unwrap_or_default();
    let period = match Period::parse(
        get("du"),
        get("au"),
        get("depuis") == "debut",
        paris_day(now()),
    ) {
        Ok(period) => period,
        Err(key) => return AppError::invalid("du", key).into_response(),
    };
    match service::key_figures(&state, period).await {
        Ok(figures) => csv(&figures).download(&format!(
            "chiffres-{}-{}.csv",
            period.from_day(),
            period.to_day()
        )),
        Err(error) => error.into_response(),
    }
}
