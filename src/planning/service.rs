//! The planning's business rules that need the database. Each decision is one BEGIN IMMEDIATE
//! transaction with its audit row: what it checks and what it writes are seen by no one else in
//! between, and an error anywhere leaves nothing written.

use super::{
    AbsenceRequest, Attendance, MonthHours, MyPlanning, MyShift, PICTOGRAMS, PlanningWeek, Sector,
    ShiftDetail, ShiftForm, format_month, monday_of, month_bounds, parse_month, parse_places,
    parse_reason, parse_sector_name, parse_text, parse_week, repo, sum_hours,
};
use crate::{
    accounts::{
        CurrentUser, audit,
        token::{hash_token, is_well_formed, new_token},
    },
    error::AppError,
    server::{AppState, ics, now},
    ui::time::{format_date, local_to_utc, utc_to_paris},
};

// --- Sectors (staff) ---

pub async fn sectors(state: &AppState) -> Result<Vec<Sector>, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    Ok(repo::list_sectors(&mut conn).await?)
}

/// Adds a sector (no `slug`) or changes one: name, pictogram, active.
pub async fn save_sector(
    state: &AppState,
    actor: &CurrentUser,
    slug: Option<&str>,
    name: &str,
    pictogram: &str,
    active: bool,
) -> Result<(), AppError> {
    let name = parse_sector_name(name).map_err(|key| AppError::invalid("name", key))?;
    if !PICTOGRAMS.contains(&pictogram) {
        return Err(AppError::invalid("pictogram", "pictogram_required"));
    }
    let mut tx = state.db.begin_write().await?;
    let taken = repo::list_sectors(&mut tx)
        .await?
        .into_iter()
        .any(|s| s.name.to_lowercase() == name.to_lowercase() && Some(s.slug.as_str()) != slug);
    if taken {
        return Err(AppError::invalid("name", "sector_name_taken"));
    }
    let slug = match slug {
        Some(slug) => {
            if repo::update_sector(&mut tx, slug, &name, pictogram, active).await? == 0 {
                return Err(AppError::NotFound);
            }
            slug.to_owned()
        }
        None => {
            let slug = free_slug(&repo::list_sectors(&mut tx).await?, &name);
            repo::insert_sector(&mut tx, &slug, &name, pictogram).await?;
            slug
        }
    };
    audit::record(&mut tx, actor, "sector.save", "sector", &slug, Some(&name)).await?;
    tx.commit().await?;
    Ok(())
}

/// A slug for a new sector's name, not used yet ("repassage", "repassage-2"…).
fn free_slug(sectors: &[Sector], name: &str) -> String {
    let base = crate::campaigns::slugify(name);
    let base = if base.is_empty() {
        "secteur".to_owned()
    } else {
        base
    };
    let base: String = base.chars().take(30).collect();
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|slug| sectors.iter().all(|s| &s.slug != slug))
        .unwrap_or(base)
}

// --- Shifts and the week (staff) ---

pub async fn week(state: &AppState, week: Option<&str>) -> Result<PlanningWeek, AppError> {
    let monday = parse_week(week, now());
    let mut conn = state.db.reader.acquire().await?;
    let shifts = repo::shifts_between(
        &mut conn,
        local_to_utc(monday, 0),
        local_to_utc(monday + 7, 0),
    )
    .await?;
    Ok(PlanningWeek {
        monday,
        shifts,
        sectors: repo::list_sectors(&mut conn).await?,
        pending_absences: repo::count_pending_absences(&mut conn).await?,
    })
}

pub async fn create_shift(
    state: &AppState,
    actor: &CurrentUser,
    form: ShiftForm,
) -> Result<i64, AppError> {
    let mut tx = state.db.begin_write().await?;
    match repo::find_sector(&mut tx, &form.sector).await? {
        Some(sector) if sector.active => {}
        _ => return Err(AppError::invalid("sector", "sector_required")),
    }
    let id = repo::insert_shift(&mut tx, &form, Some(actor.id), now()).await?;
    audit::record(
        &mut tx,
        actor,
        "shift.create",
        "shift",
        id,
        Some(&form.sector),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_shift(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    places: &str,
    place: &str,
    note: &str,
) -> Result<(), AppError> {
    let places = parse_places(places).map_err(|key| AppError::invalid("places", key))?;
    let place = parse_text(place, 80).map_err(|key| AppError::invalid("place", key))?;
    let note = parse_text(note, 200).map_err(|key| AppError::invalid("note", key))?;
    let mut tx = state.db.begin_write().await?;
    let shift = repo::shift(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if places < shift.filled {
        return Err(AppError::invalid("places", "places_below_assigned"));
    }
    repo::update_shift(&mut tx, id, places, &place, &note).await?;
    audit::record(
        &mut tx,
        actor,
        "shift.update",
        "shift",
        id,
        Some(&format!("places={places}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a shift nobody is on (people are taken off first, so no one's hours vanish).
pub async fn delete_shift(state: &AppState, actor: &CurrentUser, id: i64) -> Result<i64, AppError> {
    let mut tx = state.db.begin_write().await?;
    let shift = repo::shift(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if repo::count_assignments(&mut tx, id).await? > 0 {
        return Err(AppError::Conflict("shift_has_people".into()));
    }
    repo::delete_shift(&mut tx, id).await?;
    audit::record(&mut tx, actor, "shift.delete", "shift", id, None).await?;
    tx.commit().await?;
    Ok(monday_of(utc_to_paris(shift.starts_at).0))
}

/// Copies the shifts of the week of `week` to the next one, same Paris hours (also across a
/// clock change), with their people where the rules still allow (active, no overlap). Refused
/// when the next week has shifts already: a double tap copies once.
pub async fn copy_week(state: &AppState, actor: &CurrentUser, week: &str) -> Result<i64, AppError> {
    let monday = parse_week(Some(week), now());
    let next = monday + 7;
    let mut tx = state.db.begin_write().await?;
    if !repo::shifts_between(&mut tx, local_to_utc(next, 0), local_to_utc(next + 7, 0))
        .await?
        .is_empty()
    {
        return Err(AppError::Conflict("next_week_not_empty".into()));
    }
    let shifts =
        repo::shifts_between(&mut tx, local_to_utc(monday, 0), local_to_utc(next, 0)).await?;
    if shifts.is_empty() {
        return Err(AppError::Conflict("week_empty".into()));
    }
    let at = now();
    for shift in &shifts {
        let in_a_week = |utc: i64| {
            let (day, minutes) = utc_to_paris(utc);
            local_to_utc(day + 7, minutes)
        };
        let form = ShiftForm {
            sector: shift.sector.slug.clone(),
            starts_at: in_a_week(shift.starts_at),
            ends_at: in_a_week(shift.ends_at),
            places: shift.places,
            place: shift.place.clone(),
            note: shift.note.clone(),
        };
        let id = repo::insert_shift(&mut tx, &form, Some(actor.id), at).await?;
        for person in repo::assignees(&mut tx, shift.id).await? {
            let active = matches!(
                repo::person_status(&mut tx, person.person_id).await?,
                Some((role, true)) if role == "participant"
            );
            if active
                && !repo::has_overlap(&mut tx, person.person_id, form.starts_at, form.ends_at)
                    .await?
            {
                repo::insert_assignment(&mut tx, id, person.person_id, at).await?;
            }
        }
    }
    audit::record(
        &mut tx,
        actor,
        "week.copy",
        "week",
        format_date(monday),
        Some(&format!(
            "{} créneaux → {}",
            shifts.len(),
            format_date(next)
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

pub async fn shift_detail(state: &AppState, id: i64) -> Result<ShiftDetail, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    let shift = repo::shift(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ShiftDetail {
        assignees: repo::assignees(&mut conn, id).await?,
        candidates: repo::candidates(&mut conn, id, &shift.sector.slug).await?,
        started: shift.starts_at <= now(),
        shift,
    })
}

pub async fn assign(
    state: &AppState,
    actor: &CurrentUser,
    shift_id: i64,
    person_id: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    let shift = repo::shift(&mut tx, shift_id)
        .await?
        .ok_or(AppError::NotFound)?;
    match repo::person_status(&mut tx, person_id).await? {
        Some((role, true)) if role == "participant" => {}
        Some((role, false)) if role == "participant" => {
            return Err(AppError::invalid("person", "participant_inactive"));
        }
        _ => return Err(AppError::invalid("person", "participant_required")),
    }
    if repo::assignees(&mut tx, shift_id)
        .await?
        .iter()
        .any(|a| a.person_id == person_id)
    {
        return Err(AppError::Conflict("already_assigned".into()));
    }
    if repo::has_overlap(&mut tx, person_id, shift.starts_at, shift.ends_at).await? {
        return Err(AppError::Conflict("shift_overlap".into()));
    }
    if shift.filled >= shift.places {
        return Err(AppError::Conflict("shift_full".into()));
    }
    let id = repo::insert_assignment(&mut tx, shift_id, person_id, now()).await?;
    audit::record(
        &mut tx,
        actor,
        "shift.assign",
        "shift",
        shift_id,
        Some(&format!("person={person_id} assignment={id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes someone off a shift; returns the shift.
pub async fn unassign(
    state: &AppState,
    actor: &CurrentUser,
    assignment_id: i64,
) -> Result<i64, AppError> {
    let mut tx = state.db.begin_write().await?;
    let assignment = repo::assignment(&mut tx, assignment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if assignment.attendance.as_deref() == Some("attended") {
        // Hours worked stay: the back-to-work follow-up counts them.
        return Err(AppError::Conflict("assignment_attended".into()));
    }
    repo::delete_assignment(&mut tx, assignment_id).await?;
    audit::record(
        &mut tx,
        actor,
        "shift.unassign",
        "shift",
        assignment.shift_id,
        Some(&format!("person={}", assignment.person_id)),
    )
    .await?;
    tx.commit().await?;
    Ok(assignment.shift_id)
}

/// Marks (or, with `None`, unmarks) attendance once the shift has begun; returns the shift.
pub async fn mark_attendance(
    state: &AppState,
    actor: &CurrentUser,
    assignment_id: i64,
    attendance: Option<Attendance>,
) -> Result<i64, AppError> {
    let mut tx = state.db.begin_write().await?;
    let assignment = repo::assignment(&mut tx, assignment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if assignment.starts_at > now() {
        return Err(AppError::Conflict("shift_not_started".into()));
    }
    repo::set_attendance(&mut tx, assignment_id, attendance).await?;
    audit::record(
        &mut tx,
        actor,
        "attendance.mark",
        "shift",
        assignment.shift_id,
        Some(&format!(
            "person={} {}",
            assignment.person_id,
            attendance.map_or("unmarked", Attendance::as_str)
        )),
    )
    .await?;
    tx.commit().await?;
    Ok(assignment.shift_id)
}

// --- Absences ---

pub async fn absences(state: &AppState) -> Result<Vec<AbsenceRequest>, AppError> {
    let mut conn = state.db.reader.acquire().await?;
    Ok(repo::absences(&mut conn, 100).await?)
}

/// Approves (the person is excused: their place is free) or refuses a pending declaration.
pub async fn decide_absence(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    approve: bool,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    let (assignment_id, _) = repo::absence(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = if approve { "approved" } else { "refused" };
    if repo::decide_absence(&mut tx, id, status, actor.id, now()).await? == 0 {
        return Err(AppError::Conflict("absence_already_decided".into()));
    }
    if approve {
        repo::set_attendance(&mut tx, assignment_id, Some(Attendance::Excused)).await?;
    }
    audit::record(
        &mut tx,
        actor,
        &format!("absence.{status}"),
        "absence",
        id,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- A participant's own planning ---

/// From today to the end of next week. `viewer` is the person themselves, or staff.
pub async fn my_planning(
    state: &AppState,
    viewer: &CurrentUser,
    person_id: i64,
) -> Result<MyPlanning, AppError> {
    crate::accounts::auth::require_owner_or_staff(viewer, person_id)?;
    let mut conn = state.db.reader.acquire().await?;
    let name = repo::person_name(&mut conn, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    let today = utc_to_paris(at).0;
    let end = monday_of(today) + 14;
    let shifts = repo::person_shifts(
        &mut conn,
        person_id,
        local_to_utc(today, 0),
        local_to_utc(end, 0),
    )
    .await?
    .into_iter()
    .map(
        |(assignment_id, shift, confirmed, attendance, absence)| MyShift {
            assignment_id,
            shift,
            confirmed,
            attendance,
            absence,
            key: new_token(),
        },
    )
    .collect();
    Ok(MyPlanning {
        person_id,
        name,
        generated_at: at,
        shifts,
        feed_since: repo::feed_since(&mut conn, person_id).await?,
        own: viewer.id == person_id,
    })
}

/// The assignment, if it is `user`'s own (else 404), with the person the form was made for:
/// a form filled under one account and sent under another (an offline queue on a shared phone)
/// is refused.
async fn own_assignment(
    conn: &mut sqlx::SqliteConnection,
    user: &CurrentUser,
    form_person: i64,
    assignment_id: i64,
) -> Result<repo::AssignmentRow, AppError> {
    if form_person != user.id {
        return Err(AppError::Conflict("sent_under_other_account".into()));
    }
    repo::assignment(conn, assignment_id)
        .await?
        .filter(|a| a.person_id == user.id)
        .ok_or(AppError::NotFound)
}

pub async fn confirm_presence(
    state: &AppState,
    user: &CurrentUser,
    form_person: i64,
    assignment_id: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    let assignment = own_assignment(&mut tx, user, form_person, assignment_id).await?;
    if assignment.ends_at <= now() {
        return Err(AppError::Conflict("shift_over".into()));
    }
    if assignment.attendance.as_deref() == Some("excused") {
        return Err(AppError::Conflict("absence_already_declared".into()));
    }
    repo::confirm(&mut tx, assignment_id, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// A declaration of absence. The form's key makes it idempotent: sent twice (double tap, the
/// offline queue replaying), the first one stands and nothing more is written.
pub async fn declare_absence(
    state: &AppState,
    user: &CurrentUser,
    form_person: i64,
    assignment_id: i64,
    reason: &str,
    details: &str,
    key: &str,
) -> Result<(), AppError> {
    if !is_well_formed(key) {
        return Err(AppError::BadRequest);
    }
    let reason = parse_reason(reason).map_err(|k| AppError::invalid("reason", k))?;
    let details = parse_text(details, 300).map_err(|k| AppError::invalid("details", k))?;
    let key_hash = hash_token(key);
    let mut tx = state.db.begin_write().await?;
    let assignment = own_assignment(&mut tx, user, form_person, assignment_id).await?;
    if let Some((_, replayed_for)) = repo::absence_by_key(&mut tx, &key_hash).await? {
        return if replayed_for == assignment_id {
            Ok(())
        } else {
            Err(AppError::BadRequest)
        };
    }
    if assignment.ends_at <= now() {
        return Err(AppError::Conflict("shift_over".into()));
    }
    let open = repo::has_open_absence(&mut tx, assignment_id).await?;
    if open {
        return Err(AppError::Conflict("absence_already_declared".into()));
    }
    let id =
        repo::insert_absence(&mut tx, assignment_id, reason, &details, &key_hash, now()).await?;
    // That an absence was declared, never why: a reason such as "malade" is health data, and
    // the audit log is kept (append-only) far longer than the absence itself.
    audit::record(&mut tx, user, "absence.declare", "absence", id, None).await?;
    tx.commit().await?;
    Ok(())
}

// --- Calendar feed ---

/// Issues a new private feed URL for a participant (the old one stops working); returns the
/// token, shown once.
pub async fn issue_feed(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
) -> Result<String, AppError> {
    crate::accounts::auth::require_owner_or_staff(actor, person_id)?;
    let token = new_token();
    let mut tx = state.db.begin_write().await?;
    repo::person_name(&mut tx, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    repo::replace_feed(&mut tx, person_id, &hash_token(&token), now()).await?;
    audit::record(&mut tx, actor, "feed.issue", "person", person_id, None).await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn revoke_feed(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
) -> Result<(), AppError> {
    crate::accounts::auth::require_owner_or_staff(actor, person_id)?;
    let mut tx = state.db.begin_write().await?;
    if repo::delete_feed(&mut tx, person_id).await? == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, actor, "feed.revoke", "person", person_id, None).await?;
    tx.commit().await?;
    Ok(())
}

/// The person a (not revoked) feed token belongs to, if `viewer` may see it.
pub async fn feed_owner(
    state: &AppState,
    viewer: &CurrentUser,
    token: &str,
) -> Result<i64, AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let mut conn = state.db.reader.acquire().await?;
    let person_id = repo::feed_person(&mut conn, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::auth::require_owner_or_staff(viewer, person_id)?;
    Ok(person_id)
}

pub fn feed_path(token: &str) -> String {
    format!("/agenda/{token}/planning.ics")
}

/// The calendar behind a feed URL: the person's shifts from 60 days ago to 90 days ahead; a
/// shift they will miss (excused) stays, marked cancelled. Revoked or unknown → 404.
pub async fn feed_calendar(state: &AppState, token: &str) -> Result<String, AppError> {
    if !is_well_formed(token) {
        return Err(AppError::NotFound);
    }
    let mut conn = state.db.reader.acquire().await?;
    let person_id = repo::feed_person(&mut conn, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    let shifts =
        repo::person_shifts(&mut conn, person_id, at - 60 * 86_400, at + 90 * 86_400).await?;
    let url = format!("{}/planning", state.config.public_url);
    let texts: Vec<(String, String, String, String, bool)> = shifts
        .iter()
        .map(|(assignment_id, shift, _, attendance, absence)| {
            let cancelled = *attendance == Some(Attendance::Excused)
                || absence.as_ref().is_some_and(|a| a.status == "approved");
            (
                format!("shift-{assignment_id}@coop-manau"),
                format!("{} · Coop'Manau", shift.sector.name),
                if shift.place.is_empty() {
                    "Coop'Manau, Blanchemaille, Roubaix".to_owned()
                } else {
                    shift.place.clone()
                },
                shift.note.clone(),
                cancelled,
            )
        })
        .collect();
    let events: Vec<ics::Event> = shifts
        .iter()
        .zip(&texts)
        .map(
            |((_, shift, ..), (uid, summary, location, description, cancelled))| ics::Event {
                uid,
                starts_at: shift.starts_at,
                ends_at: shift.ends_at,
                stamp: at,
                summary,
                location,
                description,
                url: &url,
                cancelled: *cancelled,
            },
        )
        .collect();
    Ok(ics::calendar("Mon planning Coop'Manau", &events))
}

// --- Hours ---

pub async fn month_hours(state: &AppState, month: Option<&str>) -> Result<MonthHours, AppError> {
    let (year, month) = match month {
        Some(m) => parse_month(m).map_err(|key| AppError::invalid("month", key))?,
        None => super::current_month(now()),
    };
    let (from, to) = month_bounds(year, month);
    let mut conn = state.db.reader.acquire().await?;
    let shifts = repo::worked_shifts(&mut conn, from, to).await?;
    Ok(MonthHours {
        month: format_month(year, month),
        rows: sum_hours(&shifts, now()),
    })
}
