//! Client organisations: requests find theirs by SIRET or name (any case) or add it; orders
//! are counted the way the page says (accepted quotes, alterations not declined, hem
//! campaigns); "regular" follows the staff's threshold over the last 12 months; one page per
//! organisation with its contacts and history.

use crate::helpers::{TestApp, spawn_app_with};
use coop_manau::{
    accounts::{Role, token::new_token},
    server::now,
    ui::time::{format_date, paris_day},
};
use reqwest::StatusCode;

const DAY: i64 = 86_400;

/// A catering request from the public form; returns its id.
async fn catering(app: &TestApp, organisation: &str, siret: &str) -> i64 {
    static SENT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = SENT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let key = new_token();
    let day = format_date(paris_day(now()) + 20);
    let answer = app
        .post_form(
            "/api/send_catering_request",
            &[
                ("idempotency_key", key.as_str()),
                ("organisation", organisation),
                ("siret", siret),
                ("contact_name", "M. Diallo"),
                ("email", "contact@client.example"),
                ("phone", "03 20 12 34 56"),
                ("event_day", day.as_str()),
                ("event_time", "12:00"),
                ("covers", "25"),
                ("formula_id", "1"),
                ("place", "blanchemaille"),
                ("consent", "oui"),
            ],
        )
        .header(
            "x-forwarded-for",
            format!("10.7.{}.{}", n / 200, n % 200 + 1),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer.status(),
        StatusCode::OK,
        "{}",
        answer.text().await.unwrap()
    );
    app.count(&format!(
        "SELECT id FROM catering_request WHERE token_hash = '{}'",
        coop_manau::accounts::token::hash_token(&key)
    ))
    .await
}

/// Records an accepted quote for a catering request, `days_ago` days ago.
async fn accepted(app: &TestApp, request_id: i64, days_ago: i64) {
    static SEQ: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(1);
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let at = now() - days_ago * DAY;
    sqlx::query(
        "INSERT INTO quote (number, year, seq, catering_request_id, version, status, valid_until,
             payment_terms, created_at, sent_at, answered_at, answer_channel, answer_name)
         VALUES (?, 2026, ?, ?, 1, 'accepted', '2030-01-01', 'À 30 jours', ?, ?, ?, 'phone', 'M. D')",
    )
    .bind(format!("DEV-2026-{seq:04}"))
    .bind(seq)
    .bind(request_id)
    .bind(at)
    .bind(at)
    .bind(at)
    .execute(&app.state.db.writer)
    .await
    .unwrap();
}

async fn partner_of(app: &TestApp, request_id: i64) -> i64 {
    app.count(&format!(
        "SELECT partner_id FROM catering_request WHERE id = {request_id}"
    ))
    .await
}

async fn staff(app: &TestApp) -> String {
    let id = app
        .person(Role::Staff, "Sophie", Some("sophie@coop.example"), None)
        .await;
    app.session_for(id).await
}

async fn list(app: &TestApp, cookie: &str) -> serde_json::Value {
    app.client
        .get(app.url("/api/list_organisations"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn requests_find_their_organisation_by_siret_or_name() {
    let app = spawn_app_with(false).await;
    let cookie = staff(&app).await;
    let first = catering(&app, "Boulangerie du Nord", "").await;
    let second = catering(&app, "BOULANGERIE DU NORD", "").await;
    assert_eq!(
        partner_of(&app, first).await,
        partner_of(&app, second).await
    );

    // Staff give an organisation its SIRET; a request under another name but that SIRET joins it.
    let create = app
        .post_as(
            "/api/create_partner",
            &[
                ("name", "La Redoute"),
                ("kind", "company"),
                ("siret", "732 829 320 00074"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(create.status(), StatusCode::OK);
    let redoute = app
        .count("SELECT id FROM partner WHERE name = 'La Redoute'")
        .await;
    let by_siret = catering(&app, "La Redoute SAS (siège)", "73282932000074").await;
    assert_eq!(partner_of(&app, by_siret).await, redoute);
    assert_eq!(
        app.count("SELECT count(*) FROM partner").await,
        2,
        "no duplicate organisation"
    );
    // A request never changes what staff entered.
    assert_eq!(
        app.count("SELECT count(*) FROM partner WHERE name = 'La Redoute' AND kind = 'company'")
            .await,
        1
    );

    // Staff refusals: a taken SIRET, an unknown type, a bad contact — 422, nothing written.
    let other = partner_of(&app, first).await.to_string();
    let writes = app.writes().await;
    for (form, key) in [
        (
            vec![
                ("id", other.as_str()),
                ("name", "Boulangerie du Nord"),
                ("kind", "company"),
                ("siret", "73282932000074"),
            ],
            "siret_taken",
        ),
        (
            vec![
                ("id", other.as_str()),
                ("name", "Boulangerie du Nord"),
                ("kind", "secte"),
                ("siret", ""),
            ],
            "organisation_kind_required",
        ),
    ] {
        let answer = app.post_as("/api/save_organisation", &form, &cookie).await;
        assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.text().await.unwrap().contains(key));
    }
    let contact = app
        .post_as(
            "/api/add_organisation_contact",
            &[
                ("id", other.as_str()),
                ("contact_name", "Mme Roussel"),
                ("role", ""),
                ("email", "pas-un-email"),
                ("phone", ""),
            ],
            &cookie,
        )
        .await;
    assert_eq!(contact.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.writes().await, writes, "nothing written");

    // An association, with its contact person, then without.
    let saved = app
        .post_as(
            "/api/save_organisation",
            &[
                ("id", other.as_str()),
                ("name", "Boulangerie du Nord"),
                ("kind", "association"),
                ("siret", ""),
            ],
            &cookie,
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let contact = app
        .post_as(
            "/api/add_organisation_contact",
            &[
                ("id", other.as_str()),
                ("contact_name", "Mme Roussel"),
                ("role", "Comptable"),
                ("email", "Compta@Boulangerie.example"),
                ("phone", "03 20 00 00 01"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(contact.status(), StatusCode::OK);
    let page = app
        .client
        .get(app.url(&format!("/equipe/organisations/{other}")))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Association"));
    assert!(page.contains("Mme Roussel"));
    assert!(page.contains("compta@boulangerie.example"), "normalised");
    assert!(page.contains("M. Diallo"), "who wrote the requests");
    let contact_id = app
        .count("SELECT id FROM partner_contact WHERE name = 'Mme Roussel'")
        .await
        .to_string();
    let removed = app
        .post_as(
            "/api/remove_organisation_contact",
            &[("id", other.as_str()), ("contact_id", &contact_id)],
            &cookie,
        )
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    // Someone else's contact id under this organisation: not found.
    let again = app
        .post_as(
            "/api/remove_organisation_contact",
            &[("id", other.as_str()), ("contact_id", &contact_id)],
            &cookie,
        )
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    // A name longer than the list holds (a request takes 120 characters): listed, not a 500.
    let long: String = "Association des commerçants et artisans du quartier de l'Épeule, Roubaix "
        .repeat(2)
        .chars()
        .take(120)
        .collect();
    let listed = catering(&app, long.trim(), "").await;
    assert_eq!(
        app.count(&format!(
            "SELECT length(name) FROM partner WHERE id = {}",
            partner_of(&app, listed).await
        ))
        .await,
        100
    );
}

#[tokio::test]
async fn clients_and_regular_ones_are_counted_as_the_page_says() {
    let app = spawn_app_with(false).await;
    let cookie = staff(&app).await;
    // A: two catering orders this year (regular at 2). B: one this year, one 13 months ago.
    // C: asked once, never accepted (not a client). D: an alteration request only.
    let a1 = catering(&app, "Entreprise A", "").await;
    let a2 = catering(&app, "Entreprise A", "").await;
    accepted(&app, a1, 30).await;
    accepted(&app, a2, 200).await;
    let b1 = catering(&app, "Entreprise B", "").await;
    let b2 = catering(&app, "Entreprise B", "").await;
    accepted(&app, b1, 10).await;
    accepted(&app, b2, 400).await;
    catering(&app, "Entreprise C", "").await;
    let d = app
        .post_as("/api/create_partner", &[("name", "Entreprise D")], &cookie)
        .await;
    assert_eq!(d.status(), StatusCode::OK);
    let d = app
        .count("SELECT id FROM partner WHERE name = 'Entreprise D'")
        .await;
    for (status, reference) in [("collected", "R-AAAA"), ("declined", "R-BBBB")] {
        sqlx::query(
            "INSERT INTO alteration_request (reference, token_hash, status, contact_name, phone,
                 consent_at, partner_id, dropoff_date, estimated_cents, has_quote_items,
                 created_at, updated_at)
             VALUES (?, ?, ?, 'Fatou', '0612345678', 1, ?, '2026-11-02', 900, 0, ?, ?)",
        )
        .bind(reference)
        .bind(reference)
        .bind(status)
        .bind(d)
        .bind(now() - 5 * DAY)
        .bind(now() - 5 * DAY)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    }

    let json = list(&app, &cookie).await;
    assert_eq!(json["counts"]["clients"], 3, "A, B, D");
    assert_eq!(json["counts"]["regular"], 1, "A only");
    let org = |name: &str| {
        json["organisations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(org("Entreprise B")["orders"], 2);
    assert_eq!(org("Entreprise B")["orders_last_year"], 1);
    assert_eq!(org("Entreprise C")["orders"], 0);
    assert_eq!(
        org("Entreprise D")["orders"],
        1,
        "the declined one does not count"
    );

    // The page says it in French; the threshold is the staff's.
    let page = app
        .client
        .get(app.url("/equipe/organisations"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("3 organisations clientes, dont 1 régulières"),
        "{page}"
    );
    let rule = app
        .post_as(
            "/api/save_regular_rule",
            &[("regular_orders", "1")],
            &cookie,
        )
        .await;
    assert_eq!(rule.status(), StatusCode::OK);
    assert_eq!(list(&app, &cookie).await["counts"]["regular"], 3);
    let refused = app
        .post_as(
            "/api/save_regular_rule",
            &[("regular_orders", "0")],
            &cookie,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // One page per organisation: its history across capabilities.
    let a = partner_of(&app, a1).await;
    let page: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/get_organisation?id={a}")))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let history = page["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert!(
        history
            .iter()
            .all(|h| h["capability"] == "catering" && h["order"] == true)
    );
    let d_page: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/get_organisation?id={d}")))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let orders: Vec<bool> = d_page["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["order"].as_bool().unwrap())
        .collect();
    assert_eq!(orders.iter().filter(|o| **o).count(), 1);
    assert_eq!(orders.len(), 2);
}
