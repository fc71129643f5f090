//! Account rules that need the database: each decision and its audit line in one transaction.

use super::{
    CurrentUser, Person, Role, audit, device, parse_email, parse_name, parse_optional, parse_phone,
    password, repo, second_factor, session, token,
};
use crate::{
    error::{AppError, FieldErrors},
    server::{AppState, db::is_unique_violation, now},
};

/// How long an invitation card works.
pub const INVITATION_LIFETIME: i64 = 7 * 24 * 3600;

/// Validated details of a person, as staff enter them.
pub struct PersonForm {
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub sectors: Vec<String>,
}

impl PersonForm {
    /// Parses what staff typed; every invalid field is reported at once, with its message key.
    pub fn parse(
        first_name: &str,
        last_name: &str,
        email: &str,
        phone: &str,
        sectors: Option<Vec<String>>,
        email_required: bool,
    ) -> Result<PersonForm, AppError> {
        let mut errors = FieldErrors::new();
        let mut check = |field: &str, result: Result<(), &'static str>| {
            if let Err(key) = result {
                errors.insert(field.to_owned(), key.to_owned());
            }
        };
        let first = parse_name(first_name);
        check("first_name", first.as_ref().map(|_| ()).map_err(|e| *e));
        let last = parse_name(last_name);
        check("last_name", last.as_ref().map(|_| ()).map_err(|e| *e));
        let email = match (email_required, email.trim().is_empty()) {
            (true, true) => Err("email_required"),
            (true, false) => parse_email(email).map(Some),
            (false, _) => parse_optional(email, parse_email),
        };
        check("email", email.as_ref().map(|_| ()).map_err(|e| *e));
        let phone = parse_optional(phone, parse_phone);
        check("phone", phone.as_ref().map(|_| ()).map_err(|e| *e));
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        Ok(PersonForm {
            first_name: first.unwrap_or_default(),
            last_name: last.unwrap_or_default(),
            email: email.ok().flatten(),
            phone: phone.ok().flatten(),
            sectors: sectors.unwrap_or_default(),
        })
    }
}

/// A successful sign-in: the cookies to set and where to go next.
pub struct SignedIn {
    pub cookie: String,
    /// The known-device cookie, when signed in with a password (None: an invitation card).
    pub device_cookie: Option<String>,
    pub home: &'static str,
}

/// Where a person lands after signing in: staff on their inbox, participants on their shifts.
pub fn home_of(role: Role) -> &'static str {
    if role.is_staff() {
        "/equipe"
    } else {
        "/planning"
    }
}

/// The longest of the waits, if any.
fn longest_wait(waits: &[Result<(), u64>]) -> Result<(), u64> {
    waits
        .iter()
        .filter_map(|w| w.err())
        .max()
        .map_or(Ok(()), Err)
}

/// Email (or a participant's phone) and password; the same answer whether the account is
/// unknown or the password wrong. Failures slow the next attempts (increasing delays) per
/// account from this address, per address, and per account from everywhere (a high threshold:
/// strong evidence only). A browser with a valid known-device cookie for the account is judged
/// only on its own failures: an attacker cannot keep the person out by failing on purpose.
pub async fn sign_in(
    state: &AppState,
    ip: &str,
    login: &str,
    secret: String,
    previous: Option<String>,
    device_cookie: Option<&str>,
) -> Result<SignedIn, AppError> {
    let email = super::parse_email(login).ok();
    let phone = super::parse_phone(login).ok();
    let account_key = email
        .clone()
        .or(phone.clone())
        .unwrap_or_else(|| login.trim().to_lowercase());
    // One indexed read before the throttle: the known-device cookie must name this account.
    let found = match (&email, &phone) {
        (None, None) => None,
        _ => repo::find_login(&state.db.reader, email.as_deref(), phone.as_deref()).await?,
    };
    let known = device_cookie
        .and_then(|value| device::verify(&state.signer, value, now()))
        .filter(|d| found.as_ref().is_some_and(|f| f.id == d.person_id));
    let limits = &state.limits;
    let pair = format!("{account_key}\0{ip}");
    let wait = match &known {
        Some(d) => limits.sign_in_device.check(&d.nonce),
        None => longest_wait(&[
            limits.sign_in_pair.check(&pair),
            limits.sign_in_ip.check(ip),
            limits.sign_in_account.check(&account_key),
        ]),
    };
    wait.map_err(|retry_after_secs| {
        tracing::warn!(
            known_device = known.is_some(),
            "sign-in slowed: too many failures"
        );
        AppError::RateLimited { retry_after_secs }
    })?;
    let hash = found
        .as_ref()
        .filter(|login| login.active == 1)
        .and_then(|login| login.password_hash.clone());
    let verified = password::verify(secret, hash).await;
    let Some(found) = found.filter(|_| verified) else {
        tracing::info!("sign-in failed");
        match &known {
            Some(d) => {
                let _ = limits.sign_in_device.fail(&d.nonce);
            }
            None => {
                let _ = limits.sign_in_pair.fail(&pair);
                let _ = limits.sign_in_ip.fail(ip);
            }
        }
        let _ = limits.sign_in_account.fail(&account_key);
        return Err(AppError::invalid("password", "sign_in_failed"));
    };
    // Only the counter the attempt was judged by: a known browser's success on a shared address
    // must not wipe an attacker's failures from that address.
    match &known {
        Some(d) => limits.sign_in_device.forget(&d.nonce),
        None => limits.sign_in_pair.forget(&pair),
    }
    let person = repo::find_person(&state.db.reader, found.id)
        .await?
        .ok_or(AppError::Internal)?;
    let mut tx = state.db.begin_write().await?;
    // A confirmed second factor: no session yet, a sign-in waiting for the code (the previous
    // session, if any, ends only when the code is right).
    if second_factor::has_confirmed_factor(&mut tx, person.id).await? {
        let cookie =
            second_factor::begin_sign_in(&mut tx, person.id, state.config.is_https()).await?;
        tx.commit().await?;
        tracing::info!(
            person_id = person.id,
            "password right, waiting for the code"
        );
        return Ok(SignedIn {
            cookie,
            device_cookie: None,
            home: second_factor::CODE_PAGE,
        });
    }
    let signed_in = start_session(state, &mut tx, person.id, person.role, previous).await?;
    tx.commit().await?;
    tracing::info!(person_id = person.id, "signed in");
    Ok(signed_in)
}

/// The end of a sign-in with a password (and a code, for those who have a second factor): the
/// session (replacing the one the browser had), the known-device cookie, the person's home.
pub async fn start_session(
    state: &AppState,
    conn: &mut sqlx::SqliteConnection,
    person_id: i64,
    role: Role,
    previous: Option<String>,
) -> Result<SignedIn, AppError> {
    let lifetime = if role.is_staff() {
        session::STAFF_LIFETIME
    } else {
        session::PARTICIPANT_LIFETIME
    };
    if let Some(previous) = previous {
        repo::delete_session(&mut *conn, &previous).await?;
    }
    let secure = state.config.is_https();
    let cookie = session::start(conn, person_id, lifetime, secure).await?;
    Ok(SignedIn {
        cookie,
        device_cookie: Some(device::issue(&state.signer, person_id, now(), secure)),
        home: home_of(role),
    })
}

/// Uses an invitation up and signs this phone in.
pub async fn claim_invitation(
    state: &AppState,
    ip: &str,
    raw_token: &str,
    previous: Option<String>,
) -> Result<SignedIn, AppError> {
    invitation_gate(state, ip)?;
    if !token::is_well_formed(raw_token) {
        return Err(invitation_failed(state, ip));
    }
    let mut tx = state.db.begin_write().await?;
    let Some(person_id) =
        repo::consume_invitation(&mut tx, &token::hash_token(raw_token), now()).await?
    else {
        tracing::info!("invitation refused: unknown, used or expired");
        return Err(invitation_failed(state, ip));
    };
    // A card is one factor like a password: someone with a confirmed second factor still types
    // the code (the card is used up either way).
    if second_factor::has_confirmed_factor(&mut tx, person_id).await? {
        let cookie =
            second_factor::begin_sign_in(&mut tx, person_id, state.config.is_https()).await?;
        tx.commit().await?;
        tracing::info!(person_id, "invitation claimed, waiting for the code");
        return Ok(SignedIn {
            cookie,
            device_cookie: None,
            home: second_factor::CODE_PAGE,
        });
    }
    if let Some(previous) = previous {
        repo::delete_session(&mut tx, &previous).await?;
    }
    let role = repo::role_of(&mut tx, person_id)
        .await?
        .ok_or(AppError::Internal)?;
    let lifetime = if role.is_staff() {
        session::STAFF_LIFETIME
    } else {
        session::PARTICIPANT_LIFETIME
    };
    let cookie = session::start(&mut tx, person_id, lifetime, state.config.is_https()).await?;
    tx.commit().await?;
    tracing::info!(person_id, "invitation claimed");
    Ok(SignedIn {
        cookie,
        device_cookie: None,
        home: home_of(role),
    })
}

/// Before an invitation card is looked up: refused (429) only on strong evidence of guessing
/// from this address; a right card is not slowed by others' mistyped links.
pub fn invitation_gate(state: &AppState, ip: &str) -> Result<(), AppError> {
    state
        .limits
        .invitation_strong
        .check(ip)
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })
}

/// An unknown, used or expired card: counted against the address; past a few, the answer is a
/// wait (429) instead of "not found".
pub fn invitation_failed(state: &AppState, ip: &str) -> AppError {
    let _ = state.limits.invitation_strong.fail(ip);
    match state.limits.invitation_ip.fail(ip) {
        Err(retry_after_secs) => AppError::RateLimited { retry_after_secs },
        Ok(()) => AppError::NotFound,
    }
}

/// A new invitation for `person_id` (older unused ones stop working). Returns the raw token,
/// shown once on the card.
pub async fn issue_invitation(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
) -> Result<String, AppError> {
    let person = managed_person(state, actor, person_id).await?;
    if !person.active {
        return Err(AppError::Conflict("person_inactive".into()));
    }
    let raw = token::new_token();
    let now = now();
    let mut tx = state.db.begin_write().await?;
    repo::insert_invitation(
        &mut tx,
        &token::hash_token(&raw),
        person_id,
        actor.id,
        now,
        now + INVITATION_LIFETIME,
    )
    .await?;
    audit::record(&mut tx, actor, "invite", "person", person_id, None).await?;
    tx.commit().await?;
    Ok(raw)
}

/// The person `actor` may manage: staff manage participants, admins manage everyone.
/// Anyone else's id answers 404.
pub async fn managed_person(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
) -> Result<Person, AppError> {
    let person = repo::find_person(&state.db.reader, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let allowed = match actor.role {
        Role::Admin => true,
        Role::Staff => person.role == Role::Participant,
        Role::Participant => false,
    };
    if allowed {
        Ok(person)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn create_person(
    state: &AppState,
    actor: &CurrentUser,
    role: Role,
    form: PersonForm,
) -> Result<i64, AppError> {
    check_sectors(state, &form.sectors).await?;
    let mut tx = state.db.begin_write().await?;
    let new = repo::NewPerson {
        role,
        first_name: &form.first_name,
        last_name: &form.last_name,
        email: form.email.as_deref(),
        phone: form.phone.as_deref(),
        password_hash: None,
    };
    let id = repo::insert_person(&mut tx, &new, now())
        .await
        .map_err(contact_taken)?;
    repo::set_sectors(&mut tx, id, &form.sectors).await?;
    audit::record(&mut tx, actor, "create", "person", id, Some(role.as_str())).await?;
    tx.commit().await?;
    Ok(id)
}

/// A staff account and its first sign-in card, in one transaction: no account without a card.
/// Returns the new id and the card's token.
pub async fn create_staff(
    state: &AppState,
    actor: &CurrentUser,
    role: Role,
    form: PersonForm,
) -> Result<(i64, String), AppError> {
    let raw = token::new_token();
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let new = repo::NewPerson {
        role,
        first_name: &form.first_name,
        last_name: &form.last_name,
        email: form.email.as_deref(),
        phone: None,
        password_hash: None,
    };
    let id = repo::insert_person(&mut tx, &new, now)
        .await
        .map_err(contact_taken)?;
    audit::record(&mut tx, actor, "create", "person", id, Some(role.as_str())).await?;
    repo::insert_invitation(
        &mut tx,
        &token::hash_token(&raw),
        id,
        actor.id,
        now,
        now + INVITATION_LIFETIME,
    )
    .await?;
    audit::record(&mut tx, actor, "invite", "person", id, None).await?;
    tx.commit().await?;
    Ok((id, raw))
}

pub async fn update_person(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
    form: PersonForm,
) -> Result<(), AppError> {
    let person = managed_person(state, actor, person_id).await?;
    if person.role.is_staff() && form.email.is_none() {
        return Err(AppError::invalid("email", "email_required"));
    }
    check_sectors(state, &form.sectors).await?;
    let mut tx = state.db.begin_write().await?;
    repo::update_person(
        &mut tx,
        person_id,
        person.role,
        &form.first_name,
        &form.last_name,
        form.email.as_deref(),
        form.phone.as_deref(),
    )
    .await
    .map_err(contact_taken)?;
    repo::set_sectors(&mut tx, person_id, &form.sectors).await?;
    audit::record(&mut tx, actor, "update", "person", person_id, None).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_active(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
    active: bool,
) -> Result<(), AppError> {
    managed_person(state, actor, person_id).await?;
    if person_id == actor.id {
        return Err(AppError::Conflict("cannot_change_self".into()));
    }
    let mut tx = state.db.begin_write().await?;
    repo::set_active(&mut tx, person_id, active).await?;
    if !active {
        repo::delete_sessions_of(&mut tx, person_id).await?;
    }
    let action = if active { "reactivate" } else { "deactivate" };
    audit::record(&mut tx, actor, action, "person", person_id, None).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn sign_out_everywhere(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
) -> Result<(), AppError> {
    if person_id != actor.id {
        managed_person(state, actor, person_id).await?;
    }
    let mut tx = state.db.begin_write().await?;
    repo::delete_sessions_of(&mut tx, person_id).await?;
    if person_id != actor.id {
        audit::record(
            &mut tx,
            actor,
            "sign_out_everywhere",
            "person",
            person_id,
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn change_role(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
    role: Role,
) -> Result<(), AppError> {
    let person = managed_person(state, actor, person_id).await?;
    if person_id == actor.id {
        return Err(AppError::Conflict("cannot_change_self".into()));
    }
    if !person.role.is_staff() || !role.is_staff() {
        return Err(AppError::invalid("role", "role_invalid"));
    }
    let mut tx = state.db.begin_write().await?;
    repo::set_role(&mut tx, person_id, role).await?;
    audit::record(
        &mut tx,
        actor,
        "change_role",
        "person",
        person_id,
        Some(role.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How recent a sign-in must be to choose a first password without typing a current one.
pub const FRESH_SIGN_IN: i64 = 15 * 60;

/// Sets a new password; other sessions end. Whoever holds the phone must prove they are its
/// person first: by the current password when there is one, else by a sign-in (a card) less
/// than [`FRESH_SIGN_IN`] ago — a phone left signed in for weeks must not let someone else
/// choose a password and take the account elsewhere.
pub async fn change_password(
    state: &AppState,
    session: &super::session::Session,
    current: String,
    new: String,
) -> Result<(), AppError> {
    let user = &session.user;
    let stored = repo::password_hash(&state.db.reader, user.id).await?;
    if stored.is_none() && now() - session.started_at >= FRESH_SIGN_IN {
        return Err(AppError::Conflict("sign_in_again".into()));
    }
    if let Some(stored) = stored {
        // Only the session's holder gets here: they are slowed by their own failures alone.
        let key = user.id.to_string();
        let limit = &state.limits.password_change;
        limit
            .check(&key)
            .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
        if !password::verify(current, Some(stored)).await {
            let _ = limit.fail(&key);
            return Err(AppError::invalid("current", "password_wrong"));
        }
        limit.forget(&key);
    }
    if let Some(problem) = password::problem(&new, &[&user.first_name, &user.last_name]) {
        return Err(AppError::invalid("new", problem));
    }
    let hash = password::hash(new).await.map_err(AppError::internal)?;
    let mut tx = state.db.begin_write().await?;
    repo::set_password(&mut tx, user.id, &hash).await?;
    repo::delete_other_sessions(&mut tx, user.id, &session.token_hash).await?;
    tx.commit().await?;
    Ok(())
}

async fn check_sectors(state: &AppState, sectors: &[String]) -> Result<(), AppError> {
    let known = repo::list_sectors(&state.db.reader).await?;
    if sectors.iter().all(|s| known.contains(s)) {
        Ok(())
    } else {
        Err(AppError::invalid("sectors", "sector_unknown"))
    }
}

/// A UNIQUE violation on a person is a taken email or phone number, said next to its field.
fn contact_taken(error: sqlx::Error) -> AppError {
    if !is_unique_violation(&error) {
        return AppError::from(error);
    }
    if error.to_string().contains("person.phone") {
        AppError::invalid("phone", "phone_taken")
    } else {
        AppError::invalid("email", "email_taken")
    }
}

/// `coop-manau admin create --email …`: the first admin of a real installation. Prints a
/// one-time password to change at the first sign-in.
pub async fn create_admin(
    state: &AppState,
    email: &str,
    first_name: &str,
    last_name: &str,
) -> Result<String, AppError> {
    let email = super::parse_email(email).map_err(|key| AppError::invalid("email", key))?;
    let first_name =
        super::parse_name(first_name).map_err(|key| AppError::invalid("first_name", key))?;
    let last_name =
        super::parse_name(last_name).map_err(|key| AppError::invalid("last_name", key))?;
    let secret = token::new_token()[..20].to_owned();
    let hash = password::hash(secret.clone())
        .await
        .map_err(AppError::internal)?;
    let mut tx = state.db.begin_write().await?;
    let person = repo::NewPerson {
        role: Role::Admin,
        first_name: &first_name,
        last_name: &last_name,
        email: Some(&email),
        phone: None,
        password_hash: Some(&hash),
    };
    repo::insert_person(&mut tx, &person, now())
        .await
        .map_err(contact_taken)?;
    tx.commit().await?;
    Ok(secret)
}
