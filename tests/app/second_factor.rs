//! The second factor through the real endpoints: enrolment, the code step of sign-in (scripts'
//! JSON answers and plain form posts without JavaScript), recovery codes, the admins' rule.

use crate::{
    accounts::assert_slowed,
    helpers::{TestApp, spawn_app},
};
use coop_manau::{
    accounts::{Role, totp},
    error::AppError,
    i18n::Locale,
    server::now,
};
use reqwest::{StatusCode, header};

const PASSWORD: &str = "fil rouge de Roubaix";

fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with(&format!("{name}=")))
}

fn pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

async fn sign_in(app: &TestApp, login: &str) -> reqwest::Response {
    app.post_form("/api/sign_in", &[("login", login), ("password", PASSWORD)])
        .send()
        .await
        .unwrap()
}

/// The code step, as a script sends it, with the pending sign-in's cookie.
async fn send_code(app: &TestApp, pending: &str, code: &str) -> reqwest::Response {
    app.post_as("/api/verify_sign_in_code", &[("code", code)], pending)
        .await
}

/// A right password: no session, the pending sign-in's cookie.
async fn password_step(app: &TestApp, login: &str) -> String {
    let response = sign_in(app, login).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::LOCATION], "/connexion/code");
    assert!(
        set_cookie(&response, "coop_session").is_none(),
        "no session after the password alone"
    );
    assert!(set_cookie(&response, "coop_appareil").is_none());
    pair(&set_cookie(&response, "coop_code").expect("a pending sign-in cookie"))
}

async fn secret_of(app: &TestApp, person: i64) -> Vec<u8> {
    let secret: String = sqlx::query_scalar("SELECT secret FROM second_factor WHERE person_id = ?")
        .bind(person)
        .fetch_one(&app.state.db.reader)
        .await
        .unwrap();
    totp::base32_decode(&secret).unwrap()
}

fn code(secret: &[u8], steps_ahead: i64) -> String {
    totp::code_at(secret, totp::step_of(now()) + steps_ahead)
}

/// A code that is none of the window's right ones.
fn wrong_code(secret: &[u8]) -> String {
    let step = totp::step_of(now());
    let right: Vec<String> = (step - 2..=step + 2)
        .map(|s| totp::code_at(secret, s))
        .collect();
    (0..)
        .map(|n: u32| format!("{:06}", (n * 7919) % 1_000_000))
        .find(|c| !right.contains(c))
        .unwrap()
}

/// A staff member enrolled through the pages; returns the secret and the recovery codes shown.
async fn enrol(app: &TestApp, cookie: &str) -> (Vec<u8>, Vec<String>) {
    let started = app.post_as("/api/start_second_factor", &[], cookie).await;
    assert_eq!(started.status(), StatusCode::OK);
    let user = app.whoami(cookie).await.unwrap();
    let secret = secret_of(app, user.id).await;
    let confirmed = app
        .post_as(
            "/api/confirm_second_factor",
            &[("code", &code(&secret, 0))],
            cookie,
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let codes: Vec<String> = app
        .client
        .get(app.url("/api/get_recovery_codes"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let done = app
        .post_as("/api/acknowledge_recovery_codes", &[], cookie)
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    (secret, codes)
}

async fn page(app: &TestApp, path: &str, cookie: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

fn french(error: &AppError) -> String {
    Locale::Fr.texts().errors.sentence(error)
}

#[tokio::test]
async fn enrolment_refuses_a_wrong_code_confirms_with_a_right_one_and_shows_the_codes_once() {
    let app = spawn_app().await;
    let id = app
        .person(
            Role::Staff,
            "Claire",
            Some("claire@test.example"),
            Some(PASSWORD),
        )
        .await;
    let cookie = app.session_for(id).await;
    let account = page(&app, "/compte", &cookie).await.text().await.unwrap();
    assert!(account.contains("Activer la double authentification"));

    let started = app.post_as("/api/start_second_factor", &[], &cookie).await;
    assert_eq!(started.status(), StatusCode::OK);
    assert_eq!(
        started.headers()[header::LOCATION],
        "/compte/double-authentification"
    );
    let stored: String = sqlx::query_scalar("SELECT secret FROM second_factor WHERE person_id = ?")
        .bind(id)
        .fetch_one(&app.state.db.reader)
        .await
        .unwrap();
    let setup = page(&app, "/compte/double-authentification", &cookie).await;
    assert_eq!(setup.status(), StatusCode::OK);
    assert_eq!(setup.headers()["offline-keep"], "never");
    assert_eq!(setup.headers()[header::CACHE_CONTROL], "private, no-store");
    let html = setup.text().await.unwrap();
    assert!(html.contains("<svg"), "the QR code");
    assert!(
        html.contains(&totp::grouped(&stored)),
        "the key in groups of 4"
    );
    let json: serde_json::Value = app
        .client
        .get(app.url("/api/get_second_factor_setup"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        json["uri"],
        format!("otpauth://totp/Coop'Manau:claire@test.example?secret={stored}&issuer=Coop'Manau")
    );
    let secret = totp::base32_decode(&stored).unwrap();

    // A wrong code: said in French, nothing written, still unconfirmed.
    let before = app.writes().await;
    let wrong = app
        .post_as(
            "/api/confirm_second_factor",
            &[("code", &wrong_code(&secret))],
            &cookie,
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: AppError = wrong.json().await.unwrap();
    assert_eq!(error.field("code"), Some("second_factor_code_wrong"));
    assert!(
        (Locale::Fr.texts().errors.message)("second_factor_code_wrong")
            .starts_with("Ce code n'est pas le bon")
    );
    // Without JavaScript the same refusal comes back on the page.
    let no_js = app
        .post_form("/api/confirm_second_factor", &[("code", "000000")])
        .header("cookie", &cookie)
        .header("accept", "text/html")
        .header("referer", app.url("/compte/double-authentification"))
        .send()
        .await
        .unwrap();
    assert_eq!(no_js.status(), StatusCode::FOUND);
    let location = no_js.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let shown = app
        .client
        .get(&location)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        shown.contains("Ce code n") && shown.contains("est pas le bon"),
        "{shown}"
    );
    assert_eq!(
        app.writes().await,
        before,
        "nothing written on a wrong code"
    );
    assert_eq!(
        app.count("SELECT count(*) FROM second_factor WHERE confirmed_at IS NOT NULL")
            .await,
        0
    );

    // The right code confirms; the codes are shown on their page, then never again.
    let right = app
        .post_as(
            "/api/confirm_second_factor",
            &[("code", &code(&secret, 0))],
            &cookie,
        )
        .await;
    assert_eq!(right.status(), StatusCode::OK);
    assert_eq!(
        right.headers()[header::LOCATION],
        "/compte/double-authentification/codes"
    );
    assert_eq!(app.count("SELECT count(*) FROM recovery_code").await, 10);
    let codes_page = page(&app, "/compte/double-authentification/codes", &cookie).await;
    assert_eq!(codes_page.headers()["offline-keep"], "never");
    let html = codes_page.text().await.unwrap();
    assert!(html.contains("Notez-les ou imprimez-les"));
    let codes: Vec<String> = app
        .client
        .get(app.url("/api/get_recovery_codes"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(codes.len(), 10);
    for code in &codes {
        assert!(html.contains(code.as_str()), "{code} on the page");
        assert!(totp::parse_recovery_code(code).is_some(), "{code}");
    }
    let stored_hashes = app
        .count("SELECT count(*) FROM recovery_code WHERE length(code_hash) = 64")
        .await;
    assert_eq!(stored_hashes, 10);
    let done = app
        .post_as("/api/acknowledge_recovery_codes", &[], &cookie)
        .await;
    assert_eq!(
        done.headers()[header::LOCATION],
        "/compte?double-authentification=1"
    );
    let again = page(&app, "/compte/double-authentification/codes", &cookie).await;
    let html = again.text().await.unwrap();
    assert!(
        !codes.iter().any(|c| html.contains(c.as_str())),
        "shown once"
    );
    assert_eq!(
        page(&app, "/api/get_recovery_codes", &cookie)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.count("SELECT count(*) FROM second_factor WHERE codes_to_show IS NOT NULL")
            .await,
        0,
        "no code in clear is left"
    );
    // Confirmed: no new secret over it, and the account page says it is on.
    let restart = app.post_as("/api/start_second_factor", &[], &cookie).await;
    assert_eq!(restart.status(), StatusCode::CONFLICT);
    let account = page(&app, "/compte", &cookie).await.text().await.unwrap();
    assert!(account.contains("La double authentification est activée"));
}

#[tokio::test]
async fn sign_in_needs_the_code_and_never_takes_the_same_code_twice() {
    let app = spawn_app().await;
    let login = "karim@test.example";
    let id = app
        .person(Role::Staff, "Karim", Some(login), Some(PASSWORD))
        .await;
    let (secret, codes) = enrol(&app, &app.session_for(id).await).await;

    let pending = password_step(&app, login).await;
    let response = sign_in(&app, login).await;
    let set = set_cookie(&response, "coop_code").unwrap();
    assert!(
        set.contains("HttpOnly")
            && set.contains("SameSite=Strict")
            && set.contains("Path=/api/verify_sign_in_code")
            && set.contains("Max-Age=300"),
        "{set}"
    );
    let raw = pending.trim_start_matches("coop_code=");
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM pending_sign_in WHERE token_hash = '{}'",
            coop_manau::accounts::token::hash_token(raw)
        ))
        .await,
        1,
        "kept hashed"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM pending_sign_in WHERE token_hash = '{raw}'"
        ))
        .await,
        0
    );

    // A wrong code: refused in French, the sign-in still waits.
    let wrong = send_code(&app, &pending, &wrong_code(&secret)).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(set_cookie(&wrong, "coop_session").is_none());
    let error: AppError = wrong.json().await.unwrap();
    assert_eq!(error.field("code"), Some("second_factor_code_wrong"));
    // Without JavaScript: back to the code page, which says so.
    let no_js = app
        .post_form("/api/verify_sign_in_code", &[("code", "abc")])
        .header("cookie", &pending)
        .header("accept", "text/html")
        .header("referer", app.url("/connexion/code"))
        .send()
        .await
        .unwrap();
    assert_eq!(no_js.status(), StatusCode::FOUND);
    let location = no_js.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let shown = app
        .client
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(shown.contains("est pas le bon"), "{shown}");

    // The right code: the session, the known-device cookie, home; the pending sign-in is gone.
    let right_code = code(&secret, 1);
    let right = send_code(&app, &pending, &right_code).await;
    assert_eq!(right.status(), StatusCode::OK);
    assert_eq!(right.headers()[header::LOCATION], "/equipe");
    let session = pair(&set_cookie(&right, "coop_session").expect("a session"));
    assert!(set_cookie(&right, "coop_appareil").is_some());
    assert!(
        set_cookie(&right, "coop_code")
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(app.whoami(&session).await.map(|u| u.id), Some(id));
    assert_eq!(
        send_code(&app, &pending, &right_code).await.status(),
        StatusCode::CONFLICT,
        "a pending sign-in is used once"
    );

    // The same code through a new sign-in: refused (and an older one too).
    let pending = password_step(&app, login).await;
    for replay in [right_code.clone(), code(&secret, 0)] {
        let response = send_code(&app, &pending, &replay).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{replay}"
        );
    }

    // A recovery code works once, as typed by a person (lower case, no dash).
    let typed = codes[3].replace('-', " ").to_lowercase();
    let response = send_code(&app, &pending, &typed).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(set_cookie(&response, "coop_session").is_some());
    assert_eq!(app.count("SELECT count(*) FROM recovery_code").await, 9);
    let pending = password_step(&app, login).await;
    let again = send_code(&app, &pending, &codes[3]).await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a used code is gone"
    );
    let other = send_code(&app, &pending, &codes[4]).await;
    assert_eq!(other.status(), StatusCode::OK);
}

#[tokio::test]
async fn five_wrong_codes_end_a_pending_sign_in_and_more_are_slowed() {
    let app = spawn_app().await;
    let login = "karim@test.example";
    let id = app
        .person(Role::Staff, "Karim", Some(login), Some(PASSWORD))
        .await;
    let (secret, _) = enrol(&app, &app.session_for(id).await).await;
    let pending = password_step(&app, login).await;
    let wrong = wrong_code(&secret);
    for _ in 0..4 {
        let response = send_code(&app, &pending, &wrong).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let fifth = send_code(&app, &pending, &wrong).await;
    assert_eq!(fifth.status(), StatusCode::CONFLICT);
    let error: AppError = fifth.json().await.unwrap();
    assert_eq!(
        french(&error),
        "Trop de codes erronés. Recommencez avec votre mot de passe."
    );
    assert_eq!(app.count("SELECT count(*) FROM pending_sign_in").await, 0);
    let too_late = send_code(&app, &pending, &code(&secret, 0)).await;
    assert_eq!(too_late.status(), StatusCode::CONFLICT);
    assert!(set_cookie(&too_late, "coop_session").is_none());

    // Typing the password again does not reset the count: the next code waits, and that
    // refusal writes nothing.
    let pending = password_step(&app, login).await;
    let before = app.writes().await;
    let slowed = send_code(&app, &pending, &code(&secret, 0)).await;
    assert_eq!(app.writes().await, before);
    assert_slowed(slowed).await;
}

#[tokio::test]
async fn a_pending_sign_in_expires_after_five_minutes() {
    let app = spawn_app().await;
    let login = "karim@test.example";
    let id = app
        .person(Role::Staff, "Karim", Some(login), Some(PASSWORD))
        .await;
    let (secret, _) = enrol(&app, &app.session_for(id).await).await;
    let pending = password_step(&app, login).await;
    let expires_at = app.count("SELECT expires_at FROM pending_sign_in").await;
    assert!((now() + 295..=now() + 300).contains(&expires_at));
    // Five minutes later.
    sqlx::query("UPDATE pending_sign_in SET expires_at = expires_at - 300")
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let before = app.writes().await;
    let late = send_code(&app, &pending, &code(&secret, 1)).await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert_eq!(app.writes().await, before, "nothing written");
    assert!(set_cookie(&late, "coop_session").is_none());
    let error: AppError = late.json().await.unwrap();
    assert_eq!(
        french(&error),
        "Cette connexion a expiré. Recommencez avec votre mot de passe."
    );
    // The hourly purge takes it away.
    coop_manau::accounts::repo::purge_expired_sessions(&app.state.db.writer, now())
        .await
        .unwrap();
    assert_eq!(app.count("SELECT count(*) FROM pending_sign_in").await, 0);
}

#[tokio::test]
async fn an_admin_without_a_second_factor_is_refused_admin_pages_until_she_enrols() {
    let app = spawn_app().await;
    let login = "direction@test.example";
    app.person(Role::Admin, "Nadia", Some(login), Some(PASSWORD))
        .await;
    // The password alone signs her in (staff pages work)...
    let response = sign_in(&app, login).await;
    assert_eq!(response.headers()[header::LOCATION], "/equipe");
    let cookie = pair(&set_cookie(&response, "coop_session").expect("a session"));
    assert_eq!(
        page(&app, "/api/list_participants", &cookie).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        page(&app, "/equipe", &cookie).await.status(),
        StatusCode::OK
    );
    // ...but not the admins' functions and pages, which say why in French and write nothing.
    let refused = page(&app, "/api/list_staff", &cookie).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let error: AppError = refused.json().await.unwrap();
    assert_eq!(error, AppError::SecondFactorRequired);
    assert_eq!(
        french(&error),
        "Activez la double authentification dans Mon compte pour les pages d'administration."
    );
    let before = app.writes().await;
    let create = app
        .post_as(
            "/api/create_staff",
            &[
                ("first_name", "Nouveau"),
                ("last_name", "Collègue"),
                ("email", "nouveau@test.example"),
                ("role", "staff"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(create.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.writes().await, before);
    let staff_page = page(&app, "/equipe/personnel", &cookie).await;
    assert_eq!(staff_page.status(), StatusCode::FORBIDDEN);
    let html = staff_page.text().await.unwrap();
    assert!(
        html.contains("Activez la double authentification dans Mon compte"),
        "{html}"
    );
    let account = page(&app, "/compte", &cookie).await.text().await.unwrap();
    assert!(account.contains("Obligatoire pour les administrateurs"));

    // Enrolled: the same session opens them; she cannot turn it off.
    enrol(&app, &cookie).await;
    assert_eq!(
        page(&app, "/api/list_staff", &cookie).await.status(),
        StatusCode::OK
    );
    let off = app
        .post_as(
            "/api/disable_second_factor",
            &[("password", PASSWORD)],
            &cookie,
        )
        .await;
    assert_eq!(off.status(), StatusCode::CONFLICT);
    assert_eq!(app.count("SELECT count(*) FROM second_factor").await, 1);
    // Her next sign-in asks for the code.
    password_step(&app, login).await;
}

#[tokio::test]
async fn staff_turn_it_off_with_their_password() {
    let app = spawn_app().await;
    let login = "karim@test.example";
    let id = app
        .person(Role::Staff, "Karim", Some(login), Some(PASSWORD))
        .await;
    let cookie = app.session_for(id).await;
    enrol(&app, &cookie).await;
    let before = app.writes().await;
    let wrong = app
        .post_as(
            "/api/disable_second_factor",
            &[("password", "pas le bon")],
            &cookie,
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.writes().await, before);
    let off = app
        .post_as(
            "/api/disable_second_factor",
            &[("password", PASSWORD)],
            &cookie,
        )
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    assert_eq!(app.count("SELECT count(*) FROM second_factor").await, 0);
    assert_eq!(app.count("SELECT count(*) FROM recovery_code").await, 0);
    let response = sign_in(&app, login).await;
    assert_eq!(response.headers()[header::LOCATION], "/equipe");
    assert!(set_cookie(&response, "coop_session").is_some());
}

#[tokio::test]
async fn a_sign_in_card_still_asks_for_the_code_of_someone_enrolled() {
    let app = spawn_app().await;
    let login = "karim@test.example";
    let id = app
        .person(Role::Staff, "Karim", Some(login), Some(PASSWORD))
        .await;
    let (secret, _) = enrol(&app, &app.session_for(id).await).await;
    let admin = app
        .person(Role::Admin, "Nadia", Some("direction@test.example"), None)
        .await;
    let admin_cookie = app.session_for(admin).await;
    let issued = app
        .post_as(
            "/api/issue_invitation",
            &[("id", &id.to_string())],
            &admin_cookie,
        )
        .await;
    assert_eq!(issued.status(), StatusCode::OK);
    let token: String = issued.json().await.unwrap();
    let claimed = app
        .post_form("/api/claim_invitation", &[("token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(claimed.status(), StatusCode::OK);
    assert_eq!(claimed.headers()[header::LOCATION], "/connexion/code");
    assert!(set_cookie(&claimed, "coop_session").is_none());
    let pending = pair(&set_cookie(&claimed, "coop_code").unwrap());
    let right = send_code(&app, &pending, &code(&secret, 1)).await;
    assert_eq!(right.status(), StatusCode::OK);
    assert!(set_cookie(&right, "coop_session").is_some());
}
