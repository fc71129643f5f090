//! The kitchen's CSV of a service's orders (French Excel), a plain download handler: a refused
//! download still answers 401/403/404 with a French sentence.

use super::{format_price, paris_hhmm, service};
use crate::{
    accounts::session::Session,
    error::AppError,
    i18n::Locale,
    server::{AppState, csv::ExcelCsv},
};
use axum::{
    extract::{Path, Request, State},
    response::{IntoResponse, Response},
};

/// GET /cuisine/{id}/commandes.csv
pub async fn kitchen_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let user = request
        .extensions()
        .get::<Session>()
        .map(|s| s.user.clone());
    match csv(&state, user.as_ref(), &id).await {
        Ok((csv, day)) => csv.download(&format!("commandes-dejeuner-{day}.csv")),
        Err(error) => error.into_response(),
    }
}

async fn csv(
    state: &AppState,
    user: Option<&crate::accounts::CurrentUser>,
    id: &str,
) -> Result<(ExcelCsv, String), AppError> {
    service::kitchen_allowed(state, user).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let kitchen = service::kitchen(state, Some(id)).await?;
    let t = Locale::Fr.texts();
    let mut csv = ExcelCsv::new(&t.lunch.csv_columns);
    for order in &kitchen.orders {
        let dishes: Vec<String> = order
            .lines
            .iter()
            .map(|l| format!("{} x {}", l.quantity, l.name))
            .collect();
        let portions: i64 = order.lines.iter().map(|l| l.quantity).sum();
        csv.row([
            paris_hhmm(order.window_starts_at),
            order.reference.clone(),
            order.name.clone(),
            order.phone.clone(),
            (t.lunch.status)(&order.status).to_owned(),
            dishes.join(", "),
            portions.to_string(),
            format_price(order.total_cents)
                .trim_end_matches(" €")
                .to_owned(),
        ]);
    }
    Ok((csv, kitchen.menu.service.day))
}
