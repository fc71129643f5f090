//! Counter mode: who may use it, and the ticket of what was taken.

use super::{COOKIE, Kind, Ticket, allowed};
use crate::{
    accounts::auth,
    error::AppError,
    server::{AppState, response},
};

/// The person taking the request at the counter, when the form was sent in counter mode by
/// someone allowed to (else None: the form is the public one, with its usual shares).
pub async fn at_counter(state: &AppState, kind: Kind) -> Result<Option<i64>, AppError> {
    if response::cookie(COOKIE).as_deref() != Some("1") {
        return Ok(None);
    }
    let Some(user) = auth::current_user() else {
        return Ok(None);
    };
    let sectors = sectors_of(state, user.id).await?;
    Ok(allowed(&user, &sectors, kind).then_some(user.id))
}

async fn sectors_of(state: &AppState, person_id: i64) -> Result<Vec<String>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT sector_slug FROM person_sector WHERE person_id = ?")
            .bind(person_id)
            .fetch_all(&state.db.reader)
            .await?,
    )
}

/// Whether the signed-in person may work at this counter at all (any kind).
pub async fn require_counter(state: &AppState) -> Result<Vec<Kind>, AppError> {
    let user = auth::require_user()?;
    let sectors = sectors_of(state, user.id).await?;
    let kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| allowed(&user, &sectors, *k))
        .collect();
    if kinds.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(kinds)
}

fn qr(link: &str) -> Result<String, AppError> {
    Ok(qrcode::QrCode::new(link.as_bytes())
        .map_err(AppError::internal)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(160, 160)
        .build())
}

/// The ticket of a request taken at the counter, found by its private link's token.
pub async fn ticket(state: &AppState, kind: Kind, token: &str) -> Result<Ticket, AppError> {
    let base = state.config.public_url.trim_end_matches('/').to_owned();
    let hours = crate::home::repo::list_service_hours(&state.db.reader)
        .await?
        .into_iter()
        .filter(|(slug, _)| slug == kind.service_slug())
        .filter_map(|(_, hours)| hours)
        .map(|h| (h.weekday, h.opens, h.closes))
        .collect();
    let (reference, lines, when, price_cents, price_from, path) = match kind {
        Kind::Alteration => {
            let id = crate::alterations::service::by_token(state, token).await?;
            let request = crate::alterations::repo::load_request(&state.db.reader, id)
                .await?
                .ok_or(AppError::NotFound)?;
            (
                request.reference,
                request
                    .items
                    .iter()
                    .map(|i| format!("{} × {}", i.quantity, i.service_name))
                    .collect(),
                request.dropoff_date,
                Some(request.estimate.total_cents),
                request.estimate.has_quote_items,
                format!("/retouches/suivi/{token}"),
            )
        }
        Kind::Lunch => {
            let order = crate::lunch::service::order_by_token(state, token).await?;
            (
                order.reference,
                order
                    .lines
                    .iter()
                    .map(|l| format!("{} × {}", l.quantity, l.name))
                    .collect(),
                format!(
                    "{} {}",
                    order.service.day,
                    crate::ui::time::paris_hhmm(order.window_starts_at)
                ),
                Some(order.total_cents),
                false,
                format!("/dejeuner/commande/{token}"),
            )
        }
        Kind::Hem => {
            let booking = crate::campaigns::service::booking_view(state, token).await?;
            (
                booking.reference,
                vec![format!(
                    "{} · {} × {}",
                    booking.campaign_title, booking.garments, booking.group_name
                )],
                crate::ui::time::format_paris(booking.slot.starts_at),
                None,
                false,
                format!("/ourlets/reservation/{token}"),
            )
        }
    };
    let link = format!("{base}{path}");
    Ok(Ticket {
        kind,
        reference,
        lines,
        when,
        price_cents,
        price_from,
        hours,
        qr_svg: qr(&link)?,
        link,
    })
}
