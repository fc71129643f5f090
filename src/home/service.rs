//! Staff changes to the coop's opening hours: checked, written and audited in one transaction,
//! then the home page's cached copy is forgotten.

use super::{calendar::Closed, overlaps, parse_time, repo};
use crate::{
    accounts::{CurrentUser, audit},
    error::{AppError, FieldErrors},
    server::{AppState, now},
    ui::time::{format_date, paris_day, parse_date},
};

pub async fn add_hours(
    state: &AppState,
    actor: &CurrentUser,
    service: &str,
    weekday: u8,
    opens: &str,
    closes: &str,
) -> Result<(), AppError> {
    if !(1..=7).contains(&weekday) {
        return Err(AppError::invalid("weekday", "hours_invalid"));
    }
    let (Some(opens), Some(closes)) = (parse_time(opens), parse_time(closes)) else {
        return Err(AppError::invalid("opens", "hours_invalid"));
    };
    if opens >= closes {
        return Err(AppError::invalid("closes", "hours_invalid"));
    }
    let mut tx = state.db.begin_write().await?;
    if !repo::service_exists(&mut tx, service).await? {
        return Err(AppError::invalid("service", "hours_invalid"));
    }
    if overlaps(
        &opens,
        &closes,
        &repo::ranges_of_day(&mut tx, service, weekday).await?,
    ) {
        return Err(AppError::invalid("opens", "hours_overlap"));
    }
    repo::insert_hours(&mut tx, service, weekday, &opens, &closes).await?;
    let detail = format!("{weekday} {opens}-{closes}");
    audit::record(
        &mut tx,
        actor,
        "add",
        "opening_hours",
        service,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    state.service_hours.invalidate();
    Ok(())
}

pub async fn remove_hours(
    state: &AppState,
    actor: &CurrentUser,
    service: &str,
    weekday: u8,
    opens: &str,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    if !repo::delete_hours(&mut tx, service, weekday, opens).await? {
        return Err(AppError::NotFound);
    }
    let detail = format!("{weekday} {opens}");
    audit::record(
        &mut tx,
        actor,
        "remove",
        "opening_hours",
        service,
        Some(&detail),
    )
    .await?;
    tx.commit().await?;
    state.service_hours.invalidate();
    Ok(())
}

/// The days closed from today on (public holidays and staff's closures): what every booking
/// asks before it offers a day.
pub async fn closed(db: impl sqlx::SqliteExecutor<'_>) -> Result<Closed, AppError> {
    let today = format_date(paris_day(now()));
    Ok(Closed::new(&repo::closures_from(db, &today).await?))
}

/// The longest closure staff may enter at once: a summer break, not a typo of a year.
const MAX_CLOSURE_DAYS: i64 = 92;

pub async fn add_closure(
    state: &AppState,
    actor: &CurrentUser,
    first_day: &str,
    last_day: &str,
    label: &str,
) -> Result<i64, AppError> {
    let mut errors = FieldErrors::new();
    let first = parse_date(first_day.trim())
        .map_err(|key| errors.insert("first_day".into(), key.into()))
        .ok();
    let last = parse_date(last_day.trim())
        .map_err(|key| errors.insert("last_day".into(), key.into()))
        .ok();
    let label = crate::text::screen(label.trim())
        .unwrap_or_default()
        .to_owned();
    if label.is_empty() || label.chars().count() > 80 {
        errors.insert("label".into(), "closure_label_invalid".into());
    }
    if let (Some(first), Some(last)) = (first, last) {
        if last < first {
            errors.insert("last_day".into(), "closure_order".into());
        } else if last - first >= MAX_CLOSURE_DAYS {
            errors.insert("last_day".into(), "closure_too_long".into());
        } else if last < paris_day(now()) {
            errors.insert("last_day".into(), "date_past".into());
        }
    }
    let (Some(first), Some(last), true) = (first, last, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let (first, last) = (format_date(first), format_date(last));
    let mut tx = state.db.begin_write().await?;
    let id = repo::insert_closure(&mut tx, &first, &last, &label, now()).await?;
    let detail = format!("{first} – {last} {label}");
    audit::record(&mut tx, actor, "add", "closure", id, Some(&detail)).await?;
    tx.commit().await?;
    forget_cached_days(state);
    Ok(id)
}

pub async fn remove_closure(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    if !repo::delete_closure(&mut tx, id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, actor, "remove", "closure", id, None).await?;
    tx.commit().await?;
    forget_cached_days(state);
    Ok(())
}

/// The lunch menus and the open campaigns are cached a few seconds: the change shows at once.
fn forget_cached_days(state: &AppState) {
    state.calendar.invalidate();
    state.lunch_menus.invalidate();
    state.open_campaigns.invalidate();
}
