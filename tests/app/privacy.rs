//! What a shared phone or computer may keep, and HTTP as caches expect it: personal answers are
//! never stored by an HTTP cache and are filed for the service worker under their session only;
//! pages with a live secret are never kept; static files answer conditional requests and HEAD,
//! say what varies, and carry no session cookie.

use crate::helpers::{TestApp, spawn_app};
use coop_manau::accounts::Role;
use reqwest::{StatusCode, header};

async fn staff(app: &TestApp) -> (i64, String) {
    let id = app
        .person(Role::Staff, "Salomé", Some("salome@example.org"), None)
        .await;
    (id, app.session_for(id).await)
}

async fn get_as(app: &TestApp, path: &str, cookie: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn personal_pages_are_never_stored_and_are_filed_under_their_session() {
    let app = spawn_app().await;
    let (_, cookie) = staff(&app).await;
    let page = get_as(&app, "/equipe/personnes", &cookie).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()[header::CACHE_CONTROL], "private, no-store");
    let owner = page.headers()["offline-session"]
        .to_str()
        .unwrap()
        .to_owned();
    let (key, expires) = owner.split_once(' ').expect("a key and an expiry");
    assert_eq!(key.len(), 24);
    let token = cookie.split_once('=').unwrap().1;
    assert!(!token.contains(key) && !owner.contains(token));
    let expires: i64 = expires.parse().unwrap();
    assert!(expires > coop_manau::server::now());

    // The same session files every page under the same key; another session, another key.
    let again = get_as(&app, "/compte", &cookie).await;
    assert!(
        again.headers()["offline-session"]
            .to_str()
            .unwrap()
            .starts_with(key)
    );
    let (_, other) = {
        let id = app
            .person(Role::Staff, "Yanis", Some("yanis@example.org"), None)
            .await;
        (id, app.session_for(id).await)
    };
    let theirs = get_as(&app, "/compte", &other).await;
    assert!(
        !theirs.headers()["offline-session"]
            .to_str()
            .unwrap()
            .starts_with(key)
    );

    // Anonymous, or a session that is gone: "none", which makes the worker forget the others.
    let public = app.get("/").await;
    assert_eq!(public.headers()["offline-session"], "none");
    assert_eq!(public.headers()[header::CACHE_CONTROL], "no-cache");
    let gone = "coop_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assert_eq!(
        get_as(&app, "/", gone).await.headers()["offline-session"],
        "none"
    );
}

#[tokio::test]
async fn pages_with_a_live_secret_are_never_kept_offline() {
    let app = spawn_app().await;
    let (_, cookie) = staff(&app).await;
    let participant = app.person(Role::Participant, "Inès", None, None).await;
    let card = app
        .post_as(
            "/api/issue_invitation",
            &[("id", &participant.to_string())],
            &cookie,
        )
        .await;
    let token: String = card.json().await.unwrap();
    let card_path = format!("/equipe/invitation/{token}");
    for (path, cookie) in [
        (card_path.as_str(), cookie.as_str()),
        (&format!("/invitation/{token}"), ""),
    ] {
        let page = get_as(&app, path, cookie).await;
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        assert_eq!(page.headers()["offline-keep"], "never", "{path}");
        assert_eq!(page.headers()[header::CACHE_CONTROL], "private, no-store");
    }
    assert!(
        app.get("/dejeuner")
            .await
            .headers()
            .get("offline-keep")
            .is_none()
    );
}

#[tokio::test]
async fn shared_files_never_carry_a_session_cookie() {
    let app = spawn_app().await;
    let (_, cookie) = staff(&app).await;
    // A session last renewed two hours ago: any page renews it (a new cookie)…
    sqlx::query("UPDATE session SET renewed_at = renewed_at - 7200")
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    for path in ["/pkg/coop-manau.1.js", "/favicon.ico"] {
        let response = get_as(&app, path, &cookie).await;
        assert!(
            response.headers().get(header::SET_COOKIE).is_none(),
            "{path}"
        );
    }
    // …but the publicly cached files never do.
    let page = get_as(&app, "/compte", &cookie).await;
    assert!(page.headers().get(header::SET_COOKIE).is_some());
}

#[tokio::test]
async fn static_files_answer_as_http_expects() {
    let app = spawn_app().await;
    let js = "/pkg/coop-manau.1.js";
    let brotli = app
        .client
        .get(app.url(js))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(brotli.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(brotli.headers()[header::VARY], "Accept-Encoding");
    assert_eq!(
        brotli.headers()[header::CONTENT_TYPE],
        "text/javascript; charset=utf-8"
    );
    let modified = brotli.headers()[header::LAST_MODIFIED].clone();
    let again = app
        .client
        .get(app.url(js))
        .header("if-modified-since", modified)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    let head = app.client.head(app.url(js)).send().await.unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(head.headers()[header::CONTENT_LENGTH], "17");
    assert!(head.bytes().await.unwrap().is_empty());
    let page_head = app.client.head(app.url("/")).send().await.unwrap();
    assert_eq!(page_head.status(), StatusCode::OK);

    let manifest = app.get("/manifest.webmanifest").await;
    assert_eq!(
        manifest.headers()[header::CONTENT_TYPE],
        "application/manifest+json; charset=utf-8"
    );
    let declarations = app.get("/pkg/coop-manau.d.ts").await;
    assert_eq!(declarations.status(), StatusCode::NOT_FOUND);
    assert!(
        declarations
            .text()
            .await
            .unwrap()
            .contains("Page introuvable")
    );
}

#[tokio::test]
async fn the_nonce_is_only_ever_in_nonce_attributes() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    let html = response.text().await.unwrap();
    let everywhere = html.matches(nonce).count();
    let in_nonce_attributes = html.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(
        in_nonce_attributes >= 2,
        "the loader and the worker's script"
    );
    assert_eq!(
        everywhere, in_nonce_attributes,
        "the nonce leaks into another attribute"
    );
    assert!(html.contains(
        r#"<link rel="modulepreload" href="/pkg/coop-manau.1.js" crossorigin="anonymous""#
    ));
}
