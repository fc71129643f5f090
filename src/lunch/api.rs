//! Server functions of lunch: thin — authorize, parse, call the service, redirect.
// A server function's arguments are its form's fields (a dish has nine); the client stub that
// the macro generates cannot carry an item-level allow.
#![allow(clippy::too_many_arguments)]

use super::{Kitchen, LunchAdmin, LunchOrder, LunchService, Menu};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        COURSES, allergen_mask, parse_labels, parse_order_lines, parse_price, repo::NewDish,
        service,
    },
    crate::{
        accounts::{auth, parse_name, parse_phone, token::new_token},
        server::{response, state},
    },
};

// --- Public ---

/// The coming services and their menus. Public and read-only, hence GET (kept for offline use).
#[server(prefix = "/api", endpoint = "list_lunch_menus", input = GetUrl)]
pub async fn list_lunch_menus() -> Result<Vec<Menu>, AppError> {
    service::public_menus(&state()?).await
}

/// The order form of one service: its menu and a fresh idempotency key for the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPage {
    pub menu: Menu,
    pub idempotency_key: String,
}

#[server(prefix = "/api", endpoint = "get_lunch_order_form", input = GetUrl)]
pub async fn get_lunch_order_form(service_id: i64) -> Result<OrderPage, AppError> {
    let menu = service::menu(&state()?, service_id).await?;
    if !menu.service.open {
        return Err(AppError::NotFound);
    }
    Ok(OrderPage {
        menu,
        idempotency_key: new_token(),
    })
}

/// Takeaway pre-order, no account. `dish[]` and `qty[]` go in pairs, one per dish shown.
#[server(prefix = "/api", endpoint = "place_lunch_order")]
pub async fn place_lunch_order(
    service_id: i64,
    window_id: Option<i64>,
    name: String,
    phone: String,
    idempotency_key: String,
    dish: Option<Vec<i64>>,
    qty: Option<Vec<String>>,
) -> Result<String, AppError> {
    let lines = parse_order_lines(&dish.unwrap_or_default(), &qty.unwrap_or_default())?;
    let window_id = window_id.ok_or_else(|| AppError::invalid("window", "window_required"))?;
    let name = parse_name(&name).map_err(|key| AppError::invalid("name", key))?;
    let phone = parse_phone(&phone).map_err(|key| AppError::invalid("phone", key))?;
    use crate::counter::{Kind, service::at_counter};
    let state = state()?;
    // At the counter every order comes from the coop's connection: no per-address share.
    let counter = at_counter(&state, Kind::Lunch).await?;
    let token = service::place_order(
        &state,
        service::OrderForm {
            service_id,
            window_id,
            lines,
            name,
            phone,
            token: idempotency_key,
            client_key: counter.is_none().then(response::client_key).flatten(),
        },
    )
    .await?;
    match counter {
        Some(_) => response::redirect(&Kind::Lunch.ticket_path(&token)),
        None => response::redirect(&format!("/dejeuner/commande/{token}")),
    }
    Ok(token)
}

/// The order behind a private link.
#[server(prefix = "/api", endpoint = "get_lunch_order", input = GetUrl)]
pub async fn get_lunch_order(token: String) -> Result<LunchOrder, AppError> {
    service::order_by_token(&state()?, &token).await
}

#[server(prefix = "/api", endpoint = "cancel_lunch_order")]
pub async fn cancel_lunch_order(token: String) -> Result<(), AppError> {
    service::cancel_order(&state()?, &token).await?;
    response::redirect(&format!("/dejeuner/commande/{token}"));
    Ok(())
}

/// Undoes a cancellation from the private link (minutes after it, if there is still room).
#[server(prefix = "/api", endpoint = "restore_lunch_order")]
pub async fn restore_lunch_order(token: String) -> Result<(), AppError> {
    service::restore_order(&state()?, &token).await?;
    response::redirect(&format!("/dejeuner/commande/{token}"));
    Ok(())
}

// --- Staff ---

#[server(prefix = "/api", endpoint = "get_lunch_admin", input = GetUrl)]
pub async fn get_lunch_admin() -> Result<LunchAdmin, AppError> {
    auth::require_staff()?;
    service::admin(&state()?).await
}

#[server(prefix = "/api", endpoint = "save_lunch_day")]
pub async fn save_lunch_day(
    weekday: u8,
    starts: String,
    ends: String,
    cutoff: String,
    window_minutes: i64,
    window_capacity: i64,
    active: Option<String>,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let day = service::parse_day(
        weekday,
        &starts,
        &ends,
        &cutoff,
        window_minutes,
        window_capacity,
        active.is_some(),
    )?;
    service::save_day(&state()?, &actor, day).await?;
    response::redirect("/equipe/dejeuner?enregistre=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "create_lunch_service")]
pub async fn create_lunch_service(day: String) -> Result<i64, AppError> {
    let actor = auth::require_staff()?;
    let id = service::create_service(&state()?, &actor, &day).await?;
    response::redirect(&format!("/equipe/dejeuner/{id}"));
    Ok(id)
}

/// One service as staff edit it, and the services its menu can be copied from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceAdmin {
    pub menu: Menu,
    pub others: Vec<LunchService>,
}

#[server(prefix = "/api", endpoint = "get_lunch_service", input = GetUrl)]
pub async fn get_lunch_service(id: i64) -> Result<ServiceAdmin, AppError> {
    auth::require_staff()?;
    let state = state()?;
    Ok(ServiceAdmin {
        menu: service::menu(&state, id).await?,
        others: service::other_services(&state, id).await?,
    })
}

/// `cutoff` as an `<input type="datetime-local">` sends it, in Paris time.
#[server(prefix = "/api", endpoint = "update_lunch_service")]
pub async fn update_lunch_service(
    id: i64,
    cutoff: String,
    open: Option<String>,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::update_service(&state()?, &actor, id, &cutoff, open.is_some()).await?;
    response::redirect(&format!("/equipe/dejeuner/{id}?enregistre=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "update_lunch_window")]
pub async fn update_lunch_window(
    id: i64,
    capacity: i64,
    open: Option<String>,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let service_id =
        service::update_window(&state()?, &actor, id, capacity, open.is_some()).await?;
    response::redirect(&format!(
        "/equipe/dejeuner/{service_id}?enregistre=1#creneaux"
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "save_lunch_dish")]
pub async fn save_lunch_dish(
    service_id: i64,
    dish_id: Option<i64>,
    course: String,
    name: String,
    description: String,
    price: String,
    portions: String,
    allergens: Option<Vec<String>>,
    labels: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    if !COURSES.contains(&course.as_str()) {
        return Err(AppError::invalid("course", "course_invalid"));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::invalid("name", "dish_name_invalid"));
    }
    let description = description.trim();
    if description.chars().count() > 300 {
        return Err(AppError::invalid("description", "description_too_long"));
    }
    let dish = NewDish {
        course,
        name: name.to_owned(),
        description: description.to_owned(),
        price_cents: parse_price(&price).map_err(|key| AppError::invalid("price", key))?,
        portions: portions
            .trim()
            .parse()
            .ok()
            .filter(|p| (0..=500).contains(p))
            .ok_or_else(|| AppError::invalid("portions", "portions_invalid"))?,
        allergens: allergen_mask(&allergens.unwrap_or_default())
            .map_err(|key| AppError::invalid("allergens", key))?,
        labels: parse_labels(&labels).map_err(|key| AppError::invalid("labels", key))?,
    };
    service::save_dish(&state()?, &actor, service_id, dish_id, dish).await?;
    response::redirect(&format!("/equipe/dejeuner/{service_id}?enregistre=1#menu"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "delete_lunch_dish")]
pub async fn delete_lunch_dish(id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let service_id = service::delete_dish(&state()?, &actor, id).await?;
    response::redirect(&format!("/equipe/dejeuner/{service_id}#menu"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "copy_lunch_menu")]
pub async fn copy_lunch_menu(service_id: i64, from: Option<i64>) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let from = from.ok_or_else(|| AppError::invalid("from", "menu_empty"))?;
    service::copy_menu(&state()?, &actor, service_id, from).await?;
    response::redirect(&format!("/equipe/dejeuner/{service_id}?enregistre=1#menu"));
    Ok(())
}

// --- The kitchen ---

#[server(prefix = "/api", endpoint = "get_kitchen", input = GetUrl)]
pub async fn get_kitchen(service_id: Option<i64>) -> Result<Kitchen, AppError> {
    let state = state()?;
    service::require_kitchen(&state).await?;
    service::kitchen(&state, service_id).await
}

#[server(prefix = "/api", endpoint = "set_lunch_order_status")]
pub async fn set_lunch_order_status(id: i64, status: String) -> Result<(), AppError> {
    let state = state()?;
    let actor = service::require_kitchen(&state).await?;
    let service_id = service::set_status(&state, &actor, id, &status).await?;
    // The query changes with each mark, so the browser loads the page again even when it is
    // already showing this service.
    response::redirect(&format!(
        "/cuisine/{service_id}?commande={id}-{status}#commande-{id}"
    ));
    Ok(())
}
