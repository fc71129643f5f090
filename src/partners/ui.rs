//! Pages of client organisations (staff): the list with the clients and regular ones counted
//! (`/equipe/organisations`), and one organisation's page: type, SIRET, contact people, and its
//! history across catering, made-to-order, alterations and hem campaigns.

use super::{
    KINDS,
    api::{
        AddOrganisationContact, CreatePartner, RemoveOrganisationContact, SaveOrganisation,
        SaveRegularRule, SetPartnerActive, get_organisation, list_organisations,
    },
};
use crate::{
    accounts::ui::Refusal,
    error::AppError,
    i18n::{Catalogue, use_texts},
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

#[component]
fn KindSelect(
    #[prop(optional, into)] selected: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let o = &t.organisations;
    view! {
        <div class="field">
            <label for="kind">{o.kind}</label>
            <select id="kind" name="kind" required=true>
                <option value="">{t.catering.choose}</option>
                {KINDS.iter().map(|kind| view! { <option value=*kind selected=selected == *kind>{(o.kind_name)(kind)}</option> }).collect_view()}
            </select>
            <FieldError name="kind" error />
        </div>
    }
}

/// `/equipe/organisations`: every organisation, clients first, with the two counts funders ask.
#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(|| (), |_| list_organisations());
    let create = ServerAction::<CreatePartner>::new();
    let rule = ServerAction::<SaveRegularRule>::new();
    let error = Signal::derive(move || {
        create
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| rule.value().get().and_then(Result::err))
    });
    let saved = use_query_map().with_untracked(|q| q.get("enregistre").is_some());
    view! {
        <Title text=title(t, t.organisations.title) />
        <Suspense>
            {move || Suspend::new(async move {
                let data = match data.await {
                    Ok(data) => data,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let o = &t.organisations;
                let counts = data.counts;
                view! {
                    <section class="page">
                        <h1>{o.title}</h1>
                        {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.saved}</p> })}
                        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                        <p class="lead" id="client-counts">{(o.counts)(counts.clients, counts.regular)}</p>
                        <p class="hint">{(o.counts_rule)(counts.regular_orders)}</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-label=o.title>
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{o.name}</th>
                                        <th scope="col">{o.kind}</th>
                                        <th scope="col">{o.orders}</th>
                                        <th scope="col">{o.orders_last_year}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {data.organisations.into_iter().map(|org| view! {
                                        <tr class:inactive=!org.active>
                                            <td>
                                                <a href=format!("/equipe/organisations/{}", org.id)>{org.name.clone()}</a>
                                                {org.regular.then(|| view! { " " <span class="badge">{o.regular}</span> })}
                                                {(!org.active).then(|| format!(" · {}", t.alterations.inactive))}
                                            </td>
                                            <td>{(o.kind_name)(&org.kind)}</td>
                                            <td>{org.orders}</td>
                                            <td>{org.orders_last_year}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <h2>{o.new_title}</h2>
                        <ActionForm attr:novalidate=true action=create attr:class="form">
                            <TextField name="name" label=o.name kind="text" autocomplete="organization" required=true error />
                            <KindSelect error />
                            <TextField name="siret" label=t.catering.siret kind="text" autocomplete="off" hint=t.catering.siret_hint error />
                            <button type="submit">{t.alterations.save}</button>
                        </ActionForm>
                        <h2>{o.rule_title}</h2>
                        <ActionForm attr:novalidate=true action=rule attr:class="form">
                            <TextField name="regular_orders" label=o.rule_label kind="number" autocomplete="off" required=true value=counts.regular_orders.to_string() error />
                            <button type="submit">{t.accounts.save}</button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// `/equipe/organisations/{id}`: one organisation, one page.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let t = use_texts();
    let id =
        use_params_map().with_untracked(|p| p.get("id").unwrap_or_default().parse::<i64>().ok());
    let data = Resource::new(
        move || id,
        |id| async move { get_organisation(id.ok_or(AppError::NotFound)?).await },
    );
    let save = ServerAction::<SaveOrganisation>::new();
    let add = ServerAction::<AddOrganisationContact>::new();
    let remove = ServerAction::<RemoveOrganisationContact>::new();
    let toggle = ServerAction::<SetPartnerActive>::new();
    let error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(Result::err)
            .or_else(|| add.value().get().and_then(Result::err))
            .or_else(|| remove.value().get().and_then(Result::err))
            .or_else(|| toggle.value().get().and_then(Result::err))
    });
    let saved = use_query_map().with_untracked(|q| q.get("enregistre").is_some());
    view! {
        <Title text=title(t, t.organisations.title) />
        <Suspense>
            {move || Suspend::new(async move {
                let page = match data.await {
                    Ok(page) => page,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let o = &t.organisations;
                let org = page.organisation.clone();
                view! {
                    <section class="page">
                        <p><a href="/equipe/organisations">{o.back}</a></p>
                        <h1>{org.name.clone()}</h1>
                        {saved.then(|| view! { <p class="notice notice-ok" role="status">{t.accounts.saved}</p> })}
                        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                        <p class="lead">
                            {format!("{} · {}", (o.kind_name)(&org.kind), (o.orders_line)(org.orders, org.orders_last_year))}
                            {org.regular.then(|| view! { " " <span class="badge">{o.regular}</span> })}
                        </p>
                        <p class="hint">{(o.counts_rule)(page.regular_orders)}</p>

                        <h2>{o.history_title}</h2>
                        {page.history.is_empty().then(|| view! { <p>{o.no_history}</p> })}
                        <ul class="cards">
                            {page.history.into_iter().map(|h| view! {
                                <li class="card">
                                    <p>
                                        <a href=h.link.clone()><strong>{h.reference.clone()}</strong></a>
                                        {format!(" · {} · {} · {}", (o.capability)(&h.capability), (o.history_status)(&h.status), format_paris(h.at))}
                                        {h.order.then(|| view! { " " <span class="badge">{o.counted}</span> })}
                                    </p>
                                </li>
                            }).collect_view()}
                        </ul>

                        <h2>{o.contacts_title}</h2>
                        <ul class="cards">
                            {page.contacts.into_iter().map(|c| view! {
                                <li class="card">
                                    <p><strong>{c.name.clone()}</strong>{(!c.role.is_empty()).then(|| format!(" · {}", c.role))}</p>
                                    <p class="meta">{[c.email.clone(), c.phone.clone()].into_iter().filter(|v| !v.is_empty()).collect::<Vec<_>>().join(" · ")}</p>
                                    <ActionForm attr:novalidate=true action=remove attr:class="form-inline">
                                        <input type="hidden" name="id" value=org.id />
                                        <input type="hidden" name="contact_id" value=c.id />
                                        <button type="submit" class="button-secondary" aria-label=format!("{} : {}", o.remove_contact, c.name)>{o.remove_contact}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                        {(!page.requesters.is_empty()).then(|| view! {
                            <p>{o.requesters}" "{page.requesters.join(", ")}</p>
                        })}
                        <details>
                            <summary>{o.add_contact}</summary>
                            <ActionForm attr:novalidate=true action=add attr:class="form">
                                <input type="hidden" name="id" value=org.id />
                                <TextField name="contact_name" label=t.catering.contact_name kind="text" autocomplete="off" required=true error />
                                <TextField name="role" label=o.role kind="text" autocomplete="off" error />
                                <TextField name="email" label=t.catering.email kind="email" autocomplete="off" error />
                                <TextField name="phone" label=t.catering.phone kind="tel" autocomplete="off" error />
                                <button type="submit">{o.add_contact}</button>
                            </ActionForm>
                        </details>

                        <h2>{o.edit_title}</h2>
                        <ActionForm attr:novalidate=true action=save attr:class="form">
                            <input type="hidden" name="id" value=org.id />
                            <TextField name="name" label=o.name kind="text" autocomplete="organization" required=true value=org.name.clone() error />
                            <KindSelect selected=org.kind.clone() error />
                            <TextField name="siret" label=t.catering.siret kind="text" autocomplete="off" value=org.siret.clone().unwrap_or_default() error />
                            <button type="submit">{t.accounts.save}</button>
                        </ActionForm>
                        <ActionForm attr:novalidate=true action=toggle attr:class="form-inline">
                            <input type="hidden" name="id" value=org.id />
                            <input type="hidden" name="active" value=(!org.active).to_string() />
                            <button type="submit" class="button-secondary">
                                {if org.active { t.alterations.deactivate } else { t.alterations.activate }}
                            </button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
