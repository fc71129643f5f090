//! The retention purge, on a fixed clock: old rows in, purge, only what should remain remains,
//! and the counts behind the key figures do not move.

use crate::helpers::{TestApp, spawn_app_with};
use coop_manau::{
    accounts::{
        Role,
        token::{hash_token, new_token},
    },
    privacy::{Retention, retention::purge},
};

/// The purge's "now": any fixed instant (2030-03-17).
const NOW: i64 = 1_900_000_000;
const DAY: i64 = 86_400;

async fn exec(app: &TestApp, sql: &str, binds: &[i64]) -> i64 {
    let mut query = sqlx::query_scalar::<_, i64>(sql);
    for bind in binds {
        query = query.bind(*bind);
    }
    query
        .fetch_optional(&app.state.db.writer)
        .await
        .unwrap()
        .unwrap_or_default()
}

/// A lunch service that ended `days_ago`, with one order of 2 × 8.50 € by "Léa".
async fn old_lunch(app: &TestApp, days_ago: i64) -> i64 {
    let ends = NOW - days_ago * DAY;
    let day = coop_manau::lunch::format_date(ends.div_euclid(DAY));
    let service: i64 = sqlx::query_scalar(
        "INSERT INTO lunch_service (day, starts_at, ends_at, cutoff_at, created_at)
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(day)
    .bind(ends - 7200)
    .bind(ends)
    .bind(ends - 9000)
    .bind(ends - 30 * DAY)
    .fetch_one(&app.state.db.writer)
    .await
    .unwrap();
    let window = exec(app, "INSERT INTO lunch_window (service_id, starts_at, capacity, booked) VALUES (?, ?, 8, 1) RETURNING id", &[service, ends - 7200]).await;
    let dish = exec(app, "INSERT INTO lunch_dish (service_id, course, name, price_cents, portions, ordered) VALUES (?, 'plat', 'Couscous', 850, 10, 2) RETURNING id", &[service]).await;
    let order: i64 = sqlx::query_scalar(
        "INSERT INTO lunch_order (service_id, window_id, reference, token_hash, name, phone, status,
             total_cents, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'Léa', '0612345678', 'collected', 1700, ?, ?) RETURNING id",
    )
    .bind(service)
    .bind(window)
    .bind(format!("D-{service}"))
    .bind(hash_token(&new_token()))
    .bind(ends - DAY)
    .bind(ends)
    .fetch_one(&app.state.db.writer)
    .await
    .unwrap();
    exec(app, "INSERT INTO lunch_order_line (order_id, dish_id, quantity, unit_price_cents) VALUES (?, ?, 2, 850)", &[order, dish]).await;
    service
}

/// An alteration request collected `days_ago`, with one garment and its photo.
async fn old_alteration(app: &TestApp, days_ago: i64) -> i64 {
    let at = NOW - days_ago * DAY;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO alteration_request (reference, token_hash, status, contact_name, phone,
             consent_at, dropoff_date, estimated_cents, has_quote_items, created_at, updated_at)
         VALUES (?, ?, 'collected', 'Samira', '0612345678', ?, '2029-01-01', 1200, 0, ?, ?)
         RETURNING id",
    )
    .bind(format!("R-{days_ago}"))
    .bind(hash_token(&new_token()))
    .bind(at - 20 * DAY)
    .bind(at - 20 * DAY)
    .bind(at)
    .fetch_one(&app.state.db.writer)
    .await
    .unwrap();
    exec(
        app,
        "INSERT INTO alteration_event (request_id, status, at) VALUES (?, 'collected', ?)",
        &[id, at],
    )
    .await;
    let service = exec(app, "INSERT INTO alteration_service (name, turnaround_days) VALUES ('Ourlet ' || ?, 3) RETURNING id", &[id]).await;
    let item = exec(app, "INSERT INTO alteration_item (request_id, service_id, quantity, note) VALUES (?, ?, 1, 'robe') RETURNING id", &[id, service]).await;
    exec(
        app,
        "INSERT INTO alteration_photo (item_id, jpeg, width, height) VALUES (?, x'FFD8FFD9', 1, 1)",
        &[item],
    )
    .await;
    id
}

async fn person_last_active(app: &TestApp, role: Role, name: &str, days_ago: i64) -> i64 {
    let email = (role != Role::Participant).then(|| format!("{name}@retention.example"));
    let id = app.person(role, name, email.as_deref(), None).await;
    exec(
        app,
        "UPDATE person SET created_at = ?1, last_active_at = ?1 WHERE id = ?2",
        &[NOW - days_ago * DAY, id],
    )
    .await;
    id
}

async fn figures(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "SELECT count(*) FROM lunch_order",
        "SELECT coalesce(sum(portions), 0) FROM lunch_service_total",
        "SELECT coalesce(sum(takings_cents), 0) FROM lunch_service_total",
        "SELECT count(*) FROM alteration_request WHERE status = 'collected'",
        "SELECT coalesce(sum(quantity), 0) FROM alteration_item",
        "SELECT count(*) FROM assignment",
        "SELECT count(*) FROM person",
    ] {
        counts.push(app.count(sql).await);
    }
    counts
}

#[tokio::test]
async fn the_purge_removes_only_what_is_due_and_keeps_the_counts() {
    let app = spawn_app_with(false).await;
    let old_service = old_lunch(&app, 400).await;
    let recent_service = old_lunch(&app, 100).await;
    let long_collected = old_alteration(&app, 400).await;
    let collected_4_months = old_alteration(&app, 120).await;
    let just_collected = old_alteration(&app, 10).await;
    let gone = person_last_active(&app, Role::Participant, "Ancien", 800).await;
    let worked_recently = person_last_active(&app, Role::Participant, "Travaille", 800).await;
    // A shift worked 100 days ago is activity, whatever the last sign-in.
    let shift = exec(&app, "INSERT INTO shift (sector_slug, starts_at, ends_at, places, created_at) VALUES ('cuisine', ?1 - 3600, ?1, 2, ?1) RETURNING id", &[NOW - 100 * DAY]).await;
    exec(&app, "INSERT INTO assignment (shift_id, person_id, attendance, created_at) VALUES (?, ?, 'attended', ?)", &[shift, worked_recently, NOW - 101 * DAY]).await;
    let active = person_last_active(&app, Role::Staff, "Actif", 30).await;
    let only_admin = person_last_active(&app, Role::Admin, "Seule", 900).await;
    let soon = person_last_active(&app, Role::Staff, "Bientot", 720).await;
    for (expires_days_ago, person) in [(10, active), (2, active)] {
        sqlx::query("INSERT INTO session (token_hash, person_id, created_at, renewed_at, expires_at, lifetime_secs) VALUES (?, ?, ?, ?, ?, 86400)")
            .bind(hash_token(&new_token()))
            .bind(person)
            .bind(NOW - 40 * DAY)
            .bind(NOW - 30 * DAY)
            .bind(NOW - expires_days_ago * DAY)
            .execute(&app.state.db.writer)
            .await
            .unwrap();
    }
    exec(
        &app,
        "UPDATE person SET last_active_at = ? WHERE id = ?",
        &[NOW - 30 * DAY, active],
    )
    .await;

    let retention = Retention::default();
    let mut conn = app.state.db.reader.acquire().await.unwrap();
    let warned = coop_manau::accounts::privacy::due_before(&mut conn, &retention, NOW + 30 * DAY)
        .await
        .unwrap();
    drop(conn);
    let warned: Vec<i64> = warned.iter().map(|a| a.id).collect();
    assert_eq!(
        warned,
        vec![gone, soon],
        "staff see who goes, 30 days before; never the only admin"
    );

    let before = figures(&app).await;
    let purged = purge(&app.state.db, &retention, NOW).await.unwrap();
    assert_eq!(
        figures(&app).await,
        before,
        "the key figures' counts do not move"
    );
    assert_eq!(purged.lunch_orders, 1);
    assert_eq!(purged.alteration_requests, 1);
    assert_eq!(purged.photos, 2, "collected more than 3 months ago");
    assert_eq!(purged.accounts, 1);
    assert_eq!(
        purged.sign_in_traces, 1,
        "the session ended 10 days ago; not the one ended 2 days ago"
    );

    let name_of_order = |service: i64| {
        format!("SELECT count(*) FROM lunch_order WHERE service_id = {service} AND name = 'Léa'")
    };
    assert_eq!(app.count(&name_of_order(old_service)).await, 0);
    assert_eq!(app.count(&name_of_order(recent_service)).await, 1);
    let contact = |id: i64| {
        format!(
            "SELECT count(*) FROM alteration_request WHERE id = {id} AND contact_name = 'Samira'"
        )
    };
    assert_eq!(app.count(&contact(long_collected)).await, 0);
    assert_eq!(app.count(&contact(collected_4_months)).await, 1);
    let photos = |id: i64| {
        format!(
            "SELECT count(*) FROM alteration_photo f JOIN alteration_item i ON i.id = f.item_id WHERE i.request_id = {id}"
        )
    };
    assert_eq!(app.count(&photos(collected_4_months)).await, 0);
    assert_eq!(app.count(&photos(just_collected)).await, 1);
    let named =
        |id: i64| format!("SELECT count(*) FROM person WHERE id = {id} AND erased_at IS NULL");
    assert_eq!(app.count(&named(gone)).await, 0);
    for kept in [worked_recently, active, only_admin, soon] {
        assert_eq!(app.count(&named(kept)).await, 1, "person {kept}");
    }
    // A second purge the same day finds nothing left to do.
    assert_eq!(
        purge(&app.state.db, &retention, NOW).await.unwrap().total(),
        0
    );
}
