//! The participants' planning: the rules of shifts and assignments, absences (idempotent, never
//! sent under another session), attendance and hours, the calendar feed.

use crate::helpers::{TestApp, spawn_app};
use coop_manau::{
    accounts::{CurrentUser, Role, token::new_token},
    planning::{ShiftForm, service},
    server::now,
    ui::time::{local_to_utc, paris_parts, utc_to_paris},
};
use reqwest::StatusCode;

fn user(id: i64, role: Role) -> CurrentUser {
    CurrentUser {
        id,
        role,
        first_name: "Test".into(),
        last_name: "Test".into(),
        has_password: false,
    }
}

struct Team {
    staff: CurrentUser,
    staff_cookie: String,
    amina: i64,
    amina_cookie: String,
    jean: i64,
    jean_cookie: String,
}

async fn team(app: &TestApp) -> Team {
    let staff = app
        .person(Role::Staff, "Claire", Some("claire@test.example"), None)
        .await;
    let amina = app.person(Role::Participant, "Amina", None, None).await;
    let jean = app.person(Role::Participant, "Jean", None, None).await;
    Team {
        staff: user(staff, Role::Staff),
        staff_cookie: app.session_for(staff).await,
        amina,
        amina_cookie: app.session_for(amina).await,
        jean,
        jean_cookie: app.session_for(jean).await,
    }
}

/// A shift `days` from today (Paris), from `from` to `to` o'clock.
async fn shift(app: &TestApp, team: &Team, days: i64, from: i64, to: i64, places: i64) -> i64 {
    let day = utc_to_paris(now()).0 + days;
    let form = ShiftForm {
        sector: "cuisine".into(),
        starts_at: local_to_utc(day, from * 60),
        ends_at: local_to_utc(day, to * 60),
        places,
        place: "Cuisine du centre".into(),
        note: String::new(),
    };
    service::create_shift(&app.state, &team.staff, form)
        .await
        .unwrap()
}

async fn assignment(app: &TestApp, shift: i64, person: i64) -> i64 {
    app.count(&format!(
        "SELECT id FROM assignment WHERE shift_id = {shift} AND person_id = {person}"
    ))
    .await
}

fn form<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Posts as `cookie`, asserting the status, and returns the body.
async fn post(
    app: &TestApp,
    path: &str,
    fields: &[(&'static str, String)],
    cookie: &str,
    expected: StatusCode,
) -> String {
    let response = app.post_as(path, &form(fields), cookie).await;
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, expected, "{path} {fields:?}: {body}");
    body
}

#[tokio::test]
async fn staff_create_and_assign_shifts_and_every_refusal_writes_nothing() {
    let app = spawn_app().await;
    let team = team(&app).await;
    let day = coop_manau::ui::time::format_date(utc_to_paris(now()).0 + 3);
    let create = |starts: &str, ends: &str, places: &str| {
        vec![
            ("sector", "cuisine".to_owned()),
            ("day", day.clone()),
            ("starts", starts.to_owned()),
            ("ends", ends.to_owned()),
            ("places", places.to_owned()),
            ("place", "Cuisine".to_owned()),
            ("note", String::new()),
        ]
    };

    // Bad shifts: nothing written, the field's message in French.
    let before = app.writes().await;
    let body = post(
        &app,
        "/api/create_shift",
        &create("13:00", "09:00", "2"),
        &team.staff_cookie,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(body.contains("shift_ends_before_start"), "{body}");
    post(
        &app,
        "/api/create_shift",
        &create("09:00", "13:00", "0"),
        &team.staff_cookie,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    post(
        &app,
        "/api/create_shift",
        &create("9h", "13:00", "2"),
        &team.staff_cookie,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let mut unknown_sector = create("09:00", "13:00", "2");
    unknown_sector[0].1 = "plongee".into();
    post(
        &app,
        "/api/create_shift",
        &unknown_sector,
        &team.staff_cookie,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    // Participants cannot plan.
    post(
        &app,
        "/api/create_shift",
        &create("09:00", "13:00", "2"),
        &team.amina_cookie,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(app.writes().await, before, "refused shifts wrote nothing");

    post(
        &app,
        "/api/create_shift",
        &create("09:00", "13:00", "1"),
        &team.staff_cookie,
        StatusCode::OK,
    )
    .await;
    let morning = app.count("SELECT max(id) FROM shift").await;
    post(
        &app,
        "/api/create_shift",
        &create("12:00", "15:00", "2"),
        &team.staff_cookie,
        StatusCode::OK,
    )
    .await;
    let overlapping = app.count("SELECT max(id) FROM shift").await;

    let assign = |shift: i64, person: i64| {
        vec![
            ("shift_id", shift.to_string()),
            ("person_id", person.to_string()),
        ]
    };
    post(
        &app,
        "/api/assign_to_shift",
        &assign(morning, team.amina),
        &team.staff_cookie,
        StatusCode::OK,
    )
    .await;

    let before = app.writes().await;
    // Amina is on 09:00–13:00: 12:00–15:00 overlaps.
    let body = post(
        &app,
        "/api/assign_to_shift",
        &assign(overlapping, team.amina),
        &team.staff_cookie,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(body.contains("shift_overlap"), "{body}");
    // The morning shift has one place, taken.
    post(
        &app,
        "/api/assign_to_shift",
        &assign(morning, team.jean),
        &team.staff_cookie,
        StatusCode::CONFLICT,
    )
    .await;
    // Twice the same person.
    post(
        &app,
        "/api/assign_to_shift",
        &assign(morning, team.amina),
        &team.staff_cookie,
        StatusCode::CONFLICT,
    )
    .await;
    // Staff are not participants.
    post(
        &app,
        "/api/assign_to_shift",
        &assign(overlapping, team.staff.id),
        &team.staff_cookie,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    // Fewer places than people on it.
    post(
        &app,
        "/api/update_shift",
        &[
            ("id", morning.to_string()),
            ("places", "0".into()),
            ("place", String::new()),
            ("note", String::new()),
        ],
        &team.staff_cookie,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    // A shift with people on it is not deleted.
    post(
        &app,
        "/api/delete_shift",
        &[("id", morning.to_string())],
        &team.staff_cookie,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(
        app.writes().await,
        before,
        "refused assignments wrote nothing"
    );

    // A deactivated participant cannot be assigned.
    sqlx::query("UPDATE person SET active = 0 WHERE id = ?")
        .bind(team.jean)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let before = app.writes().await;
    let body = post(
        &app,
        "/api/assign_to_shift",
        &assign(overlapping, team.jean),
        &team.staff_cookie,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(body.contains("participant_inactive"), "{body}");
    assert_eq!(app.writes().await, before);

    // The database holds the rules too, whatever writes.
    let overlap =
        sqlx::query("INSERT INTO assignment (shift_id, person_id, created_at) VALUES (?, ?, 0)")
            .bind(overlapping)
            .bind(team.amina)
            .execute(&app.state.db.writer)
            .await;
    assert!(overlap.is_err(), "the overlap trigger refuses");

    // The week view shows the coverage: 1/1 and 0/2.
    let week = service::week(&app.state, Some(&day)).await.unwrap();
    let coverage: Vec<(i64, i64)> = week
        .shifts
        .iter()
        .filter(|s| s.id == morning || s.id == overlapping)
        .map(|s| (s.filled, s.places))
        .collect();
    assert_eq!(coverage, vec![(1, 1), (0, 2)]);
    let page = app
        .client
        .get(app.url(&format!("/equipe/planning?semaine={day}")))
        .header("cookie", &team.staff_cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("1 / 1 places")
            && page.contains("0 / 2 places")
            && page.contains("il manque 2 personnes"),
        "{page}"
    );
    assert_eq!(
        app.count("SELECT count(*) FROM audit_log WHERE action LIKE 'shift.%'")
            .await,
        3
    );
}

#[tokio::test]
async fn absences_are_idempotent_never_sent_under_another_session_and_decided_by_staff() {
    let app = spawn_app().await;
    let team = team(&app).await;
    let shift_id = shift(&app, &team, 2, 9, 13, 2).await;
    service::assign(&app.state, &team.staff, shift_id, team.amina)
        .await
        .unwrap();
    let amina_assignment = assignment(&app, shift_id, team.amina).await;
    let key = new_token();
    let declaration = |person: i64, key: &str| {
        vec![
            ("person_id", person.to_string()),
            ("assignment_id", amina_assignment.to_string()),
            ("reason", "medical".to_owned()),
            ("details", "Rendez-vous à 10 h".to_owned()),
            ("idempotency_key", key.to_owned()),
        ]
    };

    // Queued offline by Amina, replayed after Jean signed in on the same phone: refused.
    let before = app.writes().await;
    let body = post(
        &app,
        "/api/declare_absence",
        &declaration(team.amina, &key),
        &team.jean_cookie,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(body.contains("sent_under_other_account"), "{body}");
    // Jean cannot declare for Amina's shift under his own name either: not his (404).
    post(
        &app,
        "/api/declare_absence",
        &declaration(team.jean, &key),
        &team.jean_cookie,
        StatusCode::NOT_FOUND,
    )
    .await;
    // Nor can he read her planning.
    let other = app
        .client
        .get(app.url(&format!("/api/get_my_planning?person_id={}", team.amina)))
        .header("cookie", &team.jean_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    // Bad reason, malformed key.
    let mut bad = declaration(team.amina, &key);
    bad[2].1 = "vacances".into();
    post(
        &app,
        "/api/declare_absence",
        &bad,
        &team.amina_cookie,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    post(
        &app,
        "/api/declare_absence",
        &declaration(team.amina, "court"),
        &team.amina_cookie,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(app.writes().await, before, "nothing written");

    // Amina's own session: sent, and a replay of the same form writes nothing more.
    post(
        &app,
        "/api/declare_absence",
        &declaration(team.amina, &key),
        &team.amina_cookie,
        StatusCode::OK,
    )
    .await;
    let after_first = app.writes().await;
    post(
        &app,
        "/api/declare_absence",
        &declaration(team.amina, &key),
        &team.amina_cookie,
        StatusCode::OK,
    )
    .await;
    assert_eq!(app.writes().await, after_first, "the replay wrote nothing");
    assert_eq!(app.count("SELECT count(*) FROM absence").await, 1);
    // A second declaration (another key) for the same shift while one is pending: refused.
    post(
        &app,
        "/api/declare_absence",
        &declaration(team.amina, &new_token()),
        &team.amina_cookie,
        StatusCode::CONFLICT,
    )
    .await;

    // She sees it pending.
    let mine = app
        .client
        .get(app.url("/planning"))
        .header("cookie", &team.amina_cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(mine.contains("Absence en attente de réponse"), "{mine}");

    // Staff approve: she is excused, her place is free again.
    let absence = app.count("SELECT id FROM absence").await;
    let decide = |decision: &str| {
        vec![
            ("id", absence.to_string()),
            ("decision", decision.to_owned()),
        ]
    };
    post(
        &app,
        "/api/decide_absence",
        &decide("approve"),
        &team.amina_cookie,
        StatusCode::FORBIDDEN,
    )
    .await;
    post(
        &app,
        "/api/decide_absence",
        &decide("approve"),
        &team.staff_cookie,
        StatusCode::OK,
    )
    .await;
    let before = app.writes().await;
    post(
        &app,
        "/api/decide_absence",
        &decide("refuse"),
        &team.staff_cookie,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(app.writes().await, before);
    assert_eq!(
        app.count(&format!("SELECT count(*) FROM assignment WHERE id = {amina_assignment} AND attendance = 'excused'")).await,
        1
    );
    let week = service::week(
        &app.state,
        Some(&coop_manau::ui::time::format_date(
            utc_to_paris(now()).0 + 2,
        )),
    )
    .await
    .unwrap();
    assert_eq!(
        week.shifts
            .iter()
            .find(|s| s.id == shift_id)
            .unwrap()
            .filled,
        0
    );
    assert_eq!(
        app.count(
            "SELECT count(*) FROM audit_log WHERE action IN ('absence.declare', 'absence.approved')"
        )
        .await,
        2
    );
    // The reason is health data: the audit log says an absence was declared, not why.
    assert_eq!(
        app.count(
            "SELECT count(*) FROM audit_log WHERE action = 'absence.declare' AND detail IS NULL"
        )
        .await,
        1
    );

    // Confirming presence: hers only, idempotent.
    let second = shift(&app, &team, 4, 9, 12, 2).await;
    service::assign(&app.state, &team.staff, second, team.amina)
        .await
        .unwrap();
    let second_assignment = assignment(&app, second, team.amina).await;
    let confirm = |person: i64| {
        vec![
            ("person_id", person.to_string()),
            ("assignment_id", second_assignment.to_string()),
        ]
    };
    post(
        &app,
        "/api/confirm_presence",
        &confirm(team.amina),
        &team.jean_cookie,
        StatusCode::CONFLICT,
    )
    .await;
    post(
        &app,
        "/api/confirm_presence",
        &confirm(team.amina),
        &team.amina_cookie,
        StatusCode::OK,
    )
    .await;
    post(
        &app,
        "/api/confirm_presence",
        &confirm(team.amina),
        &team.amina_cookie,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        app.count(&format!("SELECT count(*) FROM assignment WHERE id = {second_assignment} AND confirmed_at IS NOT NULL")).await,
        1
    );
}

#[tokio::test]
async fn the_calendar_feed_is_private_revocable_and_in_paris_time() {
    let app = spawn_app().await;
    let team = team(&app).await;
    let shift_id = shift(&app, &team, 3, 9, 13, 2).await;
    service::assign(&app.state, &team.staff, shift_id, team.amina)
        .await
        .unwrap();
    let issue = |person: i64| vec![("person_id", person.to_string())];

    // Jean cannot issue nor revoke Amina's.
    post(
        &app,
        "/api/issue_calendar_feed",
        &issue(team.amina),
        &team.jean_cookie,
        StatusCode::NOT_FOUND,
    )
    .await;
    let body = post(
        &app,
        "/api/issue_calendar_feed",
        &issue(team.amina),
        &team.amina_cookie,
        StatusCode::OK,
    )
    .await;
    let token: String = serde_json::from_str(&body).unwrap();
    assert_eq!(app.count("SELECT count(*) FROM calendar_feed").await, 1);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM calendar_feed WHERE token_hash = '{token}'"
        ))
        .await,
        0,
        "only the hash is kept"
    );

    let feed = app.get(&format!("/agenda/{token}/planning.ics")).await;
    assert_eq!(feed.status(), StatusCode::OK);
    assert!(
        feed.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = feed.text().await.unwrap().replace("\r\n ", "");
    let starts = coop_manau::ui::time::local_to_utc(utc_to_paris(now()).0 + 3, 9 * 60);
    let (y, m, d, h, min) = paris_parts(starts);
    assert!(
        ics.contains(&format!(
            "DTSTART;TZID=Europe/Paris:{y:04}{m:02}{d:02}T{h:02}{min:02}00"
        )),
        "{ics}"
    );
    assert!(
        ics.contains("BEGIN:VTIMEZONE")
            && ics.contains("SUMMARY:Cuisine · Coop'Manau")
            && ics.contains("STATUS:CONFIRMED")
    );

    // The link page shows it to her and to staff, not to Jean.
    for (cookie, status) in [
        (&team.amina_cookie, StatusCode::OK),
        (&team.staff_cookie, StatusCode::OK),
        (&team.jean_cookie, StatusCode::NOT_FOUND),
    ] {
        let page = app
            .client
            .get(app.url(&format!("/planning/agenda/{token}")))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), status);
    }

    // Re-issued by staff: the old URL answers 404, the new one works.
    let body = post(
        &app,
        "/api/issue_calendar_feed",
        &issue(team.amina),
        &team.staff_cookie,
        StatusCode::OK,
    )
    .await;
    let new_token: String = serde_json::from_str(&body).unwrap();
    assert_eq!(
        app.get(&format!("/agenda/{token}/planning.ics"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/agenda/{new_token}/planning.ics"))
            .await
            .status(),
        StatusCode::OK
    );

    // Revoked by her: 404 with a French sentence; revoking again is 404 and writes nothing.
    post(
        &app,
        "/api/revoke_calendar_feed",
        &issue(team.amina),
        &team.jean_cookie,
        StatusCode::NOT_FOUND,
    )
    .await;
    post(
        &app,
        "/api/revoke_calendar_feed",
        &issue(team.amina),
        &team.amina_cookie,
        StatusCode::OK,
    )
    .await;
    let revoked = app.get(&format!("/agenda/{new_token}/planning.ics")).await;
    assert_eq!(revoked.status(), StatusCode::NOT_FOUND);
    assert_eq!(revoked.text().await.unwrap(), "Introuvable.");
    let before = app.writes().await;
    post(
        &app,
        "/api/revoke_calendar_feed",
        &issue(team.amina),
        &team.amina_cookie,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(app.writes().await, before);
    assert_eq!(
        app.get("/agenda/pas-un-jeton/planning.ics").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.count("SELECT count(*) FROM audit_log WHERE action LIKE 'feed.%'")
            .await,
        3
    );
}

#[tokio::test]
async fn a_week_copies_to_the_next_with_the_same_paris_hours_across_the_clock_change() {
    let app = spawn_app().await;
    let team = team(&app).await;
    // The week of Monday 22 March 2027; clocks go forward on Sunday 28 March.
    let day = coop_manau::ui::time::parse_date("2027-03-25").unwrap();
    let form = ShiftForm {
        sector: "couture".into(),
        starts_at: local_to_utc(day, 9 * 60),
        ends_at: local_to_utc(day, 12 * 60 + 30),
        places: 2,
        place: String::new(),
        note: "Ourlets".into(),
    };
    let original = service::create_shift(&app.state, &team.staff, form)
        .await
        .unwrap();
    service::assign(&app.state, &team.staff, original, team.amina)
        .await
        .unwrap();

    let copy = vec![("week", "2027-03-22".to_owned())];
    post(
        &app,
        "/api/copy_planning_week",
        &copy,
        &team.amina_cookie,
        StatusCode::FORBIDDEN,
    )
    .await;
    post(
        &app,
        "/api/copy_planning_week",
        &copy,
        &team.staff_cookie,
        StatusCode::OK,
    )
    .await;
    let copied = app.count("SELECT max(id) FROM shift").await;
    let starts = app
        .count(&format!("SELECT starts_at FROM shift WHERE id = {copied}"))
        .await;
    let ends = app
        .count(&format!("SELECT ends_at FROM shift WHERE id = {copied}"))
        .await;
    assert_eq!(
        paris_parts(starts),
        (2027, 4, 1, 9, 0),
        "09:00 in Paris, summer time"
    );
    assert_eq!(paris_parts(ends), (2027, 4, 1, 12, 30));
    assert!(
        assignment(&app, copied, team.amina).await > 0,
        "her place was copied"
    );

    // A second copy (double tap) is refused and writes nothing.
    let before = app.writes().await;
    post(
        &app,
        "/api/copy_planning_week",
        &copy,
        &team.staff_cookie,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(app.writes().await, before);
}

#[tokio::test]
async fn attendance_makes_the_hours_of_the_month_and_their_csv() {
    let app = spawn_app().await;
    let team = team(&app).await;
    // A shift that began two hours ago and lasts three.
    let starts = now() - 2 * 3600;
    let form = ShiftForm {
        sector: "salle".into(),
        starts_at: starts,
        ends_at: starts + 3 * 3600,
        places: 2,
        place: String::new(),
        note: String::new(),
    };
    let past = service::create_shift(&app.state, &team.staff, form)
        .await
        .unwrap();
    service::assign(&app.state, &team.staff, past, team.amina)
        .await
        .unwrap();
    service::assign(&app.state, &team.staff, past, team.jean)
        .await
        .unwrap();
    let future = shift(&app, &team, 40, 9, 12, 2).await;
    service::assign(&app.state, &team.staff, future, team.amina)
        .await
        .unwrap();

    let mark = |assignment: i64, value: &str| {
        vec![
            ("assignment_id", assignment.to_string()),
            ("attendance", value.to_owned()),
        ]
    };
    let amina_past = assignment(&app, past, team.amina).await;
    let jean_past = assignment(&app, past, team.jean).await;
    let before = app.writes().await;
    post(
        &app,
        "/api/mark_attendance",
        &mark(amina_past, "attended"),
        &team.amina_cookie,
        StatusCode::FORBIDDEN,
    )
    .await;
    post(
        &app,
        "/api/mark_attendance",
        &mark(amina_past, "peut-etre"),
        &team.staff_cookie,
        StatusCode::BAD_REQUEST,
    )
    .await;
    // Not before the shift has begun.
    let amina_future = assignment(&app, future, team.amina).await;
    post(
        &app,
        "/api/mark_attendance",
        &mark(amina_future, "attended"),
        &team.staff_cookie,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(app.writes().await, before);
    post(
        &app,
        "/api/mark_attendance",
        &mark(amina_past, "attended"),
        &team.staff_cookie,
        StatusCode::OK,
    )
    .await;
    post(
        &app,
        "/api/mark_attendance",
        &mark(jean_past, "unexcused"),
        &team.staff_cookie,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        app.count("SELECT count(*) FROM audit_log WHERE action = 'attendance.mark'")
            .await,
        2
    );

    let (year, month, ..) = paris_parts(starts);
    let month = format!("{year:04}-{month:02}");
    let hours = service::month_hours(&app.state, Some(&month))
        .await
        .unwrap();
    let amina = hours
        .rows
        .iter()
        .find(|r| r.person_id == team.amina)
        .unwrap();
    assert_eq!((amina.worked_minutes, amina.unexcused), (180, 0));
    let jean = hours
        .rows
        .iter()
        .find(|r| r.person_id == team.jean)
        .unwrap();
    assert_eq!(
        (jean.worked_minutes, jean.unexcused, jean.planned_minutes),
        (0, 1, 180)
    );

    let csv_path = format!("/equipe/planning/heures/{month}/export.csv");
    let refused = app
        .client
        .get(app.url(&csv_path))
        .header("cookie", &team.amina_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get(&csv_path).await.status(), StatusCode::UNAUTHORIZED);
    let bad_month = app
        .client
        .get(app.url("/equipe/planning/heures/2026-13/export.csv"))
        .header("cookie", &team.staff_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(bad_month.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let csv = app
        .client
        .get(app.url(&csv_path))
        .header("cookie", &team.staff_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    let bytes = csv.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("Mois;Personne;Créneaux;Heures prévues;Heures faites"),
        "{text}"
    );
    assert!(
        text.contains(&format!("{month};Amina Test;1;3 h;3 h;3,00;0;0;0\r\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{month};Jean Test;1;3 h;0 h;0,00;0;1;0\r\n")),
        "{text}"
    );

    // The page shows the same.
    let page = app
        .client
        .get(app.url(&format!("/equipe/planning/heures?mois={month}")))
        .header("cookie", &team.staff_cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Amina Test") && page.contains("3,00"),
        "{page}"
    );
}
