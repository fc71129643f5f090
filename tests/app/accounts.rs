use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use coop_manau::{accounts::Role, error::AppError};
use reqwest::{StatusCode, header};

const PASSWORD: &str = "fil rouge de Roubaix";

async fn sign_in(
    app: &TestApp,
    login: &str,
    password: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = app.post_form("/api/sign_in", &[("login", login), ("password", password)]);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("coop_session="))
        .expect("a session cookie")
}

fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_and_renewed_at_sign_in() {
    let app = spawn_app().await;
    let id = app
        .person(
            Role::Staff,
            "Claire",
            Some("claire@test.example"),
            Some(PASSWORD),
        )
        .await;
    let before = app.session_for(id).await;

    let response = sign_in(&app, "Claire@Test.example ", PASSWORD, Some(&before)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::LOCATION], "/equipe");
    let set_cookie = session_cookie(&response);
    assert!(
        set_cookie.contains("HttpOnly")
            && set_cookie.contains("SameSite=Lax")
            && set_cookie.contains("Path=/")
    );
    assert!(!set_cookie.contains("Secure"), "served over http here");
    let after = cookie_pair(&set_cookie);
    assert_ne!(after, before, "a new session id at sign-in");
    assert_eq!(app.whoami(&after).await.map(|u| u.id), Some(id));
    assert_eq!(
        app.whoami(&before).await,
        None,
        "the session from before sign-in is gone"
    );
}

#[tokio::test]
async fn the_secure_flag_follows_an_https_public_url() {
    use coop_manau::accounts::session::cookie_value;
    assert!(cookie_value("t", 60, true).ends_with("; Secure"));
    assert!(!cookie_value("t", 60, false).contains("Secure"));
}

#[tokio::test]
async fn a_cookie_replayed_after_sign_out_gets_401() {
    let app = spawn_app().await;
    let id = app
        .person(
            Role::Staff,
            "Karim",
            Some("karim@test.example"),
            Some(PASSWORD),
        )
        .await;
    let cookie = cookie_pair(&session_cookie(
        &sign_in(&app, "karim@test.example", PASSWORD, None).await,
    ));
    assert_eq!(
        app.client
            .get(app.url("/api/list_participants"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    let response = app.post_as("/api/sign_out", &[], &cookie).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["clear-site-data"],
        "\"cache\", \"storage\""
    );
    assert!(session_cookie(&response).contains("Max-Age=0"));
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM session WHERE person_id = {id}"
        ))
        .await,
        0
    );

    let replay = app
        .client
        .get(app.url("/api/list_participants"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        replay.json::<AppError>().await.unwrap(),
        AppError::Unauthorized
    );
}

#[tokio::test]
async fn deactivation_kills_every_session_at_once_and_is_audited() {
    let app = spawn_app().await;
    let staff = app
        .person(Role::Staff, "Claire", Some("c@test.example"), None)
        .await;
    let participant = app.person(Role::Participant, "Aïcha", None, None).await;
    let phone = app.session_for(participant).await;
    let other_phone = app.session_for(participant).await;
    let staff_cookie = app.session_for(staff).await;

    let id = participant.to_string();
    let response = app
        .post_as(
            "/api/set_person_active",
            &[("id", &id), ("active", "false")],
            &staff_cookie,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.whoami(&phone).await, None);
    assert_eq!(app.whoami(&other_phone).await, None);
    assert_eq!(
        app.count(&format!("SELECT count(*) FROM audit_log WHERE action = 'deactivate' AND object_id = '{id}' AND actor_id = {staff}")).await,
        1
    );
    // A deactivated person cannot come back with an old invitation or password either.
    assert_eq!(
        app.count(&format!("SELECT active FROM person WHERE id = {id}"))
            .await,
        0
    );
}

#[tokio::test]
async fn unknown_email_and_wrong_password_answer_identically() {
    let app = spawn_app().await;
    app.person(
        Role::Staff,
        "Claire",
        Some("claire@test.example"),
        Some(PASSWORD),
    )
    .await;
    let wrong_password = sign_in(&app, "claire@test.example", "pas le bon mot", None).await;
    let unknown = sign_in(&app, "personne@test.example", "pas le bon mot", None).await;
    assert_eq!(wrong_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong_password.status(), unknown.status());
    assert_eq!(
        wrong_password.text().await.unwrap(),
        unknown.text().await.unwrap()
    );
}

/// Asserts a 429 with a `Retry-After` and the French sentence saying how long to wait.
pub(crate) async fn assert_slowed(response: reqwest::Response) {
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let secs: u64 = response.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&secs), "{secs}");
    let error = response.json::<AppError>().await.unwrap();
    assert_eq!(
        error,
        AppError::RateLimited {
            retry_after_secs: secs
        }
    );
    let sentence = coop_manau::i18n::Locale::Fr.texts().errors.sentence(&error);
    assert!(
        sentence.starts_with("Trop d'essais. Réessayez dans ")
            && (sentence.contains("seconde") || sentence.contains("minute")),
        "{sentence}"
    );
}

#[tokio::test]
async fn wrong_passwords_slow_the_next_attempts_per_account_then_per_address() {
    let app = spawn_app().await;
    app.person(
        Role::Staff,
        "Claire",
        Some("claire@test.example"),
        Some(PASSWORD),
    )
    .await;
    // A few typos are free; then each further failure makes the next attempt wait.
    for _ in 0..5 {
        assert_eq!(
            sign_in(&app, "claire@test.example", "mauvais essai", None)
                .await
                .status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(
            sign_in(&app, "claire@test.example", "mauvais essai", None)
                .await
                .status(),
        );
    }
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    // From this address, without a known-device cookie, even the right password waits its turn.
    assert_slowed(sign_in(&app, "claire@test.example", PASSWORD, None).await).await;
    assert!(no_session_was_started(&app).await);

    // Other accounts from the same address, until the address's own (generous) threshold.
    let mut statuses = Vec::new();
    for i in 0..40 {
        statuses.push(
            sign_in(
                &app,
                &format!("inconnu{i}@test.example"),
                "mauvais essai",
                None,
            )
            .await
            .status(),
        );
    }
    assert!(
        statuses[..20]
            .iter()
            .all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    assert!(!statuses.iter().any(|s| s.is_server_error()));
}

fn device_cookie(response: &reqwest::Response) -> String {
    let set_cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("coop_appareil="))
        .expect("a known-device cookie");
    assert!(
        set_cookie.contains("HttpOnly")
            && set_cookie.contains("SameSite=Lax")
            && set_cookie.contains("Path=/")
            && set_cookie.contains("Max-Age=31536000"),
        "{set_cookie}"
    );
    assert!(!set_cookie.contains("Secure"), "served over http here");
    cookie_pair(&set_cookie)
}

async fn sign_in_from(
    app: &TestApp,
    client: &reqwest::Client,
    login: &str,
    password: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = app.post_form_with(
        client,
        "/api/sign_in",
        &[("login", login), ("password", password)],
    );
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn an_attacker_hammering_the_admins_email_does_not_keep_her_out() {
    let app = spawn_app().await;
    let admin = "direction@test.example";
    let nadia = app
        .person(Role::Admin, "Nadia", Some(admin), Some(PASSWORD))
        .await;
    app.person(
        Role::Staff,
        "Claire",
        Some("claire@test.example"),
        Some(PASSWORD),
    )
    .await;
    // Nadia signed in once from her own browser, on the coop's address; so did Claire on hers.
    let first = sign_in(&app, admin, PASSWORD, None).await;
    assert_eq!(first.status(), StatusCode::OK);
    let nadias_device = device_cookie(&first);
    let claires_device = device_cookie(&sign_in(&app, "claire@test.example", PASSWORD, None).await);

    // 200 wrong passwords for her e-mail, from the same address: a few are tried, then the
    // attacker waits longer and longer.
    let mut statuses = Vec::new();
    for i in 0..200 {
        statuses.push(
            sign_in(&app, admin, &format!("essai numéro {i}"), None)
                .await
                .status(),
        );
    }
    let tried = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert!((5..=10).contains(&tried), "{tried} passwords tried");
    assert!(
        statuses[10..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS)
    );
    assert_slowed(sign_in(&app, admin, "encore un", None).await).await;

    // Her browser, same address: she is in at once.
    let response = sign_in(&app, admin, PASSWORD, Some(&nadias_device)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::LOCATION], "/equipe");
    let session = cookie_pair(&session_cookie(&response));
    assert_eq!(app.whoami(&session).await.map(|u| u.id), Some(nadia));
    // Her typo on her own browser is a typo, not a wait.
    assert_eq!(
        sign_in(&app, admin, "faute de frappe", Some(&nadias_device))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Another address, another browser without the cookie: in too.
    let elsewhere = app.client_from("127.0.0.2");
    let response = sign_in_from(&app, &elsewhere, admin, PASSWORD, None).await;
    assert_eq!(response.status(), StatusCode::OK);

    // The attacker cannot borrow the cookie's power: a forged one, a tampered one, or another
    // account's real one leave him waiting, even with the right password.
    let forged = format!(
        "coop_appareil={nadia}.99999999999.AAAAAAAAAAAAAAAA.{}",
        "A".repeat(43)
    );
    let (name, value) = nadias_device.split_once('=').unwrap();
    let (_, signature) = value.rsplit_once('.').unwrap();
    let tampered = format!("{name}={}.99999999999.x.{signature}", nadia);
    for cookie in [forged, tampered, claires_device] {
        assert_slowed(sign_in(&app, admin, PASSWORD, Some(&cookie)).await).await;
    }
}

#[tokio::test]
async fn strong_evidence_from_several_addresses_slows_the_account_but_not_a_known_browser() {
    let app = spawn_app().await;
    let admin = "direction@test.example";
    app.person(Role::Admin, "Nadia", Some(admin), Some(PASSWORD))
        .await;
    let device = device_cookie(&sign_in(&app, admin, PASSWORD, None).await);
    // Ten addresses, six wrong passwords each (each address is slowed after a few): past 50
    // failures of the account from everywhere, attempts without the cookie wait.
    let mut statuses = Vec::new();
    for n in 10..20 {
        let client = app.client_from(&format!("127.0.0.{n}"));
        for i in 0..6 {
            let response = sign_in_from(&app, &client, admin, &format!("essai {i}"), None).await;
            statuses.push(response.status());
        }
    }
    assert!(
        statuses[..50]
            .iter()
            .all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY),
        "{statuses:?}"
    );
    assert_eq!(statuses[50], StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(statuses[51..], [StatusCode::TOO_MANY_REQUESTS; 9]);
    // A fresh address without the cookie now waits; her known browser does not.
    let fresh = app.client_from("127.0.0.30");
    assert_slowed(sign_in_from(&app, &fresh, admin, PASSWORD, None).await).await;
    let response = sign_in_from(&app, &fresh, admin, PASSWORD, Some(&device)).await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn no_session_was_started(app: &TestApp) -> bool {
    app.count("SELECT count(*) FROM session").await == 0
}

#[tokio::test]
async fn an_invitation_signs_in_once_and_get_consumes_nothing() {
    let app = spawn_app().await;
    let staff = app
        .person(Role::Staff, "Claire", Some("c@test.example"), None)
        .await;
    let participant = app.person(Role::Participant, "Aïcha", None, None).await;
    let staff_cookie = app.session_for(staff).await;

    let issued = app
        .post_as(
            "/api/issue_invitation",
            &[("id", &participant.to_string())],
            &staff_cookie,
        )
        .await;
    assert_eq!(issued.status(), StatusCode::OK);
    let token: String = issued.json().await.unwrap();
    let lifetime = app
        .count("SELECT expires_at - created_at FROM invitation")
        .await;
    assert_eq!(lifetime, 7 * 24 * 3600);

    // Opening the link (a person, or a chat app's preview) shows the first name, consumes nothing.
    for _ in 0..3 {
        let page = app.get(&format!("/invitation/{token}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(
            html.contains("Aïcha") && html.contains("C&#x27;est moi, me connecter")
                || html.contains("C'est moi, me connecter")
        );
    }
    assert_eq!(
        app.count("SELECT count(*) FROM invitation WHERE used_at IS NULL")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT count(*) FROM session WHERE person_id = 2 AND 0")
            .await,
        0
    );

    let claimed = app
        .post_form("/api/claim_invitation", &[("token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(claimed.status(), StatusCode::OK);
    assert_eq!(claimed.headers()[header::LOCATION], "/planning");
    let cookie = session_cookie(&claimed);
    assert!(
        cookie.contains(&format!("Max-Age={}", 90 * 24 * 3600)),
        "{cookie}"
    );
    assert_eq!(
        app.whoami(&cookie_pair(&cookie)).await.map(|u| u.id),
        Some(participant)
    );

    let again = app
        .post_form("/api/claim_invitation", &[("token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/invitation/{token}")).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn unknown_cards_are_slowed_per_address_but_a_real_card_still_works() {
    let app = spawn_app().await;
    let staff = app
        .person(Role::Staff, "Claire", Some("c@test.example"), None)
        .await;
    let participant = app.person(Role::Participant, "Aïcha", None, None).await;
    let token: String = app
        .post_as(
            "/api/issue_invitation",
            &[("id", &participant.to_string())],
            &app.session_for(staff).await,
        )
        .await
        .json()
        .await
        .unwrap();
    let preview = |token: String| {
        app.client
            .get(app.url("/api/get_invitation"))
            .query(&[("token", token)])
            .send()
    };
    let mut statuses = Vec::new();
    for i in 0..30 {
        statuses.push(preview(format!("{i:0>43}")).await.unwrap().status());
    }
    assert!(statuses[..20].iter().all(|s| *s == StatusCode::NOT_FOUND));
    assert!(
        statuses[20..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS)
    );
    assert_slowed(preview("z".repeat(43)).await.unwrap()).await;
    // The group's real cards, from the same address, are not refused because of those.
    assert_eq!(
        preview(token.clone()).await.unwrap().status(),
        StatusCode::OK
    );
    let claimed = app
        .post_form("/api/claim_invitation", &[("token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(claimed.status(), StatusCode::OK);
    assert_eq!(
        app.whoami(&cookie_pair(&session_cookie(&claimed)))
            .await
            .map(|u| u.id),
        Some(participant)
    );
}

#[tokio::test]
async fn an_invitation_expires_after_seven_days() {
    let app = spawn_app().await;
    let staff = app
        .person(Role::Staff, "Claire", Some("c@test.example"), None)
        .await;
    let participant = app.person(Role::Participant, "Jean", None, None).await;
    let staff_cookie = app.session_for(staff).await;
    let issued = app
        .post_as(
            "/api/issue_invitation",
            &[("id", &participant.to_string())],
            &staff_cookie,
        )
        .await;
    let token: String = issued.json().await.unwrap();
    // Seven days and one second later.
    sqlx::query(
        "UPDATE invitation SET created_at = created_at - 604801, expires_at = expires_at - 604801",
    )
    .execute(&app.state.db.writer)
    .await
    .unwrap();
    let writes = app.writes().await;
    let claimed = app
        .post_form("/api/claim_invitation", &[("token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(claimed.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.writes().await, writes, "nothing written");
    assert!(claimed.headers().get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn staff_create_and_edit_participants_with_field_errors_in_french() {
    let app = spawn_app().await;
    let staff = app
        .person(Role::Staff, "Claire", Some("c@test.example"), None)
        .await;
    let cookie = app.session_for(staff).await;
    let created = app
        .client
        .post(app.url("/api/create_participant"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("first_name=Fatou&last_name=Sow&phone=06.12.34.56.78&email=&sectors%5B%5D=cuisine&sectors%5B%5D=salle")
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::OK);
    let id: i64 = created.json().await.unwrap();
    let person: coop_manau::accounts::Person = app
        .client
        .get(app.url(&format!("/api/get_person?id={id}")))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(person.phone.as_deref(), Some("06 12 34 56 78"));
    assert_eq!(person.sectors, vec!["cuisine", "salle"]);

    let writes = app.writes().await;
    let refused = app
        .post_as(
            "/api/create_participant",
            &[
                ("first_name", " "),
                ("last_name", "Sow"),
                ("phone", "12"),
                ("email", "pas-un-mail"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: AppError = refused.json().await.unwrap();
    assert_eq!(error.field("first_name"), Some("name_required"));
    assert_eq!(error.field("phone"), Some("phone_invalid"));
    assert_eq!(error.field("email"), Some("email_invalid"));
    assert_eq!(app.writes().await, writes);

    let unknown_sector = app
        .post_as(
            "/api/create_participant",
            &[
                ("first_name", "A"),
                ("last_name", "B"),
                ("phone", ""),
                ("email", ""),
                ("sectors[]", "astronomie"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(unknown_sector.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.writes().await, writes);
}

#[tokio::test]
async fn the_audit_log_is_append_only_and_filterable() {
    let app = spawn_app().await;
    let staff = app
        .person(Role::Staff, "Claire", Some("c@test.example"), None)
        .await;
    let participant = app.person(Role::Participant, "Jean", None, None).await;
    let cookie = app.session_for(staff).await;
    app.post_as(
        "/api/sign_out_person",
        &[("id", &participant.to_string())],
        &cookie,
    )
    .await;
    assert!(
        sqlx::query("UPDATE audit_log SET action = 'x'")
            .execute(&app.state.db.writer)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("DELETE FROM audit_log")
            .execute(&app.state.db.writer)
            .await
            .is_err()
    );
    let entries: Vec<coop_manau::accounts::AuditEntry> = app
        .client
        .get(app.url(&format!(
            "/api/list_audit?object_type=person&object_id={participant}"
        )))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "sign_out_everywhere");
    assert_eq!(entries[0].actor.as_deref(), Some("Claire Test"));
    let page = app
        .client
        .get(app.url("/equipe/journal?object_type=person"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("déconnexion de tous les appareils")
    );
}

#[tokio::test]
async fn a_participant_sets_a_password_and_signs_in_with_their_phone() {
    let app = spawn_app().await;
    let participant = app.person(Role::Participant, "Jean", None, None).await;
    sqlx::query("UPDATE person SET phone = '07 01 02 03 04' WHERE id = ?")
        .bind(participant)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let cookie = app.session_for(participant).await;
    let other_device = app.session_for(participant).await;
    let weak = app
        .post_as(
            "/api/change_password",
            &[
                ("current", ""),
                ("new", "azertyuiop"),
                ("confirm", "azertyuiop"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        weak.json::<AppError>().await.unwrap().field("new"),
        Some("password_common")
    );
    let changed = app
        .post_as(
            "/api/change_password",
            &[("current", ""), ("new", PASSWORD), ("confirm", PASSWORD)],
            &cookie,
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert!(app.whoami(&cookie).await.is_some_and(|u| u.has_password));
    assert_eq!(
        app.whoami(&other_device).await,
        None,
        "other devices are signed out"
    );
    let response = sign_in(&app, "07 01 02 03 04", PASSWORD, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::LOCATION],
        "/planning",
        "participants land on their shifts"
    );
}

#[tokio::test]
async fn pages_refuse_with_the_right_status_in_french() {
    let app = spawn_app().await;
    let participant = app.person(Role::Participant, "Jean", None, None).await;
    let cookie = app.session_for(participant).await;
    let anonymous = app.get("/equipe/personnes").await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert!(
        anonymous
            .text()
            .await
            .unwrap()
            .contains("Veuillez vous connecter")
    );
    let forbidden = app
        .client
        .get(app.url("/equipe/personnes"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        forbidden.headers()[header::CACHE_CONTROL],
        "private, no-store"
    );
    let account = app
        .client
        .get(app.url("/compte"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(account.status(), StatusCode::OK);
    let html = account.text().await.unwrap();
    assert!(
        html.contains("Jean Test") && !html.contains(">Équipe<"),
        "no staff link for participants"
    );
}

#[tokio::test]
async fn the_first_admin_is_created_by_the_command_with_a_one_time_password() {
    let app = spawn_app_with(false).await;
    let password = coop_manau::accounts::service::create_admin(
        &app.state,
        "Direction@Alma.example",
        "Nadia",
        "Benali",
    )
    .await
    .unwrap();
    assert!(password.len() >= 16);
    let response = sign_in(&app, "direction@alma.example", &password, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::LOCATION], "/equipe");
    let again =
        coop_manau::accounts::service::create_admin(&app.state, "direction@alma.example", "N", "B")
            .await;
    assert_eq!(again.unwrap_err().field("email"), Some("email_taken"));
}

#[tokio::test]
async fn expired_sessions_are_refused_then_purged() {
    let app = spawn_app().await;
    let participant = app.person(Role::Participant, "Jean", None, None).await;
    let cookie = app.session_for(participant).await;
    sqlx::query("UPDATE session SET expires_at = 1")
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    assert_eq!(app.whoami(&cookie).await, None);
    let purged = coop_manau::accounts::repo::purge_expired_sessions(
        &app.state.db.writer,
        coop_manau::server::now(),
    )
    .await
    .unwrap();
    assert_eq!(purged, 1);
    assert_eq!(app.count("SELECT count(*) FROM session").await, 0);
}

#[tokio::test]
async fn a_session_ends_a_day_after_sign_in_however_much_it_is_used() {
    let app = spawn_app().await;
    let staff = app
        .person(Role::Staff, "Lina", Some("lina@example.org"), None)
        .await;
    let cookie = app.session_for(staff).await;
    assert!(app.whoami(&cookie).await.is_some());
    // Signed in 25 hours ago, renewed a minute ago: over the absolute lifetime.
    sqlx::query("UPDATE session SET created_at = created_at - 90000, renewed_at = renewed_at - 60")
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    assert_eq!(app.whoami(&cookie).await, None);
    let page = app
        .client
        .get(app.url("/equipe"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(page.headers()["offline-session"], "none");
}

#[tokio::test]
async fn choosing_a_first_password_needs_a_fresh_sign_in() {
    let app = spawn_app().await;
    let participant = app.person(Role::Participant, "Samir", None, None).await;
    let cookie = app.session_for(participant).await;
    // The phone was signed in (by its card) 20 minutes ago and left unattended.
    sqlx::query("UPDATE session SET created_at = created_at - 1200")
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let writes = app.writes().await;
    let refused = app
        .post_as(
            "/api/change_password",
            &[("current", ""), ("new", PASSWORD), ("confirm", PASSWORD)],
            &cookie,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert_eq!(
        refused.json::<AppError>().await.unwrap(),
        AppError::Conflict("sign_in_again".into())
    );
    assert_eq!(app.writes().await, writes);
    assert!(app.whoami(&cookie).await.is_some_and(|u| !u.has_password));

    // Just signed in again (a new card): allowed.
    let fresh = app.session_for(participant).await;
    let chosen = app
        .post_as(
            "/api/change_password",
            &[("current", ""), ("new", PASSWORD), ("confirm", PASSWORD)],
            &fresh,
        )
        .await;
    assert_eq!(chosen.status(), StatusCode::OK);
}
