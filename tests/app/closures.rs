//! Dates people can trust: public holidays and staff's closures take their days out of the
//! drop-off days, the lunch services and the hem slots.

use crate::helpers::{TestApp, spawn_app};
use crate::lunch::{order_form, post, service_with_dish, staff};
use coop_manau::{
    accounts::{Role, token::new_token},
    alterations::RequestDraft,
    campaigns::{SlotPlan, service as campaigns},
    error::AppError,
    home::{calendar::public_holiday, service as home},
    lunch::service as lunch,
    server::now,
    ui::time::{format_date, paris_day, parse_date},
};
use reqwest::{StatusCode, multipart};

async fn dropoff_days(app: &TestApp) -> Vec<String> {
    let hem: Vec<coop_manau::alterations::Service> = app
        .get("/api/list_alteration_services")
        .await
        .json()
        .await
        .unwrap();
    let draft: RequestDraft = app
        .get(&format!(
            "/api/get_alteration_draft?choices={}:1",
            hem[0].id
        ))
        .await
        .json()
        .await
        .unwrap();
    draft.days
}

#[tokio::test]
async fn a_closure_takes_its_days_out_of_drop_offs_lunch_services_and_hem_slots() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 3, 10).await;
    let service_day: String = sqlx::query_scalar("SELECT day FROM lunch_service WHERE id = ?")
        .bind(service_id)
        .fetch_one(&app.state.db.reader)
        .await
        .unwrap();
    let before = dropoff_days(&app).await;
    let closed_dropoff = before[1].clone();
    home::add_closure(
        &app.state,
        &actor,
        &closed_dropoff,
        &closed_dropoff,
        "Inventaire",
    )
    .await
    .unwrap();
    home::add_closure(
        &app.state,
        &actor,
        &service_day,
        &service_day,
        "Formation de l'équipe",
    )
    .await
    .unwrap();

    // The drop-off day is no longer offered, and sending it is refused.
    let after = dropoff_days(&app).await;
    assert!(!after.contains(&closed_dropoff), "{after:?}");
    assert!(after.contains(&before[0]) || before[0] == closed_dropoff);
    let hem: Vec<coop_manau::alterations::Service> = app
        .get("/api/list_alteration_services")
        .await
        .json()
        .await
        .unwrap();
    let form = multipart::Form::new()
        .text("idempotency_key", new_token())
        .text("item_service_0", hem[0].id.to_string())
        .text("item_quantity_0", "1")
        .text("item_note_0", "")
        .part(
            "item_photo_0",
            multipart::Part::bytes(Vec::new()).file_name(""),
        )
        .text("dropoff_date", closed_dropoff.clone())
        .text("partner_id", "")
        .text("contact_name", "Fatou Ndiaye")
        .text("phone", "06 12 34 56 78")
        .text("email", "")
        .text("consent", "oui");
    let writes = app.writes().await;
    let refused = app
        .client
        .post(app.url("/api/submit_alteration_request"))
        .header("sec-fetch-site", "same-origin")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: AppError = refused.json().await.unwrap();
    assert_eq!(error.field("dropoff_date"), Some("dropoff_day_invalid"));
    assert_eq!(app.writes().await, writes, "nothing written");

    // The lunch service of that day leaves the public menus; an order for it is refused.
    let menus = lunch::public_menus(&app.state).await.unwrap();
    assert!(menus.iter().all(|m| m.service.id != service_id));
    let form = order_form(
        service_id,
        windows[0],
        dish,
        "1",
        "06 12 34 56 78",
        &new_token(),
    );
    let order = post(&app, "/api/place_lunch_order", &form).await;
    assert_eq!(order.status(), StatusCode::CONFLICT);
    let error: AppError = order.json().await.unwrap();
    assert_eq!(error, AppError::Conflict("day_closed".into()));
    assert_eq!(app.writes().await, writes, "nothing written");

    // Hem slots over a week that includes the closed day: none on it.
    let campaign = campaigns::create_campaign(
        &app.state,
        &actor,
        campaigns::CampaignForm::parse(
            "Ourlets",
            "",
            "",
            "Atelier",
            &coop_manau::campaigns::local_datetime_value(now() - 3600),
            &coop_manau::campaigns::local_datetime_value(now() + 60 * 86_400),
            "ourlets-test",
            "3",
        )
        .unwrap(),
    )
    .await
    .unwrap();
    let day = parse_date(&closed_dropoff).unwrap();
    let plan = SlotPlan::parse(
        &format_date(day - 3),
        &format_date(day + 3),
        &["1", "2", "3", "4", "5", "6", "7"].map(String::from),
        "09:00",
        "10:00",
        "30",
        "4",
    )
    .unwrap();
    campaigns::generate_slots(&app.state, &actor, campaign, plan)
        .await
        .unwrap();
    let days: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT date(starts_at, 'unixepoch', '+1 hour') FROM campaign_slot WHERE campaign_id = ?",
    )
    .bind(campaign)
    .fetch_all(&app.state.db.reader)
    .await
    .unwrap();
    assert!(!days.is_empty());
    assert!(!days.contains(&closed_dropoff), "{days:?}");

    // The home page announces the closures of the coming weeks.
    let home_page = app.get("/").await.text().await.unwrap();
    assert!(home_page.contains("Inventaire"), "the closure is announced");
    assert!(
        home_page.contains("Formation de l&#39;équipe")
            || home_page.contains("Formation de l'équipe")
    );

    // Removed, the day is offered again.
    let id: i64 = sqlx::query_scalar("SELECT id FROM closure WHERE label = 'Inventaire'")
        .fetch_one(&app.state.db.reader)
        .await
        .unwrap();
    home::remove_closure(&app.state, &actor, id).await.unwrap();
    assert!(dropoff_days(&app).await.contains(&closed_dropoff));
}

#[tokio::test]
async fn closures_are_checked_and_public_holidays_are_never_lunch_days() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let today = paris_day(now());
    let day = |offset: i64| format_date(today + offset);
    let writes = app.writes().await;
    for (first, last, label, field, key) in [
        (day(10), day(9), "Été", "last_day", "closure_order"),
        (day(10), day(200), "Été", "last_day", "closure_too_long"),
        (day(-5), day(-1), "Été", "last_day", "date_past"),
        (day(10), day(12), "  ", "label", "closure_label_invalid"),
        (
            "demain".to_owned(),
            day(12),
            "Été",
            "first_day",
            "date_invalid",
        ),
    ] {
        let error = home::add_closure(&app.state, &actor, &first, &last, label)
            .await
            .unwrap_err();
        assert_eq!(error.field(field), Some(key), "{first} {last} {label:?}");
    }
    assert_eq!(app.writes().await, writes, "nothing written");
    assert_eq!(
        home::remove_closure(&app.state, &actor, 999).await,
        Err(AppError::NotFound)
    );

    // The form posts of a participant are refused (the authorization matrix covers every role).
    let participant = app.person(Role::Participant, "Aïcha", None, None).await;
    let cookie = app.session_for(participant).await;
    let form = [
        ("first_day", day(10)),
        ("last_day", day(11)),
        ("label", "Été".into()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = app.post_as("/api/add_closure", &form, &cookie).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // The next public holiday on a lunch day (Tuesday or Thursday) cannot get a service.
    let holiday = (today + 1..today + 800)
        .find(|d| public_holiday(*d).is_some() && [2, 4].contains(&coop_manau::lunch::weekday(*d)))
        .unwrap();
    assert_eq!(
        lunch::create_service(&app.state, &actor, &format_date(holiday)).await,
        Err(AppError::invalid("day", "day_closed"))
    );
}
