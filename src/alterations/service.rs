//! The conciergerie's rules that need the database: the form's second step, sending a request
//! (validated whole, photos re-encoded, written in one transaction, replay-safe), cancelling
//! from the private link, and staff decisions through the state machine.

use super::{
    Decision, MAX_PHOTOS, RequestDraft, Service, Status, dropoff_days, estimate, format_day,
    next_status, parse_day, parse_euros, parse_note, parse_quantity,
    photo::{self, MAX_PHOTO_BYTES},
    repo,
};
use crate::{
    accounts::{
        CurrentUser, audit, parse_email, parse_name, parse_optional, parse_phone,
        token::{hash_token, is_well_formed, new_token},
    },
    error::{AppError, FieldErrors},
    partners,
    server::{
        AppState,
        db::{Referenced, free_reference, is_unique_violation},
        multipart::{Field, Fields, text},
        now,
    },
    ui::time::{paris_day, parse_hhmm, utc_to_paris},
};
use leptos::server_fn::codec::MultipartData;

/// The drop-off days offered now: the conciergerie's open weekdays within the horizon, neither
/// public holidays nor closures (home::calendar), and today only until the conciergerie closes.
pub async fn offered_dropoff_days(state: &AppState) -> Result<Vec<i64>, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let open = repo::open_weekdays(&mut *conn).await?;
    let closed = crate::home::service::closed(&mut *conn).await?;
    let (today, minutes) = utc_to_paris(now());
    let closes_today =
        crate::home::repo::ranges_of_day(&mut conn, "conciergerie", super::weekday(today))
            .await?
            .iter()
            .filter_map(|(_, closes)| parse_hhmm(closes).ok())
            .max();
    let open_now = closes_today.is_some_and(|closes| minutes < closes);
    Ok(dropoff_days(today, &open)
        .into_iter()
        .filter(|day| !closed.is_closed(*day) && (*day != today || open_now))
        .collect())
}

/// The second step of the form: the lines chosen in the first (`service id → quantity`), priced,
/// with the days and partners to choose from and a fresh idempotency key.
/// `refused_key`: the idempotency key of this browser's refused form, if any (its draft,
/// server::drafts): the form keeps it, and with it the photos already received.
pub async fn draft(
    state: &AppState,
    choices: &[(String, String)],
    refused_key: Option<String>,
) -> Result<RequestDraft, AppError> {
    let services = repo::list_services(&state.db.reader, true).await?;
    let mut errors = FieldErrors::new();
    let mut lines = Vec::new();
    for (id, quantity) in choices {
        let service = id
            .parse::<i64>()
            .ok()
            .and_then(|id| services.iter().find(|s| s.id == id));
        match (service, parse_quantity(quantity)) {
            (_, Ok(0)) => {}
            (Some(service), Ok(quantity)) => lines.push((service.clone(), quantity)),
            (None, _) => {
                errors.insert("items".into(), "service_unavailable".into());
            }
            (Some(service), Err(key)) => {
                errors.insert(format!("q{}", service.id), key.into());
            }
        }
    }
    if lines.is_empty() && errors.is_empty() {
        errors.insert("items".into(), "items_required".into());
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let days = offered_dropoff_days(state)
        .await?
        .into_iter()
        .map(format_day)
        .collect();
    let partners = partners::repo::list(&state.db.reader)
        .await?
        .into_iter()
        .filter(|p| p.active)
        .collect();
    // A key already used by a request would make the next form a replay of it.
    let idempotency_key = match refused_key.filter(|key| is_well_formed(key)) {
        Some(key)
            if repo::find_id_by_token(&state.db.reader, &hash_token(&key))
                .await?
                .is_none() =>
        {
            key
        }
        _ => new_token(),
    };
    let kept_photos = (0..lines.len())
        .map(|index| format!("item_photo_{index}"))
        .filter(|field| state.kept_photos.find(&idempotency_key, field).is_some())
        .collect();
    Ok(RequestDraft {
        estimate: estimate(lines.iter().map(|(s, q)| (s.price_cents, *q))),
        lines,
        days,
        partners,
        idempotency_key,
        kept_photos,
    })
}

/// One line of the form as sent, before validation.
#[derive(Debug, Default)]
pub struct SentLine {
    pub service_id: String,
    pub quantity: String,
    pub note: String,
    pub photo: Option<Vec<u8>>,
    pub photo_too_large: bool,
}

/// The form as sent (multipart, because of the photos), before validation.
#[derive(Debug, Default)]
pub struct Submission {
    pub idempotency_key: String,
    pub lines: std::collections::BTreeMap<usize, SentLine>,
    pub dropoff_date: String,
    pub partner_id: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
}

/// The longest a text field may be as sent (the rules then say how long each may be).
const MAX_TEXT_BYTES: usize = 4096;

impl Submission {
    /// Reads the whole body. Oversized photos are noted and skipped, not kept in memory; the
    /// body as a whole is bounded by the upload limit (server::security).
    pub async fn read(data: MultipartData) -> Result<Submission, AppError> {
        let mut fields = Fields::new(data, MAX_PHOTO_BYTES, MAX_TEXT_BYTES)?;
        let mut sent = Submission::default();
        while let Some(Field {
            name,
            bytes,
            too_large,
        }) = fields.next().await?
        {
            if let Some((kind, index)) = name
                .rsplit_once('_')
                .and_then(|(kind, index)| Some((kind.to_owned(), index.parse::<usize>().ok()?)))
                && index < 50
            {
                let line = sent.lines.entry(index).or_default();
                match kind.as_str() {
                    "item_photo" if too_large => line.photo_too_large = true,
                    "item_photo" if !bytes.is_empty() => line.photo = Some(bytes),
                    "item_photo" => {}
                    _ if too_large => return Err(AppError::invalid(&name, "text_too_long")),
                    "item_service" => line.service_id = text(bytes)?,
                    "item_quantity" => line.quantity = text(bytes)?,
                    "item_note" => line.note = text(bytes)?,
                    _ => {}
                }
                continue;
            }
            if too_large {
                return Err(AppError::invalid(&name, "text_too_long"));
            }
            match name.as_str() {
                "idempotency_key" => sent.idempotency_key = text(bytes)?,
                "dropoff_date" => sent.dropoff_date = text(bytes)?,
                "partner_id" => sent.partner_id = text(bytes)?,
                "contact_name" => sent.contact_name = text(bytes)?,
                "phone" => sent.phone = text(bytes)?,
                "email" => sent.email = text(bytes)?,
                "consent" => sent.consent = !bytes.is_empty(),
                _ => {}
            }
        }
        Ok(sent)
    }
}

/// A line that passed the rules.
struct ValidLine {
    service: Service,
    quantity: u32,
    note: String,
    photo: Option<Vec<u8>>,
    field: String,
}

/// Sends a request: every rule checked before anything is written, then one transaction.
/// Returns the private link's token. Sending the same form twice (same key) gives the same
/// request back. `client_key` is the pseudonym of the sender's address
/// (`server::request::client_key`): the database takes 10 requests a day from one at most.
pub async fn submit(
    state: &AppState,
    sent: Submission,
    client_key: Option<String>,
) -> Result<String, AppError> {
    let key = sent.idempotency_key.trim().to_owned();
    if !is_well_formed(&key) {
        return Err(AppError::BadRequest);
    }
    let token_hash = hash_token(&key);
    if repo::find_id_by_token(&state.db.reader, &token_hash)
        .await?
        .is_some()
    {
        return Ok(key);
    }

    let services = repo::list_services(&state.db.reader, true).await?;
    let mut errors = FieldErrors::new();
    let mut lines = Vec::new();
    for (index, line) in &sent.lines {
        let field = |kind: &str| format!("item_{kind}_{index}");
        let service = line
            .service_id
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|id| services.iter().find(|s| s.id == id));
        let Some(service) = service else {
            errors.insert(field("service"), "service_unavailable".into());
            continue;
        };
        let quantity = match parse_quantity(&line.quantity) {
            Ok(0) => {
                errors.insert(field("quantity"), "quantity_invalid".into());
                continue;
            }
            Ok(quantity) => quantity,
            Err(key) => {
                errors.insert(field("quantity"), key.into());
                continue;
            }
        };
        let note = parse_note(&line.note).unwrap_or_else(|key| {
            errors.insert(field("note"), key.into());
            String::new()
        });
        if line.photo_too_large {
            errors.insert(field("photo"), "photo_too_large".into());
        }
        lines.push(ValidLine {
            service: service.clone(),
            quantity,
            note,
            photo: line.photo.clone(),
            field: field("photo"),
        });
    }
    if lines.is_empty() && errors.is_empty() {
        errors.insert("items".into(), "items_required".into());
    }
    if lines.iter().filter(|l| l.photo.is_some()).count() > MAX_PHOTOS {
        errors.insert("items".into(), "too_many_photos".into());
    }

    let offered = offered_dropoff_days(state).await?;
    let dropoff = parse_day(&sent.dropoff_date).filter(|day| offered.contains(day));
    if dropoff.is_none() {
        errors.insert("dropoff_date".into(), "dropoff_day_invalid".into());
    }
    let partner_id = match sent.partner_id.trim() {
        "" => None,
        id => match id.parse::<i64>() {
            Ok(id)
                if partners::repo::find_active(&state.db.reader, id)
                    .await?
                    .is_some() =>
            {
                Some(id)
            }
            _ => {
                errors.insert("partner_id".into(), "partner_unknown".into());
                None
            }
        },
    };
    let mut check = |field: &str, result: Result<Option<String>, &'static str>| {
        result.unwrap_or_else(|key| {
            errors.insert(field.into(), key.into());
            None
        })
    };
    let contact_name = check("contact_name", parse_name(&sent.contact_name).map(Some));
    let phone = check("phone", parse_optional(&sent.phone, parse_phone));
    let email = check("email", parse_optional(&sent.email, parse_email));
    if phone.is_none()
        && email.is_none()
        && !errors.contains_key("phone")
        && !errors.contains_key("email")
    {
        errors.insert("phone".into(), "contact_required".into());
    }
    if !sent.consent {
        errors.insert("consent".into(), "consent_required".into());
    }
    // A form that is not even a list of lines is refused before any photo is decoded.
    if !errors.is_empty() && (errors.contains_key("items") || lines.is_empty()) {
        return Err(AppError::Validation(errors));
    }

    // Photos are decoded and re-encoded off the async threads (CPU work), a request's photos
    // one after the other in one turn of the gate: once its turn comes, a request finishes.
    // Also when something else is refused: what was received is kept for the corrected form
    // (server::drafts::Kept), so she is not asked for the photo again.
    let sent_photos: Vec<Option<Vec<u8>>> = lines.iter_mut().map(|l| l.photo.take()).collect();
    let photos = if sent_photos.iter().all(Option::is_none) {
        sent_photos.into_iter().map(|_| None).collect()
    } else {
        state
            .photo_decodes
            .run(move || {
                sent_photos
                    .into_iter()
                    .map(|bytes| bytes.map(|bytes| photo::reencode(&bytes)))
                    .collect::<Vec<_>>()
            })
            .await?
    };
    let photos: Vec<Option<photo::StoredPhoto>> = lines
        .iter()
        .zip(photos)
        .map(|(line, stored)| match stored {
            Some(Err(key)) => {
                errors.insert(line.field.clone(), key.into());
                None
            }
            Some(Ok(stored)) => Some(stored),
            None => state.kept_photos.find(&key, &line.field),
        })
        .collect();
    if !errors.is_empty() {
        for (line, photo) in lines.iter().zip(&photos) {
            if let Some(photo) = photo {
                let bytes = photo.jpeg.len();
                state
                    .kept_photos
                    .keep(&key, &line.field, photo.clone(), bytes);
            }
        }
        return Err(AppError::Validation(errors));
    }

    let estimate = estimate(lines.iter().map(|l| (l.service.price_cents, l.quantity)));
    let dropoff_date = format_day(dropoff.unwrap_or_default());
    let now = now();
    let mut tx = state.db.begin_write().await?;
    // Writes are serialized (one writer, BEGIN IMMEDIATE): the same form sent twice at once
    // finds the first one here. Any UNIQUE violation below is a real failure, never a replay.
    if repo::find_id_by_token(&mut *tx, &token_hash)
        .await?
        .is_some()
    {
        return Ok(key);
    }
    let reference = free_reference(&mut tx, Referenced::AlterationRequest, 'R').await?;
    let new = repo::NewRequest {
        reference: &reference,
        token_hash: &token_hash,
        contact_name: contact_name.as_deref().unwrap_or_default(),
        phone: phone.as_deref(),
        email: email.as_deref(),
        partner_id,
        dropoff_date: &dropoff_date,
        estimate,
        client_key: client_key.as_deref(),
    };
    let id = match repo::insert_request(&mut tx, &new, now).await {
        Ok(id) => id,
        // Past the address's share (the trigger of migration 11): nothing was written.
        Err(e)
            if e.as_database_error()
                .is_some_and(|db| db.message().contains("address_share_alterations")) =>
        {
            return Err(AppError::Conflict("address_share_alterations".into()));
        }
        Err(e) => return Err(e.into()),
    };
    for (line, photo) in lines.iter().zip(&photos) {
        let item = repo::insert_item(
            &mut tx,
            id,
            line.service.id,
            line.quantity,
            line.service.price_cents,
            &line.note,
        )
        .await?;
        if let Some(photo) = photo {
            repo::insert_photo(&mut tx, item, photo).await?;
        }
    }
    tx.commit().await?;
    state.kept_photos.forget(&key);
    Ok(key)
}

/// The request behind a private link, or 404.
pub async fn by_token(state: &AppState, token: &str) -> Result<i64, AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    repo::find_id_by_token(&state.db.reader, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)
}

/// The person cancels from their private link (until the clothes are dropped off).
pub async fn cancel(state: &AppState, token: &str) -> Result<(), AppError> {
    let id = by_token(state, token).await?;
    let mut tx = state.db.begin_write().await?;
    let status = repo::status_of_request(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let to = next_status(status, Decision::Cancel).map_err(|key| AppError::Conflict(key.into()))?;
    let fields = repo::DecisionFields::default();
    repo::change_status(&mut tx, id, status, to, &fields, None, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// How long after cancelling a request its link can undo it.
pub const RESTORE_SECS: i64 = 10 * 60;

/// What a cancelled request goes back to if its cancellation may still be undone: the status it
/// had (asked, or accepted), within minutes of cancelling. Only the person cancels (staff
/// decline), so every cancellation is the link's own. Undone once: each undo adds to the
/// request's history, which a link holder tapping cancel / undo must not grow without end.
pub fn restores_to(request: &super::Request, now: i64) -> Option<Status> {
    within_undo(request, now).filter(|_| !undone_before(request))
}

/// Whether a cancellation of this request was undone already (more than one in its history).
fn undone_before(request: &super::Request) -> bool {
    let cancellations = request
        .events
        .iter()
        .filter(|e| e.status == Status::Cancelled);
    cancellations.count() > 1
}

/// The status before the cancellation, while it is minutes old.
fn within_undo(request: &super::Request, now: i64) -> Option<Status> {
    if request.status != Status::Cancelled {
        return None;
    }
    let mut events = request.events.iter().rev();
    events
        .next()
        .filter(|e| e.status == Status::Cancelled && now < e.at + RESTORE_SECS)?;
    events
        .next()
        .map(|e| e.status)
        .filter(|s| matches!(s, Status::Requested | Status::Accepted))
}

/// The person undoes a cancellation from the private link, minutes after it, while the drop-off
/// day is still offered (to come, the coop open that day): the same request, link and history.
pub async fn restore(state: &AppState, token: &str) -> Result<(), AppError> {
    let id = by_token(state, token).await?;
    let request = repo::load_request(&state.db.reader, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if request.status != Status::Cancelled {
        // A double tap: restored once.
        return Ok(());
    }
    let too_late = || AppError::Conflict("restore_request_too_late".into());
    let to = within_undo(&request, now()).ok_or_else(too_late)?;
    let offered = offered_dropoff_days(state).await?;
    if !parse_day(&request.dropoff_date).is_some_and(|day| offered.contains(&day)) {
        return Err(AppError::Conflict("restore_day_gone".into()));
    }
    if undone_before(&request) {
        return Err(too_late());
    }
    let mut tx = state.db.begin_write().await?;
    // Conditional on the status read: of two taps at once, one moves it, the other finds it done.
    let fields = repo::DecisionFields::default();
    repo::change_status(&mut tx, id, Status::Cancelled, to, &fields, None, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// What staff send with a decision; each decision reads the fields it needs.
#[derive(Debug, Default)]
pub struct DecisionForm {
    pub price: String,
    pub dropoff_date: String,
    pub reason: String,
    pub shelf: String,
}

/// A staff decision: checked against the state machine and the current status, recorded in the
/// request's history and the audit log, in one transaction.
pub async fn decide(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    decision: Decision,
    form: DecisionForm,
) -> Result<Status, AppError> {
    if decision == Decision::Cancel {
        // Only the person cancels; staff decline, with a reason.
        return Err(AppError::Conflict("transition_not_allowed".into()));
    }
    let mut fields = repo::DecisionFields::default();
    let reason = form.reason.trim();
    let shelf = form.shelf.trim();
    let dropoff_date;
    match decision {
        Decision::Accept => {
            fields.confirmed_cents =
                Some(parse_euros(&form.price).map_err(|key| AppError::invalid("price", key))?);
            let day = parse_day(&form.dropoff_date)
                .filter(|day| *day >= paris_day(now()))
                .ok_or_else(|| AppError::invalid("dropoff_date", "dropoff_day_invalid"))?;
            dropoff_date = format_day(day);
            fields.dropoff_date = Some(&dropoff_date);
        }
        Decision::Decline => {
            if reason.is_empty() {
                return Err(AppError::invalid("reason", "reason_required"));
            }
            if reason.chars().count() > 300 {
                return Err(AppError::invalid("reason", "text_too_long"));
            }
            fields.decline_reason = Some(reason);
        }
        Decision::DropOff => {
            if shelf.is_empty() {
                return Err(AppError::invalid("shelf", "shelf_required"));
            }
            if shelf.chars().count() > 20 {
                return Err(AppError::invalid("shelf", "text_too_long"));
            }
            fields.shelf = Some(shelf);
        }
        _ => {}
    }
    let mut tx = state.db.begin_write().await?;
    let status = repo::status_of_request(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let to = next_status(status, decision).map_err(|key| AppError::Conflict(key.into()))?;
    repo::change_status(&mut tx, id, status, to, &fields, Some(actor.id), now()).await?;
    audit::record(
        &mut tx,
        actor,
        decision.as_str(),
        "alteration_request",
        id,
        Some(to.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(to)
}

/// A price-list entry as typed by staff.
#[derive(Debug, Default)]
pub struct ServiceForm {
    pub name: String,
    pub description: String,
    /// Empty: "sur devis".
    pub price: String,
    pub turnaround_days: String,
    pub active: bool,
}

/// Adds (id None) or changes a price-list entry.
pub async fn save_service(
    state: &AppState,
    actor: &CurrentUser,
    id: Option<i64>,
    form: ServiceForm,
) -> Result<i64, AppError> {
    let mut errors = FieldErrors::new();
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        errors.insert("name".into(), "service_name_invalid".into());
    }
    let description = form.description.trim();
    if description.chars().count() > 300 {
        errors.insert("description".into(), "text_too_long".into());
    }
    let price_cents = match form.price.trim() {
        "" => None,
        price => parse_euros(price)
            .map_err(|key| errors.insert("price".into(), key.into()))
            .ok(),
    };
    let turnaround_days = match form.turnaround_days.trim().parse::<i64>() {
        Ok(days @ 0..=60) => days,
        _ => {
            errors.insert("turnaround_days".into(), "turnaround_invalid".into());
            0
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let fields = repo::ServiceFields {
        name,
        description,
        price_cents,
        turnaround_days,
        active: form.active,
    };
    let mut tx = state.db.begin_write().await?;
    let saved = match id {
        Some(id) => repo::update_service(&mut tx, id, &fields)
            .await
            .map(|found| found.then_some(id)),
        None => repo::insert_service(&mut tx, &fields).await.map(Some),
    };
    let id = match saved {
        Ok(Some(id)) => id,
        Ok(None) => return Err(AppError::NotFound),
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::invalid("name", "service_name_taken"));
        }
        Err(e) => return Err(e.into()),
    };
    audit::record(&mut tx, actor, "save", "alteration_service", id, Some(name)).await?;
    tx.commit().await?;
    Ok(id)
}
