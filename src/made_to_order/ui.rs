//! Pages of made-to-order work: the request form (`/sur-mesure`), the request behind its
//! private link, the staff's list (`/equipe/sur-mesure`) and page of one request, where quotes
//! are written and the job is taken through its steps.

use super::{
    KINDS, MAX_PHOTOS, MadeToOrderRequest, Step,
    api::{
        AdvanceMadeToOrderJob, CancelMadeToOrderRequest, SaveMadeToOrderSettings,
        get_made_to_order_admin, get_made_to_order_form, get_made_to_order_request,
        get_made_to_order_staff,
    },
};
use crate::{
    accounts::ui::Refusal,
    alterations::format_euros,
    i18n::{Catalogue, use_texts},
    lunch::ui::service_date,
    privacy::{LinkKind, ui::YourDataLink},
    quotes::Subject,
    ui::{
        ErrorNotice,
        forms::{FieldError, TextField, url_error},
        respond_with_status,
        time::format_paris,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn title(t: &Catalogue, page: &str) -> String {
    format!("{page} · {}", t.common.app_name)
}

fn query_flag(name: &'static str) -> bool {
    use_query_map().with_untracked(|q| q.get(name).is_some())
}

fn wished(t: &Catalogue, day: &Option<String>) -> String {
    match day {
        Some(day) => service_date(t, day),
        None => t.made_to_order.no_date.to_owned(),
    }
}

/// `/sur-mesure`: what to make, how many, when, photos; then who asks.
#[component]
pub fn MadeToOrderFormPage() -> impl IntoView {
    use leptos::server_fn::ServerFn;
    let t = use_texts();
    // The form carries a one-time idempotency key: no copy of it may be kept anywhere.
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("private, no-store"),
        );
        response.insert_header(
            http::HeaderName::from_static("offline-keep"),
            http::HeaderValue::from_static("never"),
        );
    }
    let page = Resource::new(|| (), |_| get_made_to_order_form());
    let submit_path = <super::api::SendMadeToOrderRequest as ServerFn>::PATH;
    let sent_error = url_error(submit_path);
    view! {
        <Title text=title(t, t.made_to_order.title) />
        <Suspense>
            {move || {
                let sent_error = sent_error.clone();
                Suspend::new(async move {
                    let page = match page.await {
                        Ok(page) => page,
                        Err(error) => return view! { <Refusal error /> }.into_any(),
                    };
                    if sent_error.is_some() {
                        respond_with_status(422);
                    }
                    let error = Signal::derive(move || sent_error.clone());
                    let m = &t.made_to_order;
                    let c = &t.catering;
                    view! {
                        <section class="page narrow made-to-order">
                            <h1>{m.title}</h1>
                            <p class="lead">{m.intro}</p>
                            {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                            <form method="post" novalidate action=submit_path enctype="multipart/form-data" class="form" data-offline=m.title>
                                <input type="hidden" name="idempotency_key" value=page.idempotency_key.clone() />
                                <fieldset class="step">
                                    <legend>{m.step_project}</legend>
                                    <fieldset class="choices">
                                        <legend>{m.kind}</legend>
                                        {KINDS.iter().map(|kind| view! {
                                            <label class="choice"><input type="radio" name="kind" value=*kind required=true />" "{(m.kind_name)(kind)}</label>
                                        }).collect_view()}
                                        <FieldError name="kind" error />
                                    </fieldset>
                                    <div class="field">
                                        <label for="description">{m.description}</label>
                                        <p class="hint" id="description-hint">{m.description_hint}</p>
                                        <textarea id="description" name="description" rows="5" maxlength="2000" required=true
                                            aria-describedby="description-hint"></textarea>
                                        <FieldError name="description" error />
                                    </div>
                                    <div class="field">
                                        <label for="quantity">{m.quantity}</label>
                                        <input id="quantity" name="quantity" type="number" inputmode="numeric" required=true min="1" max="100000" value="1" />
                                        <FieldError name="quantity" error />
                                    </div>
                                    <div class="field">
                                        <label for="wished_day">{m.wished_day}</label>
                                        <p class="hint" id="wished_day-hint">{(m.wished_day_hint)(page.settings.lead_days)}</p>
                                        <input id="wished_day" name="wished_day" type="date" min=page.earliest_day.clone()
                                            aria-describedby="wished_day-hint" />
                                        <FieldError name="wished_day" error />
                                    </div>
                                    <TextField name="budget" label=m.budget kind="text" autocomplete="off" hint=c.budget_hint error />
                                    <div class="field">
                                        <label for="photos">{m.photos}</label>
                                        <p class="hint" id="photos-hint">{(m.photos_hint)(MAX_PHOTOS)}</p>
                                        <input id="photos" name="photos" type="file" multiple=true accept="image/jpeg,image/png,image/webp"
                                            aria-describedby="photos-hint" />
                                        {(page.kept_photos > 0).then(|| view! { <p class="notice notice-ok" role="status">{(m.photos_kept)(page.kept_photos)}</p> })}
                                        <FieldError name="photos" error />
                                    </div>
                                </fieldset>
                                <fieldset class="step">
                                    <legend>{m.step_contact}</legend>
                                    <TextField name="contact_name" label=c.contact_name kind="text" autocomplete="name" required=true error />
                                    <TextField name="email" label=c.email kind="email" autocomplete="email" required=true error />
                                    <TextField name="phone" label=c.phone kind="tel" autocomplete="tel" required=true error />
                                    <TextField name="organisation" label=m.organisation kind="text" autocomplete="organization" hint=m.organisation_hint error />
                                    <TextField name="siret" label=c.siret kind="text" autocomplete="off" hint=c.siret_hint error />
                                </fieldset>
                                <div class="field field-check">
                                    <input type="checkbox" id="consent" name="consent" value="oui" required=true />
                                    <label for="consent">{m.consent}</label>
                                    <FieldError name="consent" error />
                                </div>
                                <button type="submit" class="button-large">{m.send}</button>
                            </form>
                        </section>
                    }.into_any()
                })
            }}
        </Suspense>
    }
}

#[component]
fn RequestSummary(request: MadeToOrderRequest) -> impl IntoView {
    let t = use_texts();
    let m = &t.made_to_order;
    view! {
        <dl class="order-summary">
            <div><dt>{m.kind}</dt><dd>{(m.kind_name)(&request.kind)}</dd></div>
            <div><dt>{m.quantity}</dt><dd>{request.quantity}</dd></div>
            <div><dt>{m.wished_day}</dt><dd>{wished(t, &request.wished_day)}</dd></div>
            {request.budget_cents.map(|b| view! { <div><dt>{m.budget}</dt><dd>{format_euros(b)}</dd></div> })}
            {(!request.organisation.is_empty()).then(|| view! { <div><dt>{m.organisation}</dt><dd>{request.organisation.clone()}</dd></div> })}
            <div><dt>{t.catering.contact_name}</dt><dd>{crate::privacy::ui::or_erased(&request.contact_name)}</dd></div>
            <div><dt>{m.description}</dt><dd class="prewrap">{crate::privacy::ui::or_erased(&request.description)}</dd></div>
            <div><dt>{m.photos}</dt><dd>{request.photos.len()}</dd></div>
        </dl>
    }
}

/// Where the job is, as the client and the staff read it.
fn job_text(t: &Catalogue, request: &MadeToOrderRequest) -> Option<String> {
    request.job.as_ref().map(|job| {
        format!(
            "{} : {}",
            t.made_to_order.job_title,
            (t.made_to_order.step)(job.step)
        )
    })
}

/// `/sur-mesure/demande/{token}`: the request as sent, its quotes, and the job's step.
#[component]
pub fn MadeToOrderRequestPage() -> impl IntoView {
    let t = use_texts();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let request = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        get_made_to_order_request,
    );
    let cancel = ServerAction::<CancelMadeToOrderRequest>::new();
    let cancel_error = move || cancel.value().get().and_then(Result::err);
    let just_sent = query_flag("envoyee");
    view! {
        <Title text=title(t, t.made_to_order.request_title) />
        <Suspense>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match request.await {
                        Ok(request) => {
                            let m = &t.made_to_order;
                            let waiting = request.status == "requested" && request.job.is_none();
                            view! {
                                <section class="page narrow made-to-order">
                                    {just_sent.then(|| view! {
                                        <div class="notice notice-ok" role="status">
                                            <p><strong>{t.catering.sent_title}</strong></p>
                                            <p>{m.sent_body}</p>
                                        </div>
                                    })}
                                    <h1>{m.request_title}</h1>
                                    <p class="reference">{t.catering.reference}" "<strong>{request.reference.clone()}</strong></p>
                                    <p class="lead">{job_text(t, &request).unwrap_or_else(|| (t.catering.status)(&request.status).to_owned())}</p>
                                    {move || cancel_error().map(|error| view! { <ErrorNotice error /> })}
                                    <RequestSummary request=request.clone() />
                                    <p class="hint">{t.catering.keep_link}</p>
                                    {waiting.then({
                                        let token = token.clone();
                                        move || view! {
                                            <crate::ui::forms::AskOnce ask=t.catering.cancel>
                                                <ActionForm attr:novalidate=true action=cancel attr:class="form-inline">
                                                    <input type="hidden" name="token" value=token />
                                                    <button type="submit" class="button-danger">{t.common.cancel_yes}</button>
                                                </ActionForm>
                                            </crate::ui::forms::AskOnce>
                                        }
                                    })}
                                    <crate::quotes::ui::LinkQuotes kind="sur-mesure" token=token.clone() />
                                    <YourDataLink kind=LinkKind::MadeToOrder token=token.clone() />
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

/// `/equipe/sur-mesure`: the requests and jobs, and the rule staff set.
#[component]
pub fn StaffMadeToOrderPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(|| (), |_| get_made_to_order_admin());
    let settings = ServerAction::<SaveMadeToOrderSettings>::new();
    let error = Signal::derive(move || settings.value().get().and_then(Result::err));
    let saved = query_flag("enregistre");
    view! {
        <Title text=title(t, t.made_to_order.staff_title) />
        <Suspense>
            {move || Suspend::new(async move {
                let admin = match data.await {
                    Ok(admin) => admin,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let m = &t.made_to_order;
                view! {
                    <section class="page">
                        <h1>{m.staff_title}</h1>
                        {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.saved}</p> })}
                        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                        {admin.requests.is_empty().then(|| view! { <p>{t.catering.no_request}</p> })}
                        <ul class="cards">
                            {admin.requests.into_iter().map(|r| {
                                let state = job_text(t, &r).unwrap_or_else(|| (t.catering.status)(&r.status).to_owned());
                                view! {
                                    <li class="card">
                                        <p>
                                            <a href=format!("/equipe/sur-mesure/{}", r.id)><strong class="reference">{r.reference.clone()}</strong></a>
                                            {format!(" · {} · {}", (m.kind_name)(&r.kind), state)}
                                        </p>
                                        <p>{format!("{} × · {} · {}", r.quantity, wished(t, &r.wished_day), if r.organisation.is_empty() { crate::privacy::ui::or_erased(&r.contact_name) } else { r.organisation.clone() })}</p>
                                        <p class="meta">{format!("{} {}", t.catering.received, format_paris(r.created_at))}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <h2>{t.catering.rules_title}</h2>
                        <ActionForm attr:novalidate=true action=settings attr:class="form">
                            <TextField name="lead_days" label=m.lead_days kind="number" autocomplete="off" required=true value=admin.settings.lead_days.to_string() error />
                            <button type="submit">{t.accounts.save}</button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// `/equipe/sur-mesure/{id}`: one request, its photos, its job's steps and its quotes.
#[component]
pub fn StaffMadeToOrderRequestPage() -> impl IntoView {
    let t = use_texts();
    let id =
        use_params_map().with_untracked(|p| p.get("id").unwrap_or_default().parse::<i64>().ok());
    let request = Resource::new(
        move || id,
        |id| async move { get_made_to_order_staff(id.ok_or(crate::error::AppError::NotFound)?).await },
    );
    let advance = ServerAction::<AdvanceMadeToOrderJob>::new();
    let error = Signal::derive(move || advance.value().get().and_then(Result::err));
    view! {
        <Title text=title(t, t.made_to_order.staff_title) />
        <Suspense>
            {move || Suspend::new(async move {
                let request = match request.await {
                    Ok(request) => request,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let m = &t.made_to_order;
                let subject = Subject::MadeToOrder(request.id);
                view! {
                    <section class="page">
                        <p><a href="/equipe/sur-mesure">{m.back_to_list}</a></p>
                        <h1>{format!("{} · {}", request.reference, (m.kind_name)(&request.kind))}</h1>
                        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                        <p class="meta">{format!("{} · {}", request.email, request.phone)}</p>
                        <RequestSummary request=request.clone() />
                        {(!request.photos.is_empty()).then(|| view! {
                            <ul class="photo-list">
                                {request.photos.iter().map(|photo| view! {
                                    <li><a href=format!("/equipe/sur-mesure/photo/{photo}")>
                                        <img src=format!("/equipe/sur-mesure/photo/{photo}") alt=m.photo_alt width="160" loading="lazy" />
                                    </a></li>
                                }).collect_view()}
                            </ul>
                        })}
                        {request.job.clone().map(|job| view! {
                            <section class="card">
                                <h2>{m.job_title}</h2>
                                <ol class="steps-list">
                                    {Step::ALL.into_iter().map(|step| {
                                        let done = Step::ALL.iter().position(|s| *s == step) <= Step::ALL.iter().position(|s| *s == job.step);
                                        view! { <li class=if done { "step-done" } else { "step-todo" }>{(m.step)(step)}</li> }
                                    }).collect_view()}
                                </ol>
                                {job.step.next().map(|next| view! {
                                    <ActionForm attr:novalidate=true action=advance attr:class="form-inline">
                                        <input type="hidden" name="id" value=request.id />
                                        <input type="hidden" name="from" value=job.step.as_str() />
                                        <button type="submit" class="button-large">{(m.advance)(next)}</button>
                                    </ActionForm>
                                })}
                            </section>
                        })}
                        <crate::quotes::ui::QuotesEditor subject />
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
