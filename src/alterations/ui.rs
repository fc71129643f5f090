//! Pages of the conciergerie. For the public: the price list and the request form (two pages:
//! choose, then details and contact, which shows the estimated total before sending), and the
//! private tracking page. For staff: the queue, a request with its decisions, the day sheet to
//! print, the price list and the partner organisations.

use super::{
    Decision, Estimate, Request, Service, Status,
    api::{
        CancelAlterationRequest, DecideAlterationRequest, RestoreAlterationRequest,
        SaveAlterationService, get_alteration_day_sheet, get_alteration_draft,
        get_alteration_request, get_alteration_tracking, list_alteration_catalogue,
        list_alteration_queue, list_alteration_services,
    },
    format_euros, parse_day, staff_decisions,
};
use crate::{
    accounts::ui::Refusal,
    error::AppError,
    i18n::{Catalogue, use_texts},
    ui::{
        ErrorNotice,
        forms::{FieldError, TextField, url_error},
        respond_with_status,
        time::{day_label, format_paris},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

fn title(t: &Catalogue, page: &str) -> String {
    format!("{page} · {}", t.common.app_name)
}

fn query(name: &str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name))
}

pub fn status_label(t: &Catalogue, status: Status) -> &'static str {
    (t.alterations.status)(status.as_str())
}

/// "mardi 1 décembre", or the date as stored if it cannot be read.
fn day_words(t: &Catalogue, date: &str) -> String {
    parse_day(date).map_or_else(|| date.to_owned(), |day| day_label(t, day))
}

/// "18,00 €", "18,00 € + sur devis", or "sur devis".
fn estimate_text(t: &Catalogue, estimate: Estimate) -> String {
    match (estimate.total_cents, estimate.has_quote_items) {
        (0, true) => t.alterations.on_quote.to_owned(),
        (cents, true) => format!("{} + {}", format_euros(cents), t.alterations.on_quote),
        (cents, false) => format_euros(cents),
    }
}

/// A price as typed in a form: `12,50`.
fn price_input(cents: i64) -> String {
    format_euros(cents).trim_end_matches(" €").to_owned()
}

fn price_text(t: &Catalogue, price_cents: Option<i64>) -> String {
    price_cents.map_or_else(|| t.alterations.on_quote.to_owned(), format_euros)
}

#[component]
fn StatusBadge(status: Status) -> impl IntoView {
    let t = use_texts();
    view! { <span class=format!("badge badge-{}", status.as_str())>{status_label(t, status)}</span> }
}

// --- Public: step 1, choose ---

#[component]
pub fn AlterationsPage() -> impl IntoView {
    let t = use_texts();
    let services = Resource::new(|| (), |_| list_alteration_services());
    let chosen = |id: i64| query(&format!("q{id}")).unwrap_or_default();
    view! {
        <Title text=title(t, t.alterations.title) />
        <Suspense>
            {move || Suspend::new(async move {
                match services.await {
                    Ok(services) => view! {
                        <section class="page narrow">
                            <h1>{t.alterations.title}</h1>
                            <p class="lead">{t.alterations.intro}</p>
                            <p class="steps">{t.alterations.step_1}</p>
                            <form method="get" action="/retouches/demande" class="form">
                                <ul class="service-list">
                                    {services.into_iter().map(|service| {
                                        let field = format!("q{}", service.id);
                                        let hint = format!("{field}-hint");
                                        view! {
                                            <li class="card service">
                                                <label for=field.clone()>
                                                    <strong>{service.name.clone()}</strong>
                                                    <span class="price">{price_text(t, service.price_cents)}</span>
                                                </label>
                                                <p class="hint" id=hint.clone()>
                                                    {service.description.clone()}
                                                    {format!(" {}", (t.alterations.turnaround)(service.turnaround_days))}
                                                </p>
                                                <div class="quantity">
                                                    <span>{t.alterations.quantity}</span>
                                                    <crate::ui::stepper::Stepper id=field.clone() name=field
                                                        value=chosen(service.id).trim().parse().unwrap_or(0) min=0 max=20
                                                        fewer=format!("{} : {}", t.common.fewer, service.name) more=format!("{} : {}", t.common.more, service.name)
                                                        described_by=hint price_cents=service.price_cents.unwrap_or_default()
                                                        on_quote=service.price_cents.is_none() />
                                                </div>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <div class="sticky-submit">
                                    <crate::ui::stepper::RunningTotal label=t.alterations.estimated_total.to_owned() on_quote=t.alterations.on_quote />
                                    <button type="submit" class="button-large">{t.alterations.continue_button}</button>
                                </div>
                            </form>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// --- Public: step 2, details, drop-off day, contact ---

#[component]
pub fn RequestFormPage() -> impl IntoView {
    let t = use_texts();
    // The first step's choices, from the URL: `q{service id}=quantity`.
    let (choices, back) = use_query_map().with_untracked(|q| {
        let choices: Vec<String> = q
            .latest_values()
            .filter_map(|(key, value)| {
                key.strip_prefix('q')
                    .filter(|id| !id.is_empty() && !value.trim().is_empty())
                    .map(|id| format!("{id}:{}", value.trim()))
            })
            .collect();
        (
            choices.join(","),
            format!("/retouches?{}", q.to_query_string().trim_start_matches('?')),
        )
    });
    let draft = Resource::new(move || choices.clone(), get_alteration_draft);
    let submit_path = <super::api::SubmitAlterationRequest as ServerFn>::PATH;
    let sent_error = url_error(submit_path);
    view! {
        <Title text=title(t, t.alterations.form_title) />
        <Suspense>
            {move || {
                let back = back.clone();
                let sent_error = sent_error.clone();
                Suspend::new(async move {
                match draft.await {
                    Ok(draft) => {
                        if sent_error.is_some() {
                            respond_with_status(422);
                        }
                        let error = Signal::derive(move || sent_error.clone());
                        let field_error = move |name: String| {
                            error.get().and_then(|e| e.field(&name).map(|key| (t.errors.message)(key)))
                        };
                        view! {
                        <section class="page narrow">
                            <h1>{t.alterations.form_title}</h1>
                            <p class="steps">{t.alterations.step_2}</p>
                            {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                            <form method="post" novalidate action=submit_path
                                enctype="multipart/form-data" class="form" data-offline=t.alterations.form_title>
                                <input type="hidden" name="idempotency_key" value=draft.idempotency_key.clone() />
                                <h2 id="items">{t.alterations.your_items}</h2>
                                <FieldError name="items" error />
                                {draft.lines.into_iter().enumerate().map(|(i, (service, quantity))| {
                                    let note = format!("item_note_{i}");
                                    let photo = format!("item_photo_{i}");
                                    let kept = draft.kept_photos.contains(&photo);
                                    let note_error = field_error(note.clone());
                                    let photo_error = field_error(photo.clone())
                                        .or_else(|| field_error(format!("item_quantity_{i}")))
                                        .or_else(|| field_error(format!("item_service_{i}")));
                                    view! {
                                        <fieldset class="card item">
                                            <legend>{format!("{} × {}", quantity, service.name)}</legend>
                                            <p class="price">{price_text(t, service.price_cents.map(|c| c * i64::from(quantity)))}</p>
                                            <input type="hidden" name=format!("item_service_{i}") value=service.id />
                                            <input type="hidden" name=format!("item_quantity_{i}") value=quantity />
                                            <div class="field">
                                                <label for=note.clone()>{t.alterations.note_label}</label>
                                                <p class="hint" id=format!("{note}-hint")>{t.alterations.note_hint}</p>
                                                <input id=note.clone() name=note.clone() type="text" maxlength="200" autocomplete="off"
                                                    aria-describedby=format!("{note}-hint") aria-invalid=note_error.is_some().then_some("true") />
                                                {note_error.map(|text| view! { <p class="field-error">{text}</p> })}
                                            </div>
                                            <div class="field">
                                                <label for=photo.clone()>{t.alterations.photo_label}</label>
                                                <p class="hint" id=format!("{photo}-hint")>{t.alterations.photo_hint}</p>
                                                {kept.then(|| view! { <p class="notice notice-ok" role="status">{t.alterations.photo_kept}</p> })}
                                                <input id=photo.clone() name=photo.clone() type="file" accept="image/jpeg,image/png,image/webp"
                                                    aria-describedby=format!("{photo}-hint") aria-invalid=photo_error.is_some().then_some("true") />
                                                {photo_error.map(|text| view! { <p class="field-error">{text}</p> })}
                                            </div>
                                        </fieldset>
                                    }
                                }).collect_view()}
                                <p class="total" role="status">
                                    {t.alterations.estimated_total}" "<strong>{estimate_text(t, draft.estimate)}</strong>
                                </p>
                                <p class="hint">{t.alterations.estimate_hint}</p>
                                <p><a href=back>{t.alterations.change_items}</a></p>

                                <h2>{t.alterations.dropoff_title}</h2>
                                <div class="field">
                                    <label for="dropoff_date">{t.alterations.dropoff_label}</label>
                                    <p class="hint" id="dropoff_date-hint">{t.alterations.dropoff_hint}</p>
                                    <select id="dropoff_date" name="dropoff_date" required aria-describedby="dropoff_date-hint">
                                        // No day is picked for her: sending the first one unseen was a real mistake.
                                        <option value="">{t.catering.choose}</option>
                                        {draft.days.iter().map(|date| view! {
                                            <option value=date.clone()>{day_words(t, date)}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldError name="dropoff_date" error />
                                </div>
                                {(!draft.partners.is_empty()).then(|| view! {
                                    <div class="field">
                                        <label for="partner_id">{t.alterations.partner_label}</label>
                                        <select id="partner_id" name="partner_id">
                                            <option value="">{t.alterations.partner_none}</option>
                                            {draft.partners.iter().map(|p| view! {
                                                <option value=p.id>{p.name.clone()}</option>
                                            }).collect_view()}
                                        </select>
                                        <FieldError name="partner_id" error />
                                    </div>
                                })}

                                <h2>{t.alterations.contact_title}</h2>
                                <p class="hint">{t.alterations.contact_hint}</p>
                                <TextField name="contact_name" label=t.alterations.contact_name kind="text" autocomplete="name" required=true error />
                                <TextField name="phone" label=t.alterations.phone kind="tel" autocomplete="tel" error />
                                <TextField name="email" label=t.alterations.email kind="email" autocomplete="email" error />
                                <div class="field">
                                    <label class="choice">
                                        <input type="checkbox" id="consent" name="consent" value="oui" required />
                                        {t.alterations.consent}
                                    </label>
                                    <FieldError name="consent" error />
                                </div>
                                <button type="submit" class="button-large">{t.alterations.send}</button>
                            </form>
                        </section>
                    }.into_any()
                    }
                    Err(error) => {
                        respond_with_status(error.status());
                        view! {
                            <section class="page narrow">
                                <h1>{t.alterations.form_title}</h1>
                                <ErrorNotice error />
                                <p><a class="button" href=back>{t.alterations.change_items}</a></p>
                            </section>
                        }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

// --- Public: the private tracking page ---

#[component]
pub fn TrackingPage() -> impl IntoView {
    let t = use_texts();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let tracking = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        get_alteration_tracking,
    );
    let cancel = ServerAction::<CancelAlterationRequest>::new();
    let restore = ServerAction::<RestoreAlterationRequest>::new();
    let just_sent = query("envoyee").is_some();
    view! {
        <Title text=title(t, t.alterations.tracking_title) />
        // A private link: search engines must not keep it, even if it leaks.
        <Meta name="robots" content="noindex" />
        <Suspense>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let cancel_error = cancel
                        .value()
                        .get()
                        .and_then(Result::err)
                        .or_else(|| restore.value().get().and_then(Result::err));
                    match tracking.await {
                        Ok(tracking) => view! {
                            <TrackingView tracking=tracking.request link=tracking.link restorable=tracking.restorable token just_sent cancel restore cancel_error />
                        }.into_any(),
                        Err(AppError::NotFound) => {
                            respond_with_status(404);
                            view! {
                                <section class="page narrow">
                                    <h1>{t.alterations.tracking_title}</h1>
                                    <p class="notice notice-error" role="alert">{t.alterations.tracking_unknown}</p>
                                </section>
                            }.into_any()
                        }
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn TrackingView(
    tracking: Request,
    link: String,
    restorable: bool,
    token: String,
    just_sent: bool,
    cancel: ServerAction<CancelAlterationRequest>,
    restore: ServerAction<RestoreAlterationRequest>,
    cancel_error: Option<AppError>,
) -> impl IntoView {
    let t = use_texts();
    let r = tracking;
    let can_cancel = super::next_status(r.status, Decision::Cancel).is_ok();
    let data_token = token.clone();
    let restore_token = token.clone();
    let price = match r.confirmed_cents {
        Some(cents) => format!("{} {}", t.alterations.price_confirmed, format_euros(cents)),
        None => format!(
            "{} {}",
            t.alterations.price_estimated,
            estimate_text(t, r.estimate)
        ),
    };
    let day = day_words(t, &r.dropoff_date);
    let what_next = match r.status {
        Status::Requested => (t.alterations.next_requested)(&day),
        Status::Accepted => (t.alterations.next_accepted)(&day),
        Status::DroppedOff | Status::InProgress => t.alterations.next_in_work.to_owned(),
        Status::Ready => t.alterations.next_ready.to_owned(),
        Status::Collected => t.alterations.next_collected.to_owned(),
        Status::Cancelled => t.alterations.next_cancelled.to_owned(),
        Status::Declined => format!(
            "{} {}",
            t.alterations.next_declined,
            r.decline_reason.clone().unwrap_or_default()
        ),
    };
    view! {
        <section class="page narrow tracking">
            {just_sent.then(|| view! {
                <div class="notice notice-ok" role="status">
                    <p><strong>{t.alterations.sent_title}</strong></p>
                    <p>{t.alterations.sent_body}</p>
                </div>
            })}
            <h1>{t.alterations.tracking_title}</h1>
            <p class="reference">{t.alterations.reference}" "<strong>{r.reference.clone()}</strong></p>
            <p class="lead"><StatusBadge status=r.status /></p>
            <p class="what-next">{what_next}</p>
            <p>{price}</p>
            {cancel_error.map(|error| view! { <ErrorNotice error /> })}
            {restorable.then(|| view! {
                <ActionForm attr:novalidate=true action=restore attr:class="form">
                    <input type="hidden" name="token" value=restore_token />
                    <button type="submit">{t.alterations.restore_button}</button>
                </ActionForm>
            })}

            <h2>{t.alterations.timeline_title}</h2>
            <Timeline request=r.clone() />

            <h2>{t.alterations.items_title}</h2>
            <ul class="items">
                {r.items.iter().map(|item| view! {
                    <li>
                        <strong>{format!("{} × {}", item.quantity, item.service_name)}</strong>
                        {(!item.note.is_empty()).then(|| view! { <br /><span>{item.note.clone()}</span> })}
                        {item.has_photo.then(|| view! { <br /><span class="hint">{t.alterations.photo_attached}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            {r.partner_name.clone().map(|name| view! { <p>{t.alterations.partner_label}" : "{name}</p> })}
            <p>{t.alterations.where_text}</p>

            <h2>{t.alterations.link_title}</h2>
            <p>{t.alterations.link_hint}</p>
            <p class="private-link"><a href=link.clone()>{link.clone()}</a></p>
            <crate::ui::share::ShareButton url=link share=t.alterations.share.to_owned() copied=t.alterations.copied.to_owned() title=t.alterations.tracking_title.to_owned() />

            {can_cancel.then(|| view! {
                <h2>{t.alterations.cancel_title}</h2>
                <crate::ui::forms::AskOnce ask=t.alterations.cancel_button>
                    <ActionForm attr:novalidate=true action=cancel attr:class="form-inline">
                        <input type="hidden" name="token" value=token.clone() />
                        <button type="submit" class="button-danger">{t.common.cancel_yes}</button>
                    </ActionForm>
                </crate::ui::forms::AskOnce>
            })}
            <crate::privacy::ui::YourDataLink kind=crate::privacy::LinkKind::Alteration token=data_token />
        </section>
    }
}

/// The steps of a request: those done with their date, the current one marked, those to come.
#[component]
fn Timeline(request: Request) -> impl IntoView {
    let t = use_texts();
    let ended = matches!(request.status, Status::Declined | Status::Cancelled);
    let reached = |status: Status| {
        request
            .events
            .iter()
            .find(|e| e.status == status)
            .map(|e| e.at)
    };
    let mut steps: Vec<(Status, Option<i64>)> = Status::HAPPY_PATH
        .into_iter()
        .map(|s| (s, reached(s)))
        .filter(|(_, at)| !ended || at.is_some())
        .collect();
    if ended {
        steps.push((request.status, reached(request.status)));
    }
    view! {
        <ol class="timeline">
            {steps.into_iter().map(|(status, at)| {
                let current = status == request.status;
                let class = match (current, at.is_some()) {
                    (true, _) => "step current",
                    (false, true) => "step done",
                    (false, false) => "step todo",
                };
                view! {
                    <li class=class aria-current=current.then_some("step")>
                        <span class="step-name">{status_label(t, status)}</span>
                        {at.map(|at| view! { <span class="step-date">{format_paris(at)}</span> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

// --- Staff: the queue ---

#[component]
pub fn QueuePage() -> impl IntoView {
    let t = use_texts();
    let status = query("statut").unwrap_or_default();
    let day = query("jour").unwrap_or_default();
    let partner = query("partenaire").unwrap_or_default();
    let queue = Resource::new(
        {
            let (status, day, partner) = (status.clone(), day.clone(), partner.clone());
            move || (status.clone(), day.clone(), partner.clone())
        },
        |(status, day, partner)| list_alteration_queue(Some(status), Some(day), Some(partner)),
    );
    view! {
        <Title text=title(t, t.alterations.queue_title) />
        <Suspense>
            {move || {
                let (status, day, partner) = (status.clone(), day.clone(), partner.clone());
                Suspend::new(async move {
                match queue.await {
                    Ok(super::Queue { entries, counts, partners }) => view! {
                        <section class="page">
                            <h1>{t.alterations.queue_title}</h1>
                            <ul class="link-list inline">
                                <li><a href="/equipe/retouches/jour">{t.alterations.day_sheet_title}</a></li>
                                <li><a href="/equipe/retouches/catalogue">{t.alterations.catalogue_title}</a></li>
                                <li><a href="/equipe/organisations">{t.alterations.partners_title}</a></li>
                            </ul>
                            <form method="get" class="filters">
                                <div class="field">
                                    <label for="statut">{t.alterations.filter_status}</label>
                                    <select id="statut" name="statut">
                                        <option value="">{t.alterations.filter_all}</option>
                                        {counts.iter().map(|(s, n)| view! {
                                            <option value=s.as_str() selected=status == s.as_str()>
                                                {format!("{} ({n})", status_label(t, *s))}
                                            </option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="jour">{t.alterations.filter_day}</label>
                                    <input id="jour" name="jour" type="date" value=day.clone() />
                                </div>
                                <div class="field">
                                    <label for="partenaire">{t.alterations.partner_label}</label>
                                    <select id="partenaire" name="partenaire">
                                        <option value="">{t.alterations.filter_all}</option>
                                        {partners.into_iter().map(|p| view! {
                                            <option value=p.id selected=partner == p.id.to_string()>{p.name}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit">{t.alterations.filter_button}</button>
                            </form>
                            <ul class="status-counts" aria-label=t.alterations.counts_label>
                                {counts.iter().filter(|(_, n)| *n > 0).map(|(s, n)| view! {
                                    <li><a href=format!("/equipe/retouches?statut={}&jour={}", s.as_str(), day)>
                                        <StatusBadge status=*s />" "<strong>{*n}</strong>
                                    </a></li>
                                }).collect_view()}
                            </ul>
                            {entries.is_empty().then(|| view! { <p>{t.alterations.queue_empty}</p> })}
                            <ul class="queue">
                                {entries.into_iter().map(|e| view! {
                                    <li class="card">
                                        <a href=format!("/equipe/retouches/{}", e.id)>
                                            <strong>{e.reference.clone()}</strong>" · "{crate::privacy::ui::or_erased(&e.contact_name)}
                                        </a>
                                        <span class="meta">
                                            <StatusBadge status=e.status />
                                            {format!(" · {} · {} {}", day_words(t, &e.dropoff_date), e.garments, t.alterations.garments)}
                                            {e.partner_name.clone().map(|p| format!(" · {p}"))}
                                            {format!(" · {}", e.confirmed_cents.map_or_else(|| estimate_text(t, e.estimate), format_euros))}
                                            {e.shelf.clone().map(|s| format!(" · {} {s}", t.alterations.shelf))}
                                        </span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

// --- Staff: one request and its decisions ---

#[component]
pub fn RequestPage() -> impl IntoView {
    let t = use_texts();
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let request = Resource::new(
        move || id,
        |id| async move { get_alteration_request(id.ok_or(AppError::NotFound)?).await },
    );
    let decide = ServerAction::<DecideAlterationRequest>::new();
    let error = Signal::derive(move || decide.value().get().and_then(Result::err));
    view! {
        <Title text=title(t, t.alterations.request_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match request.await {
                    Ok(r) => {
                        let decisions = staff_decisions(r.status);
                        // Staff confirm the estimate, or type the quoted price.
                        let estimate_cents = if r.estimate.total_cents > 0 {
                            price_input(r.estimate.total_cents)
                        } else {
                            String::new()
                        };
                        view! {
                        <section class="page">
                            <p><a href="/equipe/retouches">{t.alterations.back_to_queue}</a></p>
                            <h1>{format!("{} {}", t.alterations.request_title, r.reference)}</h1>
                            <p class="lead"><StatusBadge status=r.status /></p>
                            {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                            <dl class="facts">
                                <dt>{t.alterations.contact_name}</dt><dd>{crate::privacy::ui::or_erased(&r.contact_name)}</dd>
                                {r.phone.clone().map(|p| view! { <dt>{t.alterations.phone}</dt><dd><a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></dd> })}
                                {r.email.clone().map(|e| view! { <dt>{t.alterations.email}</dt><dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd> })}
                                {r.partner_name.clone().map(|p| view! { <dt>{t.alterations.partner_label}</dt><dd>{p}</dd> })}
                                <dt>{t.alterations.dropoff_label}</dt><dd>{day_words(t, &r.dropoff_date)}</dd>
                                <dt>{t.alterations.price_estimated}</dt><dd>{estimate_text(t, r.estimate)}</dd>
                                {r.confirmed_cents.map(|c| view! { <dt>{t.alterations.price_confirmed}</dt><dd>{format_euros(c)}</dd> })}
                                {r.shelf.clone().map(|s| view! { <dt>{t.alterations.shelf}</dt><dd>{s}</dd> })}
                                {r.decline_reason.clone().map(|s| view! { <dt>{t.alterations.reason}</dt><dd>{s}</dd> })}
                                <dt>{t.alterations.sent_at}</dt><dd>{format_paris(r.created_at)}</dd>
                            </dl>
                            <h2>{t.alterations.items_title}</h2>
                            <ul class="items">
                                {r.items.iter().map(|item| view! {
                                    <li class="card">
                                        <strong>{format!("{} × {}", item.quantity, item.service_name)}</strong>
                                        " · "{price_text(t, item.unit_cents)}
                                        {(!item.note.is_empty()).then(|| view! { <p>{item.note.clone()}</p> })}
                                        {item.has_photo.then(|| view! {
                                            <a href=format!("/equipe/retouches/photo/{}", item.id)>
                                                <img class="photo" src=format!("/equipe/retouches/photo/{}", item.id)
                                                    alt=format!("{} : {}", t.alterations.photo_label, item.service_name) loading="lazy" />
                                            </a>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>

                            {(!decisions.is_empty()).then(|| view! { <h2>{t.alterations.decisions_title}</h2> })}
                            {decisions.into_iter().map(|decision| {
                                let (id, dropoff, estimate_cents) = (r.id, r.dropoff_date.clone(), estimate_cents.clone());
                                view! {
                                <ActionForm attr:novalidate=true action=decide attr:class="form decision">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="decision" value=decision.as_str() />
                                    {match decision {
                                        Decision::Accept => view! {
                                            <TextField name="price" label=t.alterations.price_label kind="text" autocomplete="off" required=true value=estimate_cents hint=t.alterations.price_hint error />
                                            <TextField name="dropoff_date" label=t.alterations.dropoff_label kind="date" autocomplete="off" required=true value=dropoff error />
                                        }.into_any(),
                                        Decision::Decline => view! {
                                            <TextField name="reason" label=t.alterations.reason kind="text" autocomplete="off" required=true hint=t.alterations.reason_hint error />
                                        }.into_any(),
                                        Decision::DropOff => view! {
                                            <TextField name="shelf" label=t.alterations.shelf kind="text" autocomplete="off" required=true error />
                                        }.into_any(),
                                        _ => ().into_any(),
                                    }}
                                    <button type="submit" class=if decision == Decision::Decline { "button-secondary" } else { "" }>
                                        {(t.alterations.decision)(decision.as_str())}
                                    </button>
                                </ActionForm>
                            }}).collect_view()}

                            <h2>{t.alterations.timeline_title}</h2>
                            <Timeline request=r.clone() />
                        </section>
                    }.into_any()
                    }
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// --- Staff: the day's drop-offs and pickups, to print ---

#[component]
pub fn DaySheetPage() -> impl IntoView {
    let t = use_texts();
    let day = query("jour").unwrap_or_default();
    let sheet = Resource::new(
        move || day.clone(),
        |day| get_alteration_day_sheet(Some(day)),
    );
    view! {
        <Title text=title(t, t.alterations.day_sheet_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match sheet.await {
                    Ok(super::DaySheet { day, dropoffs, pickups }) => view! {
                        <section class="page day-sheet">
                            <p class="no-print"><a href="/equipe/retouches">{t.alterations.back_to_queue}</a></p>
                            <h1>{format!("{} — {}", t.alterations.day_sheet_title, day_words(t, &day))}</h1>
                            <form method="get" class="filters no-print">
                                <div class="field">
                                    <label for="jour">{t.alterations.filter_day}</label>
                                    <input id="jour" name="jour" type="date" value=day.clone() />
                                </div>
                                <button type="submit">{t.alterations.filter_button}</button>
                            </form>
                            <p class="hint no-print">{t.alterations.print_hint}</p>
                            <h2>{format!("{} ({})", t.alterations.dropoffs_title, dropoffs.len())}</h2>
                            <SheetTable entries=dropoffs />
                            <h2>{format!("{} ({})", t.alterations.pickups_title, pickups.len())}</h2>
                            <SheetTable entries=pickups />
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SheetTable(entries: Vec<super::QueueEntry>) -> impl IntoView {
    let t = use_texts();
    if entries.is_empty() {
        return view! { <p>{t.alterations.none}</p> }.into_any();
    }
    view! {
        <table class="sheet">
            <thead>
                <tr>
                    <th scope="col">{t.alterations.reference}</th>
                    <th scope="col">{t.alterations.contact_name}</th>
                    <th scope="col">{t.alterations.garments}</th>
                    <th scope="col">{t.alterations.shelf}</th>
                    <th scope="col">{t.alterations.price_label}</th>
                    <th scope="col">{t.alterations.done_column}</th>
                </tr>
            </thead>
            <tbody>
                {entries.into_iter().map(|e| view! {
                    <tr>
                        <td><a href=format!("/equipe/retouches/{}", e.id)>{e.reference.clone()}</a></td>
                        <td>{crate::privacy::ui::or_erased(&e.contact_name)}{e.partner_name.clone().map(|p| format!(" ({p})"))}</td>
                        <td>{e.garments}</td>
                        <td>{e.shelf.clone().unwrap_or_default()}</td>
                        <td>{e.confirmed_cents.map_or_else(|| estimate_text(t, e.estimate), format_euros)}</td>
                        <td class="checkbox-cell">"☐"</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

// --- Staff: the price list ---

#[component]
pub fn CataloguePage() -> impl IntoView {
    let t = use_texts();
    let services = Resource::new(|| (), |_| list_alteration_catalogue());
    let save = ServerAction::<SaveAlterationService>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = query("enregistre").is_some();
    view! {
        <Title text=title(t, t.alterations.catalogue_title) />
        <Suspense>
            {move || Suspend::new(async move {
                match services.await {
                    Ok(services) => view! {
                        <section class="page">
                            <p><a href="/equipe/retouches">{t.alterations.back_to_queue}</a></p>
                            <h1>{t.alterations.catalogue_title}</h1>
                            <p>{t.alterations.catalogue_intro}</p>
                            {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.alterations.saved}</p> })}
                            {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                            {services.into_iter().map(|service| view! {
                                <details class="card">
                                    <summary>
                                        <strong>{service.name.clone()}</strong>" · "{price_text(t, service.price_cents)}
                                        {(!service.active).then(|| format!(" · {}", t.alterations.inactive))}
                                    </summary>
                                    <ServiceForm service=Some(service) save />
                                </details>
                            }).collect_view()}
                            <h2>{t.alterations.service_new}</h2>
                            <ServiceForm service=None save />
                        </section>
                    }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ServiceForm(
    service: Option<Service>,
    save: ServerAction<SaveAlterationService>,
) -> impl IntoView {
    let t = use_texts();
    let prefix = service
        .as_ref()
        .map_or_else(|| "new".to_owned(), |s| s.id.to_string());
    let id = move |name: &str| format!("{name}-{prefix}");
    let price = service
        .as_ref()
        .and_then(|s| s.price_cents)
        .map(price_input)
        .unwrap_or_default();
    view! {
        <ActionForm attr:novalidate=true action=save attr:class="form">
            {service.as_ref().map(|s| view! { <input type="hidden" name="id" value=s.id /> })}
            <div class="field">
                <label for=id("name")>{t.alterations.service_name}</label>
                <input id=id("name") name="name" type="text" required maxlength="80" value=service.as_ref().map(|s| s.name.clone()) />
            </div>
            <div class="field">
                <label for=id("description")>{t.alterations.service_description}</label>
                <input id=id("description") name="description" type="text" maxlength="300" value=service.as_ref().map(|s| s.description.clone()) />
            </div>
            <div class="field">
                <label for=id("price")>{t.alterations.price_label}</label>
                <p class="hint" id=id("price-hint")>{t.alterations.service_price_hint}</p>
                <input id=id("price") name="price" type="text" inputmode="decimal" value=price aria-describedby=id("price-hint") />
            </div>
            <div class="field">
                <label for=id("turnaround")>{t.alterations.service_turnaround}</label>
                <input id=id("turnaround") name="turnaround_days" type="number" min="0" max="60" required
                    value=service.as_ref().map_or(3, |s| s.turnaround_days) />
            </div>
            <label class="choice">
                <input type="checkbox" name="active" value="oui" checked=service.as_ref().is_none_or(|s| s.active) />
                {t.alterations.service_active}
            </label>
            <button type="submit">{t.alterations.save}</button>
        </ActionForm>
    }
}
