//! Staff decisions about partner organisations: checked, written and audited in one transaction.

use super::repo;
use crate::{
    accounts::{CurrentUser, audit},
    error::AppError,
    server::{AppState, db::is_unique_violation, now},
};

pub async fn create(state: &AppState, actor: &CurrentUser, name: &str) -> Result<i64, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid("name", "partner_name_invalid"));
    }
    let mut tx = state.db.begin_write().await?;
    let id = match repo::insert(&mut tx, name, now()).await {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::invalid("name", "partner_name_taken"));
        }
        Err(e) => return Err(e.into()),
    };
    audit::record(&mut tx, actor, "create", "partner", id, Some(name)).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn set_active(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    active: bool,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    if !repo::set_active(&mut tx, id, active).await? {
        return Err(AppError::NotFound);
    }
    let action = if active { "activate" } else { "deactivate" };
    audit::record(&mut tx, actor, action, "partner", id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// The type and SIRET staff give an organisation (the name too, checked as on creation).
pub struct OrganisationForm<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub siret: &'a str,
}

fn check_form(form: &OrganisationForm<'_>) -> Result<(String, Option<String>), AppError> {
    let mut errors = crate::error::FieldErrors::new();
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.insert("name".into(), "partner_name_invalid".into());
    }
    if !super::KINDS.contains(&form.kind) {
        errors.insert("kind".into(), "organisation_kind_required".into());
    }
    let siret = crate::catering::parse_siret(form.siret).unwrap_or_else(|key| {
        errors.insert("siret".into(), key.into());
        None
    });
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok((name.to_owned(), siret))
}

fn taken(e: &sqlx::Error) -> Option<AppError> {
    is_unique_violation(e).then(|| {
        // Two unique columns: say which.
        let field = if e.to_string().contains("siret") {
            ("siret", "siret_taken")
        } else {
            ("name", "partner_name_taken")
        };
        AppError::invalid(field.0, field.1)
    })
}

/// A new organisation with its type and SIRET.
pub async fn create_organisation(
    state: &AppState,
    actor: &CurrentUser,
    form: &OrganisationForm<'_>,
) -> Result<i64, AppError> {
    let (name, siret) = check_form(form)?;
    let mut tx = state.db.begin_write().await?;
    let id = match repo::insert(&mut tx, &name, now()).await {
        Ok(id) => id,
        Err(e) => return Err(taken(&e).unwrap_or_else(|| e.into())),
    };
    if let Err(e) = repo::update(&mut tx, id, &name, form.kind, siret.as_deref()).await {
        return Err(taken(&e).unwrap_or_else(|| e.into()));
    }
    audit::record(&mut tx, actor, "create", "partner", id, Some(&name)).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_organisation(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    form: &OrganisationForm<'_>,
) -> Result<(), AppError> {
    let (name, siret) = check_form(form)?;
    let mut tx = state.db.begin_write().await?;
    match repo::update(&mut tx, id, &name, form.kind, siret.as_deref()).await {
        Ok(true) => {}
        Ok(false) => return Err(AppError::NotFound),
        Err(e) => return Err(taken(&e).unwrap_or_else(|| e.into())),
    }
    audit::record(&mut tx, actor, "update", "partner", id, Some(&name)).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn page(state: &AppState, id: i64) -> Result<super::OrganisationPage, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let organisation = repo::find_organisation(&mut conn, id, now())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(super::OrganisationPage {
        organisation,
        contacts: repo::contacts(&mut conn, id).await?,
        requesters: repo::requesters(&mut conn, id).await?,
        history: repo::history(&mut conn, id).await?,
        regular_orders: repo::regular_orders(&mut conn).await?,
    })
}

pub async fn add_contact(
    state: &AppState,
    actor: &CurrentUser,
    partner_id: i64,
    contact: super::Contact,
) -> Result<(), AppError> {
    let mut errors = crate::error::FieldErrors::new();
    let name = contact.name.trim().to_owned();
    if !(1..=80).contains(&name.chars().count()) {
        errors.insert("contact_name".into(), "name_required".into());
    }
    let role = contact.role.trim().to_owned();
    if role.chars().count() > 80 {
        errors.insert("role".into(), "text_too_long".into());
    }
    let email = match contact.email.trim() {
        "" => String::new(),
        typed => crate::accounts::parse_email(typed).unwrap_or_else(|key| {
            errors.insert("email".into(), key.into());
            String::new()
        }),
    };
    let phone = match contact.phone.trim() {
        "" => String::new(),
        typed => crate::accounts::parse_phone(typed).unwrap_or_else(|key| {
            errors.insert("phone".into(), key.into());
            String::new()
        }),
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let contact = super::Contact {
        id: 0,
        name,
        role,
        email,
        phone,
    };
    let mut tx = state.db.begin_write().await?;
    repo::find_organisation(&mut tx, partner_id, now())
        .await?
        .ok_or(AppError::NotFound)?;
    let id = repo::add_contact(&mut tx, partner_id, &contact, now()).await?;
    audit::record(
        &mut tx,
        actor,
        "contact.add",
        "partner",
        partner_id,
        Some(&id.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_contact(
    state: &AppState,
    actor: &CurrentUser,
    partner_id: i64,
    contact_id: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    if !repo::remove_contact(&mut tx, partner_id, contact_id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        actor,
        "contact.remove",
        "partner",
        partner_id,
        Some(&contact_id.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn save_regular_orders(
    state: &AppState,
    actor: &CurrentUser,
    typed: &str,
) -> Result<(), AppError> {
    let n = typed
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=100).contains(n))
        .ok_or_else(|| AppError::invalid("regular_orders", "regular_orders_range"))?;
    let mut tx = state.db.begin_write().await?;
    repo::save_regular_orders(&mut tx, n).await?;
    audit::record(
        &mut tx,
        actor,
        "settings.save",
        "partner",
        1,
        Some(&format!("regular_orders={n}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
