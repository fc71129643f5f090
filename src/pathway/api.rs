//! Server functions of pathways (staff only): authorize, call the service, redirect. Forms
//! arrive flattened into one typed input each.

use super::{ContractInput, EntryInput, ExitInput, Obstacle, Pathway, PathwaySummary, StepInput};
use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{
        accounts::auth,
        server::{response, state},
    },
};

#[cfg(feature = "ssr")]
fn back_to(person_id: i64) {
    response::redirect(&format!("/equipe/parcours/{person_id}?enregistre=1"));
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwayList {
    pub pathways: Vec<PathwaySummary>,
    pub obstacles: Vec<Obstacle>,
}

#[server(prefix = "/api", endpoint = "list_pathways", input = GetUrl)]
pub async fn list_pathways() -> Result<PathwayList, AppError> {
    auth::require_staff()?;
    let (pathways, obstacles) = service::list(&state()?).await?;
    Ok(PathwayList {
        pathways,
        obstacles,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwayPage {
    pub pathway: Pathway,
    pub obstacles: Vec<Obstacle>,
}

#[server(prefix = "/api", endpoint = "get_pathway", input = GetUrl)]
pub async fn get_pathway(person_id: i64) -> Result<PathwayPage, AppError> {
    auth::require_staff()?;
    let (pathway, obstacles) = service::page(&state()?, person_id).await?;
    Ok(PathwayPage { pathway, obstacles })
}

#[server(prefix = "/api", endpoint = "save_pathway_entry")]
pub async fn save_pathway_entry(
    person_id: i64,
    #[server(flatten)] input: EntryInput,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::save_entry(&state()?, &actor, person_id, &input).await?;
    back_to(person_id);
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_pathway_contract")]
pub async fn add_pathway_contract(
    person_id: i64,
    #[server(flatten)] input: ContractInput,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::add_contract(&state()?, &actor, person_id, &input).await?;
    back_to(person_id);
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_pathway_step")]
pub async fn add_pathway_step(
    person_id: i64,
    #[server(flatten)] input: StepInput,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::add_step(&state()?, &actor, person_id, &input).await?;
    back_to(person_id);
    Ok(())
}

/// `what`: "contract" or "step".
#[server(prefix = "/api", endpoint = "remove_pathway_item")]
pub async fn remove_pathway_item(person_id: i64, what: String, id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let contract = match what.as_str() {
        "contract" => true,
        "step" => false,
        _ => return Err(AppError::BadRequest),
    };
    service::remove(&state()?, &actor, person_id, contract, id).await?;
    back_to(person_id);
    Ok(())
}

#[server(prefix = "/api", endpoint = "save_pathway_obstacles")]
pub async fn save_pathway_obstacles(
    person_id: i64,
    obstacles: Option<Vec<String>>,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    let ticked = obstacles.unwrap_or_default();
    service::save_obstacles(&state()?, &actor, person_id, &ticked).await?;
    back_to(person_id);
    Ok(())
}

#[server(prefix = "/api", endpoint = "record_pathway_exit")]
pub async fn record_pathway_exit(
    person_id: i64,
    #[server(flatten)] input: ExitInput,
) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::record_exit(&state()?, &actor, person_id, &input).await?;
    back_to(person_id);
    Ok(())
}

#[server(prefix = "/api", endpoint = "cancel_pathway_exit")]
pub async fn cancel_pathway_exit(person_id: i64) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::cancel_exit(&state()?, &actor, person_id).await?;
    back_to(person_id);
    Ok(())
}

#[server(prefix = "/api", endpoint = "add_obstacle")]
pub async fn add_obstacle(name: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::add_obstacle(&state()?, &actor, &name).await?;
    response::redirect("/equipe/parcours?enregistre=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "set_obstacle_active")]
pub async fn set_obstacle_active(id: i64, active: String) -> Result<(), AppError> {
    let actor = auth::require_staff()?;
    service::set_obstacle_active(&state()?, &actor, id, active == "true").await?;
    response::redirect("/equipe/parcours?enregistre=1");
    Ok(())
}
