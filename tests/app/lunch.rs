use crate::helpers::{TestApp, spawn_app};
use coop_manau::{
    accounts::{CurrentUser, Role, token::new_token},
    lunch::{next_days, paris_to_utc, repo::NewDish, service},
    server::now,
};
use reqwest::{StatusCode, header};

pub(crate) async fn staff(app: &TestApp) -> CurrentUser {
    let id = app
        .person(Role::Staff, "Karim", Some("karim@test.example"), None)
        .await;
    CurrentUser {
        id,
        role: Role::Staff,
        first_name: "Karim".into(),
        last_name: "Test".into(),
        has_password: false,
    }
}

/// A service some weeks ahead (its cut-off is far) with one dish of `portions` portions.
/// Returns (service, dish, windows).
pub(crate) async fn service_with_dish(
    app: &TestApp,
    actor: &CurrentUser,
    weeks_ahead: i64,
    portions: i64,
) -> (i64, i64, Vec<i64>) {
    let day = next_days(now() + weeks_ahead * 7 * 86_400, &[2], 1)[0];
    let service_id =
        service::create_service(&app.state, actor, &coop_manau::lunch::format_date(day))
            .await
            .unwrap();
    let dish = NewDish {
        course: "plat".into(),
        name: "Couscous".into(),
        description: String::new(),
        price_cents: 850,
        portions,
        allergens: 1,
        labels: vec![],
    };
    service::save_dish(&app.state, actor, service_id, None, dish)
        .await
        .unwrap();
    let menu = service::menu(&app.state, service_id).await.unwrap();
    (
        service_id,
        menu.dishes[0].id,
        menu.windows.iter().map(|w| w.id).collect(),
    )
}

type Form = Vec<(&'static str, String)>;

pub(crate) fn order_form(
    service_id: i64,
    window_id: i64,
    dish_id: i64,
    quantity: &str,
    phone: &str,
    key: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("service_id", service_id.to_string()),
        ("window_id", window_id.to_string()),
        ("name", "Léa Martin".into()),
        ("phone", phone.into()),
        ("idempotency_key", key.into()),
        ("dish[]", dish_id.to_string()),
        ("qty[]", quantity.into()),
    ]
}

pub(crate) async fn post(
    app: &TestApp,
    path: &str,
    form: &[(&'static str, String)],
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("sec-fetch-site", "same-origin")
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn ordered(app: &TestApp, dish: i64) -> i64 {
    app.count(&format!("SELECT ordered FROM lunch_dish WHERE id = {dish}"))
        .await
}

#[tokio::test]
async fn concurrent_orders_never_oversell_the_last_portions() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 6, 3).await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..12 {
        let client = app.client.clone();
        let url = app.url("/api/place_lunch_order");
        let form = order_form(
            service_id,
            windows[i % windows.len()],
            dish,
            "1",
            "06 12 34 56 78",
            &new_token(),
        );
        tasks.spawn(async move {
            client
                .post(url)
                .header("sec-fetch-site", "same-origin")
                .form(&form)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let statuses = tasks.join_all().await;
    let accepted = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((accepted, refused), (3, 9), "{statuses:?}");
    assert_eq!(ordered(&app, dish).await, 3);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM lunch_order WHERE service_id = {service_id}"
        ))
        .await,
        3
    );
    assert_eq!(
        app.count(&format!(
            "SELECT sum(booked) FROM lunch_window WHERE service_id = {service_id}"
        ))
        .await,
        3,
        "refused orders gave their window place back"
    );
}

#[tokio::test]
async fn concurrent_orders_never_overfill_a_pickup_window() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 7, 100).await;
    service::update_window(&app.state, &actor, windows[0], 2, true)
        .await
        .unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let client = app.client.clone();
        let url = app.url("/api/place_lunch_order");
        let form = order_form(
            service_id,
            windows[0],
            dish,
            "2",
            "06 12 34 56 78",
            &new_token(),
        );
        tasks.spawn(async move {
            client
                .post(url)
                .header("sec-fetch-site", "same-origin")
                .form(&form)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let statuses = tasks.join_all().await;
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        2,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT)
    );
    assert_eq!(
        app.count(&format!(
            "SELECT booked FROM lunch_window WHERE id = {}",
            windows[0]
        ))
        .await,
        2
    );
    assert_eq!(
        ordered(&app, dish).await,
        4,
        "only the accepted orders' portions"
    );
}

#[tokio::test]
async fn a_retried_submission_gives_the_same_order_and_link() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 6, 10).await;
    let key = new_token();
    let form = order_form(service_id, windows[0], dish, "2", "06 12 34 56 78", &key);
    let first = post(&app, "/api/place_lunch_order", &form).await;
    assert_eq!(first.status(), StatusCode::OK);
    let link = first.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(link, format!("/dejeuner/commande/{key}"));
    let writes = app.writes().await;
    let again = post(&app, "/api/place_lunch_order", &form).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.headers()[header::LOCATION], link.as_str());
    assert_eq!(app.writes().await, writes, "a replay writes nothing");
    assert_eq!(ordered(&app, dish).await, 2);

    // The private link shows the order, its reference and "paiement sur place".
    let page = app.get(&link).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("D-"), "a reference");
    assert!(html.contains("Paiement sur place"));
    assert!(html.contains("2 × Couscous"));
    assert!(html.contains("Annuler ma commande"));
    // Someone else's (or a made-up) token is 404.
    assert_eq!(
        app.get(&format!("/dejeuner/commande/{}", new_token()))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn bad_orders_get_a_reason_and_write_nothing() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 6, 3).await;
    let (_, other_dish, other_windows) = service_with_dish(&app, &actor, 8, 3).await;
    service::update_window(&app.state, &actor, windows[1], 8, false)
        .await
        .unwrap();
    let phone = "06 12 34 56 78";
    let cases: Vec<(&str, Form, StatusCode)> = vec![
        (
            "unknown dish",
            order_form(service_id, windows[0], other_dish, "1", phone, &new_token()),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "quantity 0",
            order_form(service_id, windows[0], dish, "0", phone, &new_token()),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "above 10",
            order_form(service_id, windows[0], dish, "11", phone, &new_token()),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "above what is left",
            order_form(service_id, windows[0], dish, "4", phone, &new_token()),
            StatusCode::CONFLICT,
        ),
        (
            "closed window",
            order_form(service_id, windows[1], dish, "1", phone, &new_token()),
            StatusCode::CONFLICT,
        ),
        (
            "another service's window",
            order_form(service_id, other_windows[0], dish, "1", phone, &new_token()),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "malformed phone",
            order_form(service_id, windows[0], dish, "1", "06 12", &new_token()),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "malformed key",
            order_form(service_id, windows[0], dish, "1", phone, "x"),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (what, form, expected) in cases {
        let writes = app.writes().await;
        let response = post(&app, "/api/place_lunch_order", &form).await;
        assert_eq!(response.status(), expected, "{what}");
        assert_eq!(app.writes().await, writes, "{what}: wrote");
    }

    // After the cut-off.
    sqlx::query("UPDATE lunch_service SET cutoff_at = ? WHERE id = ?")
        .bind(now() - 60)
        .bind(service_id)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let writes = app.writes().await;
    let late = post(
        &app,
        "/api/place_lunch_order",
        &order_form(service_id, windows[0], dish, "1", phone, &new_token()),
    )
    .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(late.text().await.unwrap().contains("lunch_cutoff_passed"));
    assert_eq!(app.writes().await, writes);
    assert_eq!(ordered(&app, dish).await, 0);
}

#[tokio::test]
async fn an_order_can_be_cancelled_until_the_cut_off() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 6, 5).await;
    let (first, second) = (new_token(), new_token());
    for key in [&first, &second] {
        let form = order_form(service_id, windows[0], dish, "2", "06 12 34 56 78", key);
        assert_eq!(
            post(&app, "/api/place_lunch_order", &form).await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(ordered(&app, dish).await, 4);
    let cancel = post(&app, "/api/cancel_lunch_order", &[("token", first.clone())]).await;
    assert_eq!(cancel.status(), StatusCode::OK);
    assert_eq!(ordered(&app, dish).await, 2, "portions given back");
    assert_eq!(
        app.count(&format!(
            "SELECT booked FROM lunch_window WHERE id = {}",
            windows[0]
        ))
        .await,
        1
    );
    let totals: (i64, i64, i64) = sqlx::query_as(
        "SELECT orders, portions, takings_cents FROM lunch_service_total WHERE service_id = ?",
    )
    .bind(service_id)
    .fetch_one(&app.state.db.reader)
    .await
    .unwrap();
    assert_eq!(
        totals,
        (1, 2, 1700),
        "the cancelled order counts for nothing"
    );

    sqlx::query("UPDATE lunch_service SET cutoff_at = ? WHERE id = ?")
        .bind(now() - 1)
        .bind(service_id)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let writes = app.writes().await;
    let late = post(&app, "/api/cancel_lunch_order", &[("token", second)]).await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert_eq!(app.writes().await, writes);
}

#[tokio::test]
async fn the_kitchen_counts_marks_and_exports_orders() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 6, 20).await;
    let key = new_token();
    let form = order_form(service_id, windows[2], dish, "3", "06 12 34 56 78", &key);
    assert_eq!(
        post(&app, "/api/place_lunch_order", &form).await.status(),
        StatusCode::OK
    );
    let order_id = app.count("SELECT max(id) FROM lunch_order").await;

    let cook = app.person(Role::Participant, "Jean", None, None).await;
    sqlx::query("INSERT INTO person_sector (person_id, sector_slug) VALUES (?, 'cuisine')")
        .bind(cook)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let seamstress = app.person(Role::Participant, "Aïcha", None, None).await;
    let cook = app.session_for(cook).await;
    let seamstress = app.session_for(seamstress).await;

    let page = app
        .client
        .get(app.url(&format!("/cuisine/{service_id}")))
        .header("cookie", &cook)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Couscous (Plat)"));
    assert!(
        html.contains(r#"<td class="count">3"#),
        "the count to prepare: {}",
        &html[html.find("Couscous (Plat)").unwrap_or(0)..][..300]
    );
    let refused = app
        .client
        .get(app.url(&format!("/cuisine/{service_id}")))
        .header("cookie", &seamstress)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    for status in ["ready", "collected"] {
        let response = app
            .post_as(
                "/api/set_lunch_order_status",
                &[("id", &order_id.to_string()), ("status", status)],
                &cook,
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{status}");
    }
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM lunch_order WHERE id = {order_id} AND status = 'collected'"
        ))
        .await,
        1
    );
    // A collected order cannot be cancelled by its customer.
    let cancel = post(&app, "/api/cancel_lunch_order", &[("token", key.clone())]).await;
    assert_eq!(cancel.status(), StatusCode::CONFLICT);

    // The kitchen screen offers to undo "collected"; the undo is audited.
    let page = app
        .client
        .get(app.url(&format!("/cuisine/{service_id}")))
        .header("cookie", &cook)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Pas encore récupérée (annuler)"));
    assert!(
        page.contains("Créneaux sans commande"),
        "empty windows fold into one line"
    );
    let undo = app
        .post_as(
            "/api/set_lunch_order_status",
            &[("id", &order_id.to_string()), ("status", "ready")],
            &cook,
        )
        .await;
    assert_eq!(undo.status(), StatusCode::OK);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM lunch_order WHERE id = {order_id} AND status = 'ready'"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count("SELECT count(*) FROM audit_log WHERE action = 'lunch_order_collected_undone'")
            .await,
        1
    );
    let again = app
        .post_as(
            "/api/set_lunch_order_status",
            &[("id", &order_id.to_string()), ("status", "collected")],
            &cook,
        )
        .await;
    assert_eq!(
        again.status(),
        StatusCode::OK,
        "collected again, for the CSV below"
    );

    let csv = app
        .client
        .get(app.url(&format!("/cuisine/{service_id}/commandes.csv")))
        .header("cookie", &cook)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("commandes-dejeuner-")
    );
    let body = csv.text().await.unwrap();
    assert!(body.starts_with('\u{feff}'));
    assert!(body.contains("Léa Martin;06 12 34 56 78;Récupérée;3 x Couscous;3;25,50"));
    let anonymous = app
        .get(&format!("/cuisine/{service_id}/commandes.csv"))
        .await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.text().await.unwrap(), "Veuillez vous connecter.");
    let forbidden = app
        .client
        .get(app.url(&format!("/cuisine/{service_id}/commandes.csv")))
        .header("cookie", &seamstress)
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_demo_holds_the_next_two_services_and_the_menus_show_allergens() {
    let app = spawn_app().await;
    let services: Vec<(String, i64, i64)> =
        sqlx::query_as("SELECT day, starts_at, cutoff_at FROM lunch_service ORDER BY starts_at")
            .fetch_all(&app.state.db.reader)
            .await
            .unwrap();
    assert_eq!(services.len(), 2);
    let expected = next_days(now(), &[2, 4], 2);
    for ((day, starts_at, cutoff_at), expected) in services.iter().zip(expected) {
        assert_eq!(*day, coop_manau::lunch::format_date(expected));
        assert_eq!(*starts_at, paris_to_utc(expected, 12 * 60));
        assert_eq!(*cutoff_at, paris_to_utc(expected, 10 * 60 + 30));
        assert!(*cutoff_at > now());
    }
    let page = app.get("/dejeuner").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    for text in [
        "Couscous aux légumes",
        "class=\"pictogram\"",
        "Gluten",
        "Lait",
        "Paiement sur place",
    ] {
        assert!(html.contains(text), "{text}");
    }
    assert!(!html.contains("🌾"), "pictograms are drawn, not emoji");
    let home = app.get("/").await.text().await.unwrap();
    assert!(
        home.contains("Couscous aux légumes"),
        "the home page sums the menus up"
    );
}

#[tokio::test]
async fn staff_set_up_days_services_and_copy_menus() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let cookie = app.session_for(actor.id).await;
    // A Friday service day, then a service on a Friday.
    let saved = app
        .post_as(
            "/api/save_lunch_day",
            &[
                ("weekday", "5"),
                ("starts", "11:30"),
                ("ends", "13:30"),
                ("cutoff", "09:00"),
                ("window_minutes", "30"),
                ("window_capacity", "5"),
                ("active", "on"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    // Not a public holiday (1 January is a Friday in 2027): no service can be made on one.
    let friday = next_days(now() + 30 * 86_400, &[5], 4)
        .into_iter()
        .find(|d| coop_manau::home::calendar::public_holiday(*d).is_none())
        .unwrap();
    let friday = coop_manau::lunch::format_date(friday);
    let created = app
        .post_as("/api/create_lunch_service", &[("day", &friday)], &cookie)
        .await;
    assert_eq!(created.status(), StatusCode::OK);
    let id = app.count("SELECT max(id) FROM lunch_service").await;
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM lunch_window WHERE service_id = {id} AND capacity = 5"
        ))
        .await,
        4,
        "11:30, 12:00, 12:30, 13:00"
    );
    // A Wednesday is not a service day.
    let wednesday = coop_manau::lunch::format_date(next_days(now() + 30 * 86_400, &[3], 1)[0]);
    let writes = app.writes().await;
    let refused = app
        .post_as("/api/create_lunch_service", &[("day", &wednesday)], &cookie)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.writes().await, writes);

    let first = app.count("SELECT min(id) FROM lunch_service").await;
    let copied = app
        .post_as(
            "/api/copy_lunch_menu",
            &[
                ("service_id", &id.to_string()),
                ("from", &first.to_string()),
            ],
            &cookie,
        )
        .await;
    assert_eq!(copied.status(), StatusCode::OK);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM lunch_dish WHERE service_id = {id} AND ordered = 0"
        ))
        .await,
        app.count(&format!(
            "SELECT count(*) FROM lunch_dish WHERE service_id = {first}"
        ))
        .await
    );
    // A dish with a bad price is refused with its field.
    let writes = app.writes().await;
    let bad = app
        .post_as(
            "/api/save_lunch_dish",
            &[
                ("service_id", &id.to_string()),
                ("course", "plat"),
                ("name", "Frites"),
                ("description", ""),
                ("price", "huit"),
                ("portions", "10"),
                ("labels", ""),
            ],
            &cookie,
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("price_invalid"));
    assert_eq!(app.writes().await, writes);
}

#[tokio::test]
async fn a_cancelled_order_can_be_restored_minutes_later_if_there_is_still_room() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 6, 3).await;
    let key = new_token();
    let form = order_form(service_id, windows[0], dish, "2", "06 12 34 56 78", &key);
    assert_eq!(
        post(&app, "/api/place_lunch_order", &form).await.status(),
        StatusCode::OK
    );
    let cancel = post(&app, "/api/cancel_lunch_order", &[("token", key.clone())]).await;
    assert_eq!(cancel.status(), StatusCode::OK);
    assert_eq!(ordered(&app, dish).await, 0);
    let page = app
        .get(&format!("/dejeuner/commande/{key}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Finalement, je garde ma commande"));

    // Restored: its portions and place taken again; a double tap restores once.
    for _ in 0..2 {
        let restore = post(&app, "/api/restore_lunch_order", &[("token", key.clone())]).await;
        assert_eq!(restore.status(), StatusCode::OK);
    }
    assert_eq!(ordered(&app, dish).await, 2);
    assert_eq!(
        app.count(&format!(
            "SELECT booked FROM lunch_window WHERE id = {}",
            windows[0]
        ))
        .await,
        1
    );

    // Cancelled again, and someone takes the portions meanwhile: refused, nothing taken.
    post(&app, "/api/cancel_lunch_order", &[("token", key.clone())]).await;
    let other = new_token();
    let form = order_form(service_id, windows[1], dish, "3", "06 98 76 54 32", &other);
    assert_eq!(
        post(&app, "/api/place_lunch_order", &form).await.status(),
        StatusCode::OK
    );
    let writes = app.writes().await;
    let refused = post(&app, "/api/restore_lunch_order", &[("token", key.clone())]).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let error: coop_manau::error::AppError = refused.json().await.unwrap();
    assert_eq!(
        error,
        coop_manau::error::AppError::Conflict("restore_no_room".into())
    );
    assert_eq!(app.writes().await, writes, "nothing written");
    assert_eq!(ordered(&app, dish).await, 3);

    // Too late: ten minutes after the cancellation.
    let cancel = post(&app, "/api/cancel_lunch_order", &[("token", other.clone())]).await;
    assert_eq!(cancel.status(), StatusCode::OK);
    sqlx::query("UPDATE lunch_order SET updated_at = updated_at - 601")
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let late = post(&app, "/api/restore_lunch_order", &[("token", other)]).await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    let error: coop_manau::error::AppError = late.json().await.unwrap();
    assert_eq!(
        error,
        coop_manau::error::AppError::Conflict("restore_too_late".into())
    );
}

#[tokio::test]
async fn a_restored_order_still_counts_in_its_address_share() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 6, 20).await;
    let first = new_token();
    let form = order_form(service_id, windows[0], dish, "1", "06 12 34 56 78", &first);
    assert_eq!(
        post(&app, "/api/place_lunch_order", &form).await.status(),
        StatusCode::OK
    );
    post(&app, "/api/cancel_lunch_order", &[("token", first.clone())]).await;
    // The same address uses its whole share meanwhile.
    for window in windows.iter().cycle().skip(1).take(4) {
        let form = order_form(
            service_id,
            *window,
            dish,
            "1",
            "06 12 34 56 78",
            &new_token(),
        );
        assert_eq!(
            post(&app, "/api/place_lunch_order", &form).await.status(),
            StatusCode::OK
        );
    }
    let writes = app.writes().await;
    let refused = post(&app, "/api/restore_lunch_order", &[("token", first)]).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let error: coop_manau::error::AppError = refused.json().await.unwrap();
    assert_eq!(
        error,
        coop_manau::error::AppError::Conflict("address_share_lunch".into())
    );
    assert_eq!(app.writes().await, writes, "nothing written");
}
