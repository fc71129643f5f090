//! Pathways: staff record a participant's entry and characteristics, contracts, trainings and
//! immersions, obstacles and exit, each change audited; refusals say why and write nothing;
//! hours come from the planning's attendance; nobody but staff sees any of it.

use crate::helpers::{TestApp, spawn_app_with};
use coop_manau::{accounts::Role, server::now};
use reqwest::StatusCode;

struct World {
    cookie: String,
    participant: i64,
}

async fn world(app: &TestApp) -> World {
    let staff = app
        .person(Role::Staff, "Leïla", Some("leila@coop.example"), None)
        .await;
    let participant = app.person(Role::Participant, "Samir", None, None).await;
    let mut tx = app.state.db.begin_write().await.unwrap();
    coop_manau::accounts::repo::set_sectors(&mut tx, participant, &["cuisine".to_owned()])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    World {
        cookie: app.session_for(staff).await,
        participant,
    }
}

impl World {
    async fn post(&self, app: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        app.post_as(path, form, &self.cookie).await
    }

    async fn pathway(&self, app: &TestApp, person: i64) -> reqwest::Response {
        app.client
            .get(app.url(&format!("/api/get_pathway?person_id={person}")))
            .header("cookie", &self.cookie)
            .send()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn staff_follow_a_pathway_from_entry_to_exit_and_every_step_is_audited() {
    let app = spawn_app_with(false).await;
    let w = world(&app).await;
    let id = w.participant.to_string();
    let id = id.as_str();

    // Before the entry, nothing else can be added.
    let early = w
        .post(
            &app,
            "/api/add_pathway_contract",
            &[
                ("person_id", id),
                ("kind", "cape"),
                ("label", ""),
                ("start_day", "2026-03-02"),
                ("end_day", ""),
                ("weekly_hours", "26"),
            ],
        )
        .await;
    assert_eq!(early.status(), StatusCode::CONFLICT);
    assert!(early.text().await.unwrap().contains("pathway_entry_first"));

    let entry = w
        .post(
            &app,
            "/api/save_pathway_entry",
            &[
                ("person_id", id),
                ("entry_day", "2026-03-02"),
                ("characteristics[]", "woman"),
                ("characteristics[]", "rsa"),
                ("characteristics[]", "qpv"),
            ],
        )
        .await;
    assert_eq!(entry.status(), StatusCode::OK);
    for form in [
        vec![
            ("person_id", id),
            ("kind", "cape"),
            ("label", ""),
            ("start_day", "2026-03-02"),
            ("end_day", "2026-08-31"),
            ("weekly_hours", "26"),
        ],
        vec![
            ("person_id", id),
            ("kind", "other"),
            ("label", "CDD saisonnier"),
            ("start_day", "2026-09-01"),
            ("end_day", ""),
            ("weekly_hours", "20,5"),
        ],
    ] {
        let answer = w.post(&app, "/api/add_pathway_contract", &form).await;
        assert_eq!(
            answer.status(),
            StatusCode::OK,
            "{}",
            answer.text().await.unwrap()
        );
    }
    let step = w
        .post(
            &app,
            "/api/add_pathway_step",
            &[
                ("person_id", id),
                ("kind", "immersion"),
                ("title", "Mise en situation en cuisine"),
                ("organisation", "Restaurant L'Épi"),
                ("start_day", "2026-05-04"),
                ("end_day", "2026-05-15"),
            ],
        )
        .await;
    assert_eq!(step.status(), StatusCode::OK);
    let obstacles = w
        .post(
            &app,
            "/api/save_pathway_obstacles",
            &[
                ("person_id", id),
                ("obstacles[]", "1"),
                ("obstacles[]", "4"),
            ],
        )
        .await;
    assert_eq!(obstacles.status(), StatusCode::OK);

    // Hours come from the planning: an attended 4-hour shift in the kitchen.
    let start = now() - 7 * 86_400;
    let shift: i64 = sqlx::query_scalar(
        "INSERT INTO shift (sector_slug, starts_at, ends_at, places, created_at)
         VALUES ('cuisine', ?, ?, 4, ?) RETURNING id",
    )
    .bind(start)
    .bind(start + 4 * 3600)
    .bind(now())
    .fetch_one(&app.state.db.writer)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO assignment (shift_id, person_id, attendance, created_at)
         VALUES (?, ?, 'attended', ?)",
    )
    .bind(shift)
    .bind(w.participant)
    .bind(now())
    .execute(&app.state.db.writer)
    .await
    .unwrap();

    let exit = w
        .post(
            &app,
            "/api/record_pathway_exit",
            &[
                ("person_id", id),
                ("exit_day", "2026-11-30"),
                ("outcome", "cdd_long"),
            ],
        )
        .await;
    assert_eq!(exit.status(), StatusCode::OK);

    let page: serde_json::Value = w.pathway(&app, w.participant).await.json().await.unwrap();
    let p = &page["pathway"];
    assert_eq!(p["entry_day"], "2026-03-02");
    assert_eq!(
        p["characteristics"],
        serde_json::json!(["woman", "rsa", "qpv"])
    );
    assert_eq!(p["contracts"].as_array().unwrap().len(), 2);
    assert_eq!(p["contracts"][1]["weekly_minutes"], 1560, "the CAPE, 26 h");
    assert_eq!(p["contracts"][0]["weekly_minutes"], 1230, "20,5 h");
    assert_eq!(p["steps"][0]["kind"], "immersion");
    assert_eq!(p["obstacles"], serde_json::json!([1, 4]));
    assert_eq!(
        p["minutes_by_sector"],
        serde_json::json!([["cuisine", 240]])
    );
    assert_eq!(
        (p["exit_day"].as_str(), p["exit_outcome"].as_str()),
        (Some("2026-11-30"), Some("cdd_long"))
    );
    let html = app
        .client
        .get(app.url(&format!("/equipe/parcours/{id}")))
        .header("cookie", &w.cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for words in [
        "Bénéficiaire du RSA",
        "CAPE (avec la CAE)",
        "CDD saisonnier",
        "Immersion (PMSMP)",
        "CDD ou intérim de 6 mois ou plus",
        "Emploi durable",
        "4 h",
        "Secteurs : Cuisine",
    ] {
        assert!(html.contains(words), "{words}");
    }
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM audit_log WHERE object_type = 'person' AND object_id = '{id}'
               AND action LIKE 'pathway.%'"
        ))
        .await,
        6,
        "entry, two contracts, a step, obstacles, the exit"
    );

    // An exit recorded by mistake is undone; the pathway goes on.
    let undo = w
        .post(&app, "/api/cancel_pathway_exit", &[("person_id", id)])
        .await;
    assert_eq!(undo.status(), StatusCode::OK);
    let page: serde_json::Value = w.pathway(&app, w.participant).await.json().await.unwrap();
    assert!(page["pathway"]["exit_day"].is_null());
}

#[tokio::test]
async fn refusals_say_why_and_write_nothing() {
    let app = spawn_app_with(false).await;
    let w = world(&app).await;
    let id = w.participant.to_string();
    let id = id.as_str();
    let entry = w
        .post(
            &app,
            "/api/save_pathway_entry",
            &[("person_id", id), ("entry_day", "2026-03-02")],
        )
        .await;
    assert_eq!(entry.status(), StatusCode::OK);
    let contract_id: i64 = {
        let answer = w
            .post(
                &app,
                "/api/add_pathway_contract",
                &[
                    ("person_id", id),
                    ("kind", "cape"),
                    ("label", ""),
                    ("start_day", "2026-03-02"),
                    ("end_day", ""),
                    ("weekly_hours", "26"),
                ],
            )
            .await;
        assert_eq!(answer.status(), StatusCode::OK);
        app.count("SELECT id FROM pathway_contract").await
    };
    let other = app
        .person(Role::Participant, "Inès", None, None)
        .await
        .to_string();
    let staff_id = app
        .person(Role::Staff, "Marc", Some("marc@coop.example"), None)
        .await
        .to_string();
    let writes = app.writes().await;
    for (path, form, status, key) in [
        (
            "/api/save_pathway_entry",
            vec![("person_id", id), ("entry_day", "2026-02-30")],
            422,
            "date",
        ),
        (
            "/api/save_pathway_entry",
            vec![
                ("person_id", id),
                ("entry_day", "2026-03-02"),
                ("characteristics[]", "handicap_moteur"),
            ],
            422,
            "characteristic_unknown",
        ),
        (
            "/api/save_pathway_entry",
            vec![
                ("person_id", id),
                ("entry_day", "2026-03-02"),
                ("characteristics[]", "under_26"),
                ("characteristics[]", "over_50"),
            ],
            422,
            "age_both",
        ),
        (
            "/api/save_pathway_entry",
            vec![
                ("person_id", staff_id.as_str()),
                ("entry_day", "2026-03-02"),
            ],
            404,
            "NotFound",
        ),
        (
            "/api/add_pathway_contract",
            vec![
                ("person_id", id),
                ("kind", "cape"),
                ("label", ""),
                ("start_day", "2026-03-02"),
                ("end_day", "2026-01-01"),
                ("weekly_hours", "26"),
            ],
            422,
            "end_before_start",
        ),
        (
            "/api/add_pathway_contract",
            vec![
                ("person_id", id),
                ("kind", "cape"),
                ("label", ""),
                ("start_day", "2026-03-02"),
                ("end_day", ""),
                ("weekly_hours", "60"),
            ],
            422,
            "weekly_hours_invalid",
        ),
        (
            "/api/add_pathway_contract",
            vec![
                ("person_id", id),
                ("kind", "interim"),
                ("label", ""),
                ("start_day", "2026-03-02"),
                ("end_day", ""),
                ("weekly_hours", "26"),
            ],
            422,
            "contract_kind_required",
        ),
        (
            "/api/add_pathway_step",
            vec![
                ("person_id", id),
                ("kind", "training"),
                ("title", ""),
                ("organisation", ""),
                ("start_day", "2026-03-02"),
                ("end_day", ""),
            ],
            422,
            "step_title_required",
        ),
        (
            "/api/save_pathway_obstacles",
            vec![("person_id", id), ("obstacles[]", "999")],
            422,
            "obstacle_unknown",
        ),
        (
            "/api/save_pathway_obstacles",
            vec![("person_id", other.as_str()), ("obstacles[]", "1")],
            409,
            "pathway_entry_first",
        ),
        (
            "/api/record_pathway_exit",
            vec![
                ("person_id", id),
                ("exit_day", "2026-01-15"),
                ("outcome", "cdi"),
            ],
            422,
            "exit_before_entry",
        ),
        (
            "/api/record_pathway_exit",
            vec![
                ("person_id", id),
                ("exit_day", "2026-06-15"),
                ("outcome", "loterie"),
            ],
            422,
            "exit_outcome_required",
        ),
    ] {
        let answer = w.post(&app, path, &form).await;
        assert_eq!(answer.status().as_u16(), status, "{path} {form:?}");
        let body = answer.text().await.unwrap();
        assert!(body.contains(key), "{path}: {body}");
    }
    // Someone else's contract, under this participant's name: not found.
    let contract = contract_id.to_string();
    let removed = w
        .post(
            &app,
            "/api/remove_pathway_item",
            &[
                ("person_id", other.as_str()),
                ("what", "contract"),
                ("id", &contract),
            ],
        )
        .await;
    assert_eq!(removed.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.writes().await, writes, "nothing written");
    let removed = w
        .post(
            &app,
            "/api/remove_pathway_item",
            &[("person_id", id), ("what", "contract"), ("id", &contract)],
        )
        .await;
    assert_eq!(removed.status(), StatusCode::OK);

    // The participant themself sees none of it.
    let own = app.session_for(w.participant).await;
    let answer = app
        .client
        .get(app.url(&format!("/api/get_pathway?person_id={id}")))
        .header("cookie", &own)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::FORBIDDEN);
}
