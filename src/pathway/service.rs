//! The rules of pathways: staff record them, each change in the audit log, in one transaction;
//! contracts, steps, obstacles and the exit come after the entry.

use super::{
    ContractInput, EntryInput, ExitInput, OUTCOMES, Obstacle, Pathway, PathwaySummary, StepInput,
    ValidContract, ValidEntry, ValidStep, repo,
};
use crate::{
    accounts::{CurrentUser, audit},
    error::{AppError, FieldErrors},
    server::{AppState, now},
    ui::time::{format_date, parse_date},
};
use sqlx::SqliteConnection;

pub async fn list(state: &AppState) -> Result<(Vec<PathwaySummary>, Vec<Obstacle>), AppError> {
    let mut conn = state.db.reader.acquire().await?;
    Ok((
        repo::list(&mut conn).await?,
        repo::obstacles(&mut conn).await?,
    ))
}

pub async fn page(state: &AppState, person_id: i64) -> Result<(Pathway, Vec<Obstacle>), AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let pathway = repo::find(&mut conn, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((pathway, repo::obstacles(&mut conn).await?))
}

/// The pathway must exist (its entry recorded) before anything is added to it.
async fn started(conn: &mut SqliteConnection, person_id: i64) -> Result<Pathway, AppError> {
    let pathway = repo::find(conn, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if pathway.entry_day.is_none() {
        return Err(AppError::Conflict("pathway_entry_first".into()));
    }
    Ok(pathway)
}

pub async fn save_entry(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
    input: &EntryInput,
) -> Result<(), AppError> {
    let entry = ValidEntry::try_from(input).map_err(AppError::Validation)?;
    let mut tx = state.db.begin_write().await?;
    let pathway = repo::find(&mut tx, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if pathway
        .exit_day
        .as_deref()
        .is_some_and(|exit| exit < entry.entry_day.as_str())
    {
        return Err(AppError::invalid("entry_day", "entry_after_exit"));
    }
    repo::save_entry(&mut tx, person_id, &entry, now()).await?;
    let detail = format!("{} {}", entry.entry_day, entry.characteristics.join(","));
    audit::record(
        &mut tx,
        actor,
        "pathway.entry",
        "person",
        person_id,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_contract(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
    input: &ContractInput,
) -> Result<(), AppError> {
    let contract = ValidContract::try_from(input).map_err(AppError::Validation)?;
    let mut tx = state.db.begin_write().await?;
    started(&mut tx, person_id).await?;
    let id = repo::add_contract(&mut tx, person_id, &contract, now()).await?;
    let detail = format!("{} {} {}", id, contract.kind, contract.start_day);
    audit::record(
        &mut tx,
        actor,
        "pathway.contract_add",
        "person",
        person_id,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_step(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
    input: &StepInput,
) -> Result<(), AppError> {
    let step = ValidStep::try_from(input).map_err(AppError::Validation)?;
    let mut tx = state.db.begin_write().await?;
    started(&mut tx, person_id).await?;
    let id = repo::add_step(&mut tx, person_id, &step, now()).await?;
    let detail = format!("{} {} {}", id, step.kind, step.start_day);
    audit::record(
        &mut tx,
        actor,
        "pathway.step_add",
        "person",
        person_id,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes one of the person's contracts (`contract`) or steps; someone else's is not found.
pub async fn remove(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
    contract: bool,
    id: i64,
) -> Result<(), AppError> {
    let (table, action) = if contract {
        ("pathway_contract", "pathway.contract_remove")
    } else {
        ("pathway_step", "pathway.step_remove")
    };
    let mut tx = state.db.begin_write().await?;
    if !repo::remove(&mut tx, table, person_id, id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        actor,
        action,
        "person",
        person_id,
        Some(&id.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn save_obstacles(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
    ticked: &[String],
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    started(&mut tx, person_id).await?;
    let known = repo::obstacles(&mut tx).await?;
    let mut ids = Vec::new();
    for typed in ticked {
        let id = typed
            .parse::<i64>()
            .ok()
            .filter(|id| known.iter().any(|o| o.id == *id))
            .ok_or_else(|| AppError::invalid("obstacles", "obstacle_unknown"))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    repo::set_obstacles(&mut tx, person_id, &ids).await?;
    let detail = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    audit::record(
        &mut tx,
        actor,
        "pathway.obstacles",
        "person",
        person_id,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn record_exit(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
    input: &ExitInput,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let day = parse_date(&input.exit_day).map(format_date);
    if let Err(key) = &day {
        errors.insert("exit_day".into(), (*key).into());
    }
    let outcome = OUTCOMES.iter().find(|o| **o == input.outcome.trim());
    if outcome.is_none() {
        errors.insert("outcome".into(), "exit_outcome_required".into());
    }
    let (Ok(day), Some(outcome)) = (day, outcome) else {
        return Err(AppError::Validation(errors));
    };
    if day.as_str() > format_date(crate::ui::time::paris_day(now()) + 31).as_str() {
        return Err(AppError::invalid("exit_day", "date_too_far"));
    }
    let mut tx = state.db.begin_write().await?;
    let pathway = started(&mut tx, person_id).await?;
    if pathway
        .entry_day
        .as_deref()
        .is_some_and(|entry| day.as_str() < entry)
    {
        return Err(AppError::invalid("exit_day", "exit_before_entry"));
    }
    repo::set_exit(&mut tx, person_id, Some((&day, outcome)), now()).await?;
    audit::record(
        &mut tx,
        actor,
        "pathway.exit",
        "person",
        person_id,
        Some(&format!("{day} {outcome}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An exit recorded by mistake: the pathway goes on.
pub async fn cancel_exit(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    let pathway = started(&mut tx, person_id).await?;
    if pathway.exit_day.is_none() {
        return Ok(());
    }
    repo::set_exit(&mut tx, person_id, None, now()).await?;
    audit::record(
        &mut tx,
        actor,
        "pathway.exit_cancel",
        "person",
        person_id,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_obstacle(
    state: &AppState,
    actor: &CurrentUser,
    name: &str,
) -> Result<(), AppError> {
    let name = name.trim();
    if !(1..=60).contains(&name.chars().count()) {
        return Err(AppError::invalid("name", "obstacle_name_invalid"));
    }
    let mut tx = state.db.begin_write().await?;
    if repo::obstacles(&mut tx)
        .await?
        .iter()
        .any(|o| o.name.to_lowercase() == name.to_lowercase())
    {
        return Err(AppError::invalid("name", "obstacle_name_taken"));
    }
    let id = repo::add_obstacle(&mut tx, name).await?;
    audit::record(&mut tx, actor, "obstacle.add", "obstacle", id, Some(name)).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_obstacle_active(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    active: bool,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    if !repo::set_obstacle_active(&mut tx, id, active).await? {
        return Err(AppError::NotFound);
    }
    let action = if active {
        "obstacle.on"
    } else {
        "obstacle.off"
    };
    audit::record(&mut tx, actor, action, "obstacle", id, None).await?;
    tx.commit().await?;
    Ok(())
}
