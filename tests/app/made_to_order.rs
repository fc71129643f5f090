//! Made to order: a request with photos from the public form (re-encoded, for staff only), its
//! refusals that write nothing, a replay that finds the same request; its quote accepted on the
//! private link becomes a job taken through its steps once each; erasure waits for delivery.

use crate::helpers::{TestApp, draft_cookie, spawn_app};
use coop_manau::{
    accounts::{Role, token::new_token},
    server::now,
    ui::time::{format_date, paris_day},
};
use reqwest::{StatusCode, header, multipart};

const SUBMIT: &str = "/api/send_made_to_order_request";

fn day_in(days: i64) -> String {
    format_date(paris_day(now()) + days)
}

fn photo(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 200) as u8, (y % 200) as u8, 90])
    });
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

/// The public form's fields, as typed by a startup asking for embroidery.
fn fields(key: &str) -> Vec<(&'static str, String)> {
    vec![
        ("idempotency_key", key.to_owned()),
        ("kind", "embroidery".into()),
        (
            "description",
            "Notre logo brodé sur 40 tabliers de cuisine".into(),
        ),
        ("quantity", "40".into()),
        ("wished_day", day_in(40)),
        ("budget", "600".into()),
        ("contact_name", "Yasmine Benali".into()),
        ("email", "yasmine@jeunepousse.example".into()),
        ("phone", "06 12 34 56 78".into()),
        ("organisation", "Jeune Pousse SAS".into()),
        ("siret", "".into()),
        ("consent", "oui".into()),
    ]
}

fn form(fields: Vec<(&'static str, String)>, photos: Vec<Vec<u8>>) -> multipart::Form {
    let mut form = multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name, value);
    }
    if photos.is_empty() {
        // What a browser sends for an empty file input.
        form = form.part("photos", multipart::Part::bytes(Vec::new()).file_name(""));
    }
    for bytes in photos {
        form = form.part(
            "photos",
            multipart::Part::bytes(bytes).file_name("projet.png"),
        );
    }
    form
}

/// Each request from its own address (a connection sends 5 a day at most).
async fn send(app: &TestApp, form: multipart::Form) -> reqwest::Response {
    static SENT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = SENT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    app.client
        .post(app.url(SUBMIT))
        .header("sec-fetch-site", "same-origin")
        .header(
            "x-forwarded-for",
            format!("10.8.{}.{}", n / 200, n % 200 + 1),
        )
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn request_id(app: &TestApp, token: &str) -> i64 {
    app.count(&format!(
        "SELECT id FROM made_to_order_request WHERE token_hash = '{}'",
        coop_manau::accounts::token::hash_token(token)
    ))
    .await
}

async fn staff(app: &TestApp) -> String {
    let id = app
        .person(Role::Staff, "Nadia", Some("nadia@atelier.example"), None)
        .await;
    app.session_for(id).await
}

async fn complete_seller(app: &TestApp, cookie: &str) {
    let answer = app
        .post_as(
            "/api/save_seller",
            &[
                ("seller_name", "Centre social Alma — Coop'Manau"),
                ("legal_form", "Association loi 1901"),
                ("seller_address", "Blanchemaille, 59100 Roubaix"),
                ("siret", "732 829 320 00074"),
                ("vat_note", "TVA non applicable, art. 293 B du CGI"),
                ("penalty_rate", "trois fois le taux d'intérêt légal"),
                ("payment_terms", "Paiement à 30 jours, par virement."),
            ],
            cookie,
        )
        .await;
    assert_eq!(answer.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_request_with_photos_gets_a_reference_and_a_private_link() {
    let app = spawn_app().await;
    let key = new_token();
    let answer = send(
        &app,
        form(fields(&key), vec![photo(2400, 1200), photo(300, 300)]),
    )
    .await;
    assert_eq!(
        answer.status(),
        StatusCode::OK,
        "{}",
        answer.text().await.unwrap()
    );
    let token: String = answer.json().await.unwrap();
    assert_eq!(token, key, "the key becomes the private link");

    // The photos were re-encoded: JPEG, shrunk to 1600 px at most.
    let id = request_id(&app, &token).await;
    let widths: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT width, jpeg FROM made_to_order_photo WHERE request_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.state.db.reader)
    .await
    .unwrap();
    assert_eq!(widths.len(), 2);
    assert_eq!(widths[0].0, 1600);
    assert!(
        widths
            .iter()
            .all(|(_, jpeg)| jpeg.starts_with(&[0xFF, 0xD8]))
    );

    // The private link shows the request without the contact details.
    let page = app.get(&format!("/sur-mesure/demande/{token}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Broderie numérique"), "{html}");
    assert!(html.contains("S-"), "the reference");
    let json: serde_json::Value = app
        .get(&format!("/api/get_made_to_order_request?token={token}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["email"], "");
    assert_eq!(json["phone"], "");

    // The photos are the staff's only, never cached.
    let photo_id: i64 = app
        .count(&format!(
            "SELECT min(id) FROM made_to_order_photo WHERE request_id = {id}"
        ))
        .await;
    let path = format!("/equipe/sur-mesure/photo/{photo_id}");
    assert_eq!(app.get(&path).await.status(), StatusCode::UNAUTHORIZED);
    let cookie = staff(&app).await;
    let served = app
        .client
        .get(app.url(&path))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()[header::CACHE_CONTROL], "private, no-store");

    // The organisation joined the list of client organisations.
    assert_eq!(
        app.count("SELECT count(*) FROM partner WHERE name = 'Jeune Pousse SAS'")
            .await,
        1
    );
    // Replayed: the same link, nothing written.
    let writes = app.writes().await;
    let again = send(&app, form(fields(&key), vec![photo(300, 300)])).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<String>().await.unwrap(), key);
    assert_eq!(app.writes().await, writes, "a replay writes nothing");
}

#[tokio::test]
async fn refused_requests_say_why_in_french_and_write_nothing() {
    let app = spawn_app().await;
    let writes = app.writes().await;
    let with = |name: &'static str, value: &str| {
        let mut all = fields(&new_token());
        all.retain(|(n, _)| *n != name);
        all.push((name, value.to_owned()));
        all
    };
    for (fields, field, key) in [
        (
            with("kind", "sculpture"),
            "kind",
            "made_to_order_kind_required",
        ),
        (
            with("description", "  "),
            "description",
            "description_required",
        ),
        (
            with("quantity", "0"),
            "quantity",
            "made_to_order_quantity_invalid",
        ),
        (with("wished_day", &day_in(-1)), "wished_day", "date_past"),
        (
            with("wished_day", &day_in(3)),
            "wished_day",
            "made_to_order_too_soon",
        ),
        (with("siret", "73282932000075"), "siret", "siret_key_wrong"),
        (with("email", "pas-un-email"), "email", "email_invalid"),
    ] {
        let answer = send(&app, form(fields, vec![])).await;
        assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let body = answer.text().await.unwrap();
        assert!(body.contains(key), "{field}: {body}");
    }
    let six = (0..6).map(|_| photo(40, 40)).collect();
    let answer = send(&app, form(fields(&new_token()), six)).await;
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.text().await.unwrap().contains("too_many_photos"));
    let answer = send(
        &app,
        form(fields(&new_token()), vec![b"%PDF-1.4 not a photo".to_vec()]),
    )
    .await;
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.text().await.unwrap().contains("photo_not_image"));
    let answer = send(&app, form(fields("trop-court"), vec![])).await;
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST, "a forged key");
    assert_eq!(app.writes().await, writes, "nothing written");
    assert_eq!(
        app.count("SELECT count(*) FROM made_to_order_request")
            .await,
        0
    );

    // Without JavaScript the page comes back in French, with a 422.
    let answer = app
        .client
        .post(app.url(SUBMIT))
        .header("sec-fetch-site", "same-origin")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url("/sur-mesure"))
        .multipart(form(with("description", ""), vec![]))
        .send()
        .await
        .unwrap();
    let location = answer.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let page = app.get(location.trim_start_matches(&app.address)).await;
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.text().await.unwrap().contains("Décrivez votre projet"));
}

#[tokio::test]
async fn an_accepted_quote_becomes_a_job_taken_through_its_steps_once_each() {
    let app = spawn_app().await;
    let key = new_token();
    assert_eq!(
        send(&app, form(fields(&key), vec![])).await.status(),
        StatusCode::OK
    );
    let id = request_id(&app, &key).await;
    let cookie = staff(&app).await;
    complete_seller(&app, &cookie).await;
    let id_text = id.to_string();
    let draft = app
        .post_as(
            "/api/new_quote_draft",
            &[("kind", "sur-mesure"), ("request_id", &id_text)],
            &cookie,
        )
        .await;
    assert_eq!(draft.status(), StatusCode::OK);
    let quote: i64 = draft.json().await.unwrap();
    let q = quote.to_string();
    let line = app
        .post_as(
            "/api/add_quote_line",
            &[
                ("quote_id", &q),
                ("designation", "Broderie logo, tablier fourni"),
                ("quantity", "40"),
                ("unit", "pièces"),
                ("unit_price", "14"),
                ("vat", "0"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(line.status(), StatusCode::OK);
    assert_eq!(
        app.post_as("/api/send_quote", &[("quote_id", &q)], &cookie)
            .await
            .status(),
        StatusCode::OK
    );
    let number: String = sqlx::query_scalar("SELECT number FROM quote WHERE id = ?")
        .bind(quote)
        .fetch_one(&app.state.db.reader)
        .await
        .unwrap();

    // Its document names the work and the client; the PDF comes from the made-to-order link.
    let page = app
        .get(&format!("/sur-mesure/demande/{key}/devis/{number}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Broderie numérique · 40 pièce(s)"), "{page}");
    assert!(page.contains("Jeune Pousse SAS"));
    let pdf = app
        .get(&format!(
            "/sur-mesure/demande/{key}/devis/{number}/devis.pdf"
        ))
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    // The same token and number under the catering link are not this quote.
    assert_eq!(
        app.get(&format!("/traiteur/demande/{key}/devis/{number}/devis.pdf"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Accepted on the private link, twice (a double tap): one job.
    for _ in 0..2 {
        let answer = app
            .post_form(
                "/api/answer_quote",
                &[
                    ("kind", "sur-mesure"),
                    ("token", &key),
                    ("number", &number),
                    ("answer", "accept"),
                    ("name", "Yasmine Benali"),
                    ("confirm", "oui"),
                ],
            )
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::OK);
    }
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM made_to_order_job WHERE request_id = {id} AND status = 'to_start'"
        ))
        .await,
        1
    );
    // It counts in the key figures: one made-to-order job this month.
    let mut conn = app.state.db.reader.acquire().await.unwrap();
    let jobs = coop_manau::made_to_order::repo::jobs_between(&mut conn, now() - 86_400, now() + 60)
        .await
        .unwrap();
    assert_eq!(jobs, 1);
    drop(conn);
    // Erasing now would lose the way to hand the work over: refused, nothing written.
    let writes = app.writes().await;
    let erase = app
        .post_form(
            "/api/erase_link_data",
            &[("kind", "sur-mesure"), ("token", &key), ("confirm", "oui")],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(erase.status(), StatusCode::CONFLICT);
    assert_eq!(app.writes().await, writes);

    // Steps, one at a time; a stale tap is refused.
    for from in ["to_start", "in_production", "ready"] {
        let step = app
            .post_as(
                "/api/advance_made_to_order_job",
                &[("id", &id_text), ("from", from)],
                &cookie,
            )
            .await;
        assert_eq!(step.status(), StatusCode::OK, "from {from}");
        let again = app
            .post_as(
                "/api/advance_made_to_order_job",
                &[("id", &id_text), ("from", from)],
                &cookie,
            )
            .await;
        assert_eq!(again.status(), StatusCode::CONFLICT, "twice from {from}");
    }
    let done = app
        .post_as(
            "/api/advance_made_to_order_job",
            &[("id", &id_text), ("from", "delivered")],
            &cookie,
        )
        .await;
    assert_eq!(done.status(), StatusCode::CONFLICT);
    let stamps = app
        .count(&format!(
            "SELECT count(*) FROM made_to_order_job WHERE request_id = {id} AND status = 'delivered'
               AND started_at IS NOT NULL AND ready_at IS NOT NULL AND delivered_at IS NOT NULL"
        ))
        .await;
    assert_eq!(stamps, 1);
    let link = app
        .get(&format!("/sur-mesure/demande/{key}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(link.contains("Fabrication : Livré"), "{link}");
    // Delivered: the person may now erase what the app holds about them.
    let erase = app
        .post_form(
            "/api/erase_link_data",
            &[("kind", "sur-mesure"), ("token", &key), ("confirm", "oui")],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(erase.status(), StatusCode::OK);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM made_to_order_request WHERE id = {id} AND erased_at IS NOT NULL
               AND contact_name = '' AND email = '' AND description = ''"
        ))
        .await,
        1
    );
    assert_eq!(
        app.count("SELECT count(*) FROM made_to_order_job").await,
        1,
        "the job stays for the key figures"
    );
}

#[tokio::test]
async fn someone_elses_link_and_a_withdrawn_request() {
    let app = spawn_app().await;
    let key = new_token();
    assert_eq!(
        send(&app, form(fields(&key), vec![])).await.status(),
        StatusCode::OK
    );
    for token in [new_token(), "x".into()] {
        let page = app.get(&format!("/sur-mesure/demande/{token}")).await;
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
    }
    let cancel = |token: String| {
        let app = &app;
        async move {
            app.post_form("/api/cancel_made_to_order_request", &[("token", &token)])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(cancel(key.clone()).await, StatusCode::OK);
    assert_eq!(
        cancel(key.clone()).await,
        StatusCode::OK,
        "twice: still withdrawn"
    );
    let cookie = staff(&app).await;
    let id = request_id(&app, &key).await.to_string();
    let draft = app
        .post_as(
            "/api/new_quote_draft",
            &[("kind", "sur-mesure"), ("request_id", &id)],
            &cookie,
        )
        .await;
    assert_eq!(
        draft.status(),
        StatusCode::CONFLICT,
        "no quote for a withdrawn request"
    );
}

#[tokio::test]
async fn a_refused_request_keeps_its_photos_for_the_corrected_form_of_this_browser() {
    let app = spawn_app().await;
    let first: coop_manau::made_to_order::api::FormPage = app
        .get("/api/get_made_to_order_form")
        .await
        .json()
        .await
        .unwrap();
    let key = first.idempotency_key.clone();
    assert_eq!(first.kept_photos, 0);
    // Without the consent ticked: refused as a page would be (a redirect), nothing written.
    let mut typed = fields(&key);
    typed.retain(|(name, _)| *name != "consent");
    let writes = app.writes().await;
    let refused = app
        .client
        .post(app.url(SUBMIT))
        .header("sec-fetch-site", "same-origin")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url("/sur-mesure"))
        .header("x-forwarded-for", "10.9.0.1")
        .multipart(form(typed, vec![photo(300, 300), photo(200, 100)]))
        .send()
        .await
        .unwrap();
    assert!(refused.status().is_redirection());
    assert_eq!(app.writes().await, writes);
    let cookie = draft_cookie(&refused)
        .expect("a draft")
        .split(';')
        .next()
        .unwrap()
        .to_owned();

    // This browser's form comes back with the same key and says both photos were received.
    let again: coop_manau::made_to_order::api::FormPage = app
        .client
        .get(app.url("/api/get_made_to_order_form"))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again.idempotency_key, key);
    assert_eq!(again.kept_photos, 2);
    let page = app
        .client
        .get(app.url("/sur-mesure"))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("2 photos déjà reçues"), "{page}");
    // Another browser: a fresh key, nothing kept.
    let other: coop_manau::made_to_order::api::FormPage = app
        .get("/api/get_made_to_order_form")
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(other.idempotency_key, key);
    assert_eq!(other.kept_photos, 0);

    // Corrected without choosing the photos again: the request has them.
    let answer = send(&app, form(fields(&key), Vec::new())).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let id = request_id(&app, &key).await;
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM made_to_order_photo WHERE request_id = {id}"
        ))
        .await,
        2
    );
    assert_eq!(app.state.kept_photos.bytes(), 0, "nothing kept once sent");
}
