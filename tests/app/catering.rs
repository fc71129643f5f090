//! Catering requests: sent once whatever the retries, every rule refused in French with nothing
//! written, followed and withdrawn through the private link, listed for staff with the rules
//! they set; the contact person's data erased by the link's holder and by the purge.

use crate::helpers::{TestApp, spawn_app};
use coop_manau::{
    accounts::{Role, token::hash_token},
    privacy::Retention,
    server::now,
    ui::time::{format_date, paris_day},
};
use reqwest::StatusCode;

fn day_in(days: i64) -> String {
    format_date(paris_day(now()) + days)
}

async fn form_key(app: &TestApp) -> String {
    let page: serde_json::Value = app
        .get("/api/get_catering_form")
        .await
        .json()
        .await
        .unwrap();
    page["idempotency_key"].as_str().unwrap().to_owned()
}

/// A form's fields, as posted.
type Form = Vec<(&'static str, String)>;

fn request(key: &str) -> Form {
    vec![
        ("idempotency_key", key.to_owned()),
        ("organisation", "Boulangerie du Nord".into()),
        ("siret", "732 829 320 00074".into()),
        ("contact_name", "Mme Lefebvre".into()),
        ("email", "compta@boulangerie.example".into()),
        ("phone", "03 20 12 34 56".into()),
        ("event_day", day_in(20)),
        ("event_time", "12:30".into()),
        ("covers", "25".into()),
        ("formula_id", "1".into()),
        ("place", "adresse".into()),
        ("address", "12 rue de Lannoy, Roubaix".into()),
        ("budget", "18,50".into()),
        ("vegetarian", "5".into()),
        ("vegan", "0".into()),
        ("no_pork", "3".into()),
        ("gluten_free", "0".into()),
        ("allergens[]", "arachides".into()),
        ("allergens[]", "gluten".into()),
        ("message", "Pour nos 20 ans".into()),
        ("consent", "oui".into()),
    ]
}

fn with(
    mut form: Vec<(&'static str, String)>,
    field: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    for (name, v) in form.iter_mut() {
        if *name == field {
            *v = value.to_owned();
        }
    }
    form
}

async fn send(app: &TestApp, form: &[(&'static str, String)]) -> reqwest::Response {
    app.post_form_with(
        &app.client,
        "/api/send_catering_request",
        &form
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
    )
    .send()
    .await
    .unwrap()
}

async fn requests(app: &TestApp) -> i64 {
    app.count("SELECT count(*) FROM catering_request").await
}

#[tokio::test]
async fn a_company_asks_once_follows_its_request_and_staff_see_it() {
    let app = spawn_app().await;
    let key = form_key(&app).await;
    let first = send(&app, &request(&key)).await;
    assert_eq!(first.status(), StatusCode::OK);
    let token: String = first.json().await.unwrap();
    assert_eq!(token, key, "the idempotency key is the private link");
    let again = send(&app, &request(&key)).await;
    assert_eq!(
        again.status(),
        StatusCode::OK,
        "a retry (a double tap) gets the same answer"
    );
    assert_eq!(requests(&app).await, 1);
    let row: (String, i64, i64, i64, Option<String>) = sqlx::query_as(
        "SELECT siret, covers, allergens, no_pork, address FROM catering_request WHERE token_hash = ?",
    )
    .bind(hash_token(&token))
    .fetch_one(&app.state.db.reader)
    .await
    .unwrap();
    assert_eq!(row.0, "73282932000074");
    assert_eq!(row.1, 25);
    assert_eq!(row.2, 0b1 | 0b1_0000, "gluten (bit 0) and peanuts (bit 4)");
    assert_eq!(row.3, 3);

    let page = app.get(&format!("/traiteur/demande/{token}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Boulangerie du Nord") && html.contains("Retirer ma demande"));
    assert!(html.contains("Arachides") && html.contains("Sans porc : 3"));
    assert!(html.contains(&format!("/vos-donnees/traiteur/{token}")));
    assert_eq!(
        app.get(&format!("/traiteur/demande/{}", "x".repeat(43)))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let coach = app
        .person(Role::Staff, "Karim", Some("karim@traiteur.example"), None)
        .await;
    let staff = app.session_for(coach).await;
    let list = app
        .client
        .get(app.url("/equipe/traiteur"))
        .header("cookie", &staff)
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), StatusCode::OK);
    let list = list.text().await.unwrap();
    assert!(list.contains("Boulangerie du Nord") && list.contains("compta@boulangerie.example"));
    let participant = app.person(Role::Participant, "Jean", None, None).await;
    let participant = app.session_for(participant).await;
    let refused = app
        .client
        .get(app.url("/equipe/traiteur"))
        .header("cookie", &participant)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // The company withdraws it; a second tap changes nothing.
    let cancel = app
        .post_form("/api/cancel_catering_request", &[("token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(cancel.status(), StatusCode::OK);
    let writes = app.writes().await;
    app.post_form("/api/cancel_catering_request", &[("token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(app.writes().await, writes);
    assert!(
        app.get(&format!("/traiteur/demande/{token}"))
            .await
            .text()
            .await
            .unwrap()
            .contains("Retirée")
    );
}

#[tokio::test]
async fn every_rule_is_refused_in_french_and_writes_nothing() {
    let app = spawn_app().await;
    let key = form_key(&app).await;
    let cases: Vec<(Form, &str, &str)> = vec![
        (
            with(request(&key), "covers", "8"),
            "covers",
            "covers_below_minimum",
        ),
        (
            with(request(&key), "event_day", &day_in(-1)),
            "event_day",
            "date_past",
        ),
        (
            with(request(&key), "event_day", &day_in(3)),
            "event_day",
            "catering_too_soon",
        ),
        (
            with(request(&key), "siret", "73282932000075"),
            "siret",
            "siret_key_wrong",
        ),
        (
            with(request(&key), "formula_id", ""),
            "formula_id",
            "formula_required",
        ),
        (with(request(&key), "place", ""), "place", "place_required"),
        (
            with(request(&key), "vegetarian", "30"),
            "vegetarian",
            "diet_above_covers",
        ),
        (
            with(request(&key), "email", "pas-un-email"),
            "email",
            "email_invalid",
        ),
        (
            with(request(&key), "consent", ""),
            "consent",
            "consent_required",
        ),
        (
            with(request(&key), "allergens[]", "chocolat"),
            "allergens",
            "allergen_unknown",
        ),
        // Beyond what the table holds: a clear 422, not the CHECK's 500.
        (
            with(request(&key), "budget", "5000"),
            "budget",
            "budget_too_high",
        ),
    ];
    let writes = app.writes().await;
    for (form, field, key) in cases {
        let answer = send(&app, &form).await;
        assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let body = answer.text().await.unwrap();
        assert!(
            body.contains(field) && body.contains(key),
            "{field}: {body}"
        );
    }
    // Everything wrong at once is said at once.
    let all = with(with(request(&key), "covers", "3"), "organisation", " ");
    let body = send(&app, &all).await.text().await.unwrap();
    assert!(body.contains("covers_below_minimum") && body.contains("organisation_required"));
    let bad_key = with(request(&key), "idempotency_key", "court");
    assert_eq!(send(&app, &bad_key).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.writes().await, writes);
    assert_eq!(requests(&app).await, 0);

    // The French words, as a page shows them.
    let page = app.get("/traiteur").await.text().await.unwrap();
    assert!(
        page.contains("À partir de 10 couverts.") && page.contains("Au moins 7 jours à l'avance.")
    );
    assert!(
        page.contains(
            r#"<select id="formula_id" name="formula_id" required><option value="">Choisissez…"#
        ),
        "no formula chosen for the person"
    );
}

#[tokio::test]
async fn staff_set_the_rules_and_the_formulas_the_form_offers() {
    let app = spawn_app().await;
    let coach = app
        .person(Role::Staff, "Karim", Some("karim@regles.example"), None)
        .await;
    let staff = app.session_for(coach).await;
    let saved = app
        .post_as(
            "/api/save_catering_settings",
            &[("min_covers", "20"), ("lead_days", "14")],
            &staff,
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let refused = app
        .post_as(
            "/api/save_catering_settings",
            &[("min_covers", "0"), ("lead_days", "200")],
            &staff,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let key = form_key(&app).await;
    let body = send(&app, &with(request(&key), "covers", "15"))
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("covers_below_minimum"), "{body}");
    let body = send(
        &app,
        &with(
            with(request(&key), "covers", "20"),
            "event_day",
            &day_in(10),
        ),
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(body.contains("catering_too_soon"), "{body}");

    assert_eq!(
        app.post_as(
            "/api/add_catering_formula",
            &[("name", "Petit-déjeuner")],
            &staff
        )
        .await
        .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.post_as(
            "/api/add_catering_formula",
            &[("name", "petit-déjeuner")],
            &staff
        )
        .await
        .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.post_as(
            "/api/set_catering_formula_active",
            &[("id", "1"), ("active", "false")],
            &staff
        )
        .await
        .status(),
        StatusCode::OK
    );
    let body = send(&app, &with(request(&key), "covers", "20"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("formula_required"),
        "a hidden formula is not offered: {body}"
    );
    let page = app.get("/traiteur").await.text().await.unwrap();
    assert!(page.contains("Petit-déjeuner") && !page.contains(">Buffet<"));
    assert_eq!(
        app.count(
            "SELECT count(*) FROM audit_log WHERE object_type IN ('catering', 'catering_formula')"
        )
        .await,
        3
    );
}

#[tokio::test]
async fn one_connection_sends_five_requests_a_day_at_most() {
    let app = spawn_app().await;
    for n in 0..6 {
        let key = form_key(&app).await;
        let form: Vec<(&str, String)> = request(&key);
        let answer = app
            .post_form_with(
                &app.client,
                "/api/send_catering_request",
                &form
                    .iter()
                    .map(|(k, v)| (*k, v.as_str()))
                    .collect::<Vec<_>>(),
            )
            .header("x-forwarded-for", "203.0.113.9")
            .send()
            .await
            .unwrap();
        let expected = if n < 5 {
            StatusCode::OK
        } else {
            StatusCode::CONFLICT
        };
        assert_eq!(answer.status(), expected, "request {n}");
    }
    assert_eq!(requests(&app).await, 5);
    let other = form_key(&app).await;
    assert_eq!(
        send(&app, &request(&other)).await.status(),
        StatusCode::OK,
        "another company is not held back"
    );
}

#[tokio::test]
async fn the_contact_person_is_erased_by_the_link_and_by_the_purge_the_company_stays() {
    let app = spawn_app().await;
    let key = form_key(&app).await;
    assert_eq!(send(&app, &request(&key)).await.status(), StatusCode::OK);
    let data: serde_json::Value = app
        .get(&format!("/vos-donnees/traiteur/{key}/donnees.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(data["personal"][1]["value"], "compta@boulangerie.example");
    let erase = app
        .post_form(
            "/api/erase_link_data",
            &[("kind", "traiteur"), ("token", &key), ("confirm", "oui")],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(erase.status(), StatusCode::OK);
    let row: (String, String, String, String) = sqlx::query_as(
        "SELECT status, organisation, contact_name, email FROM catering_request WHERE token_hash = ?",
    )
    .bind(hash_token(&key))
    .fetch_one(&app.state.db.reader)
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            "cancelled".into(),
            "Boulangerie du Nord".into(),
            "".into(),
            "".into()
        )
    );

    // Three years after the last contact, the purge does the same.
    let old = form_key(&app).await;
    assert_eq!(send(&app, &request(&old)).await.status(), StatusCode::OK);
    let recent = form_key(&app).await;
    assert_eq!(send(&app, &request(&recent)).await.status(), StatusCode::OK);
    sqlx::query("UPDATE catering_request SET updated_at = ? WHERE token_hash = ?")
        .bind(now() - 1100 * 86_400)
        .bind(hash_token(&old))
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let purged = coop_manau::privacy::retention::purge(&app.state.db, &Retention::default(), now())
        .await
        .unwrap();
    assert_eq!(purged.catering_contacts, 1);
    let named = |token: &str| {
        format!(
            "SELECT count(*) FROM catering_request WHERE token_hash = '{}' AND contact_name <> ''",
            hash_token(token)
        )
    };
    assert_eq!(app.count(&named(&old)).await, 0);
    assert_eq!(app.count(&named(&recent)).await, 1);
    assert_eq!(requests(&app).await, 3, "the requests still count");
}
