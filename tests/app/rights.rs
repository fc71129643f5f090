//! People's rights: what a private link holds is shown, downloaded and erased by its holder
//! (cancelled first when still to come, counts kept); participants download their own rows;
//! staff erase a participant (pseudonymised what must stay); the register matches the schema.

use crate::{
    campaigns::{Booking, book, campaign, outcome, token_of},
    helpers::{TestApp, spawn_app},
    lunch::{order_form, post, service_with_dish, staff},
};
use coop_manau::{
    accounts::{
        Role,
        token::{hash_token, new_token},
    },
    campaigns::BookingOutcome,
    privacy::register::TABLES,
    server::now,
};
use reqwest::{StatusCode, header};

async fn totals(app: &TestApp, service_id: i64) -> (i64, i64, i64) {
    sqlx::query_as(
        "SELECT orders, portions, takings_cents FROM lunch_service_total WHERE service_id = ?",
    )
    .bind(service_id)
    .fetch_one(&app.state.db.reader)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_lunch_order_link_shows_downloads_and_erases_its_data() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 6, 5).await;
    let token = new_token();
    let form = order_form(service_id, windows[0], dish, "2", "06 12 34 56 78", &token);
    assert_eq!(
        post(&app, "/api/place_lunch_order", &form).await.status(),
        StatusCode::OK
    );

    let order_page = app
        .get(&format!("/dejeuner/commande/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        order_page.contains(&format!("/vos-donnees/dejeuner/{token}")),
        "the link page leads to its data"
    );
    let page = app.get(&format!("/vos-donnees/dejeuner/{token}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()[header::CACHE_CONTROL], "private, no-store");
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Léa Martin") && html.contains("06 12 34 56 78") && html.contains("Effacer")
    );
    let json = app
        .get(&format!("/vos-donnees/dejeuner/{token}/donnees.json"))
        .await;
    assert_eq!(json.status(), StatusCode::OK);
    assert!(
        json.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let data: serde_json::Value = json.json().await.unwrap();
    assert_eq!(data["personal"][0]["value"], "Léa Martin");
    assert_eq!(data["erase_cancels"], true);

    // Refused without the box ticked, from another site, or for a link that does not exist:
    // nothing written.
    let writes = app.writes().await;
    let unticked = post(
        &app,
        "/api/erase_link_data",
        &[("kind", "dejeuner".into()), ("token", token.clone())],
    )
    .await;
    assert_eq!(unticked.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unticked
            .text()
            .await
            .unwrap()
            .contains("erase_confirm_required")
    );
    let erase = |token: String| {
        vec![
            ("kind", "dejeuner".to_owned()),
            ("token", token),
            ("confirm", "oui".to_owned()),
        ]
    };
    let cross_site = app
        .client
        .post(app.url("/api/erase_link_data"))
        .header("sec-fetch-site", "cross-site")
        .form(&erase(token.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    let unknown = post(&app, "/api/erase_link_data", &erase(new_token())).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let wrong_kind = post(
        &app,
        "/api/erase_link_data",
        &[
            ("kind", "x".into()),
            ("token", token.clone()),
            ("confirm", "oui".into()),
        ],
    )
    .await;
    assert_eq!(wrong_kind.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/vos-donnees/ourlets/{token}"))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "someone else's kind of link"
    );
    assert_eq!(app.writes().await, writes);

    assert_eq!(
        post(&app, "/api/erase_link_data", &erase(token.clone()))
            .await
            .status(),
        StatusCode::OK
    );
    let (status, name, phone): (String, String, String) =
        sqlx::query_as("SELECT status, name, phone FROM lunch_order WHERE token_hash = ?")
            .bind(hash_token(&token))
            .fetch_one(&app.state.db.reader)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), name.as_str(), phone.as_str()),
        ("cancelled", "", ""),
        "cancelled first, then scrubbed"
    );
    assert_eq!(
        app.count(&format!("SELECT ordered FROM lunch_dish WHERE id = {dish}"))
            .await,
        0,
        "the portions went back"
    );
    let html = app
        .get(&format!("/vos-donnees/dejeuner/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Léa Martin") && html.contains("ont été effacées"));
    // A replay (a double tap) changes nothing.
    let writes = app.writes().await;
    assert_eq!(
        post(&app, "/api/erase_link_data", &erase(token.clone()))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(app.writes().await, writes);
}

#[tokio::test]
async fn an_order_being_prepared_waits_and_a_past_one_keeps_its_counts() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 6, 5).await;
    let token = new_token();
    let form = order_form(service_id, windows[0], dish, "2", "06 12 34 56 78", &token);
    assert_eq!(
        post(&app, "/api/place_lunch_order", &form).await.status(),
        StatusCode::OK
    );
    let erase = vec![
        ("kind", "dejeuner".to_owned()),
        ("token", token.clone()),
        ("confirm", "oui".to_owned()),
    ];

    // Past its cut-off, before the service ends: the kitchen calls the name out.
    sqlx::query("UPDATE lunch_service SET cutoff_at = ? WHERE id = ?")
        .bind(now() - 1)
        .bind(service_id)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let writes = app.writes().await;
    let early = post(&app, "/api/erase_link_data", &erase).await;
    assert_eq!(early.status(), StatusCode::CONFLICT);
    assert!(early.text().await.unwrap().contains("erase_after_service"));
    assert_eq!(app.writes().await, writes);

    let before = totals(&app, service_id).await;
    sqlx::query("UPDATE lunch_service SET starts_at = ?1 - 7200, ends_at = ?1 - 3600, cutoff_at = ?1 - 9000 WHERE id = ?2")
        .bind(now())
        .bind(service_id)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    assert_eq!(
        post(&app, "/api/erase_link_data", &erase).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        totals(&app, service_id).await,
        before,
        "the meal still counts, without a name"
    );
    assert_eq!(before, (1, 2, 1700));
}

#[tokio::test]
async fn a_hem_booking_to_come_is_cancelled_then_scrubbed_keeping_its_class() {
    let app = spawn_app().await;
    let actor = crate::campaigns::staff(&app).await;
    let (_, slug, slots) = campaign(&app, &actor, "Ourlets rentrée", "K7QM-3XTP", 3).await;
    let BookingOutcome::Booked { link, .. } =
        outcome(book(&app, &Booking::new(&slug, "K7QM-3XTP", slots[0], 1)).await).await
    else {
        panic!("booked");
    };
    let token = token_of(&link);
    let page = app
        .get(&format!("/ourlets/reservation/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("/vos-donnees/ourlets/{token}")));
    let data: serde_json::Value = app
        .get(&format!("/vos-donnees/ourlets/{token}/donnees.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(data["personal"][1]["value"], "eleve1@lycee.example");
    let erase = vec![
        ("kind", "ourlets".to_owned()),
        ("token", token.clone()),
        ("confirm", "oui".to_owned()),
    ];
    assert_eq!(
        post(&app, "/api/erase_link_data", &erase).await.status(),
        StatusCode::OK
    );
    let row: (String, String, String, String, i64) = sqlx::query_as(
        "SELECT b.status, b.name, b.contact, b.group_name, s.booked
         FROM campaign_booking b JOIN campaign_slot s ON s.id = b.slot_id WHERE b.token_hash = ?",
    )
    .bind(hash_token(&token))
    .fetch_one(&app.state.db.reader)
    .await
    .unwrap();
    assert_eq!(
        row,
        ("cancelled".into(), "".into(), "".into(), "2nde B".into(), 0)
    );
    // The same contact may book again: the erased booking holds no contact any more.
    let again = outcome(book(&app, &Booking::new(&slug, "K7QM-3XTP", slots[1], 1)).await).await;
    assert!(matches!(again, BookingOutcome::Booked { .. }));
}

/// An alteration request inserted as the form would have left it, with a known private link.
async fn alteration(app: &TestApp, status: &str) -> (String, i64) {
    let token = new_token();
    let mut tx = app.state.db.begin_write().await.unwrap();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO alteration_request (reference, token_hash, status, contact_name, phone, email,
             consent_at, dropoff_date, estimated_cents, has_quote_items, created_at, updated_at)
         VALUES (?, ?, ?, 'Samira B.', '0612345678', 'samira@example.org', 0, '2026-06-02', 1200, 0, ?, ?)
         RETURNING id",
    )
    .bind(format!("R-{}", &token[..6]))
    .bind(hash_token(&token))
    .bind(status)
    .bind(now())
    .bind(now())
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let service: i64 = sqlx::query_scalar("SELECT id FROM alteration_service ORDER BY id LIMIT 1")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let item: i64 = sqlx::query_scalar(
        "INSERT INTO alteration_item (request_id, service_id, quantity, note)
         VALUES (?, ?, 1, 'ma robe de mariage') RETURNING id",
    )
    .bind(id)
    .bind(service)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO alteration_photo (item_id, jpeg, width, height) VALUES (?, x'FFD8FFD9', 1, 1)",
    )
    .bind(item)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (token, id)
}

#[tokio::test]
async fn garments_at_the_coop_wait_and_a_collected_request_loses_contact_notes_and_photos() {
    let app = spawn_app().await;
    let (here, _) = alteration(&app, "ready").await;
    let writes = app.writes().await;
    let waiting = post(
        &app,
        "/api/erase_link_data",
        &[
            ("kind", "retouche".into()),
            ("token", here.clone()),
            ("confirm", "oui".into()),
        ],
    )
    .await;
    assert_eq!(waiting.status(), StatusCode::CONFLICT);
    assert!(
        waiting
            .text()
            .await
            .unwrap()
            .contains("erase_garments_here")
    );
    assert_eq!(app.writes().await, writes);
    let html = app
        .get(&format!("/vos-donnees/retouche/{here}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Vos vêtements sont encore chez nous") && html.contains("samira@example.org")
    );

    let (done, id) = alteration(&app, "collected").await;
    assert_eq!(
        post(
            &app,
            "/api/erase_link_data",
            &[
                ("kind", "retouche".into()),
                ("token", done.clone()),
                ("confirm", "oui".into())
            ]
        )
        .await
        .status(),
        StatusCode::OK
    );
    let row: (String, Option<String>, Option<String>, String) = sqlx::query_as(
        "SELECT r.contact_name, r.phone, r.email, i.note FROM alteration_request r
         JOIN alteration_item i ON i.request_id = r.id WHERE r.id = ?",
    )
    .bind(id)
    .fetch_one(&app.state.db.reader)
    .await
    .unwrap();
    assert_eq!(row, ("".into(), None, None, "".into()));
    assert_eq!(app.count(&format!("SELECT count(*) FROM alteration_photo f JOIN alteration_item i ON i.id = f.item_id WHERE i.request_id = {id}")).await, 0);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM alteration_item WHERE request_id = {id}"
        ))
        .await,
        1,
        "the garment still counts"
    );
    assert_eq!(
        app.count(&format!("SELECT count(*) FROM audit_log WHERE action = 'erase' AND object_id = '{id}' AND actor_id IS NULL")).await,
        1
    );
}

/// A participant with a shift, an absence with its reason, a session and a calendar link.
async fn participant_with_history(app: &TestApp, first_name: &str) -> (i64, String) {
    let id = app.person(Role::Participant, first_name, None, None).await;
    let cookie = app.session_for(id).await;
    let mut tx = app.state.db.begin_write().await.unwrap();
    let shift: i64 = sqlx::query_scalar(
        "INSERT INTO shift (sector_slug, starts_at, ends_at, places, created_at)
         VALUES ('cuisine', ?1 + 86400, ?1 + 86400 + 3600 * 4, 3, ?1) RETURNING id",
    )
    .bind(now())
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let assignment: i64 = sqlx::query_scalar(
        "INSERT INTO assignment (shift_id, person_id, created_at) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(shift)
    .bind(id)
    .bind(now())
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO absence (assignment_id, reason, details, key_hash, declared_at)
         VALUES (?, 'medical', 'rendez-vous à l''hôpital', ?, ?)",
    )
    .bind(assignment)
    .bind(hash_token(&new_token()))
    .bind(now())
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query("INSERT INTO calendar_feed (person_id, token_hash, created_at) VALUES (?, ?, ?)")
        .bind(id)
        .bind(hash_token(&new_token()))
        .bind(now())
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (id, cookie)
}

#[tokio::test]
async fn participants_download_their_own_rows_and_nobody_elses() {
    let app = spawn_app().await;
    let (_, amina) = participant_with_history(&app, "Amina").await;
    let (_, _bilal) = participant_with_history(&app, "Bilal").await;
    assert_eq!(
        app.get("/compte/mes-donnees.json").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let response = app
        .client
        .get(app.url("/compte/mes-donnees.json"))
        .header("cookie", &amina)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "private, no-store"
    );
    let text = response.text().await.unwrap();
    let rows: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(rows["person"]["first_name"], "Amina");
    assert_eq!(rows["shifts"].as_array().unwrap().len(), 1);
    assert_eq!(rows["absences"][0]["details"], "rendez-vous à l'hôpital");
    assert_eq!(rows["sessions"].as_array().unwrap().len(), 1);
    assert!(!text.contains("Bilal"), "nobody else's rows");
    assert!(
        !text.contains("token_hash") && !text.contains("password_hash"),
        "no secret"
    );
    let account = app
        .client
        .get(app.url("/compte"))
        .header("cookie", &amina)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(account.contains("/compte/mes-donnees.json"));
}

#[tokio::test]
async fn staff_erase_a_participant_keeping_hours_under_a_pseudonym() {
    let app = spawn_app().await;
    let (id, participant_cookie) = participant_with_history(&app, "Amina").await;
    let coach = app
        .person(Role::Staff, "Claire", Some("claire@rights.example"), None)
        .await;
    let staff_cookie = app.session_for(coach).await;
    let path = "/api/erase_participant";
    let form = |id: i64, confirm: &str| {
        vec![
            ("person_id", id.to_string()),
            ("confirm", confirm.to_owned()),
        ]
    };
    let writes = app.writes().await;
    let by_herself = app
        .post_as(
            path,
            &[("person_id", &id.to_string()), ("confirm", "oui")],
            &participant_cookie,
        )
        .await;
    assert_eq!(by_herself.status(), StatusCode::FORBIDDEN);
    let unticked = app
        .post_form(path, &[("person_id", &id.to_string())])
        .header("cookie", &staff_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(unticked.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let a_colleague = app
        .post_form(
            path,
            &form(coach, "oui")
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .header("cookie", &staff_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(a_colleague.status(), StatusCode::CONFLICT);
    assert_eq!(app.writes().await, writes);

    let erased = app
        .post_as(
            path,
            &[("person_id", &id.to_string()), ("confirm", "oui")],
            &staff_cookie,
        )
        .await;
    assert_eq!(erased.status(), StatusCode::OK);
    let person: (String, String, Option<String>, i64) =
        sqlx::query_as("SELECT first_name, last_name, phone, active FROM person WHERE id = ?")
            .bind(id)
            .fetch_one(&app.state.db.reader)
            .await
            .unwrap();
    assert_eq!(person, ("Personne".into(), format!("n° {id}"), None, 0));
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM session WHERE person_id = {id}"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM calendar_feed WHERE person_id = {id}"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM assignment WHERE person_id = {id}"
        ))
        .await,
        1,
        "hours stay"
    );
    assert_eq!(
        app.count(&format!("SELECT count(*) FROM absence b JOIN assignment a ON a.id = b.assignment_id WHERE a.person_id = {id} AND b.reason = 'other' AND b.details = ''")).await,
        1,
        "the absence's reason is gone, its date stays"
    );
    assert!(
        app.whoami(&participant_cookie).await.is_none(),
        "signed out everywhere"
    );
    let page = app
        .client
        .get(app.url(&format!("/equipe/personnes/{id}")))
        .header("cookie", &staff_cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("a été effacée") && page.contains("créneaux et heures : 1"),
        "the page says what was deleted and kept"
    );
}

#[tokio::test]
async fn the_register_describes_every_column_of_the_schema() {
    let app = spawn_app().await;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
           AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&app.state.db.reader)
    .await
    .unwrap();
    let mut described: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
    described.sort();
    assert_eq!(
        tables, described,
        "a table is missing from src/privacy/register.rs, or gone"
    );
    for table in TABLES {
        let mut columns: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT name FROM pragma_table_info('{}') ORDER BY name",
            table.name
        ))
        .fetch_all(&app.state.db.reader)
        .await
        .unwrap();
        columns.sort();
        let mut listed: Vec<&str> = table
            .personal
            .iter()
            .map(|(c, _)| *c)
            .chain(table.other.iter().copied())
            .collect();
        listed.sort();
        assert_eq!(
            columns, listed,
            "describe every column of {} in src/privacy/register.rs",
            table.name
        );
    }
    let page = app.get("/vos-donnees").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    // The page shows the columns and the configured periods (365 and 90 days by default).
    for text in [
        "lunch_order.phone",
        "alteration_photo.jpeg",
        "absence.details",
        "1 an après",
        "3 mois après",
        "CNIL",
    ] {
        assert!(html.contains(text), "{text}");
    }
}

#[tokio::test]
async fn staff_see_the_accounts_the_purge_will_erase_a_month_ahead() {
    let app = spawn_app().await;
    let coach = app
        .person(Role::Staff, "Claire", Some("claire@due.example"), None)
        .await;
    let cookie = app.session_for(coach).await;
    let quiet = app.person(Role::Participant, "Yacine", None, None).await;
    sqlx::query("UPDATE person SET created_at = ?1, last_active_at = ?1 WHERE id = ?2")
        .bind(now() - 710 * 86_400)
        .bind(quiet)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let home = app
        .client
        .get(app.url("/equipe"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Comptes bientôt effacés"), "{home}");
    assert!(home.contains("Yacine Test : effacé le"));
    assert!(home.contains(&format!("/equipe/personnes/{quiet}")));
    assert!(
        !home.contains("Claire Test : effacé"),
        "an active account is not listed"
    );
}
