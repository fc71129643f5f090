//! Server functions of people's data: thin — authorize, parse, call the capability, redirect.

use super::{ErasureReport, LinkData, Retention};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    accounts::{self, auth},
    server::{AppState, now, response, state},
};
use leptos::{prelude::*, server_fn::codec::GetUrl};

/// The retention periods as configured, for the "Vos données" page.
#[server(prefix = "/api", endpoint = "get_retention", input = GetUrl)]
pub async fn get_retention() -> Result<Retention, AppError> {
    Ok(state()?.config.retention)
}

#[cfg(feature = "ssr")]
use super::LinkKind;

#[cfg(feature = "ssr")]
fn kind_of(slug: &str) -> Result<LinkKind, AppError> {
    LinkKind::from_slug(slug).ok_or(AppError::NotFound)
}

/// What the app holds behind a private link (the link's token is the proof of holding it).
#[cfg(feature = "ssr")]
pub async fn link_data(
    state: &AppState,
    kind: LinkKind,
    token: &str,
) -> Result<LinkData, AppError> {
    match kind {
        LinkKind::Alteration => crate::alterations::privacy::link_data(state, token).await,
        LinkKind::HemBooking => crate::campaigns::privacy::link_data(state, token).await,
        LinkKind::LunchOrder => crate::lunch::privacy::link_data(state, token).await,
        LinkKind::Catering => crate::catering::privacy::link_data(state, token).await,
        LinkKind::MadeToOrder => crate::made_to_order::privacy::link_data(state, token).await,
    }
}

#[server(prefix = "/api", endpoint = "get_link_data", input = GetUrl)]
pub async fn get_link_data(kind: String, token: String) -> Result<LinkData, AppError> {
    link_data(&state()?, kind_of(&kind)?, &token).await
}

/// Erases what a private link holds, once its holder ticked the confirmation.
#[server(prefix = "/api", endpoint = "erase_link_data")]
pub async fn erase_link_data(
    kind: String,
    token: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    let kind = kind_of(&kind)?;
    if confirm.as_deref() != Some("oui") {
        return Err(AppError::invalid("confirm", "erase_confirm_required"));
    }
    let state = state()?;
    match kind {
        LinkKind::Alteration => crate::alterations::privacy::erase(&state, &token).await?,
        LinkKind::HemBooking => crate::campaigns::privacy::erase(&state, &token).await?,
        LinkKind::LunchOrder => crate::lunch::privacy::erase(&state, &token).await?,
        LinkKind::Catering => crate::catering::privacy::erase(&state, &token).await?,
        LinkKind::MadeToOrder => crate::made_to_order::privacy::erase(&state, &token).await?,
    }
    response::redirect(&format!("{}?efface=1", kind.data_path(&token)));
    Ok(())
}

/// A participant's erasure, as the person page shows it: when, and what it did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PersonErasure {
    pub person_id: i64,
    pub is_participant: bool,
    pub erased_at: Option<i64>,
    pub report: Option<ErasureReport>,
}

#[server(prefix = "/api", endpoint = "get_person_erasure", input = GetUrl)]
pub async fn get_person_erasure(person_id: i64) -> Result<PersonErasure, AppError> {
    auth::require_staff()?;
    let mut conn = state()?.db.reader.acquire().await?;
    accounts::privacy::erasure_of(&mut conn, person_id).await
}

/// Staff erase a participant who asked for it: pseudonymised what the law keeps, deleted the
/// rest (src/accounts/privacy.rs), in one transaction with its audit entry.
#[server(prefix = "/api", endpoint = "erase_participant")]
pub async fn erase_participant(person_id: i64, confirm: Option<String>) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    if confirm.as_deref() != Some("oui") {
        return Err(AppError::invalid("confirm", "erase_confirm_required"));
    }
    accounts::privacy::erase_participant(&state()?, &actor, person_id).await?;
    response::redirect(&format!("/equipe/personnes/{person_id}?efface=1"));
    Ok(())
}

/// An account the purge will erase within [`super::ACCOUNT_WARNING_DAYS`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AccountDue {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub erased_from: i64,
}

#[server(prefix = "/api", endpoint = "list_accounts_due", input = GetUrl)]
pub async fn list_accounts_due() -> Result<Vec<AccountDue>, AppError> {
    auth::require_staff()?;
    let state = state()?;
    let until = now() + i64::from(super::ACCOUNT_WARNING_DAYS) * 86_400;
    let mut conn = state.db.reader.acquire().await?;
    let due = accounts::privacy::due_before(&mut conn, &state.config.retention, until).await?;
    Ok(due
        .into_iter()
        .map(|a| AccountDue {
            id: a.id,
            name: format!("{} {}", a.first_name, a.last_name),
            role: a.role,
            erased_from: a.erased_from,
        })
        .collect())
}
