//! The second factor of staff and admins: enrolment from "Mon compte", the code step of sign-in,
//! and turning it off. The codes themselves are `totp.rs`; the SQL is `repo.rs`.
//!
//! Recovery codes are shown once without JavaScript: the confirmation keeps them in clear on the
//! factor's row for at most [`CODES_SHOWN_FOR`], the page that shows them is the only reader,
//! and its "C'est noté" button (or the hourly purge) forgets them; only their hashes stay.
//!
//! The sign-in waiting for a code is a row of `pending_sign_in` (hashed token, 5 minutes, 5 wrong
//! codes), its token in an HttpOnly, SameSite=Strict cookie whose Path is the one endpoint that
//! reads it: a hidden field would put the token in the page (and in its offline copy), a cookie
//! keeps it out of reach of scripts and of every other request.

use super::{
    CurrentUser, Role,
    api::{SecondFactorSetup, SecondFactorStatus},
    audit, password, repo,
    service::{self, SignedIn},
    token, totp,
};
use crate::{
    error::AppError,
    server::{AppState, now},
};
use sqlx::SqliteConnection;

pub const PENDING_COOKIE: &str = "coop_code";
/// The only request that needs the pending sign-in's cookie.
pub const PENDING_PATH: &str = "/api/verify_sign_in_code";
/// How long the code may wait after the right password.
pub const PENDING_LIFETIME: i64 = 5 * 60;
/// Wrong codes that end a pending sign-in (the password must be typed again).
pub const MAX_WRONG_CODES: i64 = 5;
/// Where a right password leads a person with a confirmed factor.
pub const CODE_PAGE: &str = "/connexion/code";
/// How long after the confirmation the recovery codes may still be shown (once).
pub const CODES_SHOWN_FOR: i64 = 10 * 60;

pub fn pending_cookie(token: &str, max_age: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{PENDING_COOKIE}={token}; Path={PENDING_PATH}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    )
}

/// A right password for `person_id`, who has a confirmed factor: no session, a pending sign-in.
/// Returns its `Set-Cookie` value.
pub async fn begin_sign_in(
    conn: &mut SqliteConnection,
    person_id: i64,
    secure: bool,
) -> Result<String, sqlx::Error> {
    let raw = token::new_token();
    let now = now();
    repo::insert_pending_sign_in(
        conn,
        &token::hash_token(&raw),
        person_id,
        now,
        now + PENDING_LIFETIME,
    )
    .await?;
    Ok(pending_cookie(&raw, PENDING_LIFETIME, secure))
}

pub async fn has_confirmed_factor(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<bool, sqlx::Error> {
    Ok(repo::second_factor(conn, person_id)
        .await?
        .is_some_and(|f| f.confirmed_at.is_some()))
}

/// The code step of sign-in: a right TOTP code (never one used before) or an unused recovery
/// code starts the session as a password alone does for others. Wrong codes are slowed per
/// person (whichever pending sign-in they come through) and the fifth ends this one.
pub async fn verify_sign_in(
    state: &AppState,
    raw_token: Option<&str>,
    code: &str,
    previous: Option<String>,
) -> Result<SignedIn, AppError> {
    let expired = || AppError::Conflict("sign_in_code_expired".into());
    let raw = raw_token
        .filter(|t| token::is_well_formed(t))
        .ok_or_else(expired)?;
    let hash = token::hash_token(raw);
    let now = now();
    // Dropped without commit on every refusal before a code is judged: nothing written.
    let mut tx = state.db.begin_write().await?;
    let (person_id, failures) = repo::find_pending_sign_in(&mut tx, &hash, now)
        .await?
        .ok_or_else(expired)?;
    let key = person_id.to_string();
    let limit = &state.limits.sign_in_code;
    limit.check(&key).map_err(|retry_after_secs| {
        tracing::warn!("second factor slowed: too many wrong codes");
        AppError::RateLimited { retry_after_secs }
    })?;
    if !right_code(&mut tx, person_id, code, now).await? {
        let _ = limit.fail(&key);
        let ended = failures + 1 >= MAX_WRONG_CODES;
        if ended {
            repo::delete_pending_sign_in(&mut tx, &hash).await?;
        } else {
            repo::count_pending_failure(&mut tx, &hash).await?;
        }
        tx.commit().await?;
        tracing::info!(ended, "second factor: wrong code");
        return Err(if ended {
            AppError::Conflict("sign_in_code_too_many".into())
        } else {
            AppError::invalid("code", "second_factor_code_wrong")
        });
    }
    limit.forget(&key);
    repo::delete_pending_sign_in(&mut tx, &hash).await?;
    let role = repo::role_of(&mut tx, person_id)
        .await?
        .ok_or(AppError::Internal)?;
    let signed_in = service::start_session(state, &mut tx, person_id, role, previous).await?;
    tx.commit().await?;
    tracing::info!(person_id, "signed in with a second factor");
    Ok(signed_in)
}

/// A TOTP code of the person's confirmed factor (its step then used up), or one of their
/// recovery codes (then gone).
async fn right_code(
    conn: &mut SqliteConnection,
    person_id: i64,
    input: &str,
    now: i64,
) -> Result<bool, AppError> {
    let Some(factor) = repo::second_factor(conn, person_id)
        .await?
        .filter(|f| f.confirmed_at.is_some())
    else {
        return Ok(false);
    };
    if totp::parse_code(input).is_some() {
        let secret = secret_bytes(&factor.secret)?;
        return Ok(match totp::verify(&secret, input, now, factor.last_step) {
            Some(step) => repo::use_step(conn, person_id, step).await?,
            None => false,
        });
    }
    Ok(match totp::parse_recovery_code(input) {
        Some(code) => repo::use_recovery_code(conn, person_id, &token::hash_token(&code)).await?,
        None => false,
    })
}

fn secret_bytes(secret: &str) -> Result<Vec<u8>, AppError> {
    totp::base32_decode(secret)
        .ok_or_else(|| AppError::internal("a stored TOTP secret is not base32"))
}

/// What "Mon compte" says of the factor.
pub async fn status(state: &AppState, user: &CurrentUser) -> Result<SecondFactorStatus, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let factor = repo::second_factor(&mut conn, user.id).await?;
    drop(conn);
    let confirmed = factor.as_ref().is_some_and(|f| f.confirmed_at.is_some());
    let recovery_codes_left = if confirmed {
        repo::count_recovery_codes(&state.db.reader, user.id).await?
    } else {
        0
    };
    Ok(SecondFactorStatus {
        confirmed,
        started: factor.is_some() && !confirmed,
        required: user.role == Role::Admin,
        recovery_codes_left,
    })
}

/// "Activer la double authentification": a new unconfirmed secret (a new one each time until
/// confirmed: a secret seen on an abandoned screen is worthless).
pub async fn start(state: &AppState, user: &CurrentUser) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    if !repo::set_unconfirmed_factor(&mut tx, user.id, &totp::new_secret(), now()).await? {
        return Err(AppError::Conflict("second_factor_already_on".into()));
    }
    tx.commit().await?;
    Ok(())
}

/// The enrolment page: the unconfirmed secret as a QR code and in groups of 4.
pub async fn setup(state: &AppState, user: &CurrentUser) -> Result<SecondFactorSetup, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let factor = repo::second_factor(&mut conn, user.id)
        .await?
        .filter(|f| f.confirmed_at.is_none())
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let email = repo::find_person(&state.db.reader, user.id)
        .await?
        .and_then(|p| p.email)
        .ok_or(AppError::NotFound)?;
    let uri = totp::otpauth_uri(&email, &factor.secret);
    let qr_svg = qrcode::QrCode::new(uri.as_bytes())
        .map_err(AppError::internal)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    Ok(SecondFactorSetup {
        secret: totp::grouped(&factor.secret),
        qr_svg,
        uri,
    })
}

/// The first right code confirms the factor and makes the 10 recovery codes; a wrong one
/// changes nothing.
pub async fn confirm(state: &AppState, user: &CurrentUser, code: &str) -> Result<(), AppError> {
    let wrong = || AppError::invalid("code", "second_factor_code_wrong");
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let factor = repo::second_factor(&mut tx, user.id)
        .await?
        .filter(|f| f.confirmed_at.is_none())
        .ok_or(AppError::NotFound)?;
    let step = totp::verify(&secret_bytes(&factor.secret)?, code, now, factor.last_step)
        .ok_or_else(wrong)?;
    let codes = totp::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| token::hash_token(c)).collect();
    let shown: Vec<String> = codes
        .iter()
        .map(|c| totp::display_recovery_code(c))
        .collect();
    if !repo::confirm_factor(
        &mut tx,
        user.id,
        step,
        now,
        &shown.join(" "),
        now + CODES_SHOWN_FOR,
        &hashes,
    )
    .await?
    {
        return Err(wrong());
    }
    audit::record(&mut tx, user, "second_factor_on", "person", user.id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// The recovery codes, on the one page that shows them, for a few minutes after confirmation.
pub async fn recovery_codes(state: &AppState, user: &CurrentUser) -> Result<Vec<String>, AppError> {
    let codes = repo::codes_to_show(&state.db.reader, user.id, now())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(codes.split(' ').map(str::to_owned).collect())
}

/// "C'est noté": the codes in clear are forgotten.
pub async fn acknowledge(state: &AppState, user: &CurrentUser) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    repo::forget_codes_to_show(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(())
}

/// Turning it off takes the current password (a code would do for a phone at hand, but the
/// password is what someone who lost their phone still has); an admin cannot, since admins'
/// pages need it.
pub async fn disable(
    state: &AppState,
    user: &CurrentUser,
    current: String,
) -> Result<(), AppError> {
    if user.role == Role::Admin {
        return Err(AppError::Conflict("second_factor_admin_required".into()));
    }
    let mut conn = state.db.reader.acquire().await?;
    let exists = repo::second_factor(&mut conn, user.id).await?.is_some();
    drop(conn);
    if !exists {
        return Err(AppError::NotFound);
    }
    let stored = repo::password_hash(&state.db.reader, user.id).await?;
    // The same counter as changing the password: both are guesses of the current one.
    let key = user.id.to_string();
    let limit = &state.limits.password_change;
    limit
        .check(&key)
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    if !password::verify(current, stored).await {
        let _ = limit.fail(&key);
        return Err(AppError::invalid("password", "password_wrong"));
    }
    limit.forget(&key);
    let mut tx = state.db.begin_write().await?;
    repo::delete_second_factor(&mut tx, user.id).await?;
    audit::record(&mut tx, user, "second_factor_off", "person", user.id, None).await?;
    tx.commit().await?;
    Ok(())
}
