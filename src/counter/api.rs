//! Server functions of the counter: counter mode on and off, and the ticket.

use super::{Kind, Ticket};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counter {
    /// What this person may take at the counter.
    pub kinds: Vec<Kind>,
    /// Counter mode is on in this browser.
    pub on: bool,
}
#[cfg(feature = "ssr")]
use {
    super::{COOKIE, service},
    crate::server::{response, state},
};

/// What the signed-in person may take at the counter (403 for anyone else).
#[server(prefix = "/api", endpoint = "get_counter", input = GetUrl)]
pub async fn get_counter() -> Result<Counter, AppError> {
    let kinds = service::require_counter(&state()?).await?;
    Ok(Counter {
        kinds,
        on: response::cookie(COOKIE).as_deref() == Some("1"),
    })
}

/// Counter mode on (`on` = "oui") or off; it ends with the browser session anyway.
#[server(prefix = "/api", endpoint = "set_counter_mode")]
pub async fn set_counter_mode(on: String) -> Result<(), AppError> {
    service::require_counter(&state()?).await?;
    let cookie = if on == "oui" {
        format!("{COOKIE}=1; Path=/; HttpOnly; SameSite=Lax")
    } else {
        format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
    };
    response::set_cookie(&cookie)?;
    response::redirect("/equipe/guichet");
    Ok(())
}

/// `kind`: "retouche", "dejeuner" or "ourlets"; `token`: the private link's.
#[server(prefix = "/api", endpoint = "get_counter_ticket", input = GetUrl)]
pub async fn get_counter_ticket(kind: String, token: String) -> Result<Ticket, AppError> {
    let state = state()?;
    service::require_counter(&state).await?;
    let kind = Kind::parse(&kind).ok_or(AppError::NotFound)?;
    service::ticket(&state, kind, &token).await
}
