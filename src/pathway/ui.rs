//! Pages of pathways (staff): the list of participants with where each pathway stands and the
//! obstacles list (`/equipe/parcours`), and one participant's pathway (`/equipe/parcours/{id}`).

use super::{
    CHARACTERISTICS, CONTRACT_KINDS, OUTCOMES, STEP_KINDS,
    api::{
        AddObstacle, AddPathwayContract, AddPathwayStep, CancelPathwayExit, RecordPathwayExit,
        RemovePathwayItem, SavePathwayEntry, SavePathwayObstacles, SetObstacleActive, get_pathway,
        list_pathways,
    },
    category,
};
use crate::{
    accounts::ui::Refusal,
    error::AppError,
    i18n::{Catalogue, use_texts},
    lunch::ui::service_date,
    ui::{
        ErrorNotice,
        forms::{FieldError, TextField},
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn title(t: &Catalogue, page: &str) -> String {
    format!("{page} · {}", t.common.app_name)
}

/// "26 h" or "20 h 30".
pub fn hours(minutes: i64) -> String {
    match minutes % 60 {
        0 => format!("{} h", minutes / 60),
        m => format!("{} h {m:02}", minutes / 60),
    }
}

fn day(t: &Catalogue, day: &Option<String>) -> String {
    day.as_deref()
        .map(|d| service_date(t, d))
        .unwrap_or_else(|| t.pathway.ongoing.to_owned())
}

fn saved_notice() -> bool {
    use_query_map().with_untracked(|q| q.get("enregistre").is_some())
}

/// `/equipe/parcours`: every participant's pathway at a glance, and the obstacles list.
#[component]
pub fn PathwaysPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(|| (), |_| list_pathways());
    let add = ServerAction::<AddObstacle>::new();
    let toggle = ServerAction::<SetObstacleActive>::new();
    let error = Signal::derive(move || {
        add.value()
            .get()
            .and_then(Result::err)
            .or_else(|| toggle.value().get().and_then(Result::err))
    });
    let saved = saved_notice();
    view! {
        <Title text=title(t, t.pathway.list_title) />
        <Suspense>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let p = &t.pathway;
                view! {
                    <section class="page">
                        <h1>{p.list_title}</h1>
                        {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.saved}</p> })}
                        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                        <p class="hint">{p.staff_only}</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-label=p.list_title>
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{p.person}</th>
                                        <th scope="col">{p.entry}</th>
                                        <th scope="col">{p.contract}</th>
                                        <th scope="col">{p.hours_worked}</th>
                                        <th scope="col">{p.exit}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {data.pathways.into_iter().map(|s| view! {
                                        <tr class:inactive=!s.active>
                                            <td><a href=format!("/equipe/parcours/{}", s.person_id)>{s.name.clone()}</a></td>
                                            <td>{s.entry_day.as_deref().map(|d| service_date(t, d)).unwrap_or_else(|| p.no_entry.to_owned())}</td>
                                            <td>{s.contract.as_deref().map(p.contract_kind).unwrap_or("—")}</td>
                                            <td>{hours(s.minutes_worked)}</td>
                                            <td>{s.exit_outcome.as_deref().map(p.outcome).unwrap_or("—")}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <h2>{p.obstacles_title}</h2>
                        <ul class="link-list">
                            {data.obstacles.into_iter().map(|o| view! {
                                <li>
                                    {o.name.clone()}
                                    {(!o.active).then(|| format!(" · {}", t.catering.formula_off))}
                                    <ActionForm attr:novalidate=true action=toggle attr:class="form-inline">
                                        <input type="hidden" name="id" value=o.id />
                                        <input type="hidden" name="active" value=(!o.active).to_string() />
                                        <button type="submit" class="button-secondary">{if o.active { t.catering.formula_hide } else { t.catering.formula_show }}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                        <ActionForm attr:novalidate=true action=add attr:class="form">
                            <TextField name="name" label=p.obstacle_new kind="text" autocomplete="off" required=true error />
                            <button type="submit">{p.obstacle_add}</button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// `/equipe/parcours/{id}`: one participant's pathway.
#[component]
pub fn PathwayPage() -> impl IntoView {
    let t = use_texts();
    let id =
        use_params_map().with_untracked(|p| p.get("id").unwrap_or_default().parse::<i64>().ok());
    let data = Resource::new(
        move || id,
        |id| async move { get_pathway(id.ok_or(AppError::NotFound)?).await },
    );
    let entry = ServerAction::<SavePathwayEntry>::new();
    let contract = ServerAction::<AddPathwayContract>::new();
    let step = ServerAction::<AddPathwayStep>::new();
    let remove = ServerAction::<RemovePathwayItem>::new();
    let obstacles = ServerAction::<SavePathwayObstacles>::new();
    let exit = ServerAction::<RecordPathwayExit>::new();
    let undo_exit = ServerAction::<CancelPathwayExit>::new();
    let error = Signal::derive(move || {
        entry
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| contract.value().get().and_then(Result::err))
            .or_else(|| step.value().get().and_then(Result::err))
            .or_else(|| remove.value().get().and_then(Result::err))
            .or_else(|| obstacles.value().get().and_then(Result::err))
            .or_else(|| exit.value().get().and_then(Result::err))
            .or_else(|| undo_exit.value().get().and_then(Result::err))
    });
    let saved = saved_notice();
    view! {
        <Title text=title(t, t.pathway.title) />
        <Suspense>
            {move || Suspend::new(async move {
                let page = match data.await {
                    Ok(page) => page,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let p = &t.pathway;
                let w = page.pathway;
                let person_id = w.person_id;
                let started = w.entry_day.is_some();
                let total: i64 = w.minutes_by_sector.iter().map(|(_, m)| m).sum();
                view! {
                    <section class="page">
                        <p><a href="/equipe/parcours">{p.back}</a></p>
                        <h1>{format!("{} · {}", p.title, w.name)}</h1>
                        {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.saved}</p> })}
                        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                        <p class="hint">{p.staff_only}</p>
                        <p><a href=format!("/equipe/personnes/{person_id}")>{p.account_link}</a></p>

                        <section class="card">
                            <h2>{p.entry_title}</h2>
                            <ActionForm attr:novalidate=true action=entry attr:class="form">
                                <input type="hidden" name="person_id" value=person_id />
                                <TextField name="entry_day" label=p.entry kind="date" autocomplete="off" required=true value=w.entry_day.clone().unwrap_or_default() error />
                                <fieldset class="choices">
                                    <legend>{p.characteristics}</legend>
                                    {CHARACTERISTICS.iter().map(|c| view! {
                                        <label class="choice">
                                            <input type="checkbox" name="characteristics[]" value=*c checked=w.characteristics.iter().any(|x| x == c) />
                                            " "{(p.characteristic)(c)}
                                        </label>
                                    }).collect_view()}
                                    <FieldError name="characteristics" error />
                                </fieldset>
                                <button type="submit">{t.accounts.save}</button>
                            </ActionForm>
                        </section>

                        {started.then(move || view! {
                            <section class="card">
                                <h2>{p.contracts_title}</h2>
                                {w.contracts.is_empty().then(|| view! { <p>{p.none_yet}</p> })}
                                <ul class="link-list">
                                    {w.contracts.clone().into_iter().map(|c| view! {
                                        <li>
                                            {format!("{}{} · {} → {} · {} / {}", (p.contract_kind)(&c.kind), if c.label.is_empty() { String::new() } else { format!(" ({})", c.label) }, service_date(t, &c.start_day), day(t, &c.end_day), hours(c.weekly_minutes), p.week)}
                                            <ActionForm attr:novalidate=true action=remove attr:class="form-inline">
                                                <input type="hidden" name="person_id" value=person_id />
                                                <input type="hidden" name="what" value="contract" />
                                                <input type="hidden" name="id" value=c.id />
                                                <button type="submit" class="button-secondary">{p.remove}</button>
                                            </ActionForm>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <details>
                                    <summary>{p.contract_add}</summary>
                                    <ActionForm attr:novalidate=true action=contract attr:class="form">
                                        <input type="hidden" name="person_id" value=person_id />
                                        <div class="field">
                                            <label for="contract-kind">{p.contract}</label>
                                            <select id="contract-kind" name="kind" required=true>
                                                <option value="">{t.catering.choose}</option>
                                                {CONTRACT_KINDS.iter().map(|k| view! { <option value=*k>{(p.contract_kind)(k)}</option> }).collect_view()}
                                            </select>
                                            <FieldError name="kind" error />
                                        </div>
                                        <TextField name="label" label=p.contract_label kind="text" autocomplete="off" error />
                                        <TextField name="start_day" label=p.start kind="date" autocomplete="off" required=true error />
                                        <TextField name="end_day" label=p.end kind="date" autocomplete="off" error />
                                        <TextField name="weekly_hours" label=p.weekly_hours kind="text" autocomplete="off" required=true error />
                                        <button type="submit">{p.contract_add}</button>
                                    </ActionForm>
                                </details>
                            </section>

                            <section class="card">
                                <h2>{p.work_title}</h2>
                                {(!w.sectors.is_empty()).then(|| view! { <p>{format!("{} {}", p.sectors, w.sectors.join(", "))}</p> })}
                                <p>{format!("{} {}", p.hours_worked, hours(total))}</p>
                                <ul>
                                    {w.minutes_by_sector.iter().map(|(sector, minutes)| view! {
                                        <li>{format!("{sector} : {}", hours(*minutes))}</li>
                                    }).collect_view()}
                                </ul>
                            </section>

                            <section class="card">
                                <h2>{p.steps_title}</h2>
                                {w.steps.is_empty().then(|| view! { <p>{p.none_yet}</p> })}
                                <ul class="link-list">
                                    {w.steps.clone().into_iter().map(|s| view! {
                                        <li>
                                            {format!("{} · {}{} · {} → {}", (p.step_kind)(&s.kind), s.title, if s.organisation.is_empty() { String::new() } else { format!(" ({})", s.organisation) }, service_date(t, &s.start_day), day(t, &s.end_day))}
                                            <ActionForm attr:novalidate=true action=remove attr:class="form-inline">
                                                <input type="hidden" name="person_id" value=person_id />
                                                <input type="hidden" name="what" value="step" />
                                                <input type="hidden" name="id" value=s.id />
                                                <button type="submit" class="button-secondary">{p.remove}</button>
                                            </ActionForm>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <details>
                                    <summary>{p.step_add}</summary>
                                    <ActionForm attr:novalidate=true action=step attr:class="form">
                                        <input type="hidden" name="person_id" value=person_id />
                                        <div class="field">
                                            <label for="step-kind">{p.step_kind_label}</label>
                                            <select id="step-kind" name="kind" required=true>
                                                <option value="">{t.catering.choose}</option>
                                                {STEP_KINDS.iter().map(|k| view! { <option value=*k>{(p.step_kind)(k)}</option> }).collect_view()}
                                            </select>
                                            <FieldError name="kind" error />
                                        </div>
                                        <TextField name="title" label=p.step_title kind="text" autocomplete="off" required=true error />
                                        <TextField name="organisation" label=p.step_organisation kind="text" autocomplete="off" error />
                                        <TextField name="start_day" label=p.start kind="date" autocomplete="off" required=true error />
                                        <TextField name="end_day" label=p.end kind="date" autocomplete="off" error />
                                        <button type="submit">{p.step_add}</button>
                                    </ActionForm>
                                </details>
                            </section>

                            <section class="card">
                                <h2>{p.obstacles_title}</h2>
                                <ActionForm attr:novalidate=true action=obstacles attr:class="form">
                                    <input type="hidden" name="person_id" value=person_id />
                                    <fieldset class="choices">
                                        <legend>{p.obstacles_hint}</legend>
                                        {page.obstacles.iter().filter(|o| o.active || w.obstacles.contains(&o.id)).map(|o| view! {
                                            <label class="choice">
                                                <input type="checkbox" name="obstacles[]" value=o.id checked=w.obstacles.contains(&o.id) />
                                                " "{o.name.clone()}
                                            </label>
                                        }).collect_view()}
                                        <FieldError name="obstacles" error />
                                    </fieldset>
                                    <button type="submit">{t.accounts.save}</button>
                                </ActionForm>
                            </section>

                            <section class="card">
                                <h2>{p.exit_title}</h2>
                                {match (w.exit_day.clone(), w.exit_outcome.clone()) {
                                    (Some(exit_day), Some(outcome)) => view! {
                                        <p>
                                            <strong>{(p.outcome)(&outcome)}</strong>
                                            {format!(" · {} · {}", service_date(t, &exit_day), category(&outcome).map(p.category).unwrap_or_default())}
                                        </p>
                                        <ActionForm attr:novalidate=true action=undo_exit attr:class="form-inline">
                                            <input type="hidden" name="person_id" value=person_id />
                                            <button type="submit" class="button-secondary">{p.exit_cancel}</button>
                                        </ActionForm>
                                    }.into_any(),
                                    _ => view! {
                                        <ActionForm attr:novalidate=true action=exit attr:class="form">
                                            <input type="hidden" name="person_id" value=person_id />
                                            <TextField name="exit_day" label=p.exit_day kind="date" autocomplete="off" required=true error />
                                            <div class="field">
                                                <label for="outcome">{p.exit}</label>
                                                <select id="outcome" name="outcome" required=true>
                                                    <option value="">{t.catering.choose}</option>
                                                    {super::ExitCategory::ALL.iter().map(|c| view! {
                                                        <optgroup label=(p.category)(*c)>
                                                            {OUTCOMES.iter().filter(|o| category(o) == Some(*c)).map(|o| view! { <option value=*o>{(p.outcome)(o)}</option> }).collect_view()}
                                                        </optgroup>
                                                    }).collect_view()}
                                                </select>
                                                <FieldError name="outcome" error />
                                            </div>
                                            <button type="submit">{p.exit_record}</button>
                                        </ActionForm>
                                    }.into_any(),
                                }}
                            </section>
                        })}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
