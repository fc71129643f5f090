//! The staff's inbox: what needs doing across capabilities, oldest first, counted per kind,
//! filtered by sector and by who took it; each item leads to its decision page.

use crate::helpers::{TestApp, spawn_app_with};
use coop_manau::{
    accounts::Role,
    server::now,
    ui::time::{format_date, paris_day},
};
use reqwest::StatusCode;

async fn exec(app: &TestApp, sql: &str) {
    sqlx::raw_sql(sql)
        .execute(&app.state.db.writer)
        .await
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
}

async fn inbox(app: &TestApp, cookie: &str, query: &str) -> serde_json::Value {
    let answer = app
        .client
        .get(app.url(&format!("/api/get_inbox?{query}")))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    answer.json().await.unwrap()
}

fn kinds(inbox: &serde_json::Value) -> Vec<String> {
    inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_inbox_shows_what_needs_doing_oldest_first_and_leads_to_each_decision() {
    let app = spawn_app_with(false).await;
    let karim = app
        .person(Role::Staff, "Karim", Some("karim@coop.example"), None)
        .await;
    let cookie = app.session_for(karim).await;
    let nadia = app
        .person(Role::Staff, "Nadia", Some("nadia@coop.example"), None)
        .await;
    let nadia_cookie = app.session_for(nadia).await;
    let worker = app.person(Role::Participant, "Samir", None, None).await;
    let now = now();
    let today = format_date(paris_day(now));
    let (old, older, oldest) = (now - 3600, now - 2 * 86_400, now - 10 * 86_400);
    // Starts in a minute: still this week whatever the day.
    let soon = now + 60;
    exec(
        &app,
        &format!(
            "INSERT INTO alteration_request (id, reference, token_hash, status, contact_name, phone,
                     consent_at, dropoff_date, estimated_cents, has_quote_items, created_at, updated_at)
             VALUES (1, 'R-AAA1', 'h1', 'requested', 'Fatou', '0612345678', 0, '{today}', 900, 0, {older}, {older}),
                    (2, 'R-AAA2', 'h2', 'ready', 'Omar', '0612345677', 0, '{today}', 900, 0, {old}, {old}),
                    (3, 'R-AAA3', 'h3', 'collected', 'Lina', '0612345676', 0, '{today}', 900, 0, {old}, {old});
             INSERT INTO catering_request (id, reference, token_hash, organisation, contact_name,
                     email, phone, event_day, event_time, covers, formula_id, consent_at, created_at,
                     updated_at)
             VALUES (1, 'T-AAA1', 'h1', 'Filature du Nord', 'Mme L', 'l@f.example', '0320123456',
                     '2030-01-10', '12:00', 25, 1, 0, {oldest}, {oldest});
             INSERT INTO shift (id, sector_slug, starts_at, ends_at, places, created_at) VALUES
                 (1, 'cuisine', {soon}, {soon} + 3600, 3, 0),
                 (2, 'couture', {oldest}, {oldest} + 3600, 1, 0);
             INSERT INTO assignment (shift_id, person_id, created_at) VALUES (1, {worker}, 0), (2, {worker}, 0);"
        ),
    )
    .await;

    let all = inbox(&app, &cookie, "").await;
    let seen = kinds(&all);
    // Oldest first: the catering request (10 days) and the unmarked attendance, then the
    // alteration to answer, the pickup, and the shift about to start without enough people.
    assert_eq!(seen[0], "catering_to_quote");
    for kind in [
        "alteration_to_answer",
        "pickup_waiting",
        "shift_missing_people",
        "attendance_to_mark",
    ] {
        assert!(seen.contains(&kind.to_owned()), "{kind}: {seen:?}");
    }
    assert!(!seen.contains(&"hem_day_today".to_owned()));
    assert!(
        !seen.iter().any(|k| k == "dropoff_today"),
        "not accepted yet"
    );
    let count = |inbox: &serde_json::Value, kind: &str| {
        inbox["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c[0] == kind)
            .unwrap()[1]
            .as_i64()
            .unwrap()
    };
    assert_eq!(count(&all, "alteration_to_answer"), 1);
    assert_eq!(count(&all, "catering_to_quote"), 1);

    // Each item leads to its decision page, which opens for staff.
    for item in all["items"].as_array().unwrap() {
        let link = item["link"].as_str().unwrap();
        let page = app
            .client
            .get(app.url(link))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{link}");
    }

    // Filters: food shows the catering request and the kitchen shift, not the alteration.
    let food = kinds(&inbox(&app, &cookie, "secteur=alimentation").await);
    assert!(food.contains(&"catering_to_quote".to_owned()));
    assert!(!food.contains(&"alteration_to_answer".to_owned()));
    let textile = kinds(&inbox(&app, &cookie, "secteur=textile").await);
    assert!(textile.contains(&"alteration_to_answer".to_owned()));
    assert!(
        textile.contains(&"attendance_to_mark".to_owned()),
        "the sewing shift"
    );
    assert!(!textile.contains(&"catering_to_quote".to_owned()));
    let unknown = app
        .client
        .get(app.url("/api/get_inbox?secteur=jardin"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);

    // Karim takes the alteration: it is his, and shows whose it is to Nadia.
    let take = app
        .post_as(
            "/api/claim_inbox_item",
            &[
                ("kind", "alteration_to_answer"),
                ("id", "1"),
                ("take", "oui"),
                ("retour", "pour_moi=1"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(take.status(), StatusCode::OK);
    let mine = inbox(&app, &cookie, "pour_moi=1").await;
    assert_eq!(kinds(&mine), ["alteration_to_answer"]);
    assert!(kinds(&inbox(&app, &nadia_cookie, "pour_moi=1").await).is_empty());
    let page = app
        .client
        .get(app.url("/equipe"))
        .header("cookie", &nadia_cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("pris par Karim"), "{page}");
    assert!(page.contains("Retouche à accepter ou refuser"));
    // A kind the inbox does not know: refused, nothing written.
    let writes = app.writes().await;
    let forged = app
        .post_as(
            "/api/claim_inbox_item",
            &[("kind", "anything"), ("id", "1"), ("take", "oui")],
            &cookie,
        )
        .await;
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.writes().await, writes);

    // Once decided, it leaves the inbox.
    exec(
        &app,
        "UPDATE alteration_request SET status = 'declined' WHERE id = 1",
    )
    .await;
    assert!(!kinds(&inbox(&app, &cookie, "").await).contains(&"alteration_to_answer".to_owned()));
    let leave = app
        .post_as(
            "/api/claim_inbox_item",
            &[
                ("kind", "alteration_to_answer"),
                ("id", "1"),
                ("take", "non"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(leave.status(), StatusCode::OK);
}
