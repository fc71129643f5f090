//! Lunch's business rules that need the database. Each decision is one BEGIN IMMEDIATE
//! transaction: what it checks and what it writes are seen by no one else in between, and an
//! error anywhere leaves nothing written.

use super::{
    Kitchen, LunchAdmin, LunchDay, LunchOrder, LunchService, Menu, Totals, format_date,
    paris_to_utc, parse_date, parse_hhmm, repo, repo::NewDish, weekday, window_starts,
};
use crate::{
    accounts::{
        CurrentUser, audit, auth,
        token::{hash_token, is_well_formed},
    },
    error::AppError,
    server::{
        AppState,
        db::{Referenced, free_reference, is_unique_violation},
        now,
    },
};
use sqlx::SqliteConnection;

/// Staff, or a participant of the kitchen sector; else 401/403.
pub async fn require_kitchen(state: &AppState) -> Result<CurrentUser, AppError> {
    let user = auth::require_user()?;
    kitchen_allowed(state, Some(&user)).await?;
    Ok(user)
}

/// The kitchen rule for a request's user (also used outside server functions: the CSV).
pub async fn kitchen_allowed(state: &AppState, user: Option<&CurrentUser>) -> Result<(), AppError> {
    let user = user.ok_or(AppError::Unauthorized)?;
    if user.role.is_staff() {
        return Ok(());
    }
    let mut conn = state.db.reader.acquire().await?;
    if repo::in_kitchen_sector(&mut conn, user.id).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

// --- Service days and services (staff) ---

pub async fn admin(state: &AppState) -> Result<LunchAdmin, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    Ok(LunchAdmin {
        days: repo::list_days(&mut conn).await?,
        services: repo::list_services(&mut conn, now() - 14 * 86_400, false, 30).await?,
    })
}

/// Checks a service day's settings as staff typed them.
pub fn parse_day(
    weekday: u8,
    starts: &str,
    ends: &str,
    cutoff: &str,
    window_minutes: i64,
    window_capacity: i64,
    active: bool,
) -> Result<LunchDay, AppError> {
    if !(1..=7).contains(&weekday) {
        return Err(AppError::invalid("weekday", "weekday_invalid"));
    }
    let field =
        |name: &str, value: &str| parse_hhmm(value).map_err(|key| AppError::invalid(name, key));
    let (s, e, c) = (
        field("starts", starts)?,
        field("ends", ends)?,
        field("cutoff", cutoff)?,
    );
    if s >= e {
        return Err(AppError::invalid("ends", "hours_order"));
    }
    if c > s {
        return Err(AppError::invalid("cutoff", "cutoff_after_start"));
    }
    if !(5..=120).contains(&window_minutes) {
        return Err(AppError::invalid("window_minutes", "window_minutes_range"));
    }
    if !(1..=200).contains(&window_capacity) {
        return Err(AppError::invalid("window_capacity", "capacity_range"));
    }
    Ok(LunchDay {
        weekday,
        starts: starts.trim().to_owned(),
        ends: ends.trim().to_owned(),
        cutoff: cutoff.trim().to_owned(),
        window_minutes,
        window_capacity,
        active,
    })
}

pub async fn save_day(
    state: &AppState,
    actor: &CurrentUser,
    day: LunchDay,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    repo::upsert_day(&mut tx, &day).await?;
    audit::record(
        &mut tx,
        actor,
        "lunch_day_saved",
        "lunch_day",
        day.weekday,
        None,
    )
    .await?;
    tx.commit().await?;
    // What the public sees of the menus (portions left, windows) has changed.
    state.lunch_menus.invalidate();
    Ok(())
}

/// The service of `day` set up from its weekday's settings, with its pickup windows.
pub(super) async fn insert_service_for(
    conn: &mut SqliteConnection,
    days: i64,
    config: &LunchDay,
) -> Result<i64, AppError> {
    let minutes = |value: &str| parse_hhmm(value).map_err(AppError::internal);
    let (starts, ends, cutoff) = (
        minutes(&config.starts)?,
        minutes(&config.ends)?,
        minutes(&config.cutoff)?,
    );
    let service = LunchService {
        id: 0,
        day: format_date(days),
        starts_at: paris_to_utc(days, starts),
        ends_at: paris_to_utc(days, ends),
        cutoff_at: paris_to_utc(days, cutoff),
        open: true,
    };
    let id = repo::insert_service(conn, &service, now()).await?;
    for start in window_starts(starts, ends, config.window_minutes) {
        repo::insert_window(conn, id, paris_to_utc(days, start), config.window_capacity).await?;
    }
    Ok(id)
}

/// Creates the service of a date from its weekday's settings; an existing one is simply
/// returned (asking twice is not an error).
pub async fn create_service(
    state: &AppState,
    actor: &CurrentUser,
    day: &str,
) -> Result<i64, AppError> {
    let days = parse_date(day).map_err(|key| AppError::invalid("day", key))?;
    if paris_to_utc(days, 0) + 86_400 <= now() {
        return Err(AppError::invalid("day", "date_past"));
    }
    let mut tx = state.db.begin_write().await?;
    if crate::home::service::closed(&mut *tx)
        .await?
        .is_closed(days)
    {
        return Err(AppError::invalid("day", "day_closed"));
    }
    let existing = repo::list_services(&mut tx, paris_to_utc(days, 0), false, 1)
        .await?
        .into_iter()
        .find(|s| s.day == format_date(days));
    if let Some(service) = existing {
        return Ok(service.id);
    }
    let config = repo::find_day(&mut tx, weekday(days))
        .await?
        .filter(|d| d.active)
        .ok_or_else(|| AppError::invalid("day", "lunch_day_not_served"))?;
    let id = insert_service_for(&mut tx, days, &config).await?;
    audit::record(
        &mut tx,
        actor,
        "lunch_service_created",
        "lunch_service",
        id,
        Some(day),
    )
    .await?;
    tx.commit().await?;
    // What the public sees of the menus (portions left, windows) has changed.
    state.lunch_menus.invalidate();
    Ok(id)
}

async fn menu_of(
    conn: &mut SqliteConnection,
    service: LunchService,
    now: i64,
) -> Result<Menu, sqlx::Error> {
    let dishes = repo::list_dishes(conn, service.id).await?;
    let windows = repo::list_windows(conn, service.id).await?;
    Ok(Menu {
        takes_orders: service.takes_orders(now),
        service,
        dishes,
        windows,
    })
}

pub async fn menu(state: &AppState, service_id: i64) -> Result<Menu, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let service = repo::find_service(&mut conn, service_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(menu_of(&mut conn, service, now()).await?)
}

/// The coming open services with their menus, soonest first.
/// Kept a few seconds in memory (the home page shows them on every visit: ~13 reads each) and
/// forgotten at every write of this module.
pub async fn public_menus(state: &AppState) -> Result<Vec<Menu>, AppError> {
    let menus = state
        .lunch_menus
        .get_or_load(async || {
            let now = now();
            let mut conn = state.db.reader.acquire().await?;
            let services = repo::list_services(&mut conn, now, true, 6).await?;
            // Not on public holidays and closures, even if a service was made for that day.
            let closed = crate::home::service::closed(&mut *conn).await?;
            let mut menus = Vec::with_capacity(services.len());
            for service in services
                .into_iter()
                .filter(|s| parse_date(&s.day).is_ok_and(|day| !closed.is_closed(day)))
            {
                menus.push(menu_of(&mut conn, service, now).await?);
            }
            Ok::<_, AppError>(menus)
        })
        .await?;
    Ok(menus.as_ref().clone())
}

/// Other services whose menu can be copied (the recent and coming ones).
pub async fn other_services(
    state: &AppState,
    service_id: i64,
) -> Result<Vec<LunchService>, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    Ok(
        repo::list_services(&mut conn, now() - 60 * 86_400, false, 40)
            .await?
            .into_iter()
            .filter(|s| s.id != service_id)
            .collect(),
    )
}

/// A per-service cut-off typed as "YYYY-MM-DDTHH:MM" (Paris), and whether it takes orders.
pub async fn update_service(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    cutoff: &str,
    open: bool,
) -> Result<(), AppError> {
    let invalid = || AppError::invalid("cutoff", "cutoff_invalid");
    let (date, time) = cutoff.trim().split_once('T').ok_or_else(invalid)?;
    let cutoff_at = paris_to_utc(
        parse_date(date).map_err(|_| invalid())?,
        parse_hhmm(time).map_err(|_| invalid())?,
    );
    let mut tx = state.db.begin_write().await?;
    let service = repo::find_service(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if cutoff_at > service.ends_at {
        return Err(AppError::invalid("cutoff", "cutoff_after_end"));
    }
    repo::update_service(&mut tx, id, cutoff_at, open).await?;
    audit::record(
        &mut tx,
        actor,
        "lunch_service_updated",
        "lunch_service",
        id,
        None,
    )
    .await?;
    tx.commit().await?;
    // What the public sees of the menus (portions left, windows) has changed.
    state.lunch_menus.invalidate();
    Ok(())
}

/// Returns the window's service.
pub async fn update_window(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    capacity: i64,
    open: bool,
) -> Result<i64, AppError> {
    if !(0..=200).contains(&capacity) {
        return Err(AppError::invalid("capacity", "capacity_range"));
    }
    let mut tx = state.db.begin_write().await?;
    let (service_id, booked) = repo::find_window(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if capacity < booked {
        return Err(AppError::invalid("capacity", "capacity_below_booked"));
    }
    repo::update_window(&mut tx, id, capacity, open).await?;
    audit::record(
        &mut tx,
        actor,
        "lunch_window_updated",
        "lunch_window",
        id,
        None,
    )
    .await?;
    tx.commit().await?;
    // What the public sees of the menus (portions left, windows) has changed.
    state.lunch_menus.invalidate();
    Ok(service_id)
}

/// Adds a dish to the service, or changes one of its dishes.
pub async fn save_dish(
    state: &AppState,
    actor: &CurrentUser,
    service_id: i64,
    dish_id: Option<i64>,
    dish: NewDish,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    repo::find_service(&mut tx, service_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let id = match dish_id {
        Some(id) => {
            let (owner, ordered) = repo::find_dish(&mut tx, id)
                .await?
                .filter(|(owner, _)| *owner == service_id)
                .ok_or(AppError::NotFound)?;
            debug_assert_eq!(owner, service_id);
            if dish.portions < ordered {
                return Err(AppError::invalid("portions", "portions_below_ordered"));
            }
            repo::update_dish(&mut tx, id, &dish).await?;
            id
        }
        None => repo::insert_dish(&mut tx, service_id, &dish).await?,
    };
    audit::record(
        &mut tx,
        actor,
        "lunch_dish_saved",
        "lunch_dish",
        id,
        Some(&dish.name),
    )
    .await?;
    tx.commit().await?;
    // What the public sees of the menus (portions left, windows) has changed.
    state.lunch_menus.invalidate();
    Ok(())
}

/// Removes a dish nobody ordered; returns its service.
pub async fn delete_dish(state: &AppState, actor: &CurrentUser, id: i64) -> Result<i64, AppError> {
    let mut tx = state.db.begin_write().await?;
    let (service_id, _) = repo::find_dish(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if repo::dish_was_ordered(&mut tx, id).await? {
        return Err(AppError::Conflict("dish_has_orders".into()));
    }
    repo::delete_dish(&mut tx, id).await?;
    audit::record(&mut tx, actor, "lunch_dish_deleted", "lunch_dish", id, None).await?;
    tx.commit().await?;
    // What the public sees of the menus (portions left, windows) has changed.
    state.lunch_menus.invalidate();
    Ok(service_id)
}

/// Copies the dishes of service `from` into service `to` (added to what `to` already has).
pub async fn copy_menu(
    state: &AppState,
    actor: &CurrentUser,
    to: i64,
    from: i64,
) -> Result<(), AppError> {
    if to == from {
        return Err(AppError::invalid("from", "menu_same_service"));
    }
    let mut tx = state.db.begin_write().await?;
    repo::find_service(&mut tx, to)
        .await?
        .ok_or(AppError::NotFound)?;
    repo::find_service(&mut tx, from)
        .await?
        .ok_or_else(|| AppError::invalid("from", "menu_empty"))?;
    if repo::copy_dishes(&mut tx, from, to).await? == 0 {
        return Err(AppError::invalid("from", "menu_empty"));
    }
    let detail = format!("from {from}");
    audit::record(
        &mut tx,
        actor,
        "lunch_menu_copied",
        "lunch_service",
        to,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    // What the public sees of the menus (portions left, windows) has changed.
    state.lunch_menus.invalidate();
    Ok(())
}

// --- Takeaway pre-orders (public) ---

/// A pre-order as the form sends it, already parsed.
/// The most orders (not cancelled) one address holds for a service: a family or a few
/// colleagues, not the whole kitchen. Migration 11's trigger holds the same number.
pub const ORDERS_PER_ADDRESS: i64 = 4;

pub struct OrderForm {
    pub service_id: i64,
    pub window_id: i64,
    pub lines: Vec<(i64, i64)>,
    pub name: String,
    pub phone: String,
    /// The form's idempotency key, which becomes the private link's token.
    pub token: String,
    /// The pseudonym of the address it came from (`server::request::client_key`): the
    /// database lets one address hold 4 orders of a service at most.
    pub client_key: Option<String>,
}

/// Records a pre-order, or finds the one this form already recorded. Returns the private
/// link's token. Window places and portions are taken by conditional updates inside this one
/// transaction: two people asking for the last portion cannot both get it.
pub async fn place_order(state: &AppState, form: OrderForm) -> Result<String, AppError> {
    if !is_well_formed(&form.token) {
        return Err(AppError::BadRequest);
    }
    let token_hash = hash_token(&form.token);
    let now = now();
    let mut tx = state.db.begin_write().await?;
    if repo::order_id_by_token(&mut tx, &token_hash)
        .await?
        .is_some()
    {
        // A retried submission: the same answer, nothing written.
        return Ok(form.token);
    }
    let service = repo::find_service(&mut tx, form.service_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !service.open {
        return Err(AppError::Conflict("lunch_closed".into()));
    }
    // A closure entered after the service was made: no order for a day nobody cooks.
    let day = parse_date(&service.day).map_err(|_| AppError::NotFound)?;
    if crate::home::service::closed(&mut *tx).await?.is_closed(day) {
        return Err(AppError::Conflict("day_closed".into()));
    }
    if now >= service.cutoff_at {
        return Err(AppError::Conflict("lunch_cutoff_passed".into()));
    }
    // Read everything first (this transaction holds the write lock, so what it reads stays
    // true), so a refusal changes no row at all...
    let windows = repo::list_windows(&mut tx, service.id).await?;
    let window = windows
        .iter()
        .find(|w| w.id == form.window_id)
        .ok_or_else(|| AppError::invalid("window", "window_unknown"))?;
    let dishes = repo::list_dishes(&mut tx, service.id).await?;
    for (dish_id, _) in &form.lines {
        if !dishes.iter().any(|d| d.id == *dish_id) {
            return Err(AppError::invalid("quantities", "dish_unknown"));
        }
    }
    if window.room_left() == 0 {
        return Err(AppError::Conflict("window_full".into()));
    }
    // The address's share, read under the write lock like the rest so that a refusal writes
    // nothing; the trigger of migration 11 (same number) refuses the insert anyway.
    if let Some(key) = &form.client_key
        && repo::orders_from(&mut tx, service.id, key).await? >= ORDERS_PER_ADDRESS
    {
        return Err(AppError::Conflict("address_share_lunch".into()));
    }
    for (dish_id, quantity) in &form.lines {
        if dishes
            .iter()
            .any(|d| d.id == *dish_id && d.left() < *quantity)
        {
            return Err(AppError::Conflict("dish_sold_out".into()));
        }
    }
    // ...then take the places with conditional updates, backed by the CHECK constraints.
    if !repo::take_window_place(&mut tx, form.window_id, service.id).await? {
        return Err(AppError::Conflict("window_full".into()));
    }
    let mut priced = Vec::with_capacity(form.lines.len());
    for (dish_id, quantity) in &form.lines {
        let price = repo::take_portions(&mut tx, *dish_id, service.id, *quantity)
            .await?
            .ok_or_else(|| AppError::Conflict("dish_sold_out".into()))?;
        priced.push((*dish_id, *quantity, price));
    }
    let total_cents = priced.iter().map(|(_, q, p)| q * p).sum();
    let reference = free_reference(&mut tx, Referenced::LunchOrder, 'D').await?;
    let order = repo::NewOrder {
        service_id: service.id,
        window_id: form.window_id,
        reference: &reference,
        token_hash: &token_hash,
        name: &form.name,
        phone: &form.phone,
        total_cents,
        client_key: form.client_key.as_deref(),
    };
    // Dropping `tx` on a refusal rolls back the places and portions taken above.
    let id = repo::insert_order(&mut tx, &order, now)
        .await
        .map_err(|e| {
            if e.as_database_error()
                .is_some_and(|db| db.message().contains("address_share_lunch"))
            {
                AppError::Conflict("address_share_lunch".into())
            } else if is_unique_violation(&e) {
                AppError::Conflict("order_retry".into())
            } else {
                e.into()
            }
        })?;
    for (dish_id, quantity, price) in priced {
        repo::insert_line(&mut tx, id, dish_id, quantity, price).await?;
    }
    tx.commit().await?;
    // What the public sees of the menus (portions left, windows) has changed.
    state.lunch_menus.invalidate();
    Ok(form.token)
}

/// The order behind a private link; a malformed or unknown token is 404.
pub async fn order_by_token(state: &AppState, token: &str) -> Result<LunchOrder, AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let mut conn = state.db.reader.acquire().await?;
    find_by_token(&mut conn, token).await
}

/// Gives the order's window place and portions back, and marks it cancelled.
pub(super) async fn release(
    conn: &mut SqliteConnection,
    order: &LunchOrder,
) -> Result<(), sqlx::Error> {
    repo::release_window_place(conn, order.window_id).await?;
    for line in &order.lines {
        repo::release_portions(conn, line.dish_id, line.quantity).await?;
    }
    repo::set_order_status(conn, order.id, "cancelled", now()).await
}

/// The order behind a well-formed token, read on `conn` (a write transaction, to change it).
async fn find_by_token(conn: &mut SqliteConnection, token: &str) -> Result<LunchOrder, AppError> {
    let id = repo::order_id_by_token(&mut *conn, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    repo::find_order(conn, id, now())
        .await?
        .ok_or(AppError::NotFound)
}

/// The customer cancels through the private link, until the cut-off.
pub async fn cancel_order(state: &AppState, token: &str) -> Result<(), AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let mut tx = state.db.begin_write().await?;
    let order = find_by_token(&mut tx, token).await?;
    if order.status == "cancelled" {
        return Ok(());
    }
    if order.status != "placed" {
        return Err(AppError::Conflict("order_not_cancellable".into()));
    }
    if !order.cancellable {
        return Err(AppError::Conflict("lunch_cutoff_passed".into()));
    }
    release(&mut tx, &order).await?;
    tx.commit().await?;
    // What the public sees of the menus (portions left, windows) has changed.
    state.lunch_menus.invalidate();
    Ok(())
}

/// The customer undoes a cancellation, minutes after it and before the cut-off, if the pickup
/// time and the portions are still free (someone may have taken them since): all or nothing.
pub async fn restore_order(state: &AppState, token: &str) -> Result<(), AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let mut tx = state.db.begin_write().await?;
    let order = find_by_token(&mut tx, token).await?;
    if order.status == "placed" {
        // A double tap: restored once.
        return Ok(());
    }
    if !order.restorable {
        return Err(AppError::Conflict("restore_too_late".into()));
    }
    // Read first, under the write lock, so that a refusal changes no row at all; the conditional
    // updates below decide anyway (and dropping `tx` uncommitted rolls them back).
    let windows = repo::list_windows(&mut tx, order.service.id).await?;
    let dishes = repo::list_dishes(&mut tx, order.service.id).await?;
    let room = windows
        .iter()
        .any(|w| w.id == order.window_id && w.room_left() > 0)
        && order.lines.iter().all(|line| {
            dishes
                .iter()
                .any(|d| d.id == line.dish_id && d.left() >= line.quantity)
        });
    if !room {
        return Err(AppError::Conflict("restore_no_room".into()));
    }
    // The address's share of the service, as for a new order (its trigger only sees inserts).
    if let Some(key) = repo::client_key_of(&mut tx, order.id).await?
        && repo::orders_from(&mut tx, order.service.id, &key).await? >= ORDERS_PER_ADDRESS
    {
        return Err(AppError::Conflict("address_share_lunch".into()));
    }
    if !repo::take_window_place(&mut tx, order.window_id, order.service.id).await? {
        return Err(AppError::Conflict("restore_no_room".into()));
    }
    for line in &order.lines {
        if repo::take_portions(&mut tx, line.dish_id, order.service.id, line.quantity)
            .await?
            .is_none()
        {
            return Err(AppError::Conflict("restore_no_room".into()));
        }
    }
    repo::set_order_status(&mut tx, order.id, "placed", now()).await?;
    tx.commit().await?;
    state.lunch_menus.invalidate();
    Ok(())
}

// --- The kitchen ---

/// A service's dishes to prepare, orders and totals; without an id, today's or the next one.
pub async fn kitchen(state: &AppState, service_id: Option<i64>) -> Result<Kitchen, AppError> {
    let now = now();
    let mut conn = state.db.reader.acquire().await?;
    let services = repo::list_services(&mut conn, now - 14 * 86_400, false, 30).await?;
    let service = match service_id {
        Some(id) => repo::find_service(&mut conn, id).await?,
        None => services
            .iter()
            .find(|s| s.ends_at + 3 * 3600 > now)
            .or(services.last())
            .cloned(),
    }
    .ok_or(AppError::NotFound)?;
    let orders = repo::list_orders(&mut conn, &service, now).await?;
    Ok(Kitchen {
        totals: Totals::of(&orders),
        menu: menu_of(&mut conn, service, now).await?,
        orders,
        services,
    })
}

/// Marks an order ready or collected; returns its service. "Ready" again on a collected order
/// undoes a "collected" tapped by mistake (the kitchen screen offers it).
pub async fn set_status(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    status: &str,
) -> Result<i64, AppError> {
    if !matches!(status, "ready" | "collected") {
        return Err(AppError::invalid("status", "status_invalid"));
    }
    let mut tx = state.db.begin_write().await?;
    let order = repo::find_order(&mut tx, id, now())
        .await?
        .ok_or(AppError::NotFound)?;
    match (order.status.as_str(), status) {
        (current, wanted) if current == wanted => return Ok(order.service.id),
        ("cancelled", _) => return Err(AppError::Conflict("order_cancelled".into())),
        ("collected", "ready") => {}
        ("collected", _) => return Err(AppError::Conflict("order_collected".into())),
        _ => {}
    }
    repo::set_order_status(&mut tx, id, status, now()).await?;
    let action = if order.status == "collected" {
        "lunch_order_collected_undone".to_owned()
    } else {
        format!("lunch_order_{status}")
    };
    audit::record(
        &mut tx,
        actor,
        &action,
        "lunch_order",
        id,
        Some(&order.reference),
    )
    .await?;
    tx.commit().await?;
    // What the public sees of the menus (portions left, windows) has changed.
    state.lunch_menus.invalidate();
    Ok(order.service.id)
}
