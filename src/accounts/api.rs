//! Server functions of accounts: thin — read the session, parse, authorize, call the service.

use super::{AuditEntry, CurrentUser, Person};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
#[cfg(feature = "ssr")]
use {
    super::{Role, auth, repo, second_factor, service, session},
    crate::server::{response, state},
};

/// The signed-in person, or None (pages and navigation adapt to it).
#[server(prefix = "/api", endpoint = "get_current_user", input = GetUrl)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(auth::current_user())
}

#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(login: String, password: String) -> Result<(), AppError> {
    let state = state()?;
    let previous = auth::session().map(|s| s.token_hash);
    let device = response::cookie(super::device::COOKIE);
    let signed_in = service::sign_in(
        &state,
        &response::client_ip(),
        &login,
        password,
        previous,
        device.as_deref(),
    )
    .await?;
    response::set_cookie(&signed_in.cookie)?;
    if let Some(device) = &signed_in.device_cookie {
        response::set_cookie(device)?;
    }
    response::redirect(signed_in.home);
    Ok(())
}

#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = state()?;
    if let Some(session) = auth::session() {
        let mut tx = state.db.begin_write().await?;
        repo::delete_session(&mut tx, &session.token_hash).await?;
        tx.commit().await?;
    }
    session::end_in_browser(state.config.is_https())
}

/// Ends every session of the signed-in person, this one included.
#[server(prefix = "/api", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    let user = auth::require_user()?;
    let state = state()?;
    service::sign_out_everywhere(&state, &user, user.id).await?;
    session::end_in_browser(state.config.is_https())
}

#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current: String,
    new: String,
    confirm: String,
) -> Result<(), AppError> {
    let session = auth::session().ok_or(AppError::Unauthorized)?;
    if new != confirm {
        return Err(AppError::invalid("confirm", "password_mismatch"));
    }
    service::change_password(&state()?, &session, current, new).await?;
    response::redirect("/compte?mot-de-passe=1");
    Ok(())
}

/// What the invitation page shows before anything is consumed: whose card it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InvitationPreview {
    pub first_name: String,
}

/// Public, read-only (GET consumes nothing: chat apps and mail scanners open links).
#[server(prefix = "/api", endpoint = "get_invitation", input = GetUrl)]
pub async fn get_invitation(token: String) -> Result<InvitationPreview, AppError> {
    use super::token::{hash_token, is_well_formed};
    let state = state()?;
    let ip = response::client_ip();
    service::invitation_gate(&state, &ip)?;
    if !is_well_formed(&token) {
        return Err(service::invitation_failed(&state, &ip));
    }
    let (person, _) =
        repo::find_invitation(&state.db.reader, &hash_token(&token), crate::server::now())
            .await?
            .ok_or_else(|| service::invitation_failed(&state, &ip))?;
    Ok(InvitationPreview {
        first_name: person.first_name,
    })
}

/// "C'est moi, me connecter": uses the invitation up and signs this phone in.
#[server(prefix = "/api", endpoint = "claim_invitation")]
pub async fn claim_invitation(token: String) -> Result<(), AppError> {
    let state = state()?;
    let previous = auth::session().map(|s| s.token_hash);
    let signed_in =
        service::claim_invitation(&state, &response::client_ip(), &token, previous).await?;
    response::set_cookie(&signed_in.cookie)?;
    response::redirect(signed_in.home);
    Ok(())
}

// --- Second factor (staff and admins) ---

/// What "Mon compte" says of a staff member's second factor.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SecondFactorStatus {
    pub confirmed: bool,
    /// A secret was made but no right code typed yet.
    pub started: bool,
    /// Admins need it for their pages (and cannot turn it off).
    pub required: bool,
    pub recovery_codes_left: i64,
}

/// The enrolment page: what the authenticator app needs. Secret: never kept offline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SecondFactorSetup {
    /// Base32, in groups of 4, for typing by hand.
    pub secret: String,
    /// The `otpauth://` URI as a QR code, an SVG document made on the server.
    pub qr_svg: String,
    pub uri: String,
}

#[server(prefix = "/api", endpoint = "get_second_factor_status", input = GetUrl)]
pub async fn get_second_factor_status() -> Result<SecondFactorStatus, AppError> {
    let user = auth::require_staff()?;
    second_factor::status(&state()?, &user).await
}

/// "Activer la double authentification": a new secret, then its page.
#[server(prefix = "/api", endpoint = "start_second_factor")]
pub async fn start_second_factor() -> Result<(), AppError> {
    let user = auth::require_staff()?;
    second_factor::start(&state()?, &user).await?;
    response::redirect("/compte/double-authentification");
    Ok(())
}

#[server(prefix = "/api", endpoint = "get_second_factor_setup", input = GetUrl)]
pub async fn get_second_factor_setup() -> Result<SecondFactorSetup, AppError> {
    let user = auth::require_staff()?;
    second_factor::setup(&state()?, &user).await
}

/// The first right code confirms the factor; the recovery codes are shown next, once.
#[server(prefix = "/api", endpoint = "confirm_second_factor")]
pub async fn confirm_second_factor(code: String) -> Result<(), AppError> {
    let user = auth::require_staff()?;
    second_factor::confirm(&state()?, &user, &code).await?;
    response::redirect("/compte/double-authentification/codes");
    Ok(())
}

#[server(prefix = "/api", endpoint = "get_recovery_codes", input = GetUrl)]
pub async fn get_recovery_codes() -> Result<Vec<String>, AppError> {
    let user = auth::require_staff()?;
    second_factor::recovery_codes(&state()?, &user).await
}

/// "C'est noté": the recovery codes are never shown again.
#[server(prefix = "/api", endpoint = "acknowledge_recovery_codes")]
pub async fn acknowledge_recovery_codes() -> Result<(), AppError> {
    let user = auth::require_staff()?;
    second_factor::acknowledge(&state()?, &user).await?;
    response::redirect("/compte?double-authentification=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "disable_second_factor")]
pub async fn disable_second_factor(password: String) -> Result<(), AppError> {
    let user = auth::require_staff()?;
    second_factor::disable(&state()?, &user, password).await?;
    response::redirect("/compte?double-authentification-desactivee=1");
    Ok(())
}

/// The code step of sign-in (public: the pending sign-in's cookie is what grants it).
#[server(prefix = "/api", endpoint = "verify_sign_in_code")]
pub async fn verify_sign_in_code(code: String) -> Result<(), AppError> {
    let state = state()?;
    let previous = auth::session().map(|s| s.token_hash);
    let pending = response::cookie(second_factor::PENDING_COOKIE);
    let signed_in =
        second_factor::verify_sign_in(&state, pending.as_deref(), &code, previous).await?;
    response::set_cookie(&second_factor::pending_cookie(
        "",
        0,
        state.config.is_https(),
    ))?;
    response::set_cookie(&signed_in.cookie)?;
    if let Some(device) = &signed_in.device_cookie {
        response::set_cookie(device)?;
    }
    response::redirect(signed_in.home);
    Ok(())
}

// --- Staff: people ---

#[server(prefix = "/api", endpoint = "list_participants", input = GetUrl)]
pub async fn list_participants() -> Result<Vec<Person>, AppError> {
    auth::require_staff()?;
    Ok(repo::list_people(&state()?.db.reader, &[Role::Participant]).await?)
}

#[server(prefix = "/api", endpoint = "list_staff", input = GetUrl)]
pub async fn list_staff() -> Result<Vec<Person>, AppError> {
    auth::require_admin()?;
    Ok(repo::list_people(&state()?.db.reader, &[Role::Admin, Role::Staff]).await?)
}

#[server(prefix = "/api", endpoint = "get_person", input = GetUrl)]
pub async fn get_person(id: i64) -> Result<Person, AppError> {
    let actor = auth::require_staff()?;
    service::managed_person(&state()?, &actor, id).await
}

#[server(prefix = "/api", endpoint = "list_sectors", input = GetUrl)]
/// The sectors with their names (staff manage the list in the planning).
pub async fn list_sectors() -> Result<Vec<crate::planning::Sector>, AppError> {
    auth::require_staff()?;
    crate::planning::service::sectors(&state()?).await
}

#[server(prefix = "/api", endpoint = "create_participant")]
pub async fn create_participant(
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    sectors: Option<Vec<String>>,
) -> Result<i64, AppError> {
    let actor = auth::require_staff()?;
    let form = service::PersonForm::parse(&first_name, &last_name, &email, &phone, sectors, false)?;
    let id = service::create_person(&state()?, &actor, Role::Participant, form).await?;
    response::redirect(&format!("/equipe/personnes/{id}"));
    Ok(id)
}

#[server(prefix = "/api", endpoint = "update_person")]
pub async fn update_person(
    id: i64,
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    sectors: Option<Vec<String>>,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let form = service::PersonForm::parse(&first_name, &last_name, &email, &phone, sectors, false)?;
    service::update_person(&state()?, &actor, id, form).await?;
    response::redirect(&format!("/equipe/personnes/{id}?enregistre=1"));
    Ok(())
}

/// A new invitation card for a person; the page that shows it is the only place its link appears.
#[server(prefix = "/api", endpoint = "issue_invitation")]
pub async fn issue_invitation(id: i64) -> Result<String, AppError> {
    let actor = auth::require_staff()?;
    let token = service::issue_invitation(&state()?, &actor, id).await?;
    response::redirect(&format!("/equipe/invitation/{token}"));
    Ok(token)
}

/// What the printable invitation card shows (staff only).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InvitationCard {
    pub person_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub link: String,
    /// The link as a QR code, an SVG document made on the server.
    pub qr_svg: String,
    /// Unix seconds.
    pub expires_at: i64,
}

#[server(prefix = "/api", endpoint = "get_invitation_card", input = GetUrl)]
pub async fn get_invitation_card(token: String) -> Result<InvitationCard, AppError> {
    use super::token::{hash_token, is_well_formed};
    let actor = auth::require_staff()?;
    let state = state()?;
    if !is_well_formed(&token) {
        return Err(AppError::NotFound);
    }
    let (person, expires_at) =
        repo::find_invitation(&state.db.reader, &hash_token(&token), crate::server::now())
            .await?
            .ok_or(AppError::NotFound)?;
    service::managed_person(&state, &actor, person.id).await?;
    let link = format!("{}/invitation/{token}", state.config.public_url);
    let qr_svg = qrcode::QrCode::new(link.as_bytes())
        .map_err(AppError::internal)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    Ok(InvitationCard {
        person_id: person.id,
        first_name: person.first_name,
        last_name: person.last_name,
        link,
        qr_svg,
        expires_at,
    })
}

#[server(prefix = "/api", endpoint = "sign_out_person")]
pub async fn sign_out_person(id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::sign_out_everywhere(&state()?, &actor, id).await?;
    response::redirect(&format!("/equipe/personnes/{id}?deconnecte=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "set_person_active")]
pub async fn set_person_active(id: i64, active: bool) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::set_active(&state()?, &actor, id, active).await?;
    response::redirect(&format!("/equipe/personnes/{id}"));
    Ok(())
}

// --- Admin: staff accounts ---

/// A staff account: no password yet; its invitation card signs them in once, then they choose one.
#[server(prefix = "/api", endpoint = "create_staff")]
pub async fn create_staff(
    first_name: String,
    last_name: String,
    email: String,
    role: String,
) -> Result<i64, AppError> {
    let actor = auth::require_admin()?;
    let role = Role::parse(&role)
        .filter(|r| r.is_staff())
        .ok_or_else(|| AppError::invalid("role", "role_invalid"))?;
    let form = service::PersonForm::parse(&first_name, &last_name, &email, "", None, true)?;
    let (id, token) = service::create_staff(&state()?, &actor, role, form).await?;
    response::redirect(&format!("/equipe/invitation/{token}"));
    Ok(id)
}

#[server(prefix = "/api", endpoint = "change_role")]
pub async fn change_role(id: i64, role: String) -> Result<(), AppError> {
    let actor = auth::require_admin()?;
    let role = Role::parse(&role).ok_or_else(|| AppError::invalid("role", "role_invalid"))?;
    service::change_role(&state()?, &actor, id, role).await?;
    response::redirect(&format!("/equipe/personnes/{id}"));
    Ok(())
}

// --- Audit log ---

#[server(prefix = "/api", endpoint = "list_audit", input = GetUrl)]
pub async fn list_audit(
    object_type: Option<String>,
    object_id: Option<String>,
) -> Result<Vec<AuditEntry>, AppError> {
    auth::require_staff()?;
    let object_type = object_type.filter(|s| !s.trim().is_empty());
    let object_id = object_id.filter(|s| !s.trim().is_empty());
    if object_type.as_ref().is_some_and(|s| s.len() > 40)
        || object_id.as_ref().is_some_and(|s| s.len() > 80)
    {
        return Err(AppError::BadRequest);
    }
    Ok(repo::list_audit(
        &state()?.db.reader,
        object_type.as_deref(),
        object_id.as_deref(),
        500,
    )
    .await?)
}
