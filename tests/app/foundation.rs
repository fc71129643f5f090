use crate::helpers::{CSS_HASH, MAX_BODY_BYTES, spawn_app, spawn_app_with};
use coop_manau::error::AppError;
use reqwest::{StatusCode, header};

#[tokio::test]
async fn healthz_checks_the_database() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), r#"{"status":"ok"}"#);

    app.state.db.writer.close().await;
    assert_eq!(
        app.get("/healthz").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[tokio::test]
async fn the_home_page_is_french_by_default_and_lists_the_coop_and_its_hours() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_LANGUAGE], "fr");
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="fr""#), "{html}");
    assert!(html.contains("Bienvenue à Coop'Manau"));
    for activity in [
        "Conciergerie",
        "Restaurant",
        "Traiteur",
        "Atelier textile",
        "Mobilier en palettes",
    ] {
        assert!(html.contains(activity), "{activity} missing");
    }
    // The restaurant's demo hours come from the database.
    assert!(html.contains("12:00–14:00"));
    assert!(html.contains(&format!("/pkg/coop-manau.{CSS_HASH}.css")));
}

#[tokio::test]
async fn the_browser_language_and_then_the_cookie_choose_the_language() {
    let app = spawn_app().await;
    let english = app
        .client
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    let html = english.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#) && html.contains("Welcome to Coop'Manau"));

    let french = app
        .client
        .get(app.url("/"))
        .header("accept-language", "en-GB")
        .header("cookie", "lang=fr")
        .send()
        .await
        .unwrap();
    assert!(french.text().await.unwrap().contains("Bienvenue"));
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_returns_to_the_page_without_javascript() {
    let app = spawn_app().await;
    let response = app
        .post_form("/api/set_locale", &[("locale", "en")])
        .header("accept", "text/html")
        .header("referer", app.url("/"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()[header::LOCATION].to_str().unwrap();
    assert_eq!(location.trim_end_matches('?'), app.url("/"));
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("Path=/")
    );
}

#[tokio::test]
async fn an_unknown_language_is_a_422_in_french_words_and_sets_nothing() {
    let app = spawn_app().await;
    let response = app
        .post_form("/api/set_locale", &[("locale", "xx")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.headers().get(header::SET_COOKIE).is_none());
    let error: AppError = response.json().await.unwrap();
    assert_eq!(error.field("locale"), Some("locale_unknown"));

    // Without JavaScript the error comes back in the address of the page, which shows it.
    let response = app
        .post_form("/api/set_locale", &[("locale", "xx")])
        .header("accept", "text/html")
        .header("referer", app.url("/"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.contains("__err="));
    let page = app
        .client
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Cette langue n&#x27;est pas disponible")
            || page.contains("Cette langue n'est pas disponible"),
        "{page}"
    );
}

#[tokio::test]
async fn a_malformed_server_function_call_is_a_400_not_a_500() {
    let app = spawn_app().await;
    let response = app
        .post_form("/api/set_locale", &[("nothing", "here")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = app
        .post_form("/api/no_such_function", &[])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
}

#[tokio::test]
async fn unknown_pages_answer_404_in_french() {
    let app = spawn_app().await;
    let response = app.get("/nulle-part").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let html = response.text().await.unwrap();
    assert!(html.contains("Page introuvable") && html.contains(r#"lang="fr""#));
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_with_413() {
    let app = spawn_app().await;
    let big = "x".repeat(MAX_BODY_BYTES + 1);
    let response = app
        .post_form("/api/set_locale", &[("locale", &big)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.headers().get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let fetch_metadata = app
        .client
        .post(app.url("/api/set_locale"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("locale", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(fetch_metadata.status(), StatusCode::FORBIDDEN);
    assert!(fetch_metadata.headers().get(header::SET_COOKIE).is_none());

    let foreign_origin = app
        .client
        .post(app.url("/api/set_locale"))
        .header("origin", "https://evil.example")
        .form(&[("locale", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(foreign_origin.status(), StatusCode::FORBIDDEN);
    assert!(foreign_origin.headers().get(header::SET_COOKIE).is_none());

    // The same request from the site itself goes through.
    let own = app
        .post_form("/api/set_locale", &[("locale", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    assert!(own.headers().get(header::SET_COOKIE).is_some());
}

#[tokio::test]
async fn pages_carry_a_nonce_csp_and_the_security_headers() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    let headers = response.headers().clone();
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("script-src 'nonce-")
            && csp.contains("'strict-dynamic'")
            && csp.contains("'wasm-unsafe-eval'")
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    let html = response.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "scripts carry the nonce"
    );
    assert_security_headers(&headers);
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn built_assets_are_cached_for_a_year_and_carry_the_headers() {
    let app = spawn_app().await;
    let response = app.get(&format!("/pkg/coop-manau.{CSS_HASH}.css")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_security_headers(response.headers());
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'none'"));

    let manifest = app.get("/manifest.webmanifest").await;
    assert_eq!(manifest.status(), StatusCode::OK);
    assert_eq!(manifest.headers()[header::CACHE_CONTROL], "no-cache");
}

fn assert_security_headers(headers: &reqwest::header::HeaderMap) {
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert!(
        headers["permissions-policy"]
            .to_str()
            .unwrap()
            .contains("geolocation=()")
    );
    assert_eq!(headers["x-frame-options"], "DENY");
}

#[tokio::test]
async fn html_and_assets_are_compressed() {
    let app = spawn_app().await;
    for path in ["/", &format!("/pkg/coop-manau.{CSS_HASH}.css")] {
        for encoding in ["br", "gzip"] {
            let response = app
                .client
                .get(app.url(path))
                .header("accept-encoding", encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.headers()[header::CONTENT_ENCODING],
                encoding,
                "{path}"
            );
        }
    }
}

#[tokio::test]
async fn the_service_worker_precaches_this_build_and_the_offline_page() {
    let app = spawn_app().await;
    let response = app.get("/sw.js").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    let script = response.text().await.unwrap();
    assert!(script.contains(&format!("\"/pkg/coop-manau.{CSS_HASH}.css\"")));
    assert!(script.contains("\"/offline\""));

    let offline = app.get("/offline").await;
    assert_eq!(offline.status(), StatusCode::OK);
    assert!(offline.text().await.unwrap().contains("Pas de connexion"));
}

#[tokio::test]
async fn read_only_server_functions_answer_get_with_json() {
    let app = spawn_app().await;
    let response = app.get("/api/list_service_hours").await;
    assert_eq!(response.status(), StatusCode::OK);
    let services: Vec<coop_manau::home::ServiceHours> = response.json().await.unwrap();
    let restaurant = services.iter().find(|s| s.slug == "restaurant").unwrap();
    assert_eq!(
        restaurant
            .hours
            .iter()
            .map(|h| h.weekday)
            .collect::<Vec<_>>(),
        vec![2, 4]
    );
}

#[tokio::test]
async fn demo_data_is_seeded_only_in_demo_mode_and_only_once() {
    let production = spawn_app_with(false).await;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM opening_hours")
        .fetch_one(&production.state.db.reader)
        .await
        .unwrap();
    assert_eq!(count, 0);

    let demo = spawn_app().await;
    let count = || {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM opening_hours")
            .fetch_one(&demo.state.db.reader)
    };
    let before = count().await.unwrap();
    assert!(before > 0);
    coop_manau::server::demo::seed(&demo.state.db)
        .await
        .unwrap();
    assert_eq!(count().await.unwrap(), before);
}

#[tokio::test]
async fn sqlite_pragmas_are_in_force_on_both_pools() {
    let app = spawn_app().await;
    for pool in [&app.state.db.writer, &app.state.db.reader] {
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(journal, "wal");
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(synchronous, 2, "FULL");
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(foreign_keys, 1);
        let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(busy, 5000);
    }
    // The reader cannot write, and write transactions take the lock up front.
    assert!(
        sqlx::query("DELETE FROM opening_hours")
            .execute(&app.state.db.reader)
            .await
            .is_err()
    );
    let mut tx = app.state.db.begin_write().await.unwrap();
    sqlx::query("DELETE FROM opening_hours WHERE weekday = 7")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_pages_small_script_is_one_cached_file_named_by_its_content() {
    let app = spawn_app().await;
    let html = app.get("/").await.text().await.unwrap();
    let path = coop_manau::server::shell::ENHANCE_PATH.as_str();
    assert!(
        path.starts_with("/enhance.") && path.ends_with(".js"),
        "{path}"
    );
    // Referenced with the page's nonce (the CSP allows nothing else), not inlined.
    let tag = html
        .split("<script")
        .find(|tag| tag.contains(path))
        .expect("the page loads the script");
    assert!(tag.contains("nonce="), "{tag}");
    assert!(!html.contains("data-keep-fresh]\")"), "not inline any more");
    let script = app
        .client
        .get(app.url(path))
        .header(header::ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), StatusCode::OK);
    assert_eq!(
        script.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(script.headers()[header::CONTENT_ENCODING], "br");
    // The service worker keeps it for offline pages.
    let worker = app.get("/sw.js").await.text().await.unwrap();
    assert!(worker.contains(path));
}
