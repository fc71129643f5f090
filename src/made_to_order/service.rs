//! The rules of made-to-order requests: sent once whatever the retries, photos checked and
//! re-encoded before anything is written, followed through the private link; the staff's list,
//! settings, and the steps of a job.

use super::{MAX_PHOTOS, MadeToOrderRequest, RequestInput, Settings, Step, repo, validate};
use crate::{
    accounts::{
        CurrentUser, audit,
        token::{hash_token, is_well_formed, new_token},
    },
    alterations::photo::{self, MAX_PHOTO_BYTES},
    error::{AppError, FieldErrors},
    server::{
        AppState,
        db::{Referenced, free_reference},
        multipart::{Field, Fields, text},
        now,
    },
    ui::time::paris_day,
};
use leptos::server_fn::codec::MultipartData;

/// Requests one connection may send in 24 hours (migration 16's trigger says the same).
pub const REQUESTS_PER_ADDRESS: i64 = 5;

/// A text field's bound in bytes: 2,000 characters of French (accents take two bytes).
const MAX_TEXT_BYTES: usize = 8192;

/// The form as sent: its text fields and the photos' bytes.
#[derive(Debug, Default)]
pub struct Submission {
    pub idempotency_key: String,
    pub input: RequestInput,
    pub photos: Vec<Vec<u8>>,
    /// Photos skipped because they weighed more than `MAX_PHOTO_BYTES`, or came beyond
    /// `MAX_PHOTOS`.
    pub photos_too_large: bool,
    pub too_many_photos: bool,
}

impl Submission {
    /// Reads the whole body (bounded as a whole by server::security::check_body); an oversized
    /// photo is noted and skipped, never kept in memory.
    pub async fn read(data: MultipartData) -> Result<Submission, AppError> {
        let mut fields = Fields::new(data, MAX_PHOTO_BYTES, MAX_TEXT_BYTES)?;
        let mut sent = Submission::default();
        while let Some(Field {
            name,
            bytes,
            too_large,
        }) = fields.next().await?
        {
            if name == "photos" {
                if too_large {
                    sent.photos_too_large = true;
                } else if sent.photos.len() >= MAX_PHOTOS && !bytes.is_empty() {
                    sent.too_many_photos = true;
                } else if !bytes.is_empty() {
                    sent.photos.push(bytes);
                }
                continue;
            }
            if too_large {
                return Err(AppError::invalid(&name, "text_too_long"));
            }
            let input = &mut sent.input;
            let slot = match name.as_str() {
                "idempotency_key" => &mut sent.idempotency_key,
                "kind" => &mut input.kind,
                "organisation" => &mut input.organisation,
                "siret" => &mut input.siret,
                "contact_name" => &mut input.contact_name,
                "email" => &mut input.email,
                "phone" => &mut input.phone,
                "description" => &mut input.description,
                "quantity" => &mut input.quantity,
                "wished_day" => &mut input.wished_day,
                "budget" => &mut input.budget,
                "consent" => &mut input.consent,
                _ => continue,
            };
            *slot = text(bytes)?;
        }
        Ok(sent)
    }
}

pub async fn settings(state: &AppState) -> Result<Settings, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    Ok(repo::settings(&mut conn).await?)
}

/// The form's idempotency key: this browser's refused form's (so the photos it sent, kept under
/// that key, go with the corrected one) unless a request already used it; and how many photos
/// are kept for it.
pub async fn form_key(
    state: &AppState,
    refused_key: Option<String>,
) -> Result<(String, usize), AppError> {
    let key = match refused_key.filter(|key| is_well_formed(key)) {
        Some(key) => {
            let mut conn = state.db.reader.acquire().await?;
            let used = repo::id_by_token(&mut conn, &hash_token(&key)).await?;
            if used.is_none() { key } else { new_token() }
        }
        None => new_token(),
    };
    let kept = kept_photos(state, &key).len();
    Ok((key, kept))
}

/// The photos a refused form of `key` had sent, in their order (server::drafts::Kept).
fn kept_photos(state: &AppState, key: &str) -> Vec<photo::StoredPhoto> {
    (0..MAX_PHOTOS)
        .map_while(|index| state.kept_photos.find(key, &format!("photos_{index}")))
        .collect()
}

/// Records a request; the idempotency key becomes the private link. A retried submission
/// answers the same link and writes nothing; a refused one writes nothing either.
pub async fn submit(
    state: &AppState,
    sent: Submission,
    client_key: Option<String>,
) -> Result<String, AppError> {
    let token = sent.idempotency_key.trim().to_owned();
    if !is_well_formed(&token) {
        return Err(AppError::BadRequest);
    }
    let token_hash = hash_token(&token);
    {
        let mut conn = state.db.reader.acquire().await?;
        if repo::id_by_token(&mut conn, &token_hash).await?.is_some() {
            return Ok(token);
        }
    }
    let settings = settings(state).await?;
    let request = validate(&sent.input, &settings, paris_day(now()));
    let mut errors: FieldErrors = request.as_ref().err().cloned().unwrap_or_default();
    if sent.photos_too_large {
        errors.insert("photos".into(), "photo_too_large".into());
    } else if sent.too_many_photos {
        errors.insert("photos".into(), "too_many_photos".into());
    }
    // Photos too large or too many: refused before any is decoded.
    if errors.contains_key("photos") {
        return Err(AppError::Validation(errors));
    }
    // Decoded off the async threads, all of a request's photos in one turn of the gate, also
    // when something else is refused: they are kept for the corrected form (not asked again).
    // None sent: the ones a refused form of this key had sent, if any.
    let photos = if sent.photos.is_empty() {
        kept_photos(state, &token)
    } else {
        let sent_photos = sent.photos;
        let decoded = state
            .photo_decodes
            .run(move || {
                sent_photos
                    .iter()
                    .map(|bytes| photo::reencode(bytes))
                    .collect::<Result<Vec<_>, _>>()
            })
            .await?;
        match decoded {
            Ok(photos) => photos,
            Err(key) => {
                errors.insert("photos".into(), key.into());
                Vec::new()
            }
        }
    };
    let request = match request {
        Ok(request) if errors.is_empty() => request,
        _ => {
            // What was received replaces what was kept for this form.
            if !photos.is_empty() {
                state.kept_photos.forget(&token);
            }
            for (index, stored) in photos.into_iter().enumerate() {
                let bytes = stored.jpeg.len();
                state
                    .kept_photos
                    .keep(&token, &format!("photos_{index}"), stored, bytes);
            }
            return Err(AppError::Validation(errors));
        }
    };

    let now = now();
    let mut tx = state.db.begin_write().await?;
    if repo::id_by_token(&mut tx, &token_hash).await?.is_some() {
        return Ok(token);
    }
    if let Some(key) = &client_key
        && repo::sent_from(&mut tx, key, now).await? >= REQUESTS_PER_ADDRESS
    {
        return Err(AppError::Conflict("address_share_made_to_order".into()));
    }
    let reference = free_reference(&mut tx, Referenced::MadeToOrderRequest, 'S').await?;
    let partner_id = match request.organisation.as_str() {
        "" => None,
        name => Some(
            crate::partners::repo::find_or_create(&mut tx, name, request.siret.as_deref(), now)
                .await?,
        ),
    };
    let new = repo::NewRequest {
        reference: &reference,
        token_hash: &token_hash,
        request: &request,
        partner_id,
        client_key: client_key.as_deref(),
        now,
    };
    let id = repo::insert(&mut tx, &new).await?;
    for stored in &photos {
        repo::insert_photo(&mut tx, id, stored).await?;
    }
    tx.commit().await?;
    state.kept_photos.forget(&token);
    Ok(token)
}

pub async fn by_token(state: &AppState, token: &str) -> Result<MadeToOrderRequest, AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let mut conn = state.db.reader.acquire().await?;
    let id = repo::id_by_token(&mut conn, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    repo::find(&mut conn, id).await?.ok_or(AppError::NotFound)
}

/// The client withdraws the request from the private link, while it waits for an answer.
pub async fn cancel(state: &AppState, token: &str) -> Result<(), AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let mut tx = state.db.begin_write().await?;
    let id = repo::id_by_token(&mut tx, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let request = repo::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    match request.status.as_str() {
        "cancelled" => return Ok(()),
        "requested" if request.job.is_none() => {}
        _ => return Err(AppError::Conflict("made_to_order_not_cancellable".into())),
    }
    repo::change_status(&mut tx, id, "requested", "cancelled", now()).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn list(state: &AppState) -> Result<(Vec<MadeToOrderRequest>, Settings), AppError> {
    let mut conn = state.db.reader.acquire().await?;
    Ok((
        repo::list(&mut conn).await?,
        repo::settings(&mut conn).await?,
    ))
}

pub async fn find(state: &AppState, id: i64) -> Result<MadeToOrderRequest, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    repo::find(&mut conn, id).await?.ok_or(AppError::NotFound)
}

pub async fn save_settings(
    state: &AppState,
    actor: &CurrentUser,
    lead_days: &str,
) -> Result<(), AppError> {
    let lead_days = lead_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=180).contains(n))
        .ok_or_else(|| AppError::invalid("lead_days", "lead_days_range_made_to_order"))?;
    let mut tx = state.db.begin_write().await?;
    repo::save_settings(&mut tx, &Settings { lead_days }).await?;
    let detail = format!("lead_days={lead_days}");
    audit::record(
        &mut tx,
        actor,
        "settings.save",
        "made_to_order",
        1,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves a job to its next step. `from` is the step the staff saw: a second tap (or a tap on
/// a page left open while a colleague moved the job) changes nothing and says so.
pub async fn advance_job(
    state: &AppState,
    actor: &CurrentUser,
    request_id: i64,
    from: &str,
) -> Result<(), AppError> {
    let from = Step::parse(from).ok_or(AppError::BadRequest)?;
    let mut tx = state.db.begin_write().await?;
    let request = repo::find(&mut tx, request_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let job = request.job.ok_or(AppError::NotFound)?;
    let to = from
        .next()
        .ok_or_else(|| AppError::Conflict("job_step_done".into()))?;
    if job.step != from || !repo::advance_job(&mut tx, job.id, from, to, now()).await? {
        return Err(AppError::Conflict("job_step_moved".into()));
    }
    audit::record(
        &mut tx,
        actor,
        "job.step",
        "made_to_order_job",
        job.id,
        Some(to.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
