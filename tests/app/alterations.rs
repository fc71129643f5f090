//! The conciergerie end to end over HTTP: a request with photos, its tracking link, staff
//! decisions through the state machine, replays, and every kind of bad input refused with a
//! 4xx and nothing written.

use crate::helpers::{MAX_UPLOAD_BYTES, TestApp, draft_cookie, spawn_app};
use coop_manau::{
    accounts::Role,
    alterations::{RequestDraft, Service, Status, format_day, weekday},
    error::AppError,
    server::now,
    ui::time::paris_day,
};
use reqwest::{StatusCode, header, multipart};

const SUBMIT: &str = "/api/submit_alteration_request";

/// A line of the form: service id, quantity, note, photo.
struct Line {
    service: String,
    quantity: String,
    note: String,
    photo: Option<(Vec<u8>, &'static str)>,
}

fn line(service: i64, quantity: u32) -> Line {
    Line {
        service: service.to_string(),
        quantity: quantity.to_string(),
        note: String::new(),
        photo: None,
    }
}

/// The form as the request page sends it; `edit` changes the fields before building.
struct Form {
    key: String,
    lines: Vec<Line>,
    fields: Vec<(&'static str, String)>,
}

impl Form {
    fn new(key: &str, day: &str, lines: Vec<Line>) -> Form {
        Form {
            key: key.to_owned(),
            lines,
            fields: vec![
                ("dropoff_date", day.to_owned()),
                ("partner_id", String::new()),
                ("contact_name", "Fatou Ndiaye".into()),
                ("phone", "06 12 34 56 78".into()),
                ("email", String::new()),
                ("consent", "oui".into()),
            ],
        }
    }

    fn set(mut self, name: &'static str, value: &str) -> Form {
        self.fields.retain(|(n, _)| *n != name);
        if !value.is_empty() || name != "consent" {
            self.fields.push((name, value.to_owned()));
        }
        self
    }

    fn build(self) -> multipart::Form {
        let mut form = multipart::Form::new().text("idempotency_key", self.key);
        for (i, line) in self.lines.into_iter().enumerate() {
            form = form
                .text(format!("item_service_{i}"), line.service)
                .text(format!("item_quantity_{i}"), line.quantity)
                .text(format!("item_note_{i}"), line.note);
            let part = match line.photo {
                Some((bytes, name)) => multipart::Part::bytes(bytes).file_name(name),
                // What a browser sends for an empty file input.
                None => multipart::Part::bytes(Vec::new()).file_name(""),
            };
            form = form.part(format!("item_photo_{i}"), part);
        }
        for (name, value) in self.fields {
            form = form.text(name, value);
        }
        form
    }
}

/// Sends the form as a page without JavaScript does (it expects HTML back).
async fn send_as_page(app: &TestApp, form: Form) -> reqwest::Response {
    app.client
        .post(app.url(SUBMIT))
        .header("sec-fetch-site", "same-origin")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url("/retouches/demande?q1=2"))
        .multipart(form.build())
        .send()
        .await
        .unwrap()
}

/// Sends the form as a script would: errors come back with their status.
async fn send(app: &TestApp, form: Form) -> reqwest::Response {
    app.client
        .post(app.url(SUBMIT))
        .header("sec-fetch-site", "same-origin")
        .multipart(form.build())
        .send()
        .await
        .unwrap()
}

async fn services(app: &TestApp) -> Vec<Service> {
    app.get("/api/list_alteration_services")
        .await
        .json()
        .await
        .unwrap()
}

async fn draft(app: &TestApp, choices: &str) -> RequestDraft {
    app.get(&format!("/api/get_alteration_draft?choices={choices}"))
        .await
        .json()
        .await
        .unwrap()
}

fn photo(format: image::ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 200) as u8, (y % 200) as u8, 120])
    });
    let mut bytes = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

fn token_of(location: &str) -> String {
    location
        .trim_start_matches("/retouches/suivi/")
        .split('?')
        .next()
        .unwrap()
        .to_owned()
}

async fn staff(app: &TestApp) -> String {
    let id = app
        .person(Role::Staff, "Claire", Some("claire@test.example"), None)
        .await;
    app.session_for(id).await
}

#[tokio::test]
async fn a_request_with_photos_goes_from_the_phone_to_pickup() {
    let app = spawn_app().await;
    let services = services(&app).await;
    let hem = services
        .iter()
        .find(|s| s.price_cents == Some(900))
        .unwrap();
    let quote = services.iter().find(|s| s.price_cents.is_none()).unwrap();

    // Step 2 of the form prices the choice before anything is sent.
    let draft = draft(&app, &format!("{}:2,{}:1", hem.id, quote.id)).await;
    assert_eq!(draft.estimate.total_cents, 1800);
    assert!(draft.estimate.has_quote_items);
    assert!(!draft.days.is_empty());

    let mut first = line(hem.id, 2);
    first.note = "Pantalons bleus, raccourcir de 3 cm".into();
    first.photo = Some((photo(image::ImageFormat::Png, 2400, 1800), "ourlet.png"));
    let mut second = line(quote.id, 1);
    second.photo = Some((photo(image::ImageFormat::Jpeg, 400, 300), "manteau.jpg"));
    let writes = app.writes().await;
    let response = send_as_page(
        &app,
        Form::new(&draft.idempotency_key, &draft.days[0], vec![first, second]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.starts_with("/retouches/suivi/") && location.ends_with("?envoyee=1"));
    let token = token_of(&location);
    assert_eq!(token, draft.idempotency_key);
    assert!(app.writes().await > writes);

    // Photos were re-encoded: JPEG, at most 1600 px, no metadata.
    let stored: Vec<(Vec<u8>, i64, i64)> =
        sqlx::query_as("SELECT jpeg, width, height FROM alteration_photo ORDER BY item_id")
            .fetch_all(&app.state.db.reader)
            .await
            .unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!((stored[0].1, stored[0].2), (1600, 1200));
    assert!(
        stored
            .iter()
            .all(|(jpeg, _, _)| jpeg.starts_with(&[0xFF, 0xD8]))
    );

    // The tracking page: reference, status, estimate; nobody else's contact details.
    let page = app.get(&location).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("private")
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("Demande envoyée") && html.contains("18,00 € + sur devis"));
    assert!(
        !html.contains("06 12 34 56 78"),
        "the link may be shared: no phone on it"
    );

    // Staff see it in the queue, with its photo.
    let cookie = staff(&app).await;
    let id: i64 = app.count("SELECT max(id) FROM alteration_request").await;
    let queue = app
        .client
        .get(app.url("/equipe/retouches?statut=requested"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(queue.contains("Fatou Ndiaye"));
    let item: i64 = app
        .count(&format!(
            "SELECT min(id) FROM alteration_item WHERE request_id = {id}"
        ))
        .await;
    let photo = app
        .client
        .get(app.url(&format!("/equipe/retouches/photo/{item}")))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(photo.status(), StatusCode::OK);
    assert_eq!(photo.headers()[header::CONTENT_TYPE], "image/jpeg");

    // An illegal step is refused and writes nothing.
    let writes = app.writes().await;
    let id_text = id.to_string();
    let refused = app
        .post_as(
            "/api/decide_alteration_request",
            &[("id", &id_text), ("decision", "mark_ready")],
            &cookie,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert_eq!(
        refused.json::<AppError>().await.unwrap(),
        AppError::Conflict("transition_not_allowed".into())
    );
    assert_eq!(app.writes().await, writes);

    // Accept with a price, drop off on a shelf, ready.
    for form in [
        vec![
            ("decision", "accept"),
            ("price", "32,50"),
            ("dropoff_date", draft.days[0].as_str()),
        ],
        vec![("decision", "drop_off"), ("shelf", "B4")],
        vec![("decision", "start")],
        vec![("decision", "mark_ready")],
    ] {
        let mut form = form;
        form.push(("id", &id_text));
        let response = app
            .post_as("/api/decide_alteration_request", &form, &cookie)
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{form:?}");
    }
    let html = app.get(&location).await.text().await.unwrap();
    assert!(html.contains("Prête") && html.contains("32,50 €"));
    assert!(!html.contains("Annuler ma demande"), "too late to cancel");
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM audit_log WHERE object_type = 'alteration_request' AND object_id = '{id}'"
        ))
        .await,
        4
    );
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM alteration_event WHERE request_id = {id}"
        ))
        .await,
        5,
        "sent, accepted, dropped off, in progress, ready"
    );

    // Cancelling now is too late: 409, nothing written.
    let writes = app.writes().await;
    let late = app
        .post_form("/api/cancel_alteration_request", &[("token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert_eq!(app.writes().await, writes);
}

#[tokio::test]
async fn the_same_form_sent_twice_is_one_request() {
    let app = spawn_app().await;
    let hem = services(&app).await[0].id;
    let draft = draft(&app, &format!("{hem}:1")).await;
    let before = app.count("SELECT count(*) FROM alteration_request").await;
    let first = send_as_page(
        &app,
        Form::new(&draft.idempotency_key, &draft.days[0], vec![line(hem, 1)]),
    )
    .await;
    let writes = app.writes().await;
    let again = send_as_page(
        &app,
        Form::new(&draft.idempotency_key, &draft.days[0], vec![line(hem, 1)]),
    )
    .await;
    assert_eq!(
        first.headers()[header::LOCATION],
        again.headers()[header::LOCATION]
    );
    assert_eq!(app.writes().await, writes, "the replay wrote nothing");
    assert_eq!(
        app.count("SELECT count(*) FROM alteration_request").await,
        before + 1
    );
}

/// At the counter, staff send the same form for a resident: the answer is the ticket to print,
/// with the garments, the drop-off day, the estimate and the QR code of the private link.
#[tokio::test]
async fn at_the_counter_the_request_is_answered_with_its_ticket() {
    let app = spawn_app().await;
    let hem = services(&app).await[0].id;
    let staff = app
        .person(Role::Staff, "Claire", Some("claire@test.example"), None)
        .await;
    let session = app.session_for(staff).await;
    let draft = draft(&app, &format!("{hem}:2")).await;
    let answer = app
        .client
        .post(app.url(SUBMIT))
        .header("sec-fetch-site", "same-origin")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url("/retouches/demande?q1=2"))
        .header("cookie", format!("{session}; guichet=1"))
        .multipart(Form::new(&draft.idempotency_key, &draft.days[0], vec![line(hem, 2)]).build())
        .send()
        .await
        .unwrap();
    let location = answer.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        location,
        format!("/guichet/ticket/retouche/{}", draft.idempotency_key)
    );
    let html = app
        .client
        .get(app.url(&location))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for words in ["Retouche", "2 × ", "Dépôt :", "<svg", "/retouches/suivi/"] {
        assert!(html.contains(words), "{words}");
    }
}

/// Only the form's own key makes a replay: another UNIQUE violation (here one a test index
/// provokes) is a failure the person is told of, never a success with a link to nothing.
#[tokio::test]
async fn a_unique_violation_other_than_the_forms_key_is_not_taken_for_a_replay() {
    let app = spawn_app().await;
    let hem = services(&app).await[0].id;
    sqlx::query(
        "CREATE UNIQUE INDEX test_one_request_per_name ON alteration_request (contact_name)",
    )
    .execute(&app.state.db.writer)
    .await
    .unwrap();
    let first = draft(&app, &format!("{hem}:1")).await;
    let sent = send(
        &app,
        Form::new(&first.idempotency_key, &first.days[0], vec![line(hem, 1)]),
    )
    .await;
    assert_eq!(sent.status(), StatusCode::OK);
    let before = app.count("SELECT count(*) FROM alteration_request").await;
    let second = draft(&app, &format!("{hem}:1")).await;
    let refused = send(
        &app,
        Form::new(&second.idempotency_key, &second.days[0], vec![line(hem, 1)]),
    )
    .await;
    assert_ne!(
        refused.status(),
        StatusCode::OK,
        "a request that was not recorded must not be answered as if it were"
    );
    assert_eq!(
        app.count("SELECT count(*) FROM alteration_request").await,
        before,
        "nothing written"
    );
}

#[tokio::test]
async fn the_person_can_cancel_until_drop_off_and_wrong_links_are_404() {
    let app = spawn_app().await;
    let hem = services(&app).await[0].id;
    let draft = draft(&app, &format!("{hem}:1")).await;
    let sent = send_as_page(
        &app,
        Form::new(&draft.idempotency_key, &draft.days[0], vec![line(hem, 1)]),
    )
    .await;
    let token = token_of(sent.headers()[header::LOCATION].to_str().unwrap());

    let other = coop_manau::accounts::token::new_token();
    for path in [
        format!("/retouches/suivi/{other}"),
        "/retouches/suivi/court".to_owned(),
    ] {
        assert_eq!(
            app.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let writes = app.writes().await;
    let wrong = app
        .post_form("/api/cancel_alteration_request", &[("token", &other)])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.writes().await, writes);

    let cancelled = app
        .post_form("/api/cancel_alteration_request", &[("token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), StatusCode::OK);
    let html = app
        .get(&format!("/retouches/suivi/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Vous avez annulé cette demande."));
}

#[tokio::test]
async fn bad_requests_get_a_french_message_and_write_nothing() {
    let app = spawn_app().await;
    let services = services(&app).await;
    let hem = services[0].id;
    let draft = draft(&app, &format!("{hem}:1")).await;
    let day = draft.days[0].clone();
    let today = paris_day(now());
    let closed_day = (today..today + 14)
        .find(|d| weekday(*d) == 3)
        .map(format_day)
        .unwrap();
    let yesterday = format_day(today - 1);

    // An inactive service.
    let cookie = staff(&app).await;
    let hidden = app
        .post_as(
            "/api/save_alteration_service",
            &[
                ("name", "Broderie"),
                ("price", "20"),
                ("turnaround_days", "5"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(hidden.status(), StatusCode::OK);
    let inactive: i64 = app
        .count("SELECT id FROM alteration_service WHERE name = 'Broderie'")
        .await;

    let with_photo = |bytes: Vec<u8>, name: &'static str| {
        let mut l = line(hem, 1);
        l.photo = Some((bytes, name));
        vec![l]
    };
    let mut long_note = line(hem, 1);
    long_note.note = "é".repeat(201);
    let key = |n: u8| format!("{}{n:02}", "k".repeat(41));
    let cases: Vec<(&str, Form, &str, &str)> = vec![
        (
            "unknown service",
            Form::new(&key(1), &day, vec![line(999_999, 1)]),
            "item_service_0",
            "service_unavailable",
        ),
        (
            "inactive service",
            Form::new(&key(2), &day, vec![line(inactive, 1)]),
            "item_service_0",
            "service_unavailable",
        ),
        (
            "quantity 0",
            Form::new(&key(3), &day, vec![line(hem, 0)]),
            "item_quantity_0",
            "quantity_invalid",
        ),
        (
            "quantity 21",
            Form::new(&key(4), &day, vec![line(hem, 21)]),
            "item_quantity_0",
            "quantity_invalid",
        ),
        (
            "no item",
            Form::new(&key(5), &day, vec![]),
            "items",
            "items_required",
        ),
        (
            "no contact",
            Form::new(&key(6), &day, vec![line(hem, 1)]).set("phone", ""),
            "phone",
            "contact_required",
        ),
        (
            "malformed phone",
            Form::new(&key(7), &day, vec![line(hem, 1)]).set("phone", "12"),
            "phone",
            "phone_invalid",
        ),
        (
            "no consent",
            Form::new(&key(8), &day, vec![line(hem, 1)]).set("consent", ""),
            "consent",
            "consent_required",
        ),
        (
            "oversized note",
            Form::new(&key(9), &day, vec![long_note]),
            "item_note_0",
            "note_too_long",
        ),
        (
            "not an image",
            Form::new(
                &key(10),
                &day,
                with_photo(b"%PDF-1.7 facture".to_vec(), "photo.jpg"),
            ),
            "item_photo_0",
            "photo_not_image",
        ),
        (
            "photo over 8 MB",
            Form::new(
                &key(11),
                &day,
                with_photo(vec![0xFF; 8 * 1024 * 1024 + 1], "big.jpg"),
            ),
            "item_photo_0",
            "photo_too_large",
        ),
        (
            "closed day",
            Form::new(&key(12), &closed_day, vec![line(hem, 1)]),
            "dropoff_date",
            "dropoff_day_invalid",
        ),
        (
            "past day",
            Form::new(&key(13), &yesterday, vec![line(hem, 1)]),
            "dropoff_date",
            "dropoff_day_invalid",
        ),
        (
            "unknown partner",
            Form::new(&key(14), &day, vec![line(hem, 1)]).set("partner_id", "424242"),
            "partner_id",
            "partner_unknown",
        ),
    ];
    for (case, form, field, message) in cases {
        let writes = app.writes().await;
        let response = send(&app, form).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{case}"
        );
        let error: AppError = response.json().await.unwrap();
        assert_eq!(error.field(field), Some(message), "{case}: {error:?}");
        assert_eq!(app.writes().await, writes, "{case} wrote");
    }

    // Unreadable: a key that is not one the server made, a body that is not multipart.
    let writes = app.writes().await;
    let response = send(&app, Form::new("short", &day, vec![line(hem, 1)])).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = app
        .post_form(SUBMIT, &[("idempotency_key", "x")])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
    // Bigger than the upload bound: refused before it is read, in French.
    let response = app
        .client
        .post(app.url(SUBMIT))
        .header("sec-fetch-site", "same-origin")
        .multipart(
            Form::new(
                &key(20),
                &day,
                with_photo(vec![0; MAX_UPLOAD_BYTES], "big.jpg"),
            )
            .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.text().await.unwrap().contains("8 Mo"));
    // From another site: refused.
    let response = app
        .client
        .post(app.url(SUBMIT))
        .header("sec-fetch-site", "cross-site")
        .multipart(Form::new(&key(21), &day, vec![line(hem, 1)]).build())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.writes().await, writes);

    // Without JavaScript the error comes back to the form page, which says it in French.
    let response = send_as_page(
        &app,
        Form::new(&key(22), &day, vec![line(hem, 1)]).set("consent", ""),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let page = app.client.get(&back).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.text().await.unwrap().contains("Cochez cette case"));
}

/// A PNG of 10,000 × 10,000 black pixels: ~0.3 MB sent, 300 MB once decoded.
fn png_bomb() -> Vec<u8> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let side = 10_000;
    let pixels = vec![0u8; side as usize * side as usize * 3];
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::NoFilter)
        .write_image(&pixels, side, side, image::ExtendedColorType::Rgb8)
        .unwrap();
    bytes
}

#[tokio::test]
async fn a_photo_bomb_is_refused_from_its_header_and_a_phone_photo_is_not() {
    let app = spawn_app().await;
    let hem = services(&app).await[0].id;
    let draft = draft(&app, &format!("{hem}:1")).await;
    let bomb = png_bomb();
    assert!(bomb.len() < 8 * 1024 * 1024, "{} bytes", bomb.len());
    let with_photo = |bytes: Vec<u8>, name: &'static str| {
        let mut l = line(hem, 1);
        l.photo = Some((bytes, name));
        vec![l]
    };

    let writes = app.writes().await;
    let started = std::time::Instant::now();
    let response = send(
        &app,
        Form::new(
            &draft.idempotency_key,
            &draft.days[0],
            with_photo(bomb.clone(), "noir.png"),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: AppError = response.json().await.unwrap();
    assert_eq!(error.field("item_photo_0"), Some("photo_too_many_pixels"));
    // Decoding it took seconds of CPU and 300 MB; refusing it from its header does not.
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(app.writes().await, writes);
    // Without JavaScript, the form page says why in French.
    let response = send_as_page(
        &app,
        Form::new(
            &draft.idempotency_key,
            &draft.days[0],
            with_photo(bomb, "noir.png"),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let page = app.client.get(&back).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.text().await.unwrap().contains("trop grande en pixels"));
    assert_eq!(app.writes().await, writes);

    // A 12 MP phone photo still goes through, shrunk.
    let response = send_as_page(
        &app,
        Form::new(
            &draft.idempotency_key,
            &draft.days[0],
            with_photo(photo(image::ImageFormat::Jpeg, 4000, 3000), "ourlet.jpg"),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()[header::LOCATION].to_str().unwrap();
    assert!(location.starts_with("/retouches/suivi/"), "{location}");
    let size: (i64, i64) = sqlx::query_as("SELECT width, height FROM alteration_photo")
        .fetch_one(&app.state.db.reader)
        .await
        .unwrap();
    assert_eq!(size, (1600, 1200));
}

#[tokio::test]
async fn when_every_decoder_is_taken_a_request_is_told_to_come_back() {
    let app = spawn_app().await;
    let hem = services(&app).await[0].id;
    let draft = draft(&app, &format!("{hem}:1")).await;
    // Hold every turn of the app's gate, as long decodes would.
    let cores = std::thread::available_parallelism().unwrap().get();
    let (release, held) = std::sync::mpsc::channel::<()>();
    let held = std::sync::Arc::new(std::sync::Mutex::new(held));
    let (started, mut running) = tokio::sync::mpsc::unbounded_channel();
    let holders: Vec<_> = (0..cores)
        .map(|_| {
            let (gate, held, started) = (
                app.state.photo_decodes.clone(),
                held.clone(),
                started.clone(),
            );
            tokio::spawn(async move {
                gate.run(move || {
                    started.send(()).unwrap();
                    held.lock().unwrap().recv().unwrap();
                })
                .await
            })
        })
        .collect();
    for _ in 0..cores {
        running.recv().await.unwrap();
    }

    let mut with_photo = line(hem, 1);
    with_photo.photo = Some((photo(image::ImageFormat::Jpeg, 400, 300), "ourlet.jpg"));
    let writes = app.writes().await;
    let form = || Form::new(&draft.idempotency_key, &draft.days[0], vec![]);
    let mut busy = form();
    busy.lines.push(with_photo);
    let response = send(&app, busy).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()[header::RETRY_AFTER], "5");
    let error: AppError = response.json().await.unwrap();
    assert_eq!(
        error,
        AppError::Unavailable {
            retry_after_secs: 5
        }
    );
    assert_eq!(app.writes().await, writes);
    // A request without photos does not wait for a decoder.
    let mut plain = form();
    plain.lines.push(line(hem, 1));
    assert_eq!(send_as_page(&app, plain).await.status(), StatusCode::FOUND);

    for _ in 0..cores {
        release.send(()).unwrap();
    }
    for holder in holders {
        holder.await.unwrap().unwrap();
    }
}

#[tokio::test]
async fn one_address_may_send_twenty_requests_in_ten_minutes() {
    let app = spawn_app().await;
    let hem = services(&app).await[0].id;
    let draft = draft(&app, &format!("{hem}:1")).await;
    let refused =
        || Form::new(&draft.idempotency_key, &draft.days[0], vec![line(hem, 1)]).set("consent", "");
    // The budget in server::rate_limit: refused forms count too (each may carry photos).
    for _ in 0..20 {
        let response = send(&app, refused()).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let writes = app.writes().await;
    let response = send(
        &app,
        Form::new(&draft.idempotency_key, &draft.days[0], vec![line(hem, 1)]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = response.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((500..=600).contains(&retry_after), "{retry_after}");
    assert!(matches!(
        response.json::<AppError>().await.unwrap(),
        AppError::RateLimited { .. }
    ));
    assert_eq!(app.writes().await, writes);
}

#[tokio::test]
async fn photos_are_for_staff_only() {
    let app = spawn_app().await;
    let participant = app.person(Role::Participant, "Jean", None, None).await;
    let participant = app.session_for(participant).await;
    for (cookie, status) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some(participant.as_str()), StatusCode::FORBIDDEN),
    ] {
        let mut request = app.client.get(app.url("/equipe/retouches/photo/1"));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        assert_eq!(request.send().await.unwrap().status(), status);
    }
    let cookie = staff(&app).await;
    let missing = app
        .client
        .get(app.url("/equipe/retouches/photo/999999"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn staff_keep_the_price_list_and_partners() {
    let app = spawn_app().await;
    let cookie = staff(&app).await;
    let writes = app.writes().await;
    for (form, field, key) in [
        (
            vec![("name", ""), ("turnaround_days", "3")],
            "name",
            "service_name_invalid",
        ),
        (
            vec![("name", "Ourlet de pantalon"), ("turnaround_days", "3")],
            "name",
            "service_name_taken",
        ),
        (
            vec![
                ("name", "Broderie"),
                ("price", "douze"),
                ("turnaround_days", "3"),
            ],
            "price",
            "price_invalid",
        ),
        (
            vec![("name", "Broderie"), ("turnaround_days", "99")],
            "turnaround_days",
            "turnaround_invalid",
        ),
    ] {
        let response = app
            .post_as("/api/save_alteration_service", &form, &cookie)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{form:?}"
        );
        assert_eq!(
            response.json::<AppError>().await.unwrap().field(field),
            Some(key)
        );
    }
    assert_eq!(app.writes().await, writes);

    let response = app
        .post_as(
            "/api/save_alteration_service",
            &[
                ("name", "Broderie numérique"),
                ("price", ""),
                ("turnaround_days", "7"),
                ("active", "oui"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let added = services(&app).await;
    let broderie = added
        .iter()
        .find(|s| s.name == "Broderie numérique")
        .unwrap();
    assert_eq!(broderie.price_cents, None, "empty price: on quote");

    let response = app
        .post_as("/api/create_partner", &[("name", "la redoute")], &cookie)
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "names are unique, any case"
    );
    let response = app
        .post_as(
            "/api/create_partner",
            &[("name", "Auchan Roubaix")],
            &cookie,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn drop_off_days_follow_the_conciergerie_hours_staff_set() {
    let app = spawn_app().await;
    let cookie = staff(&app).await;
    let hem = services(&app).await[0].id;
    let wednesday = |days: &[String]| {
        days.iter()
            .any(|d| coop_manau::alterations::parse_day(d).is_some_and(|d| weekday(d) == 3))
    };
    assert!(!wednesday(&draft(&app, &format!("{hem}:1")).await.days));

    let writes = app.writes().await;
    for (form, field, key) in [
        (
            vec![("weekday", "3"), ("opens", "14:00"), ("closes", "09:00")],
            "closes",
            "hours_invalid",
        ),
        (
            vec![("weekday", "3"), ("opens", "midi"), ("closes", "14:00")],
            "opens",
            "hours_invalid",
        ),
        (
            vec![("weekday", "1"), ("opens", "10:00"), ("closes", "11:00")],
            "opens",
            "hours_overlap",
        ),
    ] {
        let mut form = form;
        form.push(("service", "conciergerie"));
        let response = app.post_as("/api/add_opening_hours", &form, &cookie).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{form:?}"
        );
        assert_eq!(
            response.json::<AppError>().await.unwrap().field(field),
            Some(key)
        );
    }
    assert_eq!(app.writes().await, writes);

    let response = app
        .post_as(
            "/api/add_opening_hours",
            &[
                ("service", "conciergerie"),
                ("weekday", "3"),
                ("opens", "9h"),
                ("closes", "12h"),
            ],
            &cookie,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(wednesday(&draft(&app, &format!("{hem}:1")).await.days));
    let home = app.get("/").await.text().await.unwrap();
    assert!(
        home.contains("mercredi"),
        "the home page shows the new hours at once"
    );
}

#[tokio::test]
async fn requests_from_a_partner_s_employees_are_grouped() {
    let app = spawn_app().await;
    let cookie = staff(&app).await;
    let hem = services(&app).await[0].id;
    let draft = draft(&app, &format!("{hem}:1")).await;
    let redoute = draft
        .partners
        .iter()
        .find(|p| p.name == "La Redoute")
        .unwrap()
        .id;
    let form = Form::new(&draft.idempotency_key, &draft.days[0], vec![line(hem, 1)])
        .set("partner_id", &redoute.to_string());
    assert_eq!(send_as_page(&app, form).await.status(), StatusCode::FOUND);

    let queue: coop_manau::alterations::Queue = app
        .client
        .get(app.url(&format!("/api/list_alteration_queue?partner={redoute}")))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(queue.entries.len(), 1);
    assert_eq!(queue.entries[0].partner_name.as_deref(), Some("La Redoute"));
    let all = app.count("SELECT count(*) FROM alteration_request").await;
    assert!(all > 1, "the demo requests are not La Redoute's");
}

#[tokio::test]
async fn a_refused_request_keeps_its_photo_and_its_key_for_the_corrected_form_of_this_browser() {
    let app = spawn_app().await;
    let hem = services(&app)
        .await
        .into_iter()
        .find(|s| s.price_cents == Some(900))
        .unwrap();
    let choices = format!("{}:1", hem.id);
    let first = draft(&app, &choices).await;
    let key = first.idempotency_key.clone();
    let mut sent = line(hem.id, 1);
    sent.photo = Some((photo(image::ImageFormat::Png, 800, 600), "ourlet.png"));
    // Neither a phone nor an e-mail: refused, nothing written.
    let form = Form::new(&key, &first.days[0], vec![sent])
        .set("phone", "")
        .set("email", "");
    let writes = app.writes().await;
    let refused = send_as_page(&app, form).await;
    assert!(refused.status().is_redirection());
    assert_eq!(app.writes().await, writes);
    let cookie = draft_cookie(&refused)
        .expect("a draft")
        .split(';')
        .next()
        .unwrap()
        .to_owned();

    // This browser's form comes back with the same key and says the photo was received.
    let again: RequestDraft = app
        .client
        .get(app.url(&format!("/api/get_alteration_draft?choices={choices}")))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again.idempotency_key, key);
    assert_eq!(again.kept_photos, vec!["item_photo_0".to_owned()]);
    // Another browser gets a fresh key and nothing kept.
    let other = draft(&app, &choices).await;
    assert_ne!(other.idempotency_key, key);
    assert!(other.kept_photos.is_empty());

    // Corrected without choosing the photo again: the request has it.
    let form = Form::new(&key, &first.days[0], vec![line(hem.id, 1)]);
    let accepted = send_as_page(&app, form).await;
    assert!(accepted.status().is_redirection());
    let location = accepted.headers()[header::LOCATION].to_str().unwrap();
    assert!(
        location.contains(&format!("/retouches/suivi/{key}")),
        "{location}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM alteration_photo").await, 1);
    assert_eq!(
        app.state.kept_photos.bytes(),
        0,
        "nothing kept once accepted"
    );
}

async fn tracking(app: &TestApp, token: &str) -> coop_manau::alterations::Tracking {
    app.get(&format!("/api/get_alteration_tracking?token={token}"))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_cancelled_request_can_be_undone_by_its_link_for_a_few_minutes() {
    let app = spawn_app().await;
    let hem = services(&app).await[0].id;
    let draft = draft(&app, &format!("{hem}:1")).await;
    let day = draft.days[1].clone();
    let sent = send_as_page(
        &app,
        Form::new(&draft.idempotency_key, &day, vec![line(hem, 1)]),
    )
    .await;
    let token = token_of(sent.headers()[header::LOCATION].to_str().unwrap());
    assert!(!tracking(&app, &token).await.restorable);

    app.post_for_json("/api/cancel_alteration_request", &[("token", &token)])
        .await;
    let cancelled = tracking(&app, &token).await;
    assert_eq!(cancelled.request.status, Status::Cancelled);
    assert!(cancelled.restorable);
    let page = app.get(&format!("/retouches/suivi/{token}")).await;
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Finalement, je garde ma demande")
    );
    // Undone, once: back to "asked", the same request and link.
    for _ in 0..2 {
        assert_eq!(
            app.post_for_json("/api/restore_alteration_request", &[("token", &token)])
                .await
                .status(),
            StatusCode::OK
        );
    }
    let restored = tracking(&app, &token).await;
    assert_eq!(restored.request.status, Status::Requested);
    assert!(!restored.restorable);
    assert_eq!(
        restored.request.events.len(),
        3,
        "asked, cancelled, asked again"
    );

    // The drop-off day closed since: refused in French, nothing written.
    app.post_for_json("/api/cancel_alteration_request", &[("token", &token)])
        .await;
    let actor = coop_manau::accounts::CurrentUser {
        id: app
            .person(Role::Staff, "Karim", Some("karim@retouches.example"), None)
            .await,
        role: Role::Staff,
        first_name: "Karim".into(),
        last_name: "Test".into(),
        has_password: false,
    };
    coop_manau::home::service::add_closure(&app.state, &actor, &day, &day, "Inventaire")
        .await
        .unwrap();
    let writes = app.writes().await;
    let gone = app
        .post_for_json("/api/restore_alteration_request", &[("token", &token)])
        .await;
    assert_eq!(gone.status(), StatusCode::CONFLICT);
    assert!(gone.text().await.unwrap().contains("restore_day_gone"));
    assert_eq!(app.writes().await, writes);

    // Ten minutes after: too late.
    sqlx::query("UPDATE alteration_event SET at = at - 601")
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let late = app
        .post_for_json("/api/restore_alteration_request", &[("token", &token)])
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(
        late.text()
            .await
            .unwrap()
            .contains("restore_request_too_late")
    );
    assert!(!tracking(&app, &token).await.restorable);
}

#[tokio::test]
async fn a_cancellation_is_undone_once_and_only_minutes_after_it() {
    let app = spawn_app().await;
    let hem = services(&app).await[0].id;
    let draft = draft(&app, &format!("{hem}:1")).await;
    let sent = send_as_page(
        &app,
        Form::new(&draft.idempotency_key, &draft.days[1], vec![line(hem, 1)]),
    )
    .await;
    let token = token_of(sent.headers()[header::LOCATION].to_str().unwrap());

    // Ten minutes after the cancellation: too late, nothing written.
    app.post_for_json("/api/cancel_alteration_request", &[("token", &token)])
        .await;
    sqlx::query("UPDATE alteration_event SET at = at - 601")
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let writes = app.writes().await;
    let late = app
        .post_for_json("/api/restore_alteration_request", &[("token", &token)])
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(
        late.text()
            .await
            .unwrap()
            .contains("restore_request_too_late")
    );
    assert_eq!(app.writes().await, writes);

    // Another request: undone once; cancelled again, it stays cancelled (each undo adds to the
    // history, which cancel / undo taps must not grow without end).
    let draft = self::draft(&app, &format!("{hem}:1")).await;
    let sent = send_as_page(
        &app,
        Form::new(&draft.idempotency_key, &draft.days[1], vec![line(hem, 1)]),
    )
    .await;
    let token = token_of(sent.headers()[header::LOCATION].to_str().unwrap());
    app.post_for_json("/api/cancel_alteration_request", &[("token", &token)])
        .await;
    assert_eq!(
        app.post_for_json("/api/restore_alteration_request", &[("token", &token)])
            .await
            .status(),
        StatusCode::OK
    );
    app.post_for_json("/api/cancel_alteration_request", &[("token", &token)])
        .await;
    let again = app
        .post_for_json("/api/restore_alteration_request", &[("token", &token)])
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("restore_request_too_late")
    );
    assert!(!tracking(&app, &token).await.restorable);
}
