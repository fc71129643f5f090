//! Quotes: a request becomes a numbered draft, lines and terms, sent only with the seller's
//! mentions; the client accepts once ("Bon pour accord") or declines on the private link; a
//! revision supersedes; an expired quote is not accepted; numbers have no gaps under
//! concurrency; the document carries every mention a French devis needs.

use crate::helpers::{TestApp, spawn_app};
use coop_manau::{
    accounts::{CurrentUser, Role, token::new_token},
    server::now,
    ui::time::{civil, format_date, paris_day},
};
use reqwest::StatusCode;

fn day_in(days: i64) -> String {
    format_date(paris_day(now()) + days)
}

/// A catering request from the public form; returns (its id, its private link's token).
async fn request(app: &TestApp, organisation: &str) -> (i64, String) {
    let key = new_token();
    let covers = "25".to_owned();
    let day = day_in(20);
    let form = [
        ("idempotency_key", key.as_str()),
        ("organisation", organisation),
        ("contact_name", "Mme Lefebvre"),
        ("email", "compta@boulangerie.example"),
        ("phone", "03 20 12 34 56"),
        ("event_day", day.as_str()),
        ("event_time", "12:30"),
        ("covers", covers.as_str()),
        ("formula_id", "1"),
        ("place", "blanchemaille"),
        ("consent", "oui"),
    ];
    // Each request from its own address (a connection sends 5 a day at most).
    static SENT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = SENT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let answer = app
        .post_form("/api/send_catering_request", &form)
        .header(
            "x-forwarded-for",
            format!("10.9.{}.{}", n / 200, n % 200 + 1),
        )
        .send()
        .await
        .unwrap();
    let status = answer.status();
    assert_eq!(
        status,
        StatusCode::OK,
        "request {n}: {}",
        answer.text().await.unwrap()
    );
    let id = app
        .count(&format!(
            "SELECT id FROM catering_request WHERE token_hash = '{}'",
            coop_manau::accounts::token::hash_token(&key)
        ))
        .await;
    (id, key)
}

struct Staff {
    cookie: String,
}

impl Staff {
    async fn new(app: &TestApp) -> Staff {
        let id = app
            .person(Role::Staff, "Karim", Some("karim@devis.example"), None)
            .await;
        Staff {
            cookie: app.session_for(id).await,
        }
    }

    async fn post(&self, app: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        app.post_as(path, form, &self.cookie).await
    }

    async fn draft(&self, app: &TestApp, request_id: i64) -> i64 {
        let answer = self
            .post(
                app,
                "/api/new_quote_draft",
                &[
                    ("kind", "traiteur"),
                    ("request_id", &request_id.to_string()),
                ],
            )
            .await;
        assert_eq!(answer.status(), StatusCode::OK);
        answer.json().await.unwrap()
    }

    /// Adds a line: (designation, quantity, unit price, VAT in basis points).
    async fn line(
        &self,
        app: &TestApp,
        (request_id, quote_id): (i64, i64),
        (what, qty, price, vat): (&str, &str, &str, &str),
    ) -> reqwest::Response {
        let (r, q) = (request_id.to_string(), quote_id.to_string());
        self.post(
            app,
            "/api/add_quote_line",
            &[
                ("request_id", &r),
                ("quote_id", &q),
                ("designation", what),
                ("quantity", qty),
                ("unit", "couverts"),
                ("unit_price", price),
                ("vat", vat),
            ],
        )
        .await
    }

    async fn send(&self, app: &TestApp, request_id: i64, quote_id: i64) -> reqwest::Response {
        let (r, q) = (request_id.to_string(), quote_id.to_string());
        self.post(
            app,
            "/api/send_quote",
            &[("request_id", &r), ("quote_id", &q)],
        )
        .await
    }

    async fn complete_seller(&self, app: &TestApp) {
        let answer = self
            .post(
                app,
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
            )
            .await;
        assert_eq!(answer.status(), StatusCode::OK);
    }
}

async fn number_of(app: &TestApp, quote_id: i64) -> String {
    sqlx::query_scalar("SELECT number FROM quote WHERE id = ?")
        .bind(quote_id)
        .fetch_one(&app.state.db.reader)
        .await
        .unwrap()
}

async fn answer(
    app: &TestApp,
    token: &str,
    number: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut all = vec![("kind", "traiteur"), ("token", token), ("number", number)];
    all.extend_from_slice(form);
    app.post_form("/api/answer_quote", &all)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_buffet_for_25_is_quoted_sent_and_accepted_once_on_the_private_link() {
    let app = spawn_app().await;
    let staff = Staff::new(&app).await;
    let (request_id, token) = request(&app, "Filature du Nord").await;
    let quote = staff.draft(&app, request_id).await;
    assert_eq!(
        staff.draft(&app, request_id).await,
        quote,
        "one draft at a time"
    );
    let number = number_of(&app, quote).await;
    let year = civil(paris_day(now())).0;
    assert_eq!(number, format!("DEV-{year}-0001"));

    // Not sent without a line, nor without the seller's SIRET.
    assert_eq!(
        staff.send(&app, request_id, quote).await.status(),
        StatusCode::CONFLICT
    );
    let wrong_vat = staff
        .line(
            &app,
            (request_id, quote),
            ("Buffet froid", "25", "18,50", "1900"),
        )
        .await;
    assert_eq!(wrong_vat.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong_vat.text().await.unwrap().contains("vat_rate_invalid"));
    let zero = staff
        .line(
            &app,
            (request_id, quote),
            ("Buffet froid", "0", "18,50", "1000"),
        )
        .await;
    assert_eq!(zero.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        staff
            .line(
                &app,
                (request_id, quote),
                ("Buffet froid", "25", "18,50", "1000")
            )
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        staff
            .line(
                &app,
                (request_id, quote),
                ("Livraison et installation", "1", "35", "2000"),
            )
            .await
            .status(),
        StatusCode::OK
    );
    let incomplete = staff.send(&app, request_id, quote).await;
    assert_eq!(incomplete.status(), StatusCode::CONFLICT);
    assert!(
        incomplete
            .text()
            .await
            .unwrap()
            .contains("seller_incomplete")
    );
    // A draft is the staff's only.
    assert_eq!(
        app.get(&format!("/traiteur/demande/{token}/devis/{number}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    staff.complete_seller(&app).await;
    assert_eq!(
        staff.send(&app, request_id, quote).await.status(),
        StatusCode::OK
    );
    let late_line = staff
        .line(&app, (request_id, quote), ("Café", "25", "1", "1000"))
        .await;
    assert_eq!(
        late_line.status(),
        StatusCode::CONFLICT,
        "a sent quote no longer changes"
    );

    // The client's copy carries every mention.
    let request_page = app
        .get(&format!("/traiteur/demande/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(request_page.contains(&format!("/traiteur/demande/{token}/devis/{number}")));
    let page = app
        .get(&format!("/traiteur/demande/{token}/devis/{number}"))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    for mention in [
        number.as_str(),
        "Centre social Alma — Coop",
        "Association loi 1901",
        "Blanchemaille, 59100 Roubaix",
        "SIRET : 73282932000074",
        "TVA non applicable, art. 293 B du CGI",
        "Filature du Nord",
        "Mme Lefebvre",
        "25 couverts · Buffet",
        "Buffet froid",
        "462,50 €",
        "TVA 10 % sur 462,50 €",
        "46,25 €",
        "TVA 20 % sur 35,00 €",
        "Total TTC",
        "550,75 €",
        "Valable jusqu",
        "Paiement à 30 jours à réception de la facture, par virement.",
        "Pénalités de retard : trois fois le taux d",
        "40 €",
        "Bon pour accord",
    ] {
        assert!(html.contains(mention), "the quote shows {mention:?}");
    }
    assert_eq!(
        app.get(&format!("/traiteur/demande/{}/devis/{number}", new_token()))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "someone else's link"
    );
    // The PDF holds the same mentions (WinAnsi text, read back as Latin-1 here).
    let pdf = app
        .get(&format!(
            "/traiteur/demande/{token}/devis/{number}/devis.pdf"
        ))
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(
        pdf.headers()[reqwest::header::CONTENT_TYPE],
        "application/pdf"
    );
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-1.4") && bytes.ends_with(b"%%EOF\n"));
    let text: String = bytes.iter().map(|&b| b as char).collect();
    for mention in [
        number.as_str(),
        "Association loi 1901",
        "SIRET : 73282932000074",
        "TVA non applicable, art. 293 B du CGI",
        "Filature du Nord",
        "Mme Lefebvre",
        "Buffet froid",
        "TVA 10 % sur 462,50 \u{80}",
        "Total TTC",
        "550,75 \u{80}",
        "P\u{e9}nalit\u{e9}s de retard",
        "40 \u{80}",
        "Bon pour accord",
    ] {
        assert!(text.contains(mention), "the PDF shows {mention:?}");
    }
    let print = app
        .client
        .get(app.url(&format!("/equipe/devis/{quote}")))
        .header("cookie", &staff.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(print.status(), StatusCode::OK);
    assert!(
        print
            .text()
            .await
            .unwrap()
            .contains("TVA 10 % sur 462,50 €")
    );

    // Accepting needs the name and the box; then once only.
    let writes = app.writes().await;
    let unticked = answer(
        &app,
        &token,
        &number,
        &[("answer", "accept"), ("name", "Sophie Vandamme")],
    )
    .await;
    assert_eq!(unticked.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let nameless = answer(
        &app,
        &token,
        &number,
        &[("answer", "accept"), ("name", " "), ("confirm", "oui")],
    )
    .await;
    assert_eq!(nameless.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.writes().await, writes);
    let accept = [
        ("answer", "accept"),
        ("name", "Sophie Vandamme"),
        ("confirm", "oui"),
    ];
    assert_eq!(
        answer(&app, &token, &number, &accept).await.status(),
        StatusCode::OK
    );
    let writes = app.writes().await;
    assert_eq!(
        answer(&app, &token, &number, &accept).await.status(),
        StatusCode::OK,
        "a double tap"
    );
    let decline = answer(
        &app,
        &token,
        &number,
        &[("answer", "decline"), ("reason", "trop cher")],
    )
    .await;
    assert_eq!(decline.status(), StatusCode::CONFLICT);
    assert!(
        decline
            .text()
            .await
            .unwrap()
            .contains("quote_already_answered")
    );
    assert_eq!(
        app.writes().await,
        writes,
        "nothing written after the acceptance"
    );
    let (status, name, copy): (String, String, String) =
        sqlx::query_as("SELECT status, answer_name, accepted_copy FROM quote WHERE id = ?")
            .bind(quote)
            .fetch_one(&app.state.db.reader)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), name.as_str()),
        ("accepted", "Sophie Vandamme")
    );
    let copy: serde_json::Value = serde_json::from_str(&copy).unwrap();
    assert_eq!(
        copy["totals"]["gross_cents"], 55_075,
        "what was accepted is kept as shown"
    );
    // The event is on the staff's calendar: a kitchen shift ending an hour after the meal.
    let (sector, note, ends_at): (String, String, i64) = sqlx::query_as(
        "SELECT s.sector_slug, s.note, s.ends_at FROM quote q JOIN shift s ON s.id = q.shift_id
         WHERE q.id = ?",
    )
    .bind(quote)
    .fetch_one(&app.state.db.reader)
    .await
    .unwrap();
    assert_eq!(sector, "cuisine");
    assert!(
        note.contains("Filature du Nord") && note.contains("25 couverts · Buffet"),
        "{note}"
    );
    // It counts in the key figures: one catering event of 25 covers on its day.
    let mut conn = app.state.db.reader.acquire().await.unwrap();
    let figures = |from: i64, to: i64| {
        let (from, to) = (day_in(from), day_in(to));
        async move { coop_manau::catering::repo::events_between(&mut conn, &from, &to).await }
    };
    assert_eq!(figures(19, 21).await.unwrap(), (1, 25));
    let (event_day, event_minutes) = coop_manau::ui::time::utc_to_paris(ends_at - 3600);
    assert_eq!(
        (format_date(event_day), event_minutes),
        (day_in(20), 12 * 60 + 30)
    );
    assert!(
        app.get(&format!("/traiteur/demande/{token}/devis/{number}"))
            .await
            .text()
            .await
            .unwrap()
            .contains("Accepté par Sophie Vandamme")
    );
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM audit_log WHERE object_type = 'quote' AND object_id = '{quote}'"
        ))
        .await,
        5,
        "draft, two lines, send, accept"
    );
}

#[tokio::test]
async fn a_revision_supersedes_and_an_expired_quote_is_not_accepted() {
    let app = spawn_app().await;
    let staff = Staff::new(&app).await;
    staff.complete_seller(&app).await;
    let (request_id, token) = request(&app, "Lycée hôtelier").await;
    let first = staff.draft(&app, request_id).await;
    staff
        .line(&app, (request_id, first), ("Cocktail", "40", "12", "1000"))
        .await;
    assert_eq!(
        staff.send(&app, request_id, first).await.status(),
        StatusCode::OK
    );
    let second = staff.draft(&app, request_id).await;
    assert_ne!(first, second);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM quote_line WHERE quote_id = {second}"
        ))
        .await,
        1,
        "the revision starts from the lines sent"
    );
    staff
        .line(&app, (request_id, second), ("Boissons", "40", "2", "550"))
        .await;
    assert_eq!(
        staff.send(&app, request_id, second).await.status(),
        StatusCode::OK
    );
    let (n1, n2) = (number_of(&app, first).await, number_of(&app, second).await);
    let writes = app.writes().await;
    let old = answer(
        &app,
        &token,
        &n1,
        &[
            ("answer", "accept"),
            ("name", "M. Diallo"),
            ("confirm", "oui"),
        ],
    )
    .await;
    assert_eq!(old.status(), StatusCode::CONFLICT);
    assert!(old.text().await.unwrap().contains("quote_superseded"));
    assert_eq!(app.writes().await, writes);
    assert!(
        app.get(&format!("/traiteur/demande/{token}/devis/{n1}"))
            .await
            .text()
            .await
            .unwrap()
            .contains("Remplacé par une nouvelle version"),
        "the old one stays readable"
    );

    // Its validity date passes: not accepted, nothing written; the sweep marks it.
    sqlx::query("UPDATE quote SET valid_until = ? WHERE id = ?")
        .bind(day_in(-1))
        .bind(second)
        .execute(&app.state.db.writer)
        .await
        .unwrap();
    let writes = app.writes().await;
    let late = answer(
        &app,
        &token,
        &n2,
        &[
            ("answer", "accept"),
            ("name", "M. Diallo"),
            ("confirm", "oui"),
        ],
    )
    .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(late.text().await.unwrap().contains("quote_expired"));
    assert_eq!(app.writes().await, writes);
    let mut conn = app.state.db.writer.acquire().await.unwrap();
    assert_eq!(
        coop_manau::quotes::repo::expire_before(&mut conn, &day_in(0))
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn staff_record_an_acceptance_by_purchase_order_or_a_refusal_by_phone() {
    let app = spawn_app().await;
    let staff = Staff::new(&app).await;
    staff.complete_seller(&app).await;
    let (request_id, _) = request(&app, "Mairie de quartier").await;
    let quote = staff.draft(&app, request_id).await;
    staff
        .line(
            &app,
            (request_id, quote),
            ("Plateaux repas", "12", "14", "1000"),
        )
        .await;
    staff.send(&app, request_id, quote).await;
    let (r, q) = (request_id.to_string(), quote.to_string());
    let bad = staff
        .post(
            &app,
            "/api/record_quote_answer",
            &[
                ("request_id", &r),
                ("quote_id", &q),
                ("answer", "accept"),
                ("channel", "pigeon"),
                ("name", "M. le Maire"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let as_if_the_client = staff
        .post(
            &app,
            "/api/record_quote_answer",
            &[
                ("request_id", &r),
                ("quote_id", &q),
                ("answer", "accept"),
                ("channel", "link"),
                ("name", "M. le Maire"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(as_if_the_client.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let ok = staff
        .post(
            &app,
            "/api/record_quote_answer",
            &[
                ("request_id", &r),
                ("quote_id", &q),
                ("answer", "accept"),
                ("channel", "purchase_order"),
                ("name", "M. le Maire"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
    let (channel, by): (String, Option<i64>) =
        sqlx::query_as("SELECT answer_channel, answered_by FROM quote WHERE id = ?")
            .bind(quote)
            .fetch_one(&app.state.db.reader)
            .await
            .unwrap();
    assert_eq!(channel, "purchase_order");
    assert!(by.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn quote_numbers_have_no_gaps_when_staff_create_them_at_once() {
    let app = spawn_app().await;
    let actor = CurrentUser {
        id: app
            .person(Role::Staff, "Claire", Some("claire@devis.example"), None)
            .await,
        role: Role::Staff,
        first_name: "Claire".into(),
        last_name: "Test".into(),
        has_password: false,
    };
    let mut requests = Vec::new();
    for n in 0..20 {
        requests.push(request(&app, &format!("Entreprise {n}")).await.0);
    }
    let drafts = requests.iter().map(|id| {
        coop_manau::quotes::service::new_draft(
            &app.state,
            &actor,
            coop_manau::quotes::Subject::Catering(*id),
        )
    });
    for draft in futures_util::future::join_all(drafts).await {
        draft.expect("a draft");
    }
    let mut seqs: Vec<i64> = sqlx::query_scalar("SELECT seq FROM quote ORDER BY seq")
        .fetch_all(&app.state.db.reader)
        .await
        .unwrap();
    seqs.dedup();
    assert_eq!(seqs, (1..=20).collect::<Vec<_>>());
}
