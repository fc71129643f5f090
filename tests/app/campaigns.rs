//! Opération ourlets: the rush on the last places, idempotent retries, moves that never lose a
//! place, refusals that write nothing, the calendar file and the day sheet's CSV.

use crate::helpers::{TestApp, spawn_app};
use coop_manau::{
    accounts::{CurrentUser, Role, token},
    campaigns::{BookingOutcome, SlotPlan, repo as campaign_repo, service},
    server::now,
    ui::time::civil,
};
use reqwest::StatusCode;

pub(crate) async fn staff(app: &TestApp) -> CurrentUser {
    let id = app
        .person(Role::Staff, "Claire", Some("claire@ourlets.example"), None)
        .await;
    CurrentUser {
        id,
        role: Role::Staff,
        first_name: "Claire".into(),
        last_name: "Test".into(),
        has_password: false,
    }
}

/// A campaign open now, with `days` weekdays of slots from the day after tomorrow, 09:00–12:00
/// in 20 minutes, `places` each. Returns (campaign id, slug, slot ids in time order).
pub(crate) async fn campaign(
    app: &TestApp,
    actor: &CurrentUser,
    title: &str,
    code: &str,
    places: i64,
) -> (i64, String, Vec<i64>) {
    let opens = coop_manau::campaigns::local_datetime_value(now() - 3600);
    let closes = coop_manau::campaigns::local_datetime_value(now() + 30 * 86_400);
    let form = service::CampaignForm::parse(
        title,
        "",
        "Ourlets des uniformes",
        "Atelier couture",
        &opens,
        &closes,
        code,
        "3",
    )
    .unwrap();
    let id = service::create_campaign(&app.state, actor, form)
        .await
        .unwrap();
    let (y, m, d) = civil(now().div_euclid(86_400) + 2);
    let (ly, lm, ld) = civil(now().div_euclid(86_400) + 9);
    let plan = SlotPlan::parse(
        &format!("{y:04}-{m:02}-{d:02}"),
        &format!("{ly:04}-{lm:02}-{ld:02}"),
        &["1", "2", "3", "4", "5"].map(String::from),
        "09:00",
        "12:00",
        "20",
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
    (id, slug, slots)
}

pub(crate) struct Booking<'a> {
    slug: &'a str,
    code: &'a str,
    /// The shared link's key (`?cle=`), carried by the form like the code.
    cle: String,
    slot: i64,
    contact: String,
    garments: &'a str,
    key: String,
}

impl<'a> Booking<'a> {
    pub(crate) fn new(slug: &'a str, code: &'a str, slot: i64, n: usize) -> Self {
        Booking {
            slug,
            code,
            cle: String::new(),
            slot,
            contact: format!("eleve{n}@lycee.example"),
            garments: "2",
            key: token::new_token(),
        }
    }
}

pub(crate) async fn book(app: &TestApp, b: &Booking<'_>) -> reqwest::Response {
    book_request(app, b).send().await.expect("POST")
}

/// The same booking sent from `address` (the test app trusts `X-Forwarded-For`).
pub(crate) async fn book_from(app: &TestApp, b: &Booking<'_>, address: &str) -> reqwest::Response {
    book_request(app, b)
        .header("x-forwarded-for", address)
        .send()
        .await
        .expect("POST")
}

fn book_request(app: &TestApp, b: &Booking<'_>) -> reqwest::RequestBuilder {
    let slot = b.slot.to_string();
    app.post_form(
        "/api/book_campaign_slot",
        &[
            ("campaign", b.slug),
            ("code", b.code),
            ("cle", &b.cle),
            ("slot_id", &slot),
            ("name", "Inès Martin"),
            ("group_name", "2nde B"),
            ("garments", b.garments),
            ("contact", &b.contact),
            ("idempotency_key", &b.key),
        ],
    )
    .header("accept", "application/json")
}

pub(crate) async fn outcome(response: reqwest::Response) -> BookingOutcome {
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("a booking outcome")
}

pub(crate) fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_owned()
}

async fn booked(app: &TestApp, slot: i64) -> (i64, i64) {
    sqlx::query_as(
        "SELECT booked, (SELECT count(*) FROM campaign_booking
                         WHERE slot_id = campaign_slot.id AND status = 'confirmed')
         FROM campaign_slot WHERE id = ?",
    )
    .bind(slot)
    .fetch_one(&app.state.db.reader)
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_rush_of_240_bookings_on_five_places_confirms_exactly_five() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (_, slug, slots) = campaign(&app, &actor, "Rentrée", "RUSH-2027", 5).await;
    let target = slots[4];
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for n in 0..240 {
        let app = app.clone();
        let slug = slug.clone();
        tasks.push(tokio::spawn(async move {
            let b = Booking::new(&slug, "rush-2027", target, n);
            // Students on their own phones: one address each (one address's share of a
            // campaign is tested in automation.rs).
            let response = book_from(&app, &b, &format!("10.0.{}.{}", n / 200, n % 200)).await;
            let status = response.status();
            let body = response.text().await.unwrap();
            (status, body)
        }));
    }
    let mut confirmed = 0;
    let mut full = 0;
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
        match serde_json::from_str::<BookingOutcome>(&body).unwrap() {
            BookingOutcome::Booked { .. } => confirmed += 1,
            BookingOutcome::Full { alternatives } => {
                full += 1;
                assert!(
                    !alternatives.is_empty(),
                    "the nearest free slots are offered"
                );
                assert!(
                    alternatives
                        .iter()
                        .all(|s| s.id != target && s.remaining() > 0)
                );
            }
        }
    }
    assert_eq!((confirmed, full), (5, 235));
    assert_eq!(booked(&app, target).await, (5, 5));
    assert_eq!(
        app.count("SELECT count(*) FROM campaign_booking").await,
        5,
        "refused bookings wrote nothing"
    );
    assert_eq!(
        app.count(
            "SELECT count(*) FROM campaign_slot s WHERE booked <> (SELECT count(*) FROM \
             campaign_booking b WHERE b.slot_id = s.id AND b.status = 'confirmed') \
             OR booked > capacity"
        )
        .await,
        0,
        "every slot's count matches its bookings"
    );
}

#[tokio::test]
async fn a_replayed_submission_returns_the_same_booking() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (_, slug, slots) = campaign(&app, &actor, "Replay", "", 5).await;
    let b = Booking::new(&slug, "", slots[0], 1);
    let first = outcome(book(&app, &b).await).await;
    let writes = app.writes().await;
    let second = outcome(book(&app, &b).await).await;
    assert_eq!(first, second);
    assert_eq!(app.writes().await, writes, "the replay wrote nothing");
    assert_eq!(booked(&app, slots[0]).await, (1, 1));
    // Open campaigns are kept in memory, but not their places: a slot closed in the database
    // (here behind the app's back) refuses a new booking at the insert, and the form booked on
    // it before still gets its booking back.
    sqlx::query("UPDATE campaign_slot SET closed = 1 WHERE id = ?")
        .bind(slots[0])
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let writes = app.writes().await;
    let late = book(&app, &Booking::new(&slug, "", slots[0], 9)).await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(late.text().await.unwrap().contains("slot_closed"));
    assert_eq!(outcome(book(&app, &b).await).await, first);
    assert_eq!(app.writes().await, writes, "neither wrote anything");
    assert_eq!(booked(&app, slots[0]).await, (1, 1));
    // Concurrent double taps: still one booking.
    let b2 = Booking::new(&slug, "", slots[1], 2);
    let (a, c) = tokio::join!(book(&app, &b2), book(&app, &b2));
    assert_eq!(outcome(a).await, outcome(c).await);
    assert_eq!(booked(&app, slots[1]).await, (1, 1));

    // Through the browser (no JavaScript): the answer sends to the private link.
    let b3 = Booking::new(&slug, "", slots[2], 3);
    let slot = b3.slot.to_string();
    let response = app
        .post_form(
            "/api/book_campaign_slot",
            &[
                ("campaign", b3.slug),
                ("code", ""),
                ("slot_id", &slot),
                ("name", "Léa"),
                ("group_name", "BTS 1"),
                ("garments", "1"),
                ("contact", "06 11 22 33 44"),
                ("idempotency_key", &b3.key),
            ],
        )
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/ourlets/reservation/") && location.ends_with("?nouvelle=1"),
        "{location}"
    );
    let page = app.get(location.split('?').next().unwrap()).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Léa") && html.contains("Ajouter à mon agenda"));
}

#[tokio::test]
async fn a_move_never_loses_the_old_place() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (_, slug, slots) = campaign(&app, &actor, "Move", "", 1).await;
    let mine = outcome(book(&app, &Booking::new(&slug, "", slots[0], 1)).await).await;
    let BookingOutcome::Booked { link, .. } = mine else {
        panic!("booked")
    };
    let token = token_of(&link);
    outcome(book(&app, &Booking::new(&slug, "", slots[1], 2)).await).await;

    // The other slot is full: refused, and the booking keeps its place.
    let writes = app.writes().await;
    let response = app
        .post_form(
            "/api/move_campaign_booking",
            &[("token", &token), ("slot_id", &slots[1].to_string())],
        )
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("slot_full"));
    assert_eq!(app.writes().await, writes);
    assert_eq!(booked(&app, slots[0]).await, (1, 1));
    assert_eq!(booked(&app, slots[1]).await, (1, 1));

    // A free slot: moved in one step, the old place given back.
    let response = app
        .post_form(
            "/api/move_campaign_booking",
            &[("token", &token), ("slot_id", &slots[2].to_string())],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(booked(&app, slots[0]).await, (0, 0));
    assert_eq!(booked(&app, slots[2]).await, (1, 1));
    let view = service::booking_view(&app.state, &token).await.unwrap();
    assert_eq!(view.slot.id, slots[2]);

    // Cancel gives the place back; cancelling again changes nothing.
    for _ in 0..2 {
        let response = app
            .post_form("/api/cancel_campaign_booking", &[("token", &token)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(booked(&app, slots[2]).await, (0, 0));
    // A wrong token is a 404.
    let response = app
        .post_form(
            "/api/cancel_campaign_booking",
            &[("token", &"x".repeat(43))],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_input_gets_a_french_message_and_writes_nothing() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (id, slug, slots) = campaign(&app, &actor, "Refus", "CODE-4242", 1).await;
    outcome(book(&app, &Booking::new(&slug, "CODE-4242", slots[0], 1)).await).await;

    let closed_slot = slots[3];
    service::update_slot(&app.state, &actor, closed_slot, 1, true)
        .await
        .unwrap();

    let cases: Vec<(Booking, StatusCode, &str)> = vec![
        (
            Booking::new(&slug, "WRONG", slots[1], 2),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invite_code_wrong",
        ),
        (
            Booking::new(&slug, "", slots[1], 2),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invite_code_wrong",
        ),
        (
            Booking {
                garments: "4",
                ..Booking::new(&slug, "CODE-4242", slots[1], 2)
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "garments_over_max",
        ),
        (
            Booking {
                contact: "06 12".into(),
                ..Booking::new(&slug, "CODE-4242", slots[1], 2)
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "contact_invalid",
        ),
        // The same contact as the first booking: the form is fine, the contact holds its one.
        (
            Booking::new(&slug, "CODE-4242", slots[1], 1),
            StatusCode::CONFLICT,
            "booking_exists",
        ),
        (
            Booking::new(&slug, "CODE-4242", closed_slot, 2),
            StatusCode::CONFLICT,
            "slot_closed",
        ),
        (
            Booking {
                key: "short".into(),
                ..Booking::new(&slug, "CODE-4242", slots[1], 2)
            },
            StatusCode::BAD_REQUEST,
            "",
        ),
    ];
    for (b, status, key) in cases {
        let writes = app.writes().await;
        let response = book(&app, &b).await;
        assert_eq!(response.status(), status, "{key}");
        assert!(response.text().await.unwrap().contains(key), "{key}");
        assert_eq!(app.writes().await, writes, "{key} wrote nothing");
    }
    let t = coop_manau::i18n::Locale::Fr.texts();
    assert!((t.errors.message)("slot_full").contains("complet"));

    // Not open yet, then closed early. Written behind the app's back: it must forget the open
    // campaigns it keeps in memory, as its own staff writes do.
    sqlx::query("UPDATE campaign SET opens_at = ? WHERE id = ?")
        .bind(now() + 3600)
        .bind(id)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    app.state.open_campaigns.invalidate();
    let writes = app.writes().await;
    let response = book(&app, &Booking::new(&slug, "CODE-4242", slots[1], 3)).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("campaign_not_open"));
    assert_eq!(app.writes().await, writes);
    sqlx::query("UPDATE campaign SET opens_at = ? WHERE id = ?")
        .bind(now() - 3600)
        .bind(id)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    app.state.open_campaigns.invalidate();
    service::close_campaign(&app.state, &actor, id)
        .await
        .unwrap();
    let writes = app.writes().await;
    let response = book(&app, &Booking::new(&slug, "CODE-4242", slots[1], 3)).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("campaign_closed"));
    assert_eq!(app.writes().await, writes);

    // A capacity below the places booked is refused.
    let refused = service::update_slot(&app.state, &actor, slots[0], 0, false).await;
    assert_eq!(
        refused,
        Err(coop_manau::error::AppError::invalid(
            "capacity",
            "capacity_below_booked"
        ))
    );
}

async fn campaign_page(app: &TestApp, slug: &str, pass: (&str, &str)) -> reqwest::Response {
    app.client
        .get(app.url("/api/get_campaign_page"))
        .query(&[("slug", slug), pass])
        .send()
        .await
        .unwrap()
}

/// The key of the shared link staff see on the campaign's page.
async fn share_key(app: &TestApp, id: i64) -> String {
    let link = service::campaign_detail(&app.state, id)
        .await
        .unwrap()
        .share_link;
    link.split_once("?cle=")
        .expect("a signed link")
        .1
        .to_owned()
}

#[tokio::test]
async fn wrong_invite_codes_are_slowed_but_the_right_one_goes_through() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (_, slug, _) = campaign(&app, &actor, "Codes", "BON-CODE-42", 1).await;
    let page = |code: &'static str| campaign_page(&app, &slug, ("code", code));
    // Case, spaces and dashes do not matter.
    for code in ["bon-code-42", "BONCODE42", "bon code 42", " Bon-Code-42 "] {
        assert_eq!(page(code).await.status(), StatusCode::OK, "{code}");
    }
    let mut statuses = Vec::new();
    for _ in 0..30 {
        statuses.push(page("MAUVAIS-CODE").await.status());
    }
    assert!(
        statuses[..10]
            .iter()
            .all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY)
    );
    assert!(
        statuses[11..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS)
    );
    crate::accounts::assert_slowed(page("MAUVAIS-CODE").await).await;
    // The right code is not refused because of them.
    assert_eq!(page("BON-CODE-42").await.status(), StatusCode::OK);
    // The same from the code page.
    let found = app
        .post_form("/api/find_campaign_by_code", &[("code", "bon code 42")])
        .send()
        .await
        .unwrap();
    assert!(found.status().is_success() || found.status().is_redirection());
    assert_eq!(
        found.headers()["location"],
        format!("/ourlets/{slug}?code=BON-CODE-42").as_str()
    );
    crate::accounts::assert_slowed(
        app.post_form("/api/find_campaign_by_code", &[("code", "PAS-LE-BON")])
            .header("accept", "application/json")
            .send()
            .await
            .unwrap(),
    )
    .await;
    // The page a person sees: 429 and how long to wait, in French.
    let html = app.get(&format!("/ourlets/{slug}?code=FAUX-CODE")).await;
    assert_eq!(html.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(html.text().await.unwrap().contains("Réessayez dans"));
    // Another address is not slowed by this one.
    let other = app.client_from("127.0.0.2");
    let response = other
        .get(app.url("/api/get_campaign_page"))
        .query(&[("slug", slug.as_str()), ("code", "MAUVAIS-CODE")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Strong evidence (hundreds of wrong codes from one address): then even the right code
    // waits, so guessing stays hopeless.
    for _ in 0..300 {
        let _ = app.state.limits.campaign_code_strong.fail("127.0.0.1");
    }
    crate::accounts::assert_slowed(page("BON-CODE-42").await).await;
    // The code page and the HTML page without the code.
    let html = app
        .get(&format!("/ourlets/{slug}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Code d'invitation"));
}

#[tokio::test]
async fn the_shared_link_is_signed_never_counted_and_revoked_by_a_new_code() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (id, slug, slots) = campaign(&app, &actor, "Lien", "LIEN-2027-A", 3).await;
    let key = share_key(&app, id).await;
    // Staff see the signed link on the campaign's page, not the code.
    let cookie = app.session_for(actor.id).await;
    let html = app
        .client
        .get(app.url(&format!("/equipe/ourlets/{id}")))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("/ourlets/{slug}?cle={key}")));
    assert!(!html.contains("?code="));
    // Opened many times: never counted.
    for _ in 0..50 {
        assert_eq!(
            campaign_page(&app, &slug, ("cle", &key)).await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(app.state.limits.campaign_code_ip.failures("127.0.0.1"), 0);
    // The HTML page carries the key into its day links and the booking form.
    let html = app
        .get(&format!("/ourlets/{slug}?cle={key}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("?cle={key}&amp;jour=")),
        "day links keep the key"
    );
    let html = app
        .get(&format!(
            "/ourlets/{slug}?cle={key}&jour={}",
            day_of_slot(&app, slots[0]).await
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!(r#"name="cle" value="{key}""#)));
    // A booking with the key alone.
    let booked = book(
        &app,
        &Booking {
            cle: key.clone(),
            ..Booking::new(&slug, "", slots[0], 1)
        },
    )
    .await;
    assert!(matches!(
        outcome(booked).await,
        BookingOutcome::Booked { .. }
    ));
    // A tampered key is refused like a wrong code, and counted like one.
    let mut tampered = key.clone().into_bytes();
    tampered[10] = if tampered[10] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    let response = campaign_page(&app, &slug, ("cle", &tampered)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("invite_code_wrong"));
    let refused = book(
        &app,
        &Booking {
            cle: tampered,
            ..Booking::new(&slug, "", slots[0], 2)
        },
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.state.limits.campaign_code_ip.failures("127.0.0.1"), 2);
    // Even past strong evidence from this address, the real link works.
    for _ in 0..400 {
        let _ = app.state.limits.campaign_code_strong.fail("127.0.0.1");
    }
    assert_eq!(
        campaign_page(&app, &slug, ("cle", &key)).await.status(),
        StatusCode::OK
    );
    // A new code revokes the links given out before.
    sqlx::query("UPDATE campaign SET invite_code = 'NOUVEAU-CODE-9' WHERE id = ?")
        .bind(id)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    app.state.open_campaigns.invalidate();
    let other = app.client_from("127.0.0.2");
    let response = other
        .get(app.url("/api/get_campaign_page"))
        .query(&[("slug", slug.as_str()), ("cle", key.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_ne!(share_key(&app, id).await, key);
}

async fn day_of_slot(app: &TestApp, slot: i64) -> String {
    let (_, slot) = campaign_repo::find_slot(&app.state.db.reader, slot)
        .await
        .unwrap()
        .unwrap();
    coop_manau::campaigns::day_of(slot.starts_at)
}

#[tokio::test]
async fn a_class_of_35_on_one_address_with_typos_and_a_prankster_all_book() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (id, slug, slots) = campaign(&app, &actor, "Classe", "K7QM-3XTP", 5).await;
    let key = share_key(&app, id).await;
    // Everyone is on the school's Wi-Fi: one address.
    let mut wrong_codes = 0;
    for student in 0..35usize {
        // The prankster types about three wrong codes between two students (100 in all).
        let tries = if student < 30 { 3 } else { 2 };
        for t in 0..tries {
            let guess = format!("FAUX-{student:02}{t}");
            let status = campaign_page(&app, &slug, ("code", &guess)).await.status();
            assert!(
                [
                    StatusCode::UNPROCESSABLE_ENTITY,
                    StatusCode::TOO_MANY_REQUESTS
                ]
                .contains(&status),
                "{status}"
            );
            wrong_codes += 1;
        }
        // A few students mistype first, then type it right.
        if [4, 17, 29].contains(&student) {
            let status = campaign_page(&app, &slug, ("code", "K7QM-3XPT"))
                .await
                .status();
            assert!(
                [
                    StatusCode::UNPROCESSABLE_ENTITY,
                    StatusCode::TOO_MANY_REQUESTS
                ]
                .contains(&status),
                "{status}"
            );
        }
        // Half the class opens the shared link, the others type the code their own way.
        let (pass, code, cle) = match student % 4 {
            0 | 1 => (("cle", key.as_str()), "", key.clone()),
            2 => (("code", "k7qm3xtp"), "k7qm3xtp", String::new()),
            _ => (("code", "K7QM 3XTP"), "K7QM 3XTP", String::new()),
        };
        assert_eq!(
            campaign_page(&app, &slug, pass).await.status(),
            StatusCode::OK,
            "student {student}"
        );
        let slot = slots[student % slots.len()];
        let booking = Booking {
            cle,
            ..Booking::new(&slug, code, slot, student)
        };
        assert!(
            matches!(
                outcome(book(&app, &booking).await).await,
                BookingOutcome::Booked { .. }
            ),
            "student {student}"
        );
    }
    assert_eq!(wrong_codes, 100);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM campaign_booking WHERE campaign_id = {id} AND status = 'confirmed'"
        ))
        .await,
        35
    );
    // The prankster ends up slowed, told in French how long to wait.
    crate::accounts::assert_slowed(campaign_page(&app, &slug, ("code", "FAUX-FIN")).await).await;
}

#[tokio::test]
async fn the_calendar_file_is_rfc_5545_in_paris_time() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (_, slug, slots) = campaign(&app, &actor, "Agenda", "", 2).await;
    let BookingOutcome::Booked { link, reference } =
        outcome(book(&app, &Booking::new(&slug, "", slots[0], 1)).await).await
    else {
        panic!("booked")
    };
    let response = app.get(&format!("{link}/agenda.ics")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = response.text().await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'));
    assert!(ics.split("\r\n").all(|line| line.len() <= 75));
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("TZID:Europe/Paris"));
    assert!(unfolded.contains(&format!("UID:{reference}@coop-manau")));
    let start = coop_manau::campaigns::hour_of(
        campaign_repo::find_slot(&app.state.db.reader, slots[0])
            .await
            .unwrap()
            .unwrap()
            .1
            .starts_at,
    );
    assert_eq!(start, "09:00");
    assert!(unfolded.contains("DTSTART;TZID=Europe/Paris:") && unfolded.contains("T090000\r\n"));
    // Someone else's (unknown) token: 404 in French.
    let response = app
        .get(&format!(
            "/ourlets/reservation/{}/agenda.ics",
            "y".repeat(43)
        ))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.text().await.unwrap(), "Introuvable.");
}

#[tokio::test]
async fn the_day_sheet_counts_and_exports_for_french_excel() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (id, slug, slots) = campaign(&app, &actor, "Feuille", "", 3).await;
    let BookingOutcome::Booked { link, .. } =
        outcome(book(&app, &Booking::new(&slug, "", slots[0], 1)).await).await
    else {
        panic!("booked")
    };
    outcome(book(&app, &Booking::new(&slug, "", slots[1], 2)).await).await;
    let view = service::booking_view(&app.state, &token_of(&link))
        .await
        .unwrap();
    let day = view.slot.day();
    let booking_id: i64 = sqlx::query_scalar("SELECT id FROM campaign_booking WHERE slot_id = ?")
        .bind(slots[0])
        .fetch_one(&app.state.db.reader)
        .await
        .unwrap();
    let cookie = app.session_for(actor.id).await;
    let response = app
        .post_as(
            "/api/set_booking_attendance",
            &[
                ("booking_id", &booking_id.to_string()),
                ("attendance", "done"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let sheet = service::day_sheet(&app.state, id, &day).await.unwrap();
    assert_eq!(sheet.counts.booked, 2);
    assert_eq!(sheet.counts.came, 1);
    assert_eq!(sheet.counts.garments_done, 2);
    assert_eq!(
        app.count("SELECT count(*) FROM audit_log WHERE action = 'attendance'")
            .await,
        1
    );
    // A no-show frees nothing.
    service::set_attendance(
        &app.state,
        &actor,
        booking_id,
        coop_manau::campaigns::Attendance::NoShow,
    )
    .await
    .unwrap();
    assert_eq!(booked(&app, slots[0]).await, (1, 1));

    let path = format!("/equipe/ourlets/{id}/jour/{day}/export.csv");
    let response = app
        .client
        .get(app.url(&path))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let csv = response.text().await.unwrap();
    assert!(csv.starts_with("\u{feff}Jour;Créneau;Référence;"), "{csv}");
    assert!(
        csv.contains("Inès Martin;2nde B;2;eleve1@lycee.example;Absent·e\r\n"),
        "{csv}"
    );
    assert_eq!(csv.matches("\r\n").count(), 3);
    // Signed out: 401; a participant: 403.
    assert_eq!(app.get(&path).await.status(), StatusCode::UNAUTHORIZED);
    let participant = app.person(Role::Participant, "Jean", None, None).await;
    let cookie = app.session_for(participant).await;
    let response = app
        .client
        .get(app.url(&path))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn staff_create_a_campaign_and_generate_its_slots_through_forms() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let cookie = app.session_for(actor.id).await;
    let opens = coop_manau::campaigns::local_datetime_value(now());
    let closes = coop_manau::campaigns::local_datetime_value(now() + 10 * 86_400);
    let response = app
        .post_as(
            "/api/create_campaign",
            &[
                ("title", "Ourlets de printemps"),
                ("partner_id", ""),
                ("description", ""),
                ("place", "Atelier"),
                ("opens_at", &opens),
                ("closes_at", &closes),
                ("invite_code", "printemps"),
                ("max_garments", "2"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let id: i64 = response.json().await.unwrap();
    let (y, m, d) = civil(now().div_euclid(86_400) + 3);
    let day = format!("{y:04}-{m:02}-{d:02}");
    let response = app
        .post_as(
            "/api/generate_campaign_slots",
            &[
                ("campaign_id", &id.to_string()),
                ("first_day", &day),
                ("last_day", &day),
                ("weekdays[]", "1"),
                ("weekdays[]", "2"),
                ("weekdays[]", "3"),
                ("weekdays[]", "4"),
                ("weekdays[]", "5"),
                ("weekdays[]", "6"),
                ("weekdays[]", "7"),
                ("start", "14:00"),
                ("end", "15:00"),
                ("length_minutes", "30"),
                ("places", "3"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM campaign_slot WHERE campaign_id = {id}"
        ))
        .await,
        2
    );
    let code: String = sqlx::query_scalar("SELECT invite_code FROM campaign WHERE id = ?")
        .bind(id)
        .fetch_one(&app.state.db.reader)
        .await
        .unwrap();
    assert_eq!(code, "PRINTEMPS");
    // Bad dates: a French message, nothing written.
    let writes = app.writes().await;
    let response = app
        .post_as(
            "/api/create_campaign",
            &[
                ("title", "x"),
                ("partner_id", ""),
                ("description", ""),
                ("place", "Atelier"),
                ("opens_at", &closes),
                ("closes_at", &opens),
                ("invite_code", ""),
                ("max_garments", "2"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("date_order"));
    assert_eq!(app.writes().await, writes);
    // A short code can be guessed: refused with its own message.
    let response = app
        .post_as(
            "/api/create_campaign",
            &[
                ("title", "Court"),
                ("partner_id", ""),
                ("description", ""),
                ("place", "Atelier"),
                ("opens_at", &opens),
                ("closes_at", &closes),
                ("invite_code", "ABC-1234"),
                ("max_garments", "2"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("invite_code_too_short")
    );
    assert_eq!(app.writes().await, writes);
    // The creation form proposes a code the app made: 8 unambiguous symbols, two groups.
    let html = app
        .client
        .get(app.url("/equipe/ourlets"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let proposed = html
        .split(r#"name="invite_code""#)
        .nth(1)
        .and_then(|rest| rest.split(r#"value=""#).nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("a proposed code")
        .to_owned();
    assert_eq!(proposed.len(), 9, "{proposed}");
    assert_eq!(&proposed[4..5], "-");
    assert!(
        proposed
            .bytes()
            .filter(|b| *b != b'-')
            .all(|b| coop_manau::campaigns::INVITE_ALPHABET.contains(&b))
    );
    // The staff pages render.
    for path in [
        "/equipe/ourlets".to_owned(),
        format!("/equipe/ourlets/{id}"),
        format!("/equipe/ourlets/{id}/jour/{day}"),
    ] {
        let response = app
            .client
            .get(app.url(&path))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn the_demo_campaign_is_in_the_future_and_needs_its_code() {
    let app = spawn_app().await;
    assert_eq!(
        app.count("SELECT count(*) FROM campaign WHERE slug = 'lycee-hotelier'")
            .await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM campaign_slot WHERE starts_at <= {}",
            now()
        ))
        .await,
        0
    );
    let html = app.get("/ourlets/lycee-hotelier?code=ourlets-lhil").await;
    assert_eq!(html.status(), StatusCode::OK);
    assert!(html.text().await.unwrap().contains("1. Choisissez un jour"));
}

/// At the counter, a student's hem slot booked by staff is answered with the ticket to print.
#[tokio::test]
async fn at_the_counter_a_booking_is_answered_with_its_ticket() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (_, slug, slots) = campaign(&app, &actor, "Ourlets au guichet", "GUICHET1", 5).await;
    let session = app.session_for(actor.id).await;
    let booking = Booking::new(&slug, "GUICHET1", slots[0], 1);
    let answer = book_request(&app, &booking)
        .header("accept", "text/html")
        .header("referer", app.url(&format!("/ourlets/{slug}")))
        .header("cookie", format!("{session}; guichet=1"))
        .send()
        .await
        .unwrap();
    let location = answer.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/guichet/ticket/ourlets/"),
        "{location}"
    );
    let html = app
        .client
        .get(app.url(&location))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for words in [
        "Opération ourlets",
        "Ourlets au guichet · 2 × 2nde B",
        "Rendez-vous :",
        "<svg",
    ] {
        assert!(html.contains(words), "{words}: {html}");
    }
}

#[tokio::test]
async fn a_cancelled_booking_can_be_undone_by_its_link_while_its_place_is_free() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (campaign_id, slug, slots) = campaign(&app, &actor, "Undo", "", 1).await;
    let BookingOutcome::Booked { link, .. } =
        outcome(book(&app, &Booking::new(&slug, "", slots[0], 1)).await).await
    else {
        panic!("booked")
    };
    let token = token_of(&link);
    // Not cancelled: nothing to undo (a double tap after an undo is the same).
    assert_eq!(
        app.post_for_json("/api/restore_campaign_booking", &[("token", &token)])
            .await
            .status(),
        StatusCode::OK
    );
    assert!(
        !service::booking_view(&app.state, &token)
            .await
            .unwrap()
            .restorable
    );

    app.post_for_json("/api/cancel_campaign_booking", &[("token", &token)])
        .await;
    assert!(
        service::booking_view(&app.state, &token)
            .await
            .unwrap()
            .restorable
    );
    // Someone took the place meanwhile: refused in French, nothing written.
    let BookingOutcome::Booked { link: other, .. } =
        outcome(book(&app, &Booking::new(&slug, "", slots[0], 2)).await).await
    else {
        panic!("the freed place is bookable")
    };
    let writes = app.writes().await;
    let refused = app
        .post_for_json("/api/restore_campaign_booking", &[("token", &token)])
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("restore_slot_taken"));
    assert_eq!(app.writes().await, writes);
    assert_eq!(booked(&app, slots[0]).await, (1, 1));

    // The place is free again: the same booking comes back, once, with its place.
    app.post_for_json(
        "/api/cancel_campaign_booking",
        &[("token", &token_of(&other))],
    )
    .await;
    for _ in 0..2 {
        let restored = app
            .post_for_json("/api/restore_campaign_booking", &[("token", &token)])
            .await;
        assert_eq!(restored.status(), StatusCode::OK);
    }
    assert_eq!(booked(&app, slots[0]).await, (1, 1));
    let view = service::booking_view(&app.state, &token).await.unwrap();
    assert!(!view.cancelled);
    assert!(!view.restorable);

    // Ten minutes later it is too late.
    app.post_for_json("/api/cancel_campaign_booking", &[("token", &token)])
        .await;
    sqlx::query("UPDATE campaign_booking SET self_cancelled_at = self_cancelled_at - 601")
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let late = app
        .post_for_json("/api/restore_campaign_booking", &[("token", &token)])
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(
        late.text()
            .await
            .unwrap()
            .contains("restore_booking_too_late")
    );

    // Cancelled by staff (a burst of made-up bookings): never revived by its link.
    let third = Booking::new(&slug, "", slots[1], 3);
    let BookingOutcome::Booked { link: burst, .. } = outcome(book(&app, &third).await).await else {
        panic!("booked")
    };
    let key: String =
        sqlx::query_scalar("SELECT client_key FROM campaign_booking WHERE slot_id = ?")
            .bind(slots[1])
            .fetch_one(&app.state.db.reader)
            .await
            .unwrap();
    service::cancel_booking_burst(&app.state, &actor, campaign_id, &key, now())
        .await
        .unwrap();
    let revived = app
        .post_for_json(
            "/api/restore_campaign_booking",
            &[("token", &token_of(&burst))],
        )
        .await;
    assert_eq!(revived.status(), StatusCode::CONFLICT);
    assert_eq!(booked(&app, slots[1]).await, (0, 0));
    let page = app
        .get(&format!("/ourlets/reservation/{}", token_of(&burst)))
        .await;
    assert!(
        !page
            .text()
            .await
            .unwrap()
            .contains("Finalement, je garde ma réservation")
    );
}
