//! Server functions of the key figures (staff only).

use super::{KeyFigures, OpeningInput};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
#[cfg(feature = "ssr")]
use {
    super::{Period, service},
    crate::{
        accounts::auth,
        server::{now, response, state},
        ui::time::paris_day,
    },
};

/// The period's figures: `du` and `au` (YYYY-MM-DD, this year by default), or `depuis=debut`.
#[server(prefix = "/api", endpoint = "get_key_figures", input = GetUrl)]
pub async fn get_key_figures(
    du: Option<String>,
    au: Option<String>,
    depuis: Option<String>,
) -> Result<KeyFigures, AppError> {
    auth::require_staff()?;
    let period = Period::parse(
        du.as_deref().unwrap_or_default(),
        au.as_deref().unwrap_or_default(),
        depuis.as_deref() == Some("debut"),
        paris_day(now()),
    )
    .map_err(|key| AppError::invalid("du", key))?;
    service::key_figures(&state()?, period).await
}

#[server(prefix = "/api", endpoint = "save_figures_opening")]
pub async fn save_figures_opening(#[server(flatten)] input: OpeningInput) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::save_opening(&state()?, &actor, &input).await?;
    response::redirect("/equipe/chiffres?depuis=debut&enregistre=1");
    Ok(())
}
