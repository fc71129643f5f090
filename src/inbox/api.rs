//! Server functions of the inbox (staff only).

use super::Inbox;
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{
        accounts::auth,
        server::{response, state},
    },
};

/// `secteur`: "textile" or "alimentation" (empty: all); `pour_moi`: "1" for the items I took.
#[server(prefix = "/api", endpoint = "get_inbox", input = GetUrl)]
pub async fn get_inbox(
    secteur: Option<String>,
    pour_moi: Option<String>,
) -> Result<Inbox, AppError> {
    let me = auth::require_staff()?;
    let sector = secteur.as_deref().filter(|s| !s.is_empty());
    service::inbox(&state()?, &me, sector, pour_moi.as_deref() == Some("1")).await
}

/// Takes (`take` = "oui") or leaves an item; back to the inbox as it was filtered (`retour`).
#[server(prefix = "/api", endpoint = "claim_inbox_item")]
pub async fn claim_inbox_item(
    kind: String,
    id: i64,
    take: String,
    retour: Option<String>,
) -> Result<(), AppError> {
    let me = auth::require_staff()?;
    service::claim(&state()?, &me, &kind, id, take == "oui").await?;
    // Only the inbox's own query string comes back (never an address elsewhere).
    let query = retour
        .filter(|r| {
            r.chars()
                .all(|c| c.is_ascii_alphanumeric() || "=&_-".contains(c))
        })
        .unwrap_or_default();
    response::redirect(&format!("/equipe?{query}"));
    Ok(())
}
