//! Pages of catering: the companies' request form (`/traiteur`), the request behind its private
//! link, and the staff's list with the rules they set (`/equipe/traiteur`).

use super::{
    CateringRequest, DIETS,
    api::{
        AddCateringFormula, CancelCateringRequest, SaveCateringSettings, SendCateringRequest,
        SetCateringFormulaActive, get_catering_admin, get_catering_form, get_catering_request,
    },
};
use crate::{
    accounts::ui::Refusal,
    alterations::format_euros,
    i18n::{Catalogue, use_texts},
    lunch::{ALLERGENS, ui::service_date},
    privacy::{LinkKind, ui::YourDataLink},
    ui::pictograms::Pictogram,
    ui::{
        ErrorNotice,
        forms::{FieldError, TextField},
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

/// `/traiteur`: one page, in the order a company thinks of it.
#[component]
pub fn CateringFormPage() -> impl IntoView {
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
    let page = Resource::new(|| (), |_| get_catering_form());
    let send = ServerAction::<SendCateringRequest>::new();
    let error = Signal::derive(move || send.value().get().and_then(Result::err));
    view! {
        <Title text=title(t, t.catering.title) />
        <Suspense>
            {move || Suspend::new(async move {
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let c = &t.catering;
                view! {
                    <section class="page narrow catering">
                        <h1>{c.title}</h1>
                        <p class="lead">{(c.intro)(page.settings.min_covers)}</p>
                        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                        <ActionForm attr:novalidate=true action=send attr:class="form" attr:data-offline=c.title>
                            <input type="hidden" name="idempotency_key" value=page.idempotency_key.clone() />
                            <fieldset class="step">
                                <legend>{c.step_organisation}</legend>
                                <TextField name="organisation" label=c.organisation kind="text" autocomplete="organization" required=true error />
                                <TextField name="siret" label=c.siret kind="text" autocomplete="off" hint=c.siret_hint error />
                                <TextField name="contact_name" label=c.contact_name kind="text" autocomplete="name" required=true error />
                                <TextField name="email" label=c.email kind="email" autocomplete="email" required=true error />
                                <TextField name="phone" label=c.phone kind="tel" autocomplete="tel" required=true error />
                            </fieldset>
                            <fieldset class="step">
                                <legend>{c.step_event}</legend>
                                <div class="field">
                                    <label for="event_day">{c.event_day}</label>
                                    <p class="hint" id="event_day-hint">{(c.event_day_hint)(page.settings.lead_days)}</p>
                                    <input id="event_day" name="event_day" type="date" required=true min=page.earliest_day.clone()
                                        aria-describedby="event_day-hint" />
                                    <FieldError name="event_day" error />
                                </div>
                                <TextField name="event_time" label=c.event_time kind="time" autocomplete="off" required=true error />
                                <div class="field">
                                    <label for="covers">{c.covers}</label>
                                    <p class="hint" id="covers-hint">{(c.covers_hint)(page.settings.min_covers)}</p>
                                    <input id="covers" name="covers" type="number" inputmode="numeric" required=true
                                        min=page.settings.min_covers max="2000" aria-describedby="covers-hint" />
                                    <FieldError name="covers" error />
                                </div>
                                <div class="field">
                                    <label for="formula_id">{c.formula}</label>
                                    <select id="formula_id" name="formula_id" required=true>
                                        <option value="">{c.choose}</option>
                                        {page.formulas.iter().map(|f| view! { <option value=f.id>{f.name.clone()}</option> }).collect_view()}
                                    </select>
                                    <FieldError name="formula_id" error />
                                </div>
                                <fieldset class="choices">
                                    <legend>{c.place}</legend>
                                    <label class="choice"><input type="radio" name="place" value="blanchemaille" required=true />" "{c.place_here}</label>
                                    <label class="choice"><input type="radio" name="place" value="adresse" />" "{c.place_address}</label>
                                    <FieldError name="place" error />
                                </fieldset>
                                <TextField name="address" label=c.address kind="text" autocomplete="address-line1" hint=c.address_hint error />
                                <TextField name="budget" label=c.budget kind="text" autocomplete="off" hint=c.budget_hint error />
                            </fieldset>
                            <fieldset class="step">
                                <legend>{c.step_food}</legend>
                                <p class="hint">{c.diets_hint}</p>
                                {DIETS.iter().map(|field| view! {
                                    <div class="field field-inline">
                                        <label for=*field>{(c.diet)(field)}</label>
                                        <input id=*field name=*field type="number" inputmode="numeric" min="0" max="2000" value="0" />
                                        <FieldError name=field error />
                                    </div>
                                }).collect_view()}
                                <fieldset class="choices allergen-choices">
                                    <legend>{c.allergens}</legend>
                                    {ALLERGENS.iter().map(|code| view! {
                                        <label class="choice">
                                            <input type="checkbox" name="allergens[]" value=*code />
                                            <Pictogram key=(*code).to_owned() />
                                            " "
                                            {(t.lunch.allergen)(code)}
                                        </label>
                                    }).collect_view()}
                                </fieldset>
                                <div class="field">
                                    <label for="message">{c.message}</label>
                                    <textarea id="message" name="message" rows="4" maxlength="2000"></textarea>
                                    <FieldError name="message" error />
                                </div>
                            </fieldset>
                            <div class="field field-check">
                                <input type="checkbox" id="consent" name="consent" value="oui" required=true />
                                <label for="consent">{c.consent}</label>
                                <FieldError name="consent" error />
                            </div>
                            <button type="submit" class="button-large">{c.send}</button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// `/traiteur/demande/{token}`: the request as sent, and what happens next.
#[component]
pub fn CateringRequestPage() -> impl IntoView {
    let t = use_texts();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let request = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        get_catering_request,
    );
    let cancel = ServerAction::<CancelCateringRequest>::new();
    let cancel_error = move || cancel.value().get().and_then(Result::err);
    let just_sent = query_flag("envoyee");
    view! {
        <Title text=title(t, t.catering.request_title) />
        <Suspense>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match request.await {
                        Ok(request) => {
                            let c = &t.catering;
                            let waiting = request.status == "requested";
                            view! {
                                <section class="page narrow catering">
                                    {just_sent.then(|| view! {
                                        <div class="notice notice-ok" role="status">
                                            <p><strong>{c.sent_title}</strong></p>
                                            <p>{c.sent_body}</p>
                                        </div>
                                    })}
                                    <h1>{c.request_title}</h1>
                                    <p class="reference">{c.reference}" "<strong>{request.reference.clone()}</strong></p>
                                    <p class="lead">{(c.status)(&request.status)}</p>
                                    {move || cancel_error().map(|error| view! { <ErrorNotice error /> })}
                                    <RequestSummary request=request.clone() />
                                    <p class="hint">{c.keep_link}</p>
                                    {waiting.then({
                                        let token = token.clone();
                                        move || view! {
                                            <crate::ui::forms::AskOnce ask=c.cancel>
                                                <ActionForm attr:novalidate=true action=cancel attr:class="form-inline">
                                                    <input type="hidden" name="token" value=token />
                                                    <button type="submit" class="button-danger">{t.common.cancel_yes}</button>
                                                </ActionForm>
                                            </crate::ui::forms::AskOnce>
                                        }
                                    })}
                                    <crate::quotes::ui::LinkQuotes kind="traiteur" token=token.clone() />
                                    <YourDataLink kind=LinkKind::Catering token=token.clone() />
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
fn RequestSummary(request: CateringRequest) -> impl IntoView {
    let t = use_texts();
    let c = &t.catering;
    let place = request
        .address
        .clone()
        .unwrap_or_else(|| c.place_here.to_owned());
    let diets: Vec<String> = DIETS
        .iter()
        .filter(|d| request.diets.get(d) > 0)
        .map(|d| format!("{} : {}", (c.diet)(d), request.diets.get(d)))
        .collect();
    let allergens: Vec<&str> = request
        .allergens
        .iter()
        .map(|a| (t.lunch.allergen)(a))
        .collect();
    view! {
        <dl class="order-summary">
            <div><dt>{c.organisation}</dt><dd>{request.organisation.clone()}</dd></div>
            <div><dt>{c.contact_name}</dt><dd>{crate::privacy::ui::or_erased(&request.contact_name)}</dd></div>
            <div><dt>{c.event_day}</dt><dd>{format!("{}, {}", service_date(t, &request.event_day), request.event_time)}</dd></div>
            <div><dt>{c.covers}</dt><dd>{request.covers}</dd></div>
            <div><dt>{c.formula}</dt><dd>{request.formula.clone()}</dd></div>
            <div><dt>{c.place}</dt><dd>{place}</dd></div>
            {request.budget_cents_per_person.map(|b| view! { <div><dt>{c.budget}</dt><dd>{format_euros(b)}</dd></div> })}
            {(!diets.is_empty()).then(|| view! { <div><dt>{c.diets_title}</dt><dd>{diets.join(" · ")}</dd></div> })}
            {(!allergens.is_empty()).then(|| view! { <div><dt>{c.allergens}</dt><dd>{allergens.join(", ")}</dd></div> })}
            {(!request.message.is_empty()).then(|| view! { <div><dt>{c.message}</dt><dd>{request.message.clone()}</dd></div> })}
        </dl>
    }
}

/// `/equipe/traiteur`: the requests to answer, the rules, the formulas.
#[component]
pub fn StaffCateringPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(|| (), |_| get_catering_admin());
    let settings = ServerAction::<SaveCateringSettings>::new();
    let add = ServerAction::<AddCateringFormula>::new();
    let toggle = ServerAction::<SetCateringFormulaActive>::new();
    let error = Signal::derive(move || {
        settings
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| add.value().get().and_then(Result::err))
            .or_else(|| toggle.value().get().and_then(Result::err))
    });
    let saved = query_flag("enregistre");
    view! {
        <Title text=title(t, t.catering.staff_title) />
        <Suspense>
            {move || Suspend::new(async move {
                let admin = match data.await {
                    Ok(admin) => admin,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let c = &t.catering;
                view! {
                    <section class="page">
                        <h1>{c.staff_title}</h1>
                        {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.saved}</p> })}
                        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                        <h2>{c.requests_title}</h2>
                        {admin.requests.is_empty().then(|| view! { <p>{c.no_request}</p> })}
                        <ul class="cards">
                            {admin.requests.into_iter().map(|r| view! {
                                <li class="card">
                                    <p>
                                        <strong class="reference">{r.reference.clone()}</strong>
                                        {format!(" · {} · {}", r.organisation, (c.status)(&r.status))}
                                    </p>
                                    <p>{format!("{}, {} · {} {} · {}", service_date(t, &r.event_day), r.event_time, r.covers, c.covers_short, r.formula)}</p>
                                    <p class="meta">{format!("{} · {} · {} · {} {}", crate::privacy::ui::or_erased(&r.contact_name), r.phone, r.email, c.received, format_paris(r.created_at))}</p>
                                    <p><a class="button" href=format!("/equipe/traiteur/{}", r.id)>{t.quotes.quotes_link}</a></p>
                                    <details>
                                        <summary>{c.details}</summary>
                                        <RequestSummary request=r />
                                    </details>
                                </li>
                            }).collect_view()}
                        </ul>

                        <h2>{c.rules_title}</h2>
                        <ActionForm attr:novalidate=true action=settings attr:class="form">
                            <TextField name="min_covers" label=c.min_covers kind="number" autocomplete="off" required=true value=admin.settings.min_covers.to_string() error />
                            <TextField name="lead_days" label=c.lead_days kind="number" autocomplete="off" required=true value=admin.settings.lead_days.to_string() error />
                            <button type="submit">{t.accounts.save}</button>
                        </ActionForm>

                        <crate::quotes::ui::SellerForm />

                        <h2>{c.formulas_title}</h2>
                        <ul class="link-list">
                            {admin.formulas.into_iter().map(|f| view! {
                                <li>
                                    {f.name.clone()}
                                    {(!f.active).then(|| format!(" · {}", c.formula_off))}
                                    <ActionForm attr:novalidate=true action=toggle attr:class="form-inline">
                                        <input type="hidden" name="id" value=f.id />
                                        <input type="hidden" name="active" value=(!f.active).to_string() />
                                        <button type="submit" class="button-secondary">{if f.active { c.formula_hide } else { c.formula_show }}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                        <ActionForm attr:novalidate=true action=add attr:class="form">
                            <TextField name="name" label=c.formula_new kind="text" autocomplete="off" required=true error />
                            <button type="submit">{c.formula_add}</button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
