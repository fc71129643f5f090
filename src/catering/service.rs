//! The rules of catering requests: sent once whatever the retries, checked all at once,
//! followed through the private link; the staff's list and settings.

use super::{CateringRequest, Formula, RequestInput, Settings, repo, validate};
use crate::{
    accounts::{
        CurrentUser, audit,
        token::{hash_token, is_well_formed},
    },
    error::AppError,
    server::{
        AppState,
        db::{Referenced, free_reference},
        now,
    },
    ui::time::paris_day,
};

/// Requests one connection may send in 24 hours (migration 14's trigger says the same).
pub const REQUESTS_PER_ADDRESS: i64 = 5;

/// What the form needs: the rules and the formulas offered.
pub async fn form(state: &AppState) -> Result<(Settings, Vec<Formula>), AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let settings = repo::settings(&mut conn).await?;
    let formulas = repo::formulas(&mut conn)
        .await?
        .into_iter()
        .filter(|f| f.active)
        .collect();
    Ok((settings, formulas))
}

/// Records a request; `token` is the form's idempotency key and becomes the private link. A
/// retried submission answers the same link and writes nothing.
pub async fn submit(
    state: &AppState,
    token: &str,
    input: &RequestInput,
    client_key: Option<String>,
) -> Result<String, AppError> {
    if !is_well_formed(token) {
        return Err(AppError::BadRequest);
    }
    let token_hash = hash_token(token);
    let now = now();
    let mut tx = state.db.begin_write().await?;
    if repo::id_by_token(&mut tx, &token_hash).await?.is_some() {
        return Ok(token.to_owned());
    }
    let settings = repo::settings(&mut tx).await?;
    let formulas = repo::formulas(&mut tx).await?;
    let request =
        validate(input, &settings, &formulas, paris_day(now)).map_err(AppError::Validation)?;
    if let Some(key) = &client_key
        && repo::sent_from(&mut tx, key, now).await? >= REQUESTS_PER_ADDRESS
    {
        return Err(AppError::Conflict("address_share_catering".into()));
    }
    let reference = free_reference(&mut tx, Referenced::CateringRequest, 'T').await?;
    let new = repo::NewRequest {
        reference: &reference,
        token_hash: &token_hash,
        request: &request,
        client_key: client_key.as_deref(),
        now,
    };
    let id = repo::insert(&mut tx, &new).await?;
    let partner = crate::partners::repo::find_or_create(
        &mut tx,
        &request.organisation,
        request.siret.as_deref(),
        now,
    )
    .await?;
    repo::set_partner(&mut tx, id, partner).await?;
    tx.commit().await?;
    Ok(token.to_owned())
}

pub async fn by_token(state: &AppState, token: &str) -> Result<CateringRequest, AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let mut conn = state.db.reader.acquire().await?;
    let id = repo::id_by_token(&mut conn, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    repo::find(&mut conn, id).await?.ok_or(AppError::NotFound)
}

/// The company withdraws its request from the private link (while it waits for an answer).
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
        "requested" => {}
        _ => return Err(AppError::Conflict("catering_not_cancellable".into())),
    }
    repo::change_status(&mut tx, id, "requested", "cancelled", now()).await?;
    tx.commit().await?;
    Ok(())
}

/// The staff's page: the requests, the rules, every formula (inactive ones too).
pub async fn admin(
    state: &AppState,
) -> Result<(Vec<CateringRequest>, Settings, Vec<Formula>), AppError> {
    let mut conn = state.db.reader.acquire().await?;
    Ok((
        repo::list(&mut conn).await?,
        repo::settings(&mut conn).await?,
        repo::formulas(&mut conn).await?,
    ))
}

pub async fn save_settings(
    state: &AppState,
    actor: &CurrentUser,
    min_covers: &str,
    lead_days: &str,
) -> Result<(), AppError> {
    let mut errors = crate::error::FieldErrors::new();
    let min_covers = min_covers
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=500).contains(n));
    if min_covers.is_none() {
        errors.insert("min_covers".into(), "min_covers_range".into());
    }
    let lead_days = lead_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=90).contains(n));
    if lead_days.is_none() {
        errors.insert("lead_days".into(), "lead_days_range".into());
    }
    let (Some(min_covers), Some(lead_days)) = (min_covers, lead_days) else {
        return Err(AppError::Validation(errors));
    };
    let settings = Settings {
        min_covers,
        lead_days,
    };
    let mut tx = state.db.begin_write().await?;
    repo::save_settings(&mut tx, &settings).await?;
    let detail = format!("min_covers={min_covers} lead_days={lead_days}");
    audit::record(
        &mut tx,
        actor,
        "settings.save",
        "catering",
        1,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_formula(
    state: &AppState,
    actor: &CurrentUser,
    name: &str,
) -> Result<(), AppError> {
    let name = name.trim();
    if !(1..=60).contains(&name.chars().count()) {
        return Err(AppError::invalid("name", "formula_name_invalid"));
    }
    let mut tx = state.db.begin_write().await?;
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM catering_formula WHERE name = ? COLLATE NOCASE")
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
    if taken.is_some() {
        return Err(AppError::invalid("name", "formula_name_taken"));
    }
    let id = repo::add_formula(&mut tx, name).await?;
    audit::record(
        &mut tx,
        actor,
        "formula.add",
        "catering_formula",
        id,
        Some(name),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_formula_active(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    active: bool,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    if !repo::set_formula_active(&mut tx, id, active).await? {
        return Err(AppError::NotFound);
    }
    let action = if active { "formula.on" } else { "formula.off" };
    audit::record(&mut tx, actor, action, "catering_formula", id, None).await?;
    tx.commit().await?;
    Ok(())
}
