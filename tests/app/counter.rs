//! At the counter: staff (and participants of the sector) take requests for residents through
//! the public forms, without the per-address shares, and get the ticket to print; without the
//! right session the counter cookie changes nothing.

use crate::{
    helpers::{TestApp, spawn_app},
    lunch::{order_form, service_with_dish, staff},
};
use coop_manau::accounts::{Role, token::new_token};
use reqwest::{StatusCode, header};

async fn order(
    app: &TestApp,
    cookie: Option<&str>,
    form: &[(&'static str, String)],
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url("/api/place_lunch_order"))
        .header("sec-fetch-site", "same-origin")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url("/dejeuner"));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.form(form).send().await.unwrap()
}

#[tokio::test]
async fn staff_take_orders_at_the_counter_beyond_one_addresss_share_and_print_the_ticket() {
    let app = spawn_app().await;
    let actor = staff(&app).await;
    let (service, dish, windows) = service_with_dish(&app, &actor, 3, 100).await;
    let session = app.session_for(actor.id).await;
    // Without counter mode, one address holds 4 orders of a service.
    for n in 0..4 {
        let form = order_form(
            service,
            windows[0],
            dish,
            "1",
            &format!("06 12 34 56 7{n}"),
            &new_token(),
        );
        let answer = order(&app, None, &form).await;
        assert!(answer.status().is_redirection(), "order {n}");
        assert!(
            !answer.headers()[header::LOCATION]
                .to_str()
                .unwrap()
                .contains("__err")
        );
    }
    let fifth = order(
        &app,
        None,
        &order_form(
            service,
            windows[0],
            dish,
            "1",
            "06 12 34 56 99",
            &new_token(),
        ),
    )
    .await;
    let location = fifth.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        location.contains("__err"),
        "the fifth from one address is refused: {location}"
    );

    // The counter cookie without a session: nothing changes.
    let anonymous = order(
        &app,
        Some("guichet=1"),
        &order_form(
            service,
            windows[0],
            dish,
            "1",
            "06 12 34 56 98",
            &new_token(),
        ),
    )
    .await;
    assert!(
        anonymous.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("__err")
    );

    // Staff turn counter mode on: the same connection takes more, each answered by its ticket.
    let on = app
        .post_as("/api/set_counter_mode", &[("on", "oui")], &session)
        .await;
    assert_eq!(on.status(), StatusCode::OK);
    assert!(
        on.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .starts_with("guichet=1")
    );
    let counter = format!("{session}; guichet=1");
    let mut tickets = Vec::new();
    for n in 0..3 {
        let key = new_token();
        let answer = order(
            &app,
            Some(&counter),
            &order_form(
                service,
                windows[0],
                dish,
                "2",
                &format!("06 98 76 54 3{n}"),
                &key,
            ),
        )
        .await;
        let location = answer.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            location,
            format!("/guichet/ticket/dejeuner/{key}"),
            "order {n}"
        );
        tickets.push(location);
    }
    let page = app
        .client
        .get(app.url(&tickets[0]))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(
        page.headers()["offline-keep"],
        "never",
        "a resident's link on the coop's computer"
    );
    let html = page.text().await.unwrap();
    for words in [
        "Déjeuner",
        "2 × Couscous",
        "Retrait :",
        "17,00",
        "<svg",
        "/dejeuner/commande/",
    ] {
        assert!(html.contains(words), "{words}");
    }
    // The ticket is the counter's: not for the public, not for a participant of another sector.
    assert_eq!(
        app.get(&tickets[0]).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let seamstress = app.person(Role::Participant, "Aïcha", None, None).await;
    let mut tx = app.state.db.begin_write().await.unwrap();
    coop_manau::accounts::repo::set_sectors(&mut tx, seamstress, &["couture".to_owned()])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let seamstress = app.session_for(seamstress).await;
    let ticket_api = format!(
        "/api/get_counter_ticket?kind=dejeuner&token={}",
        tickets[0].rsplit('/').next().unwrap()
    );
    let answer = app
        .client
        .get(app.url(&ticket_api))
        .header("cookie", &seamstress)
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer.status(),
        StatusCode::OK,
        "the counter is hers too (alterations, hems)"
    );
    // …but her counter cookie does not spare a lunch order from the address's share.
    let cook = app.person(Role::Participant, "Jean", None, None).await;
    let mut tx = app.state.db.begin_write().await.unwrap();
    coop_manau::accounts::repo::set_sectors(&mut tx, cook, &["cuisine".to_owned()])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let cook = app.session_for(cook).await;
    let hers = order(
        &app,
        Some(&format!("{seamstress}; guichet=1")),
        &order_form(
            service,
            windows[0],
            dish,
            "1",
            "06 98 76 54 40",
            &new_token(),
        ),
    )
    .await;
    assert!(
        hers.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("__err")
    );
    let key = new_token();
    let his = order(
        &app,
        Some(&format!("{cook}; guichet=1")),
        &order_form(service, windows[0], dish, "1", "06 98 76 54 41", &key),
    )
    .await;
    assert_eq!(
        his.headers()[header::LOCATION].to_str().unwrap(),
        format!("/guichet/ticket/dejeuner/{key}")
    );
    // Someone without a counter: 403.
    let visitor = app.person(Role::Participant, "Léo", None, None).await;
    let visitor = app.session_for(visitor).await;
    let answer = app
        .client
        .get(app.url("/api/get_counter"))
        .header("cookie", &visitor)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    // An unknown link: 404.
    let answer = app
        .client
        .get(app.url(&format!(
            "/api/get_counter_ticket?kind=ourlets&token={}",
            new_token()
        )))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::NOT_FOUND);
    // Off again.
    let off = app
        .post_as("/api/set_counter_mode", &[("on", "non")], &session)
        .await;
    assert!(
        off.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
}
