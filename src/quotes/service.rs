//! The rules of quotes: drafts that staff write, numbered without gaps; sending (complete
//! mentions, at least one line, a future validity date); one answer, from the private link or
//! recorded by staff; revisions that supersede; expiry. Each step in the audit log.

use super::{
    DEFAULT_VALIDITY_DAYS, Event, Line, QuoteClient, QuoteDocument, QuoteView, Seller, Status,
    Subject, VAT_RATES, next_status, parse_quantity, repo, totals,
};
use crate::{
    accounts::{
        CurrentUser, audit,
        token::{hash_token, is_well_formed},
    },
    catering,
    error::{AppError, FieldErrors},
    made_to_order,
    server::{AppState, now},
    ui::time::{format_date, paris_day, parse_date},
};
use sqlx::SqliteConnection;

fn today() -> String {
    format_date(paris_day(now()))
}

async fn view_of(
    conn: &mut SqliteConnection,
    row: repo::QuoteRow,
    today: &str,
) -> Result<QuoteView, sqlx::Error> {
    let lines = repo::lines(conn, row.id).await?;
    let plain: Vec<Line> = lines.iter().map(|(_, l)| l.clone()).collect();
    let status = match row.status() {
        Status::Sent if row.valid_until.as_str() < today => Status::Expired,
        status => status,
    };
    Ok(QuoteView {
        id: row.id,
        number: row.number,
        version: row.version,
        status,
        valid_until: row.valid_until,
        totals: totals(&plain, row.discount_bp, row.deposit_cents),
        lines,
        discount_bp: row.discount_bp,
        payment_terms: row.payment_terms,
        created_at: row.created_at,
        sent_at: row.sent_at,
        answered_at: row.answered_at,
        answer_channel: row.answer_channel,
        answer_name: row.answer_name,
        answer_reason: row.answer_reason,
    })
}

/// The client and service of the request a quote answers.
async fn client_of(conn: &mut SqliteConnection, subject: Subject) -> Result<QuoteClient, AppError> {
    let client = match subject {
        Subject::Catering(id) => catering::repo::find(conn, id)
            .await?
            .map(|request| request.quote_client()),
        Subject::MadeToOrder(id) => made_to_order::repo::find(conn, id)
            .await?
            .map(|request| request.quote_client()),
    };
    client.ok_or(AppError::NotFound)
}

/// The staff's page of one request: the client, its quotes (newest first), the seller.
pub async fn for_request(
    state: &AppState,
    subject: Subject,
) -> Result<(QuoteClient, Vec<QuoteView>, Seller), AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let client = client_of(&mut conn, subject).await?;
    let today = today();
    let mut quotes = Vec::new();
    for row in repo::of_request(&mut conn, subject).await? {
        quotes.push(view_of(&mut conn, row, &today).await?);
    }
    Ok((client, quotes, repo::seller(&mut conn).await?))
}

/// The request a quote answers (where the staff go back to after changing it).
pub async fn subject_of(state: &AppState, quote_id: i64) -> Result<Subject, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let row = repo::find(&mut conn, quote_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(row.subject())
}

/// A draft for the request: the one being written, or a new version that starts from the
/// newest one's lines (a revision).
pub async fn new_draft(
    state: &AppState,
    actor: &CurrentUser,
    subject: Subject,
) -> Result<i64, AppError> {
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let client = client_of(&mut tx, subject).await?;
    if client.status != "requested" {
        return Err(AppError::Conflict("catering_not_cancellable".into()));
    }
    let versions = repo::of_request(&mut tx, subject).await?;
    if let Some(draft) = versions.iter().find(|q| q.status() == Status::Draft) {
        return Ok(draft.id);
    }
    let seller = repo::seller(&mut tx).await?;
    let day = paris_day(now);
    let year = crate::ui::time::civil(day).0;
    let valid_until = format_date(day + DEFAULT_VALIDITY_DAYS);
    let id = repo::insert_draft(
        &mut tx,
        subject,
        year,
        &valid_until,
        &seller.payment_terms,
        actor.id,
        now,
    )
    .await?;
    if let Some(previous) = versions.first() {
        for (_, line) in repo::lines(&mut tx, previous.id).await? {
            repo::insert_line(&mut tx, id, &line).await?;
        }
    }
    audit::record(
        &mut tx,
        actor,
        "quote.draft",
        "quote",
        id,
        Some(&format!("{}={}", subject.kind(), subject.id())),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn draft(conn: &mut SqliteConnection, quote_id: i64) -> Result<repo::QuoteRow, AppError> {
    let row = repo::find(conn, quote_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status() != Status::Draft {
        return Err(AppError::Conflict("quote_not_draft".into()));
    }
    Ok(row)
}

/// What staff type for a line.
#[derive(Debug, Default)]
pub struct LineForm {
    pub designation: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub vat: String,
}

impl LineForm {
    pub fn parse(&self) -> Result<Line, FieldErrors> {
        let mut errors = FieldErrors::new();
        let designation = self.designation.trim();
        if !(1..=200).contains(&designation.chars().count()) {
            errors.insert("designation".into(), "designation_invalid".into());
        }
        let unit = self.unit.trim();
        if unit.chars().count() > 20 {
            errors.insert("unit".into(), "text_too_long".into());
        }
        let quantity = parse_quantity(&self.quantity);
        if let Err(key) = quantity {
            errors.insert("quantity".into(), key.into());
        }
        let price = crate::alterations::parse_euros(&self.unit_price);
        if let Err(key) = price {
            errors.insert("unit_price".into(), key.into());
        }
        let vat = self
            .vat
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|bp| VAT_RATES.contains(bp));
        if vat.is_none() {
            errors.insert("vat".into(), "vat_rate_invalid".into());
        }
        match (quantity, price, vat) {
            (Ok(quantity), Ok(unit_price_cents), Some(vat_bp)) if errors.is_empty() => Ok(Line {
                designation: designation.to_owned(),
                quantity,
                unit: unit.to_owned(),
                unit_price_cents,
                vat_bp,
            }),
            _ => Err(errors),
        }
    }
}

pub async fn add_line(
    state: &AppState,
    actor: &CurrentUser,
    quote_id: i64,
    form: &LineForm,
) -> Result<(), AppError> {
    let line = form.parse().map_err(AppError::Validation)?;
    let mut tx = state.db.begin_write().await?;
    draft(&mut tx, quote_id).await?;
    if repo::lines(&mut tx, quote_id).await?.len() >= 100 {
        return Err(AppError::invalid("designation", "quote_too_many_lines"));
    }
    repo::insert_line(&mut tx, quote_id, &line).await?;
    audit::record(&mut tx, actor, "quote.line_add", "quote", quote_id, None).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_line(
    state: &AppState,
    actor: &CurrentUser,
    quote_id: i64,
    line_id: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    draft(&mut tx, quote_id).await?;
    if !repo::delete_line(&mut tx, quote_id, line_id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, actor, "quote.line_remove", "quote", quote_id, None).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn save_terms(
    state: &AppState,
    actor: &CurrentUser,
    quote_id: i64,
    valid_until: &str,
    discount: &str,
    deposit: &str,
    payment_terms: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let today = paris_day(now());
    let valid = parse_date(valid_until)
        .ok()
        .filter(|d| *d >= today && *d <= today + 365);
    if valid.is_none() {
        errors.insert("valid_until".into(), "valid_until_invalid".into());
    }
    // A percentage with two decimals reads like euros: "5,5" is 550 basis points.
    let discount_bp = match discount.trim().trim_end_matches('%').trim() {
        "" => Some(0),
        typed => crate::alterations::parse_euros(typed)
            .ok()
            .filter(|bp| *bp <= 10_000),
    };
    if discount_bp.is_none() {
        errors.insert("discount".into(), "discount_invalid".into());
    }
    let deposit_cents = match deposit.trim() {
        "" => Ok(0),
        typed => crate::alterations::parse_euros(typed),
    };
    if deposit_cents.is_err() {
        errors.insert("deposit".into(), "price_invalid".into());
    }
    let terms = payment_terms.trim();
    if !(1..=300).contains(&terms.chars().count()) {
        errors.insert("payment_terms".into(), "payment_terms_invalid".into());
    }
    let (Some(valid), Some(discount_bp), Ok(deposit_cents)) = (valid, discount_bp, deposit_cents)
    else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = state.db.begin_write().await?;
    draft(&mut tx, quote_id).await?;
    repo::save_terms(
        &mut tx,
        quote_id,
        &format_date(valid),
        discount_bp,
        deposit_cents,
        terms,
    )
    .await?;
    audit::record(&mut tx, actor, "quote.terms", "quote", quote_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Sends a draft: the client sees it on the private link. The version it revises, if it was
/// waiting for an answer, is superseded in the same transaction.
pub async fn send(state: &AppState, actor: &CurrentUser, quote_id: i64) -> Result<(), AppError> {
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let row = draft(&mut tx, quote_id).await?;
    if !repo::seller(&mut tx).await?.is_complete() {
        return Err(AppError::Conflict("seller_incomplete".into()));
    }
    let lines = repo::lines(&mut tx, quote_id).await?;
    if lines.is_empty() {
        return Err(AppError::Conflict("quote_no_lines".into()));
    }
    if row.valid_until < today() {
        return Err(AppError::invalid("valid_until", "valid_until_invalid"));
    }
    let deposit_over = row.deposit_cents
        > totals(
            &lines.into_iter().map(|(_, l)| l).collect::<Vec<_>>(),
            row.discount_bp,
            0,
        )
        .gross_cents;
    if deposit_over {
        return Err(AppError::invalid("deposit", "deposit_over_total"));
    }
    for older in repo::of_request(&mut tx, row.subject()).await? {
        if older.id != quote_id && older.status() == Status::Sent {
            let to = next_status(Status::Sent, Event::Supersede)
                .map_err(|k| AppError::Conflict(k.into()))?;
            repo::change_status(&mut tx, older.id, Status::Sent, to, now).await?;
            audit::record(
                &mut tx,
                actor,
                "quote.superseded",
                "quote",
                older.id,
                Some(&row.number),
            )
            .await?;
        }
    }
    let to = next_status(Status::Draft, Event::Send).map_err(|k| AppError::Conflict(k.into()))?;
    repo::change_status(&mut tx, quote_id, Status::Draft, to, now).await?;
    audit::record(
        &mut tx,
        actor,
        "quote.send",
        "quote",
        quote_id,
        Some(&row.number),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn cancel(state: &AppState, actor: &CurrentUser, quote_id: i64) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    let row = repo::find(&mut tx, quote_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = row.status();
    let to = next_status(from, Event::Cancel).map_err(|k| AppError::Conflict(k.into()))?;
    repo::change_status(&mut tx, quote_id, from, to, now()).await?;
    audit::record(&mut tx, actor, "quote.cancel", "quote", quote_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// An answer to a quote, from the private link or recorded by staff.
pub struct AnswerForm<'a> {
    pub accept: bool,
    pub channel: &'a str,
    pub name: &'a str,
    pub reason: &'a str,
}

async fn answer(
    tx: &mut SqliteConnection,
    row: repo::QuoteRow,
    form: &AnswerForm<'_>,
    by: Option<&CurrentUser>,
) -> Result<(), AppError> {
    let today = today();
    let view = view_of(tx, row.clone(), &today).await?;
    // A double tap on "Bon pour accord": accepted once, the second tap is told so quietly.
    if form.accept && view.status == Status::Accepted {
        return Ok(());
    }
    let event = if form.accept {
        Event::Accept
    } else {
        Event::Decline
    };
    let to = next_status(view.status, event).map_err(|k| AppError::Conflict(k.into()))?;
    let name = form.name.trim();
    if form.accept && !(1..=80).contains(&name.chars().count()) {
        return Err(AppError::invalid("name", "name_required"));
    }
    let reason = form.reason.trim();
    if reason.chars().count() > 300 {
        return Err(AppError::invalid("reason", "text_too_long"));
    }
    if !["link", "purchase_order", "phone", "email"].contains(&form.channel) {
        return Err(AppError::invalid("channel", "channel_invalid"));
    }
    let copy = form.accept.then(|| {
        serde_json::json!({
            "number": view.number,
            "version": view.version,
            "lines": view.lines.iter().map(|(_, l)| l).collect::<Vec<_>>(),
            "totals": view.totals,
            "valid_until": view.valid_until,
            "payment_terms": view.payment_terms,
        })
        .to_string()
    });
    let answered = repo::answer(
        tx,
        row.id,
        &repo::Answer {
            to,
            channel: form.channel,
            name: (!name.is_empty()).then_some(name),
            reason: (!reason.is_empty()).then_some(reason),
            answered_by: by.map(|u| u.id),
            accepted_copy: copy.as_deref(),
            now: now(),
        },
    )
    .await?;
    if !answered {
        return Err(AppError::Conflict("quote_already_answered".into()));
    }
    if form.accept {
        match row.subject() {
            Subject::Catering(request_id) => plan_event(tx, row.id, request_id).await?,
            Subject::MadeToOrder(request_id) => {
                made_to_order::repo::create_job(tx, request_id, row.id, now()).await?;
            }
        }
    }
    let action = if form.accept {
        "quote.accept"
    } else {
        "quote.decline"
    };
    match by {
        Some(actor) => {
            audit::record(tx, actor, action, "quote", row.id, Some(form.channel)).await?
        }
        None => audit::record_unattended(tx, action, "quote", row.id, Some("link")).await?,
    }
    Ok(())
}

/// An accepted catering quote becomes an event on the staff's calendar: a kitchen shift ending
/// at the meal, starting 3 hours before, with the covers, formula and place in its note;
/// staff then put participants on it like on any shift.
async fn plan_event(
    conn: &mut SqliteConnection,
    quote_id: i64,
    request_id: i64,
) -> Result<(), AppError> {
    let request = catering::repo::find(conn, request_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (Ok(day), Ok(minutes)) = (
        parse_date(&request.event_day),
        crate::ui::time::parse_hhmm(&request.event_time),
    ) else {
        return Ok(());
    };
    let meal = crate::ui::time::local_to_utc(day, minutes);
    let place = request
        .address
        .clone()
        .unwrap_or_else(|| "Blanchemaille".to_owned());
    let note = format!(
        "Traiteur {} · {} · {} couverts · {}",
        request.reference, request.organisation, request.covers, request.formula
    );
    let form = crate::planning::ShiftForm {
        sector: "cuisine".into(),
        starts_at: meal - 3 * 3600,
        ends_at: meal + 3600,
        places: 4,
        place: place.chars().take(80).collect(),
        note: note.chars().take(200).collect(),
    };
    let shift = crate::planning::repo::insert_shift(conn, &form, None, now()).await?;
    sqlx::query("UPDATE quote SET shift_id = ? WHERE id = ?")
        .bind(shift)
        .bind(quote_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The request behind a private link of `kind` ("traiteur" or "sur-mesure"). The kind comes
/// from the link's path: a token is the sender's idempotency key, so the two tables could
/// hold the same one.
pub async fn subject_by_token(
    conn: &mut SqliteConnection,
    kind: &str,
    token: &str,
) -> Result<Subject, AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let hash = hash_token(token);
    let id = match kind {
        "traiteur" => catering::repo::id_by_token(conn, &hash).await?,
        "sur-mesure" => made_to_order::repo::id_by_token(conn, &hash).await?,
        _ => None,
    };
    id.and_then(|id| Subject::parse(kind, id))
        .ok_or(AppError::NotFound)
}

/// The request's quote `number` behind a private link (drafts are the staff's only).
async fn by_link(
    conn: &mut SqliteConnection,
    link: &Link<'_>,
) -> Result<(Subject, repo::QuoteRow), AppError> {
    let Link {
        kind,
        token,
        number,
    } = *link;
    let subject = subject_by_token(conn, kind, token).await?;
    let row = repo::of_request(conn, subject)
        .await?
        .into_iter()
        .find(|q| q.number == number && q.status() != Status::Draft)
        .ok_or(AppError::NotFound)?;
    Ok((subject, row))
}

/// A quote as its private link names it: `/{kind}/demande/{token}/devis/{number}`.
#[derive(Clone, Copy)]
pub struct Link<'a> {
    pub kind: &'a str,
    pub token: &'a str,
    pub number: &'a str,
}

pub async fn answer_by_link(
    state: &AppState,
    link: &Link<'_>,
    form: &AnswerForm<'_>,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    let (_, row) = by_link(&mut tx, link).await?;
    answer(&mut tx, row, form, None).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn record_answer(
    state: &AppState,
    actor: &CurrentUser,
    quote_id: i64,
    form: &AnswerForm<'_>,
) -> Result<(), AppError> {
    // "link" is the client's own "Bon pour accord": staff record what came another way.
    if form.channel == "link" {
        return Err(AppError::invalid("channel", "channel_invalid"));
    }
    let mut tx = state.db.begin_write().await?;
    let row = repo::find(&mut tx, quote_id)
        .await?
        .ok_or(AppError::NotFound)?;
    answer(&mut tx, row, form, Some(actor)).await?;
    tx.commit().await?;
    Ok(())
}

async fn document(
    conn: &mut SqliteConnection,
    row: repo::QuoteRow,
) -> Result<QuoteDocument, AppError> {
    let client = client_of(conn, row.subject()).await?;
    let quote = view_of(conn, row, &today()).await?;
    Ok(QuoteDocument {
        quote,
        client,
        seller: repo::seller(conn).await?,
    })
}

pub async fn document_by_link(
    state: &AppState,
    link: &Link<'_>,
) -> Result<QuoteDocument, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let (_, row) = by_link(&mut conn, link).await?;
    document(&mut conn, row).await
}

pub async fn document_for_staff(
    state: &AppState,
    quote_id: i64,
) -> Result<QuoteDocument, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let row = repo::find(&mut conn, quote_id)
        .await?
        .ok_or(AppError::NotFound)?;
    document(&mut conn, row).await
}

/// The quotes a private link shows: every version but drafts, newest first.
pub async fn for_link(
    state: &AppState,
    kind: &str,
    token: &str,
) -> Result<Vec<QuoteView>, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let subject = subject_by_token(&mut conn, kind, token).await?;
    let today = today();
    let mut quotes = Vec::new();
    for row in repo::of_request(&mut conn, subject).await? {
        if row.status() != Status::Draft {
            quotes.push(view_of(&mut conn, row, &today).await?);
        }
    }
    Ok(quotes)
}

pub async fn save_seller(
    state: &AppState,
    actor: &CurrentUser,
    seller: Seller,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let trimmed = |v: &str| v.trim().to_owned();
    let seller = Seller {
        name: trimmed(&seller.name),
        legal_form: trimmed(&seller.legal_form),
        address: trimmed(&seller.address),
        siret: seller.siret,
        vat_note: trimmed(&seller.vat_note),
        penalty_rate: trimmed(&seller.penalty_rate),
        payment_terms: trimmed(&seller.payment_terms),
    };
    for (field, value, max) in [
        ("seller_name", &seller.name, 120),
        ("legal_form", &seller.legal_form, 80),
        ("seller_address", &seller.address, 200),
        ("vat_note", &seller.vat_note, 120),
        ("penalty_rate", &seller.penalty_rate, 120),
        ("payment_terms", &seller.payment_terms, 300),
    ] {
        if !(1..=max).contains(&value.chars().count()) {
            errors.insert(field.into(), "field_required".into());
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut tx = state.db.begin_write().await?;
    repo::save_seller(&mut tx, &seller).await?;
    audit::record(&mut tx, actor, "seller.save", "seller", 1, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Every hour: sent quotes past their date become expired.
pub fn spawn_expiry(state: AppState) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            let result = async {
                let mut tx = state.db.begin_write().await?;
                let count = repo::expire_before(&mut tx, &today()).await?;
                tx.commit().await?;
                Ok::<_, sqlx::Error>(count)
            };
            match result.await {
                Ok(0) => {}
                Ok(count) => tracing::info!(count, "quotes expired"),
                Err(error) => tracing::warn!(%error, "quote expiry failed"),
            }
        }
    });
}
