//! Server functions of client organisations (staff only): thin — authorize, call the service,
//! redirect.

use super::{ClientCounts, Organisation, OrganisationPage, Partner};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::{
        Contact, repo,
        service::{self, OrganisationForm},
    },
    crate::{
        accounts::auth,
        server::{now, response, state},
    },
};

#[server(prefix = "/api", endpoint = "list_partners", input = GetUrl)]
pub async fn list_partners() -> Result<Vec<Partner>, AppError> {
    auth::require_staff()?;
    Ok(repo::list(&state()?.db.reader).await?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationList {
    pub organisations: Vec<Organisation>,
    pub counts: ClientCounts,
}

#[server(prefix = "/api", endpoint = "list_organisations", input = GetUrl)]
pub async fn list_organisations() -> Result<OrganisationList, AppError> {
    auth::require_staff()?;
    let mut conn = state()?.db.reader.acquire().await?;
    let (organisations, counts) = repo::organisations(&mut conn, now()).await?;
    Ok(OrganisationList {
        organisations,
        counts,
    })
}

/// A new organisation; `kind` and `siret` may be left out (a company, no SIRET).
#[server(prefix = "/api", endpoint = "create_partner")]
pub async fn create_partner(
    name: String,
    kind: Option<String>,
    siret: Option<String>,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let form = OrganisationForm {
        name: &name,
        kind: kind.as_deref().unwrap_or("company"),
        siret: siret.as_deref().unwrap_or_default(),
    };
    let id = service::create_organisation(&state()?, &actor, &form).await?;
    response::redirect(&format!("/equipe/organisations/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "set_partner_active")]
pub async fn set_partner_active(id: i64, active: bool) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::set_active(&state()?, &actor, id, active).await?;
    response::redirect(&format!("/equipe/organisations/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "get_organisation", input = GetUrl)]
pub async fn get_organisation(id: i64) -> Result<OrganisationPage, AppError> {
    auth::require_staff()?;
    service::page(&state()?, id).await
}

#[server(prefix = "/api", endpoint = "save_organisation")]
pub async fn save_organisation(
    id: i64,
    name: String,
    kind: String,
    siret: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let form = OrganisationForm {
        name: &name,
        kind: &kind,
        siret: &siret,
    };
    service::update_organisation(&state()?, &actor, id, &form).await?;
    response::redirect(&format!("/equipe/organisations/{id}?enregistre=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_organisation_contact")]
pub async fn add_organisation_contact(
    id: i64,
    contact_name: String,
    role: String,
    email: String,
    phone: String,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let contact = Contact {
        id: 0,
        name: contact_name,
        role,
        email,
        phone,
    };
    service::add_contact(&state()?, &actor, id, contact).await?;
    response::redirect(&format!("/equipe/organisations/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_organisation_contact")]
pub async fn remove_organisation_contact(id: i64, contact_id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::remove_contact(&state()?, &actor, id, contact_id).await?;
    response::redirect(&format!("/equipe/organisations/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "save_regular_rule")]
pub async fn save_regular_rule(regular_orders: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::save_regular_orders(&state()?, &actor, &regular_orders).await?;
    response::redirect("/equipe/organisations?enregistre=1");
    Ok(())
}
