//! Key figures on a seeded history: every count as its definition says, for a half-year and
//! since the start (with the opening balance); the CSV says the same; staff only.

use crate::helpers::{TestApp, spawn_app_with};
use coop_manau::{
    accounts::Role,
    server::now,
    ui::time::{local_to_utc, parse_date},
};
use reqwest::StatusCode;

/// A Paris time as a Unix time.
fn at(day: &str, hour: i64) -> i64 {
    local_to_utc(parse_date(day).unwrap(), hour * 60)
}

async fn exec(app: &TestApp, sql: &str) {
    sqlx::raw_sql(sql)
        .execute(&app.state.db.writer)
        .await
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
}

async fn staff_post(app: &TestApp, cookie: &str, path: &str, form: &[(&str, &str)]) {
    let answer = app.post_as(path, form, cookie).await;
    assert_eq!(
        answer.status(),
        StatusCode::OK,
        "{path}: {}",
        answer.text().await.unwrap()
    );
}

/// Three pathways, a few shifts, two lunch services, alterations, a hem operation, a catering
/// event and a made-to-order job, around the first half of 2026.
async fn history(app: &TestApp, cookie: &str) {
    let p1 = app
        .person(Role::Participant, "Awa", None, None)
        .await
        .to_string();
    let p2 = app
        .person(Role::Participant, "Bilal", None, None)
        .await
        .to_string();
    let p3 = app
        .person(Role::Participant, "Chloé", None, None)
        .await
        .to_string();
    for (id, entry, ticks) in [
        (&p1, "2025-09-01", vec!["woman", "rsa"]),
        (&p2, "2026-02-01", vec!["qpv"]),
        (&p3, "2025-01-01", vec!["woman"]),
    ] {
        let mut form = vec![("person_id", id.as_str()), ("entry_day", entry)];
        form.extend(ticks.into_iter().map(|c| ("characteristics[]", c)));
        staff_post(app, cookie, "/api/save_pathway_entry", &form).await;
    }
    for (id, start, end) in [(&p1, "2025-09-01", "2026-03-31"), (&p2, "2026-02-01", "")] {
        staff_post(
            app,
            cookie,
            "/api/add_pathway_contract",
            &[
                ("person_id", id),
                ("kind", "cape"),
                ("label", ""),
                ("start_day", start),
                ("end_day", end),
                ("weekly_hours", "26"),
            ],
        )
        .await;
    }
    for (id, day, outcome) in [(&p1, "2026-03-31", "cdi"), (&p3, "2025-12-31", "other")] {
        staff_post(
            app,
            cookie,
            "/api/record_pathway_exit",
            &[("person_id", id), ("exit_day", day), ("outcome", outcome)],
        )
        .await;
    }
    // Shifts: 4 h attended in March 2026, one not attended, one attended in 2025.
    let (s1, s2, s3) = (
        at("2026-03-10", 10),
        at("2026-03-12", 10),
        at("2025-11-10", 10),
    );
    exec(
        app,
        &format!(
            "INSERT INTO shift (id, sector_slug, starts_at, ends_at, places, created_at) VALUES
                 (901, 'cuisine', {s1}, {s1} + 14400, 4, 0),
                 (902, 'cuisine', {s2}, {s2} + 14400, 4, 0),
                 (903, 'cuisine', {s3}, {s3} + 7200, 4, 0);
             INSERT INTO assignment (shift_id, person_id, attendance, created_at) VALUES
                 (901, {p2}, 'attended', 0), (902, {p2}, 'unexcused', 0), (903, {p2}, 'attended', 0);"
        ),
    )
    .await;
    // Lunch: 2026-03-12 with an order of 3 portions and a cancelled one of 2; 2026-03-19 with
    // only a cancelled order (not held).
    let (l1, l2) = (at("2026-03-12", 12), at("2026-03-19", 12));
    exec(
        app,
        &format!(
            "INSERT INTO lunch_service (id, day, starts_at, ends_at, cutoff_at, created_at) VALUES
                 (801, '2026-03-12', {l1}, {l1} + 7200, {l1}, 0),
                 (802, '2026-03-19', {l2}, {l2} + 7200, {l2}, 0);
             INSERT INTO lunch_window (id, service_id, starts_at, capacity) VALUES
                 (801, 801, {l1}, 50), (802, 802, {l2}, 50);
             INSERT INTO lunch_dish (id, service_id, course, name, price_cents, portions) VALUES
                 (801, 801, 'plat', 'Couscous', 800, 100), (802, 802, 'plat', 'Tajine', 800, 100);
             INSERT INTO lunch_order (id, service_id, window_id, reference, token_hash, name, phone,
                     status, total_cents, created_at, updated_at) VALUES
                 (801, 801, 801, 'D-A001', 'h801', 'Nadia', '0612345678', 'collected', 2400, 0, 0),
                 (802, 801, 801, 'D-A002', 'h802', 'Karim', '0612345679', 'cancelled', 1600, 0, 0),
                 (803, 802, 802, 'D-A003', 'h803', 'Lina', '0612345670', 'cancelled', 800, 0, 0);
             INSERT INTO lunch_order_line (order_id, dish_id, quantity, unit_price_cents) VALUES
                 (801, 801, 3, 800), (802, 801, 2, 800), (803, 802, 1, 800);"
        ),
    )
    .await;
    // Alterations: one collected in April 2026, one in 2025.
    let (a1, a2) = (at("2026-04-02", 15), at("2025-10-02", 15));
    exec(
        app,
        &format!(
            "INSERT INTO alteration_request (id, reference, token_hash, status, contact_name, phone,
                     consent_at, dropoff_date, estimated_cents, has_quote_items, created_at, updated_at)
             VALUES (701, 'R-A701', 'h701', 'collected', 'Fatou', '0612345678', 0, '2026-03-30', 900, 0, 0, 0),
                    (702, 'R-A702', 'h702', 'collected', 'Omar', '0612345677', 0, '2025-09-30', 900, 0, 0, 0);
             INSERT INTO alteration_event (request_id, status, at) VALUES
                 (701, 'collected', {a1}), (702, 'collected', {a2});"
        ),
    )
    .await;
    // A hem operation on 2026-05-05: one student came with 3 garments, one did not come.
    let h = at("2026-05-05", 9);
    exec(
        app,
        &format!(
            "INSERT INTO campaign (id, slug, title, place, opens_at, closes_at, max_garments, created_at)
             VALUES (601, 'ourlets-test', 'Ourlets', 'Blanchemaille', 0, {h} + 86400, 5, 0);
             INSERT INTO campaign_slot (id, campaign_id, starts_at, ends_at, capacity) VALUES
                 (601, 601, {h}, {h} + 1800, 10);
             INSERT INTO campaign_booking (campaign_id, slot_id, reference, token_hash, name, group_name,
                     garments, contact, attendance, created_at, updated_at) VALUES
                 (601, 601, 'O-A601', 'h601', 'Inès', 'BTS 1', 3, '0612345678', 'came', 0, 0),
                 (601, 601, 'O-A602', 'h602', 'Hugo', 'BTS 1', 2, '0612345679', 'no_show', 0, 0);"
        ),
    )
    .await;
    // A catering event of 25 covers on 2026-06-12 (quote accepted in May), for an organisation,
    // and a made-to-order job accepted on 2026-05-20.
    let (c, m) = (at("2026-05-15", 10), at("2026-05-20", 10));
    exec(
        app,
        &format!(
            "INSERT INTO partner (id, name, created_at) VALUES (501, 'Filature du Nord', 0);
             INSERT INTO catering_request (id, reference, token_hash, organisation, partner_id,
                     contact_name, email, phone, event_day, event_time, covers, formula_id,
                     consent_at, created_at, updated_at)
             VALUES (501, 'T-A501', 'h501', 'Filature du Nord', 501, 'Mme L', 'l@f.example',
                     '0320123456', '2026-06-12', '12:00', 25, 1, 0, 0, 0);
             INSERT INTO quote (number, year, seq, catering_request_id, version, status, valid_until,
                     payment_terms, created_at, answered_at)
             VALUES ('DEV-2026-0501', 2026, 501, 501, 1, 'accepted', '2026-06-01', 'À 30 jours', {c}, {c});
             INSERT INTO made_to_order_request (id, reference, token_hash, kind, contact_name, email,
                     phone, description, quantity, consent_at, created_at, updated_at)
             VALUES (502, 'S-A502', 'h502', 'pallet', 'M. B', 'b@b.example', '0612345678',
                     'Un comptoir', 1, 0, 0, 0);
             INSERT INTO quote (id, number, year, seq, made_to_order_request_id, version, status,
                     valid_until, payment_terms, created_at, answered_at)
             VALUES (502, 'DEV-2026-0502', 2026, 502, 502, 1, 'accepted', '2026-06-01', 'À 30 jours', {m}, {m});
             INSERT INTO made_to_order_job (request_id, quote_id, created_at) VALUES (502, 502, {m});"
        ),
    )
    .await;
}

async fn figures(app: &TestApp, cookie: &str, query: &str) -> serde_json::Value {
    let answer = app
        .client
        .get(app.url(&format!("/api/get_key_figures?{query}")))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    answer.json().await.unwrap()
}

fn value(json: &serde_json::Value, part: &str, key: &str) -> i64 {
    json[part]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("{part}.{key}"))["value"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn the_figures_of_a_half_year_and_since_the_start_follow_their_definitions() {
    let app = spawn_app_with(false).await;
    let staff = app
        .person(Role::Staff, "Sophie", Some("sophie@coop.example"), None)
        .await;
    let cookie = app.session_for(staff).await;
    history(&app, &cookie).await;

    let half = figures(&app, &cookie, "du=2026-01-01&au=2026-06-30").await;
    for (part, key, expected) in [
        ("people", "accompanied", 2),
        ("people", "entries", 1),
        ("people", "cape", 2),
        ("people", "exits", 1),
        ("people", "exits_sustainable", 1),
        ("people", "exits_other", 0),
        ("people", "dynamic_rate", 10_000),
        ("people", "hours", 240),
        ("people", "average_length", 697),
        ("public", "woman", 1),
        ("public", "rsa", 1),
        ("public", "qpv", 1),
        ("activity", "alterations_done", 1),
        ("activity", "hem_students", 1),
        ("activity", "hem_garments", 3),
        ("activity", "restaurant_services", 1),
        ("activity", "meals_served", 3),
        ("activity", "catering_events", 1),
        ("activity", "catering_covers", 25),
        ("activity", "made_to_order_jobs", 1),
        ("activity", "client_organisations", 1),
        ("activity", "regular_organisations", 0),
    ] {
        assert_eq!(value(&half, part, key), expected, "{part}.{key}");
    }
    // The monthly series: the 4 hours in March, the meals in March, the event in June.
    let series = |key: &str| -> Vec<(String, i64)> {
        half["series"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap()["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_i64().unwrap()))
            .collect()
    };
    assert_eq!(series("hours").len(), 6);
    assert_eq!(series("hours")[2], ("2026-03".into(), 240));
    assert_eq!(series("meals_served")[2], ("2026-03".into(), 3));
    assert_eq!(series("catering_events")[5], ("2026-06".into(), 1));

    // The CSV says the same, for French Excel.
    let csv = app
        .client
        .get(app.url("/equipe/chiffres/export.csv?du=2026-01-01&au=2026-06-30"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    let text = csv.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    for line in [
        "Les personnes accompagnées;Personnes accompagnées;2;2026-01-01 – 2026-06-30",
        "L'activité;Repas servis;3;",
        "Les personnes accompagnées;Taux de sorties dynamiques;100 %;",
        "Les personnes accompagnées;Heures travaillées;4;",
        "Les personnes accompagnées;Durée moyenne d'un parcours;6,97;",
        "Mois par mois;Heures travaillées;4;2026-03",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }

    // The page in French, each figure with its definition.
    let page = app
        .client
        .get(app.url("/equipe/chiffres?du=2026-01-01&au=2026-06-30"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for words in [
        "Du 1 janvier 2026 au 30 juin 2026",
        "Personnes accompagnées",
        "Divisées par toutes les sorties",
        "<svg",
        "Mois par mois",
    ] {
        assert!(
            page.to_lowercase().contains(&words.to_lowercase()),
            "{words}"
        );
    }

    // The opening balance, entered once, counts since the start only.
    let writes = app.writes().await;
    let refused = app
        .post_as(
            "/api/save_figures_opening",
            &[
                ("as_of", "2025-01-01"),
                ("accompanied", "56"),
                ("client_organisations", "61"),
                ("regular_organisations", "70"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("regular_above_clients")
    );
    assert_eq!(app.writes().await, writes, "nothing written");
    staff_post(
        &app,
        &cookie,
        "/api/save_figures_opening",
        &[
            ("as_of", "2025-01-01"),
            ("accompanied", "56"),
            ("cape", "52"),
            ("dynamic_exits", "13"),
            ("catering_events", "160"),
            ("restaurant_services", "162"),
            ("client_organisations", "61"),
            ("regular_organisations", "18"),
        ],
    )
    .await;
    let all = figures(&app, &cookie, "depuis=debut").await;
    assert_eq!(value(&all, "people", "accompanied"), 56 + 3);
    assert_eq!(value(&all, "people", "cape"), 52 + 2);
    assert_eq!(value(&all, "people", "exits"), 13 + 2);
    assert_eq!(value(&all, "activity", "catering_events"), 160 + 1);
    assert_eq!(value(&all, "activity", "restaurant_services"), 162 + 1);
    assert_eq!(value(&all, "activity", "client_organisations"), 61 + 1);
    assert_eq!(
        value(&half, "people", "accompanied"),
        2,
        "a period is the app's own count"
    );
    let again = figures(&app, &cookie, "du=2026-01-01&au=2026-06-30").await;
    assert_eq!(value(&again, "people", "accompanied"), 2);

    // Reversed dates: a clear 422.
    let reversed = app
        .client
        .get(app.url("/api/get_key_figures?du=2026-06-30&au=2026-01-01"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(reversed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let _ = now();
}

#[tokio::test]
async fn the_demo_history_tells_two_believable_years_and_the_pages_hold_it() {
    let app = crate::helpers::spawn_app().await;
    let mut tx = app.state.db.begin_write().await.unwrap();
    coop_manau::server::history::generate(
        &mut tx,
        coop_manau::server::history::Scale::demo(2),
        now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let staff = app
        .person(Role::Staff, "Sophie", Some("sophie@coop.example"), None)
        .await;
    let cookie = app.session_for(staff).await;
    let year = figures(&app, &cookie, "").await;
    let all = figures(&app, &cookie, "depuis=debut").await;
    for key in ["accompanied", "entries", "exits", "hours", "fte"] {
        assert!(value(&year, "people", key) > 0, "people.{key}");
    }
    for key in [
        "alterations_done",
        "restaurant_services",
        "meals_served",
        "catering_events",
        "client_organisations",
        "regular_organisations",
    ] {
        assert!(value(&year, "activity", key) > 0, "activity.{key}");
    }
    assert!(value(&all, "people", "accompanied") >= 56 + 40);
    assert!(value(&all, "activity", "catering_events") >= 160 + 80);
    let rate = value(&year, "people", "dynamic_rate");
    assert!((3000..=9500).contains(&rate), "a believable rate: {rate}");
    for page in [
        "/equipe",
        "/equipe/chiffres",
        "/equipe/chiffres?depuis=debut",
        "/equipe/organisations",
        "/equipe/parcours",
    ] {
        let answer = app
            .client
            .get(app.url(page))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::OK, "{page}");
    }
    // Quote numbers stay without gaps per year, the generated ones included.
    let gaps = app
        .count(
            "SELECT count(*) FROM (SELECT year, max(seq) - count(*) AS gap FROM quote GROUP BY year)
             WHERE gap <> 0",
        )
        .await;
    assert_eq!(gaps, 0);
}
