//! Pages of the planning: a participant's "Mon planning" (also offline), the calendar link, and
//! the staff's week, shift, absences, hours and sectors. Server components: every form posts to
//! a server function and works without JavaScript; the confirm and absence forms are marked
//! `data-offline`, so without a connection they wait on the phone (ui::offline::WaitingForms).

use super::{
    ABSENCE_REASONS, Attendance, MyPlanning, MyShift, PICTOGRAMS, Sector, Shift,
    api::{
        AssignToShift, ConfirmPresence, CopyPlanningWeek, CreateShift, DecideAbsence,
        DeclareAbsence, DeleteShift, IssueCalendarFeed, MarkAttendance, RevokeCalendarFeed,
        SaveSector, UnassignFromShift, UpdateShift, get_calendar_link, get_month_hours,
        get_my_planning, get_planning_week, get_shift, list_absences, list_planning_sectors,
    },
    format_hours, format_month, next_month, parse_month, previous_month, week_days, week_param,
};
use crate::{
    accounts::ui::Refusal,
    error::AppError,
    i18n::{Catalogue, use_texts},
    ui::{
        ErrorNotice,
        forms::{FieldError, TextField},
        pictograms::Pictogram,
        share::ShareButton,
        time::{day_label, format_date, format_hhmm, paris_hhmm, utc_to_paris},
    },
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

fn title(t: &Catalogue, page: &str) -> String {
    format!("{page} · {}", t.common.app_name)
}

fn id_param(name: &'static str) -> Option<i64> {
    use_params_map().with_untracked(|p| p.get(name).and_then(|id| id.parse::<i64>().ok()))
}

fn query(name: &'static str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name))
}

fn hours(shift: &Shift) -> String {
    format!(
        "{}–{}",
        paris_hhmm(shift.starts_at),
        paris_hhmm(shift.ends_at)
    )
}

fn shift_day(t: &Catalogue, shift: &Shift) -> String {
    day_label(t, utc_to_paris(shift.starts_at).0)
}

/// "Cuisine, mardi 1 décembre 09:00–13:00": how a shift is named in lists and queued forms.
fn shift_label(t: &Catalogue, shift: &Shift) -> String {
    format!(
        "{}, {} {}",
        shift.sector.name,
        shift_day(t, shift),
        hours(shift)
    )
}

#[component]
fn SectorName(sector: Sector) -> impl IntoView {
    view! {
        <span class="sector">
            <Pictogram key=sector.pictogram />
            {sector.name}
        </span>
    }
}

fn saved_notice(text: &'static str, shown: bool) -> impl IntoView {
    shown.then(|| view! { <p class="notice notice-ok" role="status">{text}</p> })
}

// --- A participant's own planning ---

#[component]
pub fn MyPlanningPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_my_planning(None));
    view! { <PlanningView data /> }
}

/// Staff reading one participant's planning (read-only, with their calendar feed).
#[component]
pub fn PersonPlanningPage() -> impl IntoView {
    let id = id_param("id");
    let data = Resource::new(
        move || id,
        |id| async move { get_my_planning(Some(id.ok_or(AppError::NotFound)?)).await },
    );
    view! { <PlanningView data /> }
}

#[component]
fn PlanningView(data: Resource<Result<MyPlanning, AppError>>) -> impl IntoView {
    let t = use_texts();
    let confirm = ServerAction::<ConfirmPresence>::new();
    let declare = ServerAction::<DeclareAbsence>::new();
    let issue = ServerAction::<IssueCalendarFeed>::new();
    let revoke = ServerAction::<RevokeCalendarFeed>::new();
    let error = move || {
        confirm
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| declare.value().get().and_then(Result::err))
            .or_else(|| issue.value().get().and_then(Result::err))
            .or_else(|| revoke.value().get().and_then(Result::err))
    };
    let notice = if query("absence").is_some() {
        Some(t.planning.absence_sent)
    } else if query("confirme").is_some() {
        Some(t.planning.presence_confirmed_notice)
    } else if query("agenda").is_some() {
        Some(t.planning.feed_revoked)
    } else {
        None
    };
    view! {
        <Title text=title(t, t.planning.my_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(planning) => {
                        let (day, minutes) = utc_to_paris(planning.generated_at);
                        let updated = (t.planning.updated_at)(&day_label(t, day), &format_hhmm(minutes));
                        let today = utc_to_paris(planning.generated_at).0;
                        let person_id = planning.person_id;
                        let own = planning.own;
                        let cards = planning.shifts.clone().into_iter().map(|shift| {
                            view! { <ShiftCard shift today own person_id now=planning.generated_at confirm declare error=Signal::derive(error) /> }
                        }).collect_view();
                        let empty = planning.shifts.is_empty();
                        view! {
                            <section class="page my-planning">
                                {(!own).then(|| view! { <p><a href="/equipe/planning">{t.planning.back_to_week}</a></p> })}
                                <h1>{if own { t.planning.my_title.to_owned() } else { format!("{} · {}", t.planning.planning_of, planning.name) }}</h1>
                                <p class="hint updated">{updated}</p>
                                {notice.map(|text| view! { <p class="notice notice-ok" role="status">{text}</p> })}
                                {move || error().map(|error| view! { <ErrorNotice error /> })}
                                {if empty {
                                    view! { <p class="empty">{t.planning.no_shift}</p> }.into_any()
                                } else {
                                    view! { <ol class="shift-cards">{cards}</ol> }.into_any()
                                }}
                                <FeedSection person_id since=planning.feed_since issue revoke />
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ShiftCard(
    shift: MyShift,
    today: i64,
    own: bool,
    person_id: i64,
    now: i64,
    confirm: ServerAction<ConfirmPresence>,
    declare: ServerAction<DeclareAbsence>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let s = &shift.shift;
    let day = utc_to_paris(s.starts_at).0;
    let label = shift_label(t, s);
    let open_absence = shift
        .absence
        .as_ref()
        .is_some_and(|a| a.status != "refused");
    let can_act = own && s.ends_at > now && shift.attendance.is_none();
    let status = match (&shift.absence, shift.attendance) {
        (_, Some(Attendance::Attended)) => Some(("ok", t.planning.attended.to_owned())),
        (Some(a), _) if a.status == "pending" => {
            Some(("waiting", t.planning.absence_pending.to_owned()))
        }
        (Some(a), _) if a.status == "approved" => {
            Some(("excused", t.planning.absence_approved.to_owned()))
        }
        (_, Some(Attendance::Excused)) => Some(("excused", t.planning.absence_approved.to_owned())),
        (_, Some(Attendance::Unexcused)) => Some(("alert", t.planning.absent.to_owned())),
        (Some(a), _) if a.status == "refused" => {
            Some(("alert", t.planning.absence_refused.to_owned()))
        }
        _ if shift.confirmed => Some(("ok", t.planning.presence_confirmed.to_owned())),
        _ => None,
    };
    let assignment_id = shift.assignment_id;
    let reason_text = shift.absence.as_ref().map(|a| {
        let reason = (t.planning.reason)(&a.reason);
        if a.details.is_empty() {
            reason.to_owned()
        } else {
            format!("{reason} — {}", a.details)
        }
    });
    view! {
        <li class="shift-card" class:today={day == today}>
            <p class="shift-day">
                {(day == today).then(|| view! { <span class="badge badge-today">{t.planning.today}</span> " " })}
                {day_label(t, day)}
            </p>
            <p class="shift-hours">{hours(s)}</p>
            <p class="shift-sector"><SectorName sector=s.sector.clone() /></p>
            {(!s.place.is_empty()).then(|| view! { <p class="shift-place">{format!("{} : {}", t.planning.place_label, s.place)}</p> })}
            {(!s.note.is_empty()).then(|| view! { <p class="shift-note">{s.note.clone()}</p> })}
            {status.map(|(kind, text)| view! { <p class=format!("shift-status status-{kind}")>{text}</p> })}
            {reason_text.filter(|_| open_absence).map(|text| view! { <p class="hint">{text}</p> })}
            {(can_act && !shift.confirmed && !open_absence).then(|| view! {
                <ActionForm attr:novalidate=true action=confirm attr:class="form-inline" attr:data-offline=format!("{} : {label}", t.planning.confirm_button)>
                    <input type="hidden" name="person_id" value=person_id />
                    <input type="hidden" name="assignment_id" value=assignment_id />
                    <button type="submit" class="button-large">{t.planning.confirm_button}</button>
                </ActionForm>
            })}
            {(can_act && !open_absence).then(|| {
                let reason_id = format!("reason-{assignment_id}");
                let details_id = format!("details-{assignment_id}");
                view! {
                    <details class="absence-form">
                        <summary class="button-secondary">{t.planning.absence_button}</summary>
                        <ActionForm attr:novalidate=true action=declare attr:class="form" attr:data-offline=format!("{} : {label}", t.planning.absence_queued)>
                            <input type="hidden" name="person_id" value=person_id />
                            <input type="hidden" name="assignment_id" value=assignment_id />
                            <input type="hidden" name="idempotency_key" value=shift.key.clone() />
                            <fieldset class="choices" id=reason_id>
                                <legend>{t.planning.reason_label}</legend>
                                {ABSENCE_REASONS.iter().map(|reason| view! {
                                    <label class="choice">
                                        <input type="radio" name="reason" value=*reason required=true />
                                        {(t.planning.reason)(reason)}
                                    </label>
                                }).collect_view()}
                                <FieldError name="reason" error />
                            </fieldset>
                            <div class="field">
                                <label for=details_id.clone()>{t.planning.details_label}</label>
                                <textarea id=details_id name="details" maxlength="300" rows="2"></textarea>
                                <FieldError name="details" error />
                            </div>
                            <button type="submit">{t.planning.absence_send}</button>
                        </ActionForm>
                    </details>
                }
            })}
        </li>
    }
}

#[component]
fn FeedSection(
    person_id: i64,
    since: Option<i64>,
    issue: ServerAction<IssueCalendarFeed>,
    revoke: ServerAction<RevokeCalendarFeed>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="card feed">
            <h2>{t.planning.feed_title}</h2>
            <p>{t.planning.feed_intro}</p>
            {since.map(|since| view! {
                <p class="hint">{(t.planning.feed_since)(&day_label(t, utc_to_paris(since).0))}</p>
            })}
            <ActionForm attr:novalidate=true action=issue attr:class="form-inline">
                <input type="hidden" name="person_id" value=person_id />
                <button type="submit" class="button-secondary">
                    {if since.is_some() { t.planning.feed_reissue } else { t.planning.feed_create }}
                </button>
            </ActionForm>
            {since.is_some().then(|| view! {
                <ActionForm attr:novalidate=true action=revoke attr:class="form-inline">
                    <input type="hidden" name="person_id" value=person_id />
                    <button type="submit" class="button-danger">{t.planning.feed_revoke}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// Shows a newly issued calendar URL (only its hash is kept: this is the one time it is shown).
#[component]
pub fn CalendarLinkPage() -> impl IntoView {
    let t = use_texts();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let data = Resource::new(move || token.clone(), get_calendar_link);
    view! {
        <Title text=title(t, t.planning.feed_title) />
        <Meta name="robots" content="noindex" />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((url, back)) => {
                        let webcal = url.replacen("https://", "webcal://", 1).replacen("http://", "webcal://", 1);
                        view! {
                            <section class="page">
                                <h1>{t.planning.feed_title}</h1>
                                <p class="notice notice-ok" role="status">{t.planning.feed_ready}</p>
                                <p>{t.planning.feed_how}</p>
                                <p class="feed-url"><code>{url.clone()}</code></p>
                                <p><a class="button" href=webcal>{t.planning.feed_subscribe}</a></p>
                                <ShareButton url=url title=t.planning.feed_title.into() share=t.planning.feed_copy.into() copied=t.planning.feed_copied.into() />
                                <p class="hint">{t.planning.feed_private}</p>
                                <p><a href=back>{t.planning.back_to_planning}</a></p>
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// --- Staff: the week ---

#[component]
pub fn PlanningWeekPage() -> impl IntoView {
    let t = use_texts();
    let week = query("semaine");
    let data = Resource::new(move || week.clone(), get_planning_week);
    let create = ServerAction::<CreateShift>::new();
    let copy = ServerAction::<CopyPlanningWeek>::new();
    let error = move || {
        create
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| copy.value().get().and_then(Result::err))
    };
    let copied = query("copie").is_some();
    let deleted = query("supprime").is_some();
    view! {
        <Title text=title(t, t.planning.week_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(week) => {
                        let monday = week.monday;
                        let sectors: Vec<Sector> = week.sectors.iter().filter(|s| s.active).cloned().collect();
                        let days = week_days(monday).map(|day| {
                            let shifts: Vec<Shift> = week.shifts.iter().filter(|s| utc_to_paris(s.starts_at).0 == day).cloned().collect();
                            view! {
                                <section class="week-day">
                                    <h2>{day_label(t, day)}</h2>
                                    {if shifts.is_empty() {
                                        view! { <p class="hint">{t.planning.no_shift_day}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="coverage">
                                                {shifts.into_iter().map(|shift| {
                                                    let missing = shift.missing();
                                                    view! {
                                                        <li>
                                                            <a class="coverage-item" class:gap={missing > 0} href=format!("/equipe/planning/creneau/{}", shift.id)>
                                                                <span class="coverage-hours">{hours(&shift)}</span>
                                                                <SectorName sector=shift.sector.clone() />
                                                                <span class="coverage-count">{(t.planning.filled_of)(shift.filled, shift.places)}</span>
                                                                {(missing > 0).then(|| view! { <span class="badge badge-gap">{(t.planning.missing)(missing)}</span> })}
                                                                // What the shift is for (a catering event says which).
                                                                {(!shift.note.is_empty()).then(|| view! { <span class="coverage-note">{shift.note.clone()}</span> })}
                                                            </a>
                                                        </li>
                                                    }
                                                }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </section>
                            }
                        });
                        let gaps: i64 = week.shifts.iter().map(Shift::missing).sum();
                        view! {
                            <section class="page page-wide">
                                <p><a href="/equipe">{t.planning.back_to_staff}</a></p>
                                <h1>{(t.planning.week_of)(&day_label(t, monday))}</h1>
                                <nav class="week-nav" aria-label=t.planning.week_nav>
                                    <a href=format!("/equipe/planning?semaine={}", week_param(monday - 7))>{t.planning.previous_week}</a>
                                    <a href="/equipe/planning">{t.planning.this_week}</a>
                                    <a href=format!("/equipe/planning?semaine={}", week_param(monday + 7))>{t.planning.next_week}</a>
                                </nav>
                                <ul class="link-list">
                                    <li><a href="/equipe/planning/absences">{(t.planning.absences_link)(week.pending_absences)}</a></li>
                                    <li><a href="/equipe/planning/heures">{t.planning.hours_title}</a></li>
                                    <li><a href="/equipe/planning/secteurs">{t.planning.sectors_title}</a></li>
                                </ul>
                                {saved_notice(t.planning.week_copied, copied)}
                                {saved_notice(t.planning.shift_deleted, deleted)}
                                {move || error().map(|error| view! { <ErrorNotice error /> })}
                                <p class="lead">{(t.planning.week_summary)(week.shifts.len(), gaps)}</p>
                                <div class="week">{days.into_iter().collect_view()}</div>

                                <details class="card" open=week.shifts.is_empty()>
                                    <summary>{t.planning.new_shift}</summary>
                                    <ActionForm attr:novalidate=true action=create attr:class="form">
                                        <div class="field">
                                            <label for="sector">{t.planning.sector_label}</label>
                                            <select id="sector" name="sector" required=true>
                                                <option value="">{t.catering.choose}</option>
                                                {sectors.into_iter().map(|s| view! {
                                                    <option value=s.slug.clone()>{s.name.clone()}</option>
                                                }).collect_view()}
                                            </select>
                                            <FieldError name="sector" error=Signal::derive(error) />
                                        </div>
                                        <TextField name="day" label=t.planning.day_label kind="date" autocomplete="off" required=true value=format_date(monday) error=Signal::derive(error) />
                                        <div class="field-row">
                                            <TextField name="starts" label=t.planning.starts_label kind="time" autocomplete="off" required=true value="09:00" error=Signal::derive(error) />
                                            <TextField name="ends" label=t.planning.ends_label kind="time" autocomplete="off" required=true value="13:00" error=Signal::derive(error) />
                                        </div>
                                        <TextField name="places" label=t.planning.places_label kind="number" autocomplete="off" required=true value="2" error=Signal::derive(error) />
                                        <TextField name="place" label=t.planning.place_label kind="text" autocomplete="off" hint=t.planning.place_hint error=Signal::derive(error) />
                                        <TextField name="note" label=t.planning.note_label kind="text" autocomplete="off" error=Signal::derive(error) />
                                        <button type="submit">{t.planning.create_shift}</button>
                                    </ActionForm>
                                </details>
                                {(!week.shifts.is_empty()).then(|| view! {
                                    <ActionForm attr:novalidate=true action=copy attr:class="form-inline">
                                        <input type="hidden" name="week" value=format_date(monday) />
                                        <button type="submit" class="button-secondary">{t.planning.copy_week}</button>
                                    </ActionForm>
                                })}
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// --- Staff: one shift ---

#[component]
pub fn ShiftPage() -> impl IntoView {
    let t = use_texts();
    let id = id_param("id");
    let data = Resource::new(
        move || id,
        |id| async move { get_shift(id.ok_or(AppError::NotFound)?).await },
    );
    let update = ServerAction::<UpdateShift>::new();
    let delete = ServerAction::<DeleteShift>::new();
    let assign = ServerAction::<AssignToShift>::new();
    let unassign = ServerAction::<UnassignFromShift>::new();
    let mark = ServerAction::<MarkAttendance>::new();
    let error = move || {
        update
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| delete.value().get().and_then(Result::err))
            .or_else(|| assign.value().get().and_then(Result::err))
            .or_else(|| unassign.value().get().and_then(Result::err))
            .or_else(|| mark.value().get().and_then(Result::err))
    };
    let notice = if query("cree").is_some() {
        Some(t.planning.shift_created)
    } else if query("inscrit").is_some() {
        Some(t.planning.person_assigned)
    } else if query("enregistre").is_some() {
        Some(t.accounts.saved)
    } else {
        None
    };
    view! {
        <Title text=title(t, t.planning.shift_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(detail) => {
                        let shift = detail.shift.clone();
                        let monday = super::monday_of(utc_to_paris(shift.starts_at).0);
                        let started = detail.started;
                        let people = detail.assignees.clone();
                        let no_people = people.is_empty();
                        view! {
                            <section class="page">
                                <p><a href=format!("/equipe/planning?semaine={}", week_param(monday))>{t.planning.back_to_week}</a></p>
                                <h1><SectorName sector=shift.sector.clone() /></h1>
                                <p class="lead">{format!("{} · {}", shift_day(t, &shift), hours(&shift))}</p>
                                <p class:gap={shift.missing() > 0} class="coverage-count">
                                    {(t.planning.filled_of)(shift.filled, shift.places)}
                                    {(shift.missing() > 0).then(|| format!(" · {}", (t.planning.missing)(shift.missing())))}
                                </p>
                                {notice.map(|text| view! { <p class="notice notice-ok" role="status">{text}</p> })}
                                {move || error().map(|error| view! { <ErrorNotice error /> })}

                                <h2 id="presences">{t.planning.people_title}</h2>
                                {no_people.then(|| view! { <p class="hint">{t.planning.nobody}</p> })}
                                <ul class="assignees">
                                    {people.into_iter().map(|person| {
                                        let id = person.assignment_id;
                                        let current = person.attendance;
                                        view! {
                                            <li class="card assignee">
                                                <p><a href=format!("/equipe/planning/personne/{}", person.person_id)><strong>{person.name.clone()}</strong></a></p>
                                                {person.confirmed.then(|| view! { <p class="shift-status status-ok">{t.planning.presence_confirmed}</p> })}
                                                {person.absence.clone().map(|a| view! {
                                                    <p class="hint">
                                                        {format!("{} · {}", (t.planning.absence_status)(&a.status), (t.planning.reason)(&a.reason))}
                                                        {(!a.details.is_empty()).then(|| format!(" — {}", a.details))}
                                                    </p>
                                                })}
                                                {started.then(|| view! {
                                                    <div class="attendance" role="group" aria-label=t.planning.attendance_label>
                                                        {Attendance::ALL.into_iter().map(|value| view! {
                                                            <ActionForm attr:novalidate=true action=mark attr:class="form-inline">
                                                                <input type="hidden" name="assignment_id" value=id />
                                                                <input type="hidden" name="attendance" value=value.as_str() />
                                                                <button type="submit" class="button-secondary" aria-pressed=if current == Some(value) { "true" } else { "false" }>
                                                                    {(t.planning.attendance)(value.as_str())}
                                                                </button>
                                                            </ActionForm>
                                                        }).collect_view()}
                                                    </div>
                                                })}
                                                {(current != Some(Attendance::Attended)).then(|| view! {
                                                    <ActionForm attr:novalidate=true action=unassign attr:class="form-inline">
                                                        <input type="hidden" name="assignment_id" value=id />
                                                        <button type="submit" class="button-danger">{t.planning.unassign}</button>
                                                    </ActionForm>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>

                                <h2>{t.planning.assign_title}</h2>
                                {if detail.candidates.is_empty() {
                                    view! { <p class="hint">{t.planning.no_candidate}</p> }.into_any()
                                } else {
                                    view! {
                                        <ActionForm attr:novalidate=true action=assign attr:class="form">
                                            <input type="hidden" name="shift_id" value=shift.id />
                                            <div class="field">
                                                <label for="person">{t.planning.person_label}</label>
                                                <select id="person" name="person_id" required=true>
                                                    <option value="">{t.catering.choose}</option>
                                                    {detail.candidates.iter().map(|c| view! {
                                                        <option value=c.person_id>
                                                            {if c.in_sector { format!("{} · {}", c.name, shift.sector.name) } else { c.name.clone() }}
                                                        </option>
                                                    }).collect_view()}
                                                </select>
                                                <FieldError name="person" error=Signal::derive(error) />
                                            </div>
                                            <button type="submit">{t.planning.assign_button}</button>
                                        </ActionForm>
                                    }.into_any()
                                }}

                                <h2>{t.planning.edit_title}</h2>
                                <ActionForm attr:novalidate=true action=update attr:class="form">
                                    <input type="hidden" name="id" value=shift.id />
                                    <TextField name="places" label=t.planning.places_label kind="number" autocomplete="off" required=true value=shift.places.to_string() error=Signal::derive(error) />
                                    <TextField name="place" label=t.planning.place_label kind="text" autocomplete="off" value=shift.place.clone() error=Signal::derive(error) />
                                    <TextField name="note" label=t.planning.note_label kind="text" autocomplete="off" value=shift.note.clone() error=Signal::derive(error) />
                                    <button type="submit">{t.accounts.save}</button>
                                </ActionForm>
                                {no_people.then(|| view! {
                                    <ActionForm attr:novalidate=true action=delete attr:class="form-inline">
                                        <input type="hidden" name="id" value=shift.id />
                                        <button type="submit" class="button-danger">{t.planning.delete_shift}</button>
                                    </ActionForm>
                                })}
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// --- Staff: absences ---

#[component]
pub fn AbsencesPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(|| (), |_| list_absences());
    let decide = ServerAction::<DecideAbsence>::new();
    let error = move || decide.value().get().and_then(Result::err);
    let decided = query("decide").is_some();
    view! {
        <Title text=title(t, t.planning.absences_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(requests) => {
                        let (pending, decided_list): (Vec<_>, Vec<_>) = requests.into_iter().partition(|r| r.absence.status == "pending");
                        view! {
                            <section class="page">
                                <p><a href="/equipe/planning">{t.planning.back_to_week}</a></p>
                                <h1>{t.planning.absences_title}</h1>
                                {saved_notice(t.planning.absence_decided, decided)}
                                {move || error().map(|error| view! { <ErrorNotice error /> })}
                                {pending.is_empty().then(|| view! { <p class="empty">{t.planning.no_pending}</p> })}
                                <ul class="absences">
                                    {pending.into_iter().map(|r| view! {
                                        <li class="card">
                                            <p><strong>{r.name.clone()}</strong></p>
                                            <p>{shift_label(t, &r.shift)}</p>
                                            <p>{(t.planning.reason)(&r.absence.reason)}{(!r.absence.details.is_empty()).then(|| format!(" — {}", r.absence.details))}</p>
                                            <p class="hint">{(t.planning.declared_on)(&crate::ui::time::format_paris(r.absence.declared_at))}</p>
                                            <div class="actions">
                                                <ActionForm attr:novalidate=true action=decide attr:class="form-inline">
                                                    <input type="hidden" name="id" value=r.absence.id />
                                                    <input type="hidden" name="decision" value="approve" />
                                                    <button type="submit">{t.planning.approve}</button>
                                                </ActionForm>
                                                <ActionForm attr:novalidate=true action=decide attr:class="form-inline">
                                                    <input type="hidden" name="id" value=r.absence.id />
                                                    <input type="hidden" name="decision" value="refuse" />
                                                    <button type="submit" class="button-danger">{t.planning.refuse}</button>
                                                </ActionForm>
                                            </div>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                {(!decided_list.is_empty()).then(|| view! {
                                    <h2>{t.planning.decided_title}</h2>
                                    <ul class="plain-list">
                                        {decided_list.into_iter().map(|r| view! {
                                            <li>{format!("{} · {} · {} · {}", (t.planning.absence_status)(&r.absence.status), r.name, shift_label(t, &r.shift), (t.planning.reason)(&r.absence.reason))}</li>
                                        }).collect_view()}
                                    </ul>
                                })}
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// --- Staff: hours ---

#[component]
pub fn MonthHoursPage() -> impl IntoView {
    let t = use_texts();
    let month = query("mois");
    let data = Resource::new(move || month.clone(), get_month_hours);
    view! {
        <Title text=title(t, t.planning.hours_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(hours) => {
                        let (year, month) = parse_month(&hours.month).unwrap_or((2026, 1));
                        let (py, pm) = previous_month(year, month);
                        let (ny, nm) = next_month(year, month);
                        let month_name = format!("{} {year}", t.common.months[(month - 1) as usize]);
                        view! {
                            <section class="page page-wide">
                                <p><a href="/equipe/planning">{t.planning.back_to_week}</a></p>
                                <h1>{format!("{} · {month_name}", t.planning.hours_title)}</h1>
                                <nav class="week-nav" aria-label=t.planning.month_nav>
                                    <a href=format!("/equipe/planning/heures?mois={}", format_month(py, pm))>{t.planning.previous_month}</a>
                                    <a href=format!("/equipe/planning/heures?mois={}", format_month(ny, nm))>{t.planning.next_month}</a>
                                </nav>
                                <p>{t.planning.hours_intro}</p>
                                <p><a class="button-secondary" href=format!("/equipe/planning/heures/{}/export.csv", hours.month) download="">{t.planning.export_csv}</a></p>
                                {if hours.rows.is_empty() {
                                    view! { <p class="empty">{t.planning.no_hours}</p> }.into_any()
                                } else {
                                    view! {
                                        <div class="table-scroll">
                                            <table class="hours-table">
                                                <thead>
                                                    <tr>{t.planning.hours_columns[1..].iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr>
                                                </thead>
                                                <tbody>
                                                    {hours.rows.into_iter().map(|row| view! {
                                                        <tr>
                                                            <th scope="row"><a href=format!("/equipe/planning/personne/{}", row.person_id)>{row.name}</a></th>
                                                            <td>{row.shifts}</td>
                                                            <td>{format_hours(row.planned_minutes)}</td>
                                                            <td>{format_hours(row.worked_minutes)}</td>
                                                            <td>{format!("{:.2}", row.worked_minutes as f64 / 60.0).replace('.', ",")}</td>
                                                            <td>{row.excused}</td>
                                                            <td>{row.unexcused}</td>
                                                            <td class:gap={row.unmarked > 0}>{row.unmarked}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                    }.into_any()
                                }}
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// --- Staff: sectors ---

#[component]
fn PictogramChoices(chosen: String) -> impl IntoView {
    let t = use_texts();
    view! {
        <fieldset class="pictograms">
            <legend>{t.planning.pictogram_label}</legend>
            {PICTOGRAMS.iter().map(|key| view! {
                <label class="pictogram-choice">
                    <input type="radio" name="pictogram" value=*key checked=chosen == *key required=true />
                    <Pictogram key=(*key).to_owned() label=(t.planning.pictogram_name)(key).to_owned() />
                </label>
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn SectorsPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(|| (), |_| list_planning_sectors());
    let save = ServerAction::<SaveSector>::new();
    let error = move || save.value().get().and_then(Result::err);
    let saved = query("enregistre").is_some();
    view! {
        <Title text=title(t, t.planning.sectors_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(sectors) => view! {
                        <section class="page">
                            <p><a href="/equipe/planning">{t.planning.back_to_week}</a></p>
                            <h1>{t.planning.sectors_title}</h1>
                            {saved_notice(t.accounts.saved, saved)}
                            {move || error().map(|error| view! { <ErrorNotice error /> })}
                            {sectors.into_iter().map(|sector| view! {
                                <details class="card">
                                    <summary>
                                        <SectorName sector=sector.clone() />
                                        {(!sector.active).then(|| format!(" · {}", t.planning.inactive))}
                                    </summary>
                                    <ActionForm attr:novalidate=true action=save attr:class="form">
                                        <input type="hidden" name="slug" value=sector.slug.clone() />
                                        <div class="field">
                                            <label for=format!("name-{}", sector.slug)>{t.planning.sector_name_label}</label>
                                            <input id=format!("name-{}", sector.slug) name="name" type="text" required=true maxlength="40" value=sector.name.clone() />
                                        </div>
                                        <PictogramChoices chosen=sector.pictogram.clone() />
                                        <label class="choice">
                                            <input type="checkbox" name="active" value="on" checked=sector.active />
                                            {t.planning.sector_active}
                                        </label>
                                        <button type="submit">{t.accounts.save}</button>
                                    </ActionForm>
                                </details>
                            }).collect_view()}
                            <h2>{t.planning.new_sector}</h2>
                            <ActionForm attr:novalidate=true action=save attr:class="form">
                                <TextField name="name" label=t.planning.sector_name_label kind="text" autocomplete="off" required=true error=Signal::derive(error) />
                                <PictogramChoices chosen=String::new() />
                                <FieldError name="pictogram" error=Signal::derive(error) />
                                <button type="submit">{t.planning.add_sector}</button>
                            </ActionForm>
                        </section>
                    }
                    .into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
