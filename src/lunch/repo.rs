//! SQL of lunch, nothing else. Reads and writes take a connection: readers pass one from the
//! reader pool, decisions the connection of their write transaction.

use super::{Dish, LunchDay, LunchOrder, LunchService, OrderLine, PickupWindow, allergen_codes};
use sqlx::SqliteConnection;

// --- Service days ---

#[derive(sqlx::FromRow)]
struct DayRow {
    weekday: i64,
    starts: String,
    ends: String,
    cutoff: String,
    window_minutes: i64,
    window_capacity: i64,
    active: bool,
}

impl From<DayRow> for LunchDay {
    fn from(r: DayRow) -> Self {
        LunchDay {
            weekday: u8::try_from(r.weekday).unwrap_or(1),
            starts: r.starts,
            ends: r.ends,
            cutoff: r.cutoff,
            window_minutes: r.window_minutes,
            window_capacity: r.window_capacity,
            active: r.active,
        }
    }
}

const DAY_COLUMNS: &str = "weekday, starts, ends, cutoff, window_minutes, window_capacity, active";

pub async fn list_days(conn: &mut SqliteConnection) -> Result<Vec<LunchDay>, sqlx::Error> {
    let rows: Vec<DayRow> = sqlx::query_as(&format!(
        "SELECT {DAY_COLUMNS} FROM lunch_day ORDER BY weekday"
    ))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn find_day(
    conn: &mut SqliteConnection,
    weekday: u8,
) -> Result<Option<LunchDay>, sqlx::Error> {
    let row: Option<DayRow> = sqlx::query_as(&format!(
        "SELECT {DAY_COLUMNS} FROM lunch_day WHERE weekday = ?"
    ))
    .bind(i64::from(weekday))
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Into::into))
}

pub async fn upsert_day(conn: &mut SqliteConnection, day: &LunchDay) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO lunch_day (weekday, starts, ends, cutoff, window_minutes, window_capacity, active)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (weekday) DO UPDATE SET starts = excluded.starts, ends = excluded.ends,
             cutoff = excluded.cutoff, window_minutes = excluded.window_minutes,
             window_capacity = excluded.window_capacity, active = excluded.active",
    )
    .bind(i64::from(day.weekday))
    .bind(&day.starts)
    .bind(&day.ends)
    .bind(&day.cutoff)
    .bind(day.window_minutes)
    .bind(day.window_capacity)
    .bind(day.active)
    .execute(conn)
    .await?;
    Ok(())
}

// --- Services and windows ---

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: i64,
    day: String,
    starts_at: i64,
    ends_at: i64,
    cutoff_at: i64,
    open: bool,
}

impl From<ServiceRow> for LunchService {
    fn from(r: ServiceRow) -> Self {
        LunchService {
            id: r.id,
            day: r.day,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            cutoff_at: r.cutoff_at,
            open: r.open,
        }
    }
}

const SERVICE_COLUMNS: &str = "id, day, starts_at, ends_at, cutoff_at, open";

pub async fn insert_service(
    conn: &mut SqliteConnection,
    service: &LunchService,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO lunch_service (day, starts_at, ends_at, cutoff_at, open, created_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&service.day)
    .bind(service.starts_at)
    .bind(service.ends_at)
    .bind(service.cutoff_at)
    .bind(service.open)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn insert_window(
    conn: &mut SqliteConnection,
    service_id: i64,
    starts_at: i64,
    capacity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO lunch_window (service_id, starts_at, capacity) VALUES (?, ?, ?)")
        .bind(service_id)
        .bind(starts_at)
        .bind(capacity)
        .execute(conn)
        .await?;
    Ok(())
}

/// Services that end after `after`, soonest first; only open ones when `open_only`.
pub async fn list_services(
    conn: &mut SqliteConnection,
    after: i64,
    open_only: bool,
    limit: i64,
) -> Result<Vec<LunchService>, sqlx::Error> {
    let rows: Vec<ServiceRow> = sqlx::query_as(&format!(
        "SELECT {SERVICE_COLUMNS} FROM lunch_service
         WHERE ends_at > ? AND (open = 1 OR ? = 0) ORDER BY starts_at LIMIT ?"
    ))
    .bind(after)
    .bind(open_only)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn find_service(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<LunchService>, sqlx::Error> {
    let row: Option<ServiceRow> = sqlx::query_as(&format!(
        "SELECT {SERVICE_COLUMNS} FROM lunch_service WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Into::into))
}

pub async fn update_service(
    conn: &mut SqliteConnection,
    id: i64,
    cutoff_at: i64,
    open: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE lunch_service SET cutoff_at = ?, open = ? WHERE id = ?")
        .bind(cutoff_at)
        .bind(open)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct WindowRow {
    id: i64,
    starts_at: i64,
    capacity: i64,
    booked: i64,
    open: bool,
}

pub async fn list_windows(
    conn: &mut SqliteConnection,
    service_id: i64,
) -> Result<Vec<PickupWindow>, sqlx::Error> {
    let rows: Vec<WindowRow> = sqlx::query_as(
        "SELECT id, starts_at, capacity, booked, open FROM lunch_window
         WHERE service_id = ? ORDER BY starts_at",
    )
    .bind(service_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PickupWindow {
            id: r.id,
            starts_at: r.starts_at,
            capacity: r.capacity,
            booked: r.booked,
            open: r.open,
        })
        .collect())
}

/// The window's service and booked count, if it exists.
pub async fn find_window(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT service_id, booked FROM lunch_window WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn update_window(
    conn: &mut SqliteConnection,
    id: i64,
    capacity: i64,
    open: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE lunch_window SET capacity = ?, open = ? WHERE id = ?")
        .bind(capacity)
        .bind(open)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Takes one order's place in an open window of the service, if room is left: the capacity
/// decision itself, in one statement (backed by the CHECK on `booked`).
pub async fn take_window_place(
    conn: &mut SqliteConnection,
    window_id: i64,
    service_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE lunch_window SET booked = booked + 1
         WHERE id = ? AND service_id = ? AND open = 1 AND booked < capacity",
    )
    .bind(window_id)
    .bind(service_id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(done == 1)
}

pub async fn release_window_place(
    conn: &mut SqliteConnection,
    window_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE lunch_window SET booked = booked - 1 WHERE id = ?")
        .bind(window_id)
        .execute(conn)
        .await?;
    Ok(())
}

// --- Dishes ---

#[derive(sqlx::FromRow)]
struct DishRow {
    id: i64,
    course: String,
    name: String,
    description: String,
    price_cents: i64,
    portions: i64,
    ordered: i64,
    allergens: i64,
    labels: String,
}

impl From<DishRow> for Dish {
    fn from(r: DishRow) -> Self {
        Dish {
            id: r.id,
            course: r.course,
            name: r.name,
            description: r.description,
            price_cents: r.price_cents,
            portions: r.portions,
            ordered: r.ordered,
            allergens: allergen_codes(r.allergens),
            labels: r
                .labels
                .split(',')
                .filter(|l| !l.is_empty())
                .map(ToOwned::to_owned)
                .collect(),
        }
    }
}

/// A dish as staff enter it.
pub struct NewDish {
    pub course: String,
    pub name: String,
    pub description: String,
    pub price_cents: i64,
    pub portions: i64,
    pub allergens: i64,
    pub labels: Vec<String>,
}

/// Dishes of a service, by course (entrée, plat, dessert, boisson), then by id.
pub async fn list_dishes(
    conn: &mut SqliteConnection,
    service_id: i64,
) -> Result<Vec<Dish>, sqlx::Error> {
    let rows: Vec<DishRow> = sqlx::query_as(
        "SELECT id, course, name, description, price_cents, portions, ordered, allergens, labels
         FROM lunch_dish WHERE service_id = ?
         ORDER BY CASE course WHEN 'entree' THEN 1 WHEN 'plat' THEN 2 WHEN 'dessert' THEN 3
                  ELSE 4 END, id",
    )
    .bind(service_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The dish's service and how many portions are promised, if it exists.
pub async fn find_dish(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT service_id, ordered FROM lunch_dish WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn insert_dish(
    conn: &mut SqliteConnection,
    service_id: i64,
    dish: &NewDish,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO lunch_dish
             (service_id, course, name, description, price_cents, portions, allergens, labels)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(service_id)
    .bind(&dish.course)
    .bind(&dish.name)
    .bind(&dish.description)
    .bind(dish.price_cents)
    .bind(dish.portions)
    .bind(dish.allergens)
    .bind(dish.labels.join(","))
    .fetch_one(conn)
    .await
}

pub async fn update_dish(
    conn: &mut SqliteConnection,
    id: i64,
    dish: &NewDish,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE lunch_dish SET course = ?, name = ?, description = ?, price_cents = ?,
             portions = ?, allergens = ?, labels = ?
         WHERE id = ?",
    )
    .bind(&dish.course)
    .bind(&dish.name)
    .bind(&dish.description)
    .bind(dish.price_cents)
    .bind(dish.portions)
    .bind(dish.allergens)
    .bind(dish.labels.join(","))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_dish(conn: &mut SqliteConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM lunch_dish WHERE id = ?")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// True when some order (even cancelled) names the dish: it stays, for the service's history.
pub async fn dish_was_ordered(conn: &mut SqliteConnection, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM lunch_order_line WHERE dish_id = ?)")
        .bind(id)
        .fetch_one(conn)
        .await
}

/// Copies another service's dishes (with their portions, none promised yet).
pub async fn copy_dishes(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO lunch_dish
             (service_id, course, name, description, price_cents, portions, allergens, labels)
         SELECT ?, course, name, description, price_cents, portions, allergens, labels
         FROM lunch_dish WHERE service_id = ? ORDER BY id",
    )
    .bind(to)
    .bind(from)
    .execute(conn)
    .await?
    .rows_affected())
}

/// Promises `quantity` portions of a dish of the service if that many are left, returning its
/// price: the portion decision, in one statement (backed by the CHECK on `ordered`).
pub async fn take_portions(
    conn: &mut SqliteConnection,
    dish_id: i64,
    service_id: i64,
    quantity: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE lunch_dish SET ordered = ordered + ?1
         WHERE id = ?2 AND service_id = ?3 AND ordered + ?1 <= portions
         RETURNING price_cents",
    )
    .bind(quantity)
    .bind(dish_id)
    .bind(service_id)
    .fetch_optional(conn)
    .await
}

pub async fn release_portions(
    conn: &mut SqliteConnection,
    dish_id: i64,
    quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE lunch_dish SET ordered = ordered - ? WHERE id = ?")
        .bind(quantity)
        .bind(dish_id)
        .execute(conn)
        .await?;
    Ok(())
}

// --- Orders ---

pub struct NewOrder<'a> {
    pub service_id: i64,
    pub window_id: i64,
    pub reference: &'a str,
    pub token_hash: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub total_cents: i64,
    pub client_key: Option<&'a str>,
}

pub async fn insert_order(
    conn: &mut SqliteConnection,
    order: &NewOrder<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO lunch_order
             (service_id, window_id, reference, token_hash, name, phone, total_cents,
              client_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(order.service_id)
    .bind(order.window_id)
    .bind(order.reference)
    .bind(order.token_hash)
    .bind(order.name)
    .bind(order.phone)
    .bind(order.total_cents)
    .bind(order.client_key)
    .bind(now)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn insert_line(
    conn: &mut SqliteConnection,
    order_id: i64,
    dish_id: i64,
    quantity: i64,
    unit_price_cents: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO lunch_order_line (order_id, dish_id, quantity, unit_price_cents)
         VALUES (?, ?, ?, ?)",
    )
    .bind(order_id)
    .bind(dish_id)
    .bind(quantity)
    .bind(unit_price_cents)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn order_id_by_token(
    conn: &mut SqliteConnection,
    token_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM lunch_order WHERE token_hash = ?")
        .bind(token_hash)
        .fetch_optional(conn)
        .await
}

/// The orders (not cancelled) one address holds for a service (index `lunch_order_client`).
pub async fn orders_from(
    conn: &mut SqliteConnection,
    service_id: i64,
    client_key: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT count(*) FROM lunch_order
         WHERE service_id = ? AND client_key = ? AND status <> 'cancelled'",
    )
    .bind(service_id)
    .bind(client_key)
    .fetch_one(conn)
    .await
}

/// The pseudonymous address an order came from (none at the counter, or once erased).
pub async fn client_key_of(
    conn: &mut SqliteConnection,
    order_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT client_key FROM lunch_order WHERE id = ?")
        .bind(order_id)
        .fetch_optional(conn)
        .await
        .map(Option::flatten)
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: i64,
    service_id: i64,
    reference: String,
    window_id: i64,
    window_starts_at: i64,
    name: String,
    phone: String,
    status: String,
    total_cents: i64,
    updated_at: i64,
}

const ORDER_SELECT: &str = "SELECT o.id, o.service_id, o.reference, o.window_id,
        w.starts_at AS window_starts_at, o.name, o.phone, o.status, o.total_cents, o.updated_at
    FROM lunch_order o JOIN lunch_window w ON w.id = o.window_id";

async fn lines_of(
    conn: &mut SqliteConnection,
    order_id: i64,
) -> Result<Vec<OrderLine>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT l.dish_id, d.name, l.quantity, l.unit_price_cents
         FROM lunch_order_line l JOIN lunch_dish d ON d.id = l.dish_id
         WHERE l.order_id = ?
         ORDER BY CASE d.course WHEN 'entree' THEN 1 WHEN 'plat' THEN 2 WHEN 'dessert' THEN 3
                  ELSE 4 END, d.id",
    )
    .bind(order_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(dish_id, name, quantity, unit_price_cents)| OrderLine {
            dish_id,
            name,
            quantity,
            unit_price_cents,
        })
        .collect())
}

async fn complete(
    conn: &mut SqliteConnection,
    row: OrderRow,
    service: LunchService,
    now: i64,
) -> Result<LunchOrder, sqlx::Error> {
    let lines = lines_of(conn, row.id).await?;
    let cancellable = row.status == "placed" && service.takes_orders(now);
    let restorable = row.status == "cancelled"
        && now < row.updated_at + super::RESTORE_SECS
        && service.takes_orders(now);
    Ok(LunchOrder {
        id: row.id,
        reference: row.reference,
        service,
        window_id: row.window_id,
        window_starts_at: row.window_starts_at,
        name: row.name,
        phone: row.phone,
        status: row.status,
        total_cents: row.total_cents,
        lines,
        cancellable,
        restorable,
    })
}

pub async fn find_order(
    conn: &mut SqliteConnection,
    id: i64,
    now: i64,
) -> Result<Option<LunchOrder>, sqlx::Error> {
    let row: Option<OrderRow> = sqlx::query_as(&format!("{ORDER_SELECT} WHERE o.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let Some(service) = find_service(conn, row.service_id).await? else {
        return Ok(None);
    };
    complete(conn, row, service, now).await.map(Some)
}

/// Every order of a service, by pickup window then reference.
pub async fn list_orders(
    conn: &mut SqliteConnection,
    service: &LunchService,
    now: i64,
) -> Result<Vec<LunchOrder>, sqlx::Error> {
    let rows: Vec<OrderRow> = sqlx::query_as(&format!(
        "{ORDER_SELECT} WHERE o.service_id = ? ORDER BY w.starts_at, o.id"
    ))
    .bind(service.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut orders = Vec::with_capacity(rows.len());
    for row in rows {
        orders.push(complete(conn, row, service.clone(), now).await?);
    }
    Ok(orders)
}

pub async fn set_order_status(
    conn: &mut SqliteConnection,
    id: i64,
    status: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE lunch_order SET status = ?, updated_at = ? WHERE id = ?")
        .bind(status)
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// True when the person works in the kitchen sector.
pub async fn in_kitchen_sector(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM person_sector WHERE person_id = ? AND sector_slug = 'cuisine')",
    )
    .bind(person_id)
    .fetch_one(conn)
    .await
}
