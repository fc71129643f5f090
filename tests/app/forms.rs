//! A refused form comes back as it was sent (server::drafts), for this browser only.

use crate::helpers::{TestApp, draft_cookie, spawn_app};
use crate::lunch::{order_form, service_with_dish, staff};
use coop_manau::accounts::token::new_token;
use reqwest::header;

/// A form post as the browser sends it without a script: it asks for a page back.
async fn browser_post(
    app: &TestApp,
    page: &str,
    server_fn: &str,
    form: &[(&str, String)],
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(server_fn))
        .header("sec-fetch-site", "same-origin")
        .header("origin", &app.address)
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::REFERER, app.url(page))
        .form(form);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

async fn page_with(app: &TestApp, location: &str, cookie: Option<&str>) -> String {
    let url = location.split('#').next().unwrap();
    let mut request = app.client.get(url);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap().text().await.unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned()
}

/// The whole tag of `html` that holds `needle`.
fn tag<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in the page"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

#[tokio::test]
async fn a_refused_lunch_order_comes_back_as_typed_at_its_error_summary_for_this_browser_only() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service_id, dish, windows) = service_with_dish(&app, &actor, 6, 10).await;
    let page = format!("/dejeuner/{service_id}/commander");
    let key = new_token();
    let mut form = order_form(service_id, windows[1], dish, "2", "06 12", &key);
    form.retain(|(name, _)| *name != "name");
    form.push(("name", "Léa & \"Martin\"".into()));
    let writes = app.writes().await;

    let refused = browser_post(&app, &page, "/api/place_lunch_order", &form, None).await;
    assert!(refused.status().is_redirection(), "{}", refused.status());
    let back = location(&refused);
    assert!(back.contains(&page) && back.contains("__err="), "{back}");
    assert!(
        back.ends_with("#erreurs"),
        "the page opens at its error summary: {back}"
    );
    let set = draft_cookie(&refused).expect("a draft cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Max-Age=900"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_owned();
    assert_eq!(app.writes().await, writes, "nothing written");

    let html = page_with(&app, &back, Some(&cookie)).await;
    assert!(
        html.contains(r#"value="Léa &amp; &quot;Martin&quot;""#),
        "the name comes back"
    );
    assert!(html.contains(r#"value="06 12""#), "the phone comes back");
    assert!(html.contains(r#"value="2""#), "the quantity comes back");
    assert!(
        tag(&html, &format!(r#"id="window-{}""#, windows[1])).contains("checked"),
        "the pickup time comes back"
    );
    assert!(!tag(&html, &format!(r#"id="window-{}""#, windows[0])).contains("checked"));
    assert!(html.contains(r#"id="erreurs""#) && html.contains("Il y a 1 chose à corriger"));
    assert!(
        html.contains(r##"href="#phone""##),
        "the summary links to the field"
    );
    assert!(html.contains(r#"aria-invalid="true""#));

    // Another browser opening the same address sees an empty form.
    let elsewhere = page_with(&app, &back, None).await;
    assert!(!elsewhere.contains("Léa &amp;") && !elsewhere.contains(r#"value="06 12""#));
    // A made-up draft id finds nothing either.
    let guessed = page_with(&app, &back, Some("brouillon=AAAA")).await;
    assert!(!guessed.contains(r#"value="06 12""#));

    // Corrected, it is accepted, and what was typed is forgotten.
    let form: Vec<_> = form
        .into_iter()
        .map(|(k, v)| {
            if k == "phone" {
                (k, "06 12 34 56 78".to_owned())
            } else {
                (k, v)
            }
        })
        .collect();
    let accepted = browser_post(&app, &page, "/api/place_lunch_order", &form, Some(&cookie)).await;
    assert!(accepted.status().is_redirection());
    assert!(location(&accepted).contains(&format!("/dejeuner/commande/{key}")));
    let cleared = draft_cookie(&accepted).expect("the draft cookie cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let again = page_with(&app, &back, Some(&cookie)).await;
    assert!(!again.contains(r#"value="06 12""#), "the draft is gone");
    assert_eq!(app.state.drafts.bytes(), 0);
}

#[tokio::test]
async fn a_wrong_password_keeps_the_login_and_never_the_password() {
    let app = spawn_app().await;
    let form = [
        ("login", "karim@coopmanau.example".to_owned()),
        ("password", "not-the-password-1".to_owned()),
    ];
    let refused = browser_post(&app, "/connexion", "/api/sign_in", &form, None).await;
    assert!(refused.status().is_redirection());
    let cookie = draft_cookie(&refused).expect("a draft");
    let cookie = cookie.split(';').next().unwrap();
    let html = page_with(&app, &location(&refused), Some(cookie)).await;
    assert!(
        html.contains(r#"value="karim@coopmanau.example""#),
        "the login comes back"
    );
    assert!(!html.contains("not-the-password-1"), "never the password");
    assert!(
        format!(
            "{:?}",
            app.state
                .drafts
                .find(cookie.trim_start_matches("brouillon="), "/api/sign_in")
        )
        .find("not-the-password-1")
        .is_none(),
        "not even kept in memory"
    );
}
