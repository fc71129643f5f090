//! Anti-automation on the public forms (issue 13): one active booking per contact and campaign,
//! a share per address of a campaign, a lunch service and the alteration queue, decided by the
//! database; staff undo a burst from one address in one action.
//!
//! The app trusts `X-Forwarded-For` in tests (helpers.rs), so each request says which address
//! it comes from, as the production proxy does.

use crate::{
    campaigns::staff as campaign_staff,
    helpers::{TestApp, spawn_app},
    lunch::{order_form, service_with_dish, staff as lunch_staff},
};
use coop_manau::{
    accounts::{CurrentUser, Role, token::new_token},
    alterations::{RequestDraft, Service},
    campaigns::{SlotPlan, service},
    i18n::Locale,
    server::now,
    ui::time::civil,
};
use reqwest::{StatusCode, multipart};

/// A campaign open now, without invite code, on one day (the day after tomorrow): 4 slots of
/// 15 minutes from 09:00, `places` each. Returns (campaign id, slug, slot ids).
async fn one_day_campaign(
    app: &TestApp,
    actor: &CurrentUser,
    title: &str,
    places: i64,
) -> (i64, String, Vec<i64>) {
    let opens = coop_manau::campaigns::local_datetime_value(now() - 3600);
    let closes = coop_manau::campaigns::local_datetime_value(now() + 30 * 86_400);
    let form =
        service::CampaignForm::parse(title, "", "", "Atelier couture", &opens, &closes, "", "3")
            .unwrap();
    let id = service::create_campaign(&app.state, actor, form)
        .await
        .unwrap();
    let (y, m, d) = civil(now().div_euclid(86_400) + 2);
    let day = format!("{y:04}-{m:02}-{d:02}");
    let plan = SlotPlan::parse(
        &day,
        &day,
        &["1", "2", "3", "4", "5", "6", "7"].map(String::from),
        "09:00",
        "10:00",
        "15",
        &places.to_string(),
    )
    .unwrap();
    service::generate_slots(&app.state, actor, id, plan)
        .await
        .unwrap();
    let slug: String = sqlx::query_scalar("SELECT slug FROM campaign WHERE id = ?")
        .bind(id)
        .fetch_one(&app.state.db.reader)
        .await
        .unwrap();
    let slots: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM campaign_slot WHERE campaign_id = ? ORDER BY starts_at")
            .bind(id)
            .fetch_all(&app.state.db.reader)
            .await
            .unwrap();
    assert_eq!(slots.len(), 4);
    (id, slug, slots)
}

/// A booking form as the page sends it, from address `ip`.
fn booking(
    app: &TestApp,
    slug: &str,
    slot: i64,
    contact: &str,
    key: &str,
    ip: &str,
) -> reqwest::RequestBuilder {
    app.post_form(
        "/api/book_campaign_slot",
        &[
            ("campaign", slug),
            ("code", ""),
            ("slot_id", &slot.to_string()),
            ("name", "Inès Martin"),
            ("group_name", "2nde B"),
            ("garments", "1"),
            ("contact", contact),
            ("idempotency_key", key),
        ],
    )
    .header("accept", "application/json")
    .header("x-forwarded-for", ip)
}

/// Sends many booking forms at once (as a script or a crowd does); their statuses and bodies.
async fn all_at_once(requests: Vec<reqwest::RequestBuilder>) -> Vec<(StatusCode, String)> {
    let mut tasks = tokio::task::JoinSet::new();
    for request in requests {
        tasks.spawn(async move {
            let response = request.send().await.expect("POST");
            (response.status(), response.text().await.unwrap())
        });
    }
    tasks.join_all().await
}

async fn confirmed(app: &TestApp, campaign: i64) -> i64 {
    app.count(&format!(
        "SELECT count(*) FROM campaign_booking WHERE campaign_id = {campaign} AND status = 'confirmed'"
    ))
    .await
}

async fn booked_places(app: &TestApp, campaign: i64) -> i64 {
    app.count(&format!(
        "SELECT sum(booked) FROM campaign_slot WHERE campaign_id = {campaign}"
    ))
    .await
}

#[tokio::test]
async fn a_script_from_one_address_takes_a_quarter_of_a_campaign_and_the_public_books_the_rest() {
    let app = spawn_app().await;
    let actor = campaign_staff(&app).await;
    let (id, slug, slots) = one_day_campaign(&app, &actor, "Deux cents places", 50).await;
    assert_eq!(
        app.count(&format!(
            "SELECT sum(capacity) FROM campaign_slot WHERE campaign_id = {id}"
        ))
        .await,
        200
    );

    // One address, 80 made-up contacts and fresh keys, all at once.
    let script: Vec<_> = (0..80)
        .map(|n| {
            booking(
                &app,
                &slug,
                slots[n % 4],
                &format!("bot{n}@example.com"),
                &new_token(),
                "198.51.100.66",
            )
        })
        .collect();
    let answers = all_at_once(script).await;
    let booked = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    let refused: Vec<_> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CONFLICT)
        .collect();
    assert_eq!((booked, refused.len()), (50, 30), "{answers:?}");
    assert!(
        refused
            .iter()
            .all(|(_, body)| body.contains("address_share_campaign"))
    );
    assert_eq!(confirmed(&app, id).await, 50, "a quarter of 200 places");
    assert_eq!(booked_places(&app, id).await, 50, "refusals took no place");

    // The rest of the public, each from its own address and into a slot with room: every one
    // of the 150 places left.
    let mut free = Vec::new();
    for slot in &slots {
        let left = app
            .count(&format!(
                "SELECT capacity - booked FROM campaign_slot WHERE id = {slot}"
            ))
            .await;
        free.extend(std::iter::repeat_n(*slot, left as usize));
    }
    assert_eq!(free.len(), 150);
    let public: Vec<_> = (0..150)
        .map(|n| {
            booking(
                &app,
                &slug,
                free[n],
                &format!("eleve{n}@lycee.example"),
                &new_token(),
                &format!("203.0.{}.{}", n / 100, n % 100 + 1),
            )
        })
        .collect();
    let answers = all_at_once(public).await;
    assert!(
        answers
            .iter()
            .all(|(s, body)| *s == StatusCode::OK && body.contains("Booked")),
        "{answers:?}"
    );
    assert_eq!(confirmed(&app, id).await, 200);
    assert_eq!(booked_places(&app, id).await, 200, "the campaign is full");

    // A small campaign: one address still books 40 (a class of 35 on its school's Wi-Fi).
    let (small, small_slug, small_slots) = one_day_campaign(&app, &actor, "Une classe", 25).await;
    let mut writes = 0;
    for n in 0..41 {
        if n == 40 {
            writes = app.writes().await;
        }
        let response = booking(
            &app,
            &small_slug,
            small_slots[n % 4],
            &format!("classe{n}@lycee.example"),
            &new_token(),
            "192.0.2.10",
        )
        .send()
        .await
        .unwrap();
        let expected = if n < 40 {
            StatusCode::OK
        } else {
            StatusCode::CONFLICT
        };
        assert_eq!(response.status(), expected, "booking {n}");
    }
    assert_eq!(app.writes().await, writes, "the refusal wrote nothing");
    assert_eq!(confirmed(&app, small).await, 40);
    let t = Locale::Fr.texts();
    assert!((t.errors.message)("address_share_campaign").contains("cette connexion"));
}

#[tokio::test]
async fn a_second_booking_with_the_same_contact_is_refused_and_the_same_form_gets_its_booking_back()
{
    let app = spawn_app().await;
    let actor = campaign_staff(&app).await;
    let (id, slug, slots) = one_day_campaign(&app, &actor, "Un par personne", 4).await;
    let key = new_token();
    let first = booking(&app, &slug, slots[0], "06 12 34 56 78", &key, "192.0.2.1")
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let first: serde_json::Value = first.json().await.unwrap();

    // The same phone written another way, from another address, with a new form.
    let writes = app.writes().await;
    let second = booking(
        &app,
        &slug,
        slots[1],
        "+33 6.12.34.56.78",
        &new_token(),
        "192.0.2.2",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(second.status(), StatusCode::CONFLICT);
    assert!(second.text().await.unwrap().contains("booking_exists"));
    assert_eq!(app.writes().await, writes, "nothing written");
    assert_eq!(confirmed(&app, id).await, 1);
    let t = Locale::Fr.texts();
    assert_eq!(
        (t.errors.message)("booking_exists"),
        "Vous avez déjà une réservation pour cette opération : utilisez le lien reçu pour la déplacer."
    );

    // The first form sent again (a double tap, a flaky network): its booking, nothing more.
    let again = booking(&app, &slug, slots[0], "06 12 34 56 78", &key, "192.0.2.1")
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    let again: serde_json::Value = again.json().await.unwrap();
    assert_eq!(again, first);
    assert_eq!(app.writes().await, writes, "the replay wrote nothing");

    // Moving it still works (the contact's one booking stays one).
    let link = first["Booked"]["link"].as_str().unwrap();
    let token = link.rsplit('/').next().unwrap();
    let moved = app
        .post_form(
            "/api/move_campaign_booking",
            &[("token", token), ("slot_id", &slots[2].to_string())],
        )
        .send()
        .await
        .unwrap();
    assert!(moved.status().is_success() || moved.status().is_redirection());
    assert_eq!(
        app.count(&format!(
            "SELECT slot_id FROM campaign_booking WHERE campaign_id = {id} AND status = 'confirmed'"
        ))
        .await,
        slots[2]
    );

    // Once cancelled, the same contact may book again.
    let cancel = app
        .post_form("/api/cancel_campaign_booking", &[("token", token)])
        .send()
        .await
        .unwrap();
    assert!(cancel.status().is_success() || cancel.status().is_redirection());
    let rebook = booking(
        &app,
        &slug,
        slots[1],
        "06 12 34 56 78",
        &new_token(),
        "192.0.2.1",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(rebook.status(), StatusCode::OK);
    assert_eq!(confirmed(&app, id).await, 1);
}

fn lunch_order(
    app: &TestApp,
    form: Vec<(&'static str, String)>,
    ip: &str,
) -> reqwest::RequestBuilder {
    app.client
        .post(app.url("/api/place_lunch_order"))
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", ip)
        .form(&form)
}

#[tokio::test]
async fn a_fifth_lunch_order_from_one_address_is_refused_in_french_and_writes_nothing() {
    let app = spawn_app().await;
    let actor = lunch_staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 3, 100).await;
    let order = |n: usize| {
        order_form(
            service_id,
            windows[n % windows.len()],
            dish,
            "1",
            &format!("06 12 34 56 {n:02}"),
            &new_token(),
        )
    };
    for n in 0..4 {
        let response = lunch_order(&app, order(n), "198.51.100.20")
            .send()
            .await
            .unwrap();
        assert!(response.status().is_redirection() || response.status().is_success());
    }
    let writes = app.writes().await;
    let fifth = lunch_order(&app, order(4), "198.51.100.20")
        .send()
        .await
        .unwrap();
    assert_eq!(fifth.status(), StatusCode::CONFLICT);
    assert!(fifth.text().await.unwrap().contains("address_share_lunch"));
    assert_eq!(app.writes().await, writes, "nothing written");
    assert_eq!(
        app.count(&format!("SELECT ordered FROM lunch_dish WHERE id = {dish}"))
            .await,
        4,
        "the portion was given back"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT sum(booked) FROM lunch_window WHERE service_id = {service_id}"
        ))
        .await,
        4,
        "the window place was given back"
    );
    let t = Locale::Fr.texts();
    assert!((t.errors.message)("address_share_lunch").starts_with("4 commandes au plus"));

    // Another address still orders.
    let other = lunch_order(&app, order(5), "198.51.100.21")
        .send()
        .await
        .unwrap();
    assert!(other.status().is_redirection() || other.status().is_success());
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM lunch_order WHERE service_id = {service_id}"
        ))
        .await,
        5
    );
}

#[tokio::test]
async fn an_address_sends_ten_alteration_requests_a_day_at_most() {
    let app = spawn_app().await;
    let services: Vec<Service> = app
        .get("/api/list_alteration_services")
        .await
        .json()
        .await
        .unwrap();
    let hem = services[0].id;
    let draft: RequestDraft = app
        .get(&format!("/api/get_alteration_draft?choices={hem}:1"))
        .await
        .json()
        .await
        .unwrap();
    let send = |ip: &'static str| {
        let form = multipart::Form::new()
            .text("idempotency_key", new_token())
            .text("item_service_0", hem.to_string())
            .text("item_quantity_0", "1")
            .text("item_note_0", "")
            .part(
                "item_photo_0",
                multipart::Part::bytes(Vec::new()).file_name(""),
            )
            .text("dropoff_date", draft.days[0].clone())
            .text("partner_id", "")
            .text("contact_name", "Fatou Ndiaye")
            .text("phone", "06 12 34 56 78")
            .text("email", "")
            .text("consent", "oui");
        app.client
            .post(app.url("/api/submit_alteration_request"))
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", ip)
            .multipart(form)
            .send()
    };
    for n in 0..10 {
        let response = send("198.51.100.30").await.unwrap();
        assert!(
            response.status().is_redirection() || response.status().is_success(),
            "request {n}: {}",
            response.status()
        );
    }
    let writes = app.writes().await;
    let eleventh = send("198.51.100.30").await.unwrap();
    assert_eq!(eleventh.status(), StatusCode::CONFLICT);
    assert!(
        eleventh
            .text()
            .await
            .unwrap()
            .contains("address_share_alterations")
    );
    assert_eq!(app.writes().await, writes, "nothing written");
    let other = send("198.51.100.31").await.unwrap();
    assert!(other.status().is_redirection() || other.status().is_success());
}

#[tokio::test]
async fn staff_cancel_a_burst_from_one_address_in_one_action() {
    let app = spawn_app().await;
    let actor = campaign_staff(&app).await;
    let (id, slug, slots) = one_day_campaign(&app, &actor, "Rafale", 10).await;
    let mut forms: Vec<_> = (0..8)
        .map(|n| {
            booking(
                &app,
                &slug,
                slots[n % 4],
                &format!("bot{n}@example.com"),
                &new_token(),
                "198.51.100.99",
            )
        })
        .collect();
    forms.extend((0..3).map(|n| {
        booking(
            &app,
            &slug,
            slots[n],
            &format!("eleve{n}@lycee.example"),
            &new_token(),
            &format!("203.0.113.{}", n + 1),
        )
    }));
    assert!(
        all_at_once(forms)
            .await
            .iter()
            .all(|(s, _)| *s == StatusCode::OK)
    );
    assert_eq!(booked_places(&app, id).await, 11);

    // Staff see one burst of 8 (the other addresses hold one each).
    let detail = service::campaign_detail(&app.state, id).await.unwrap();
    assert_eq!(detail.bursts.len(), 1, "{:?}", detail.bursts);
    let burst = detail.bursts[0].clone();
    assert_eq!(burst.bookings, 8);
    let staff_id = app
        .person(Role::Staff, "Nadia", Some("nadia@test.example"), None)
        .await;
    let staff_cookie = app.session_for(staff_id).await;
    let page = app
        .client
        .get(app.url(&format!("/equipe/ourlets/{id}")))
        .header("cookie", &staff_cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Annuler ces 8 réservations"), "{page}");

    let until = burst.last_at.to_string();
    let campaign = id.to_string();
    let form = [
        ("campaign_id", campaign.as_str()),
        ("client_key", burst.client_key.as_str()),
        ("until", until.as_str()),
    ];
    // Nobody else may: anonymous 401, a participant 403, nothing written.
    let participant = app
        .person(Role::Participant, "Paul", Some("paul@test.example"), None)
        .await;
    let participant_cookie = app.session_for(participant).await;
    let writes = app.writes().await;
    let anonymous = app
        .post_form("/api/cancel_booking_burst", &form)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let refused = app
        .post_as("/api/cancel_booking_burst", &form, &participant_cookie)
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.writes().await, writes, "refusals wrote nothing");
    assert_eq!(booked_places(&app, id).await, 11);

    let done = app
        .post_as("/api/cancel_booking_burst", &form, &staff_cookie)
        .await;
    assert!(
        done.status().is_success() || done.status().is_redirection(),
        "{}",
        done.status()
    );
    assert_eq!(confirmed(&app, id).await, 3, "the public's bookings stay");
    assert_eq!(booked_places(&app, id).await, 3, "8 places freed");
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM audit_log WHERE action = 'cancel_burst' AND object_id = '{id}'
             AND actor_id = {staff_id}"
        ))
        .await,
        1
    );
    let detail = service::campaign_detail(&app.state, id).await.unwrap();
    assert!(detail.bursts.is_empty());

    // The freed places are bookable again, by the public.
    let answer = booking(
        &app,
        &slug,
        slots[0],
        "eleve9@lycee.example",
        &new_token(),
        "203.0.113.9",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
}
