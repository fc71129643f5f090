//! Pages of people's data: "Vos données" (what is kept, why, how long, the rights), a private
//! link's data with its download and erasure, and the staff's parts (a participant's erasure on
//! their page, the accounts the purge will erase soon on the staff's home).

use super::{
    LinkData, LinkKind,
    api::{
        EraseLinkData, EraseParticipant, get_link_data, get_person_erasure, get_retention,
        list_accounts_due,
    },
    register::{Category, columns_of},
};
use crate::{
    accounts::ui::Refusal,
    error::AppError,
    i18n::use_texts,
    ui::{ErrorNotice, forms::FieldError, time::format_paris},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn title(page: &str) -> String {
    format!("{page} · {}", use_texts().common.app_name)
}

/// `/vos-donnees`: drawn from the register (src/privacy/register.rs) and the configured periods.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let t = use_texts();
    let retention = Resource::new(|| (), |_| get_retention());
    view! {
        <Title text=title(t.privacy.title) />
        <Suspense>
            {move || Suspend::new(async move {
                let retention = match retention.await {
                    Ok(retention) => retention,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                view! {
                    <section class="page narrow privacy">
                        <h1>{t.privacy.title}</h1>
                        <p class="lead">{t.privacy.intro}</p>
                        <h2>{t.privacy.controller_title}</h2>
                        <p>{t.privacy.controller}</p>
                        <h2>{t.privacy.held_title}</h2>
                        {Category::ALL.into_iter().map(|category| view! {
                            <section class="privacy-category">
                                <h3>{(t.privacy.category_name)(category)}</h3>
                                <p>{(t.privacy.category_why)(category)}</p>
                                <p><strong>{(t.privacy.category_kept)(category, &retention)}</strong></p>
                                <details>
                                    <summary>{t.privacy.columns_label}</summary>
                                    <p class="hint">{columns_of(category).join(", ")}</p>
                                </details>
                            </section>
                        }).collect_view()}
                        <h2>{t.privacy.rights_title}</h2>
                        <ul>{t.privacy.rights.iter().map(|right| view! { <li>{*right}</li> }).collect_view()}</ul>
                        <p>{t.privacy.complaint}</p>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// A name as staff lists show it: an erased one says so instead of leaving a blank.
pub fn or_erased(name: &str) -> String {
    if name.is_empty() {
        use_texts().privacy.erased_name.to_owned()
    } else {
        name.to_owned()
    }
}

/// The link from a private link's page to its data page.
#[component]
pub fn YourDataLink(kind: LinkKind, token: String) -> impl IntoView {
    let t = use_texts();
    view! { <p class="your-data"><a href=kind.data_path(&token)>{t.privacy.your_data_link}</a></p> }
}

/// `/vos-donnees/{kind}/{token}`: what the link holds, its download, its erasure.
#[component]
pub fn LinkDataPage() -> impl IntoView {
    let t = use_texts();
    let (kind, token) = use_params_map().with_untracked(|p| {
        (
            p.get("kind").unwrap_or_default(),
            p.get("token").unwrap_or_default(),
        )
    });
    let data = Resource::new(
        move || (kind.clone(), token.clone()),
        |(kind, token)| get_link_data(kind, token),
    );
    let erase = ServerAction::<EraseLinkData>::new();
    let erase_error = move || erase.value().get().and_then(Result::err);
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    view! {
        <Title text=title(t.privacy.title) />
        <Suspense>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <LinkDataView data token erase erase_error=Signal::derive(erase_error) /> }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn LinkDataView(
    data: LinkData,
    token: String,
    erase: ServerAction<EraseLinkData>,
    erase_error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let field = t.privacy.field;
    let rows = |fields: &[super::Field]| {
        fields
            .iter()
            .map(|f| view! { <div><dt>{field(&f.name)}</dt><dd>{f.value.clone()}</dd></div> })
            .collect_view()
    };
    let json_path = format!("{}/donnees.json", data.kind.data_path(&token));
    let back_path = data.kind.link_path(&token);
    let erase_form = match (&data.erased_at, &data.erase_refusal) {
        (Some(at), _) => view! {
            <p class="notice notice-ok" role="status">{(t.privacy.erased_notice)(&format_paris(*at))}</p>
        }
        .into_any(),
        (None, Some(key)) => view! {
            <h2>{t.privacy.erase_title}</h2>
            <p class="notice notice-warning">{format!("{} {}", t.privacy.erase_wait, (t.errors.message)(key))}</p>
        }
        .into_any(),
        (None, None) => view! {
            <h2>{t.privacy.erase_title}</h2>
            <p>{t.privacy.erase_explain}</p>
            {data.erase_cancels.then(|| view! { <p><strong>{t.privacy.erase_cancels}</strong></p> })}
            {move || erase_error.get().map(|error| view! { <ErrorNotice error /> })}
            <ActionForm attr:novalidate=true action=erase attr:class="form">
                <input type="hidden" name="kind" value=data.kind.slug() />
                <input type="hidden" name="token" value=token.clone() />
                <div class="field field-check">
                    <input type="checkbox" id="confirm" name="confirm" value="oui" required=true
                        aria-describedby=move || erase_error.get().and_then(|e| e.field("confirm").map(|_| "confirm-error")) />
                    <label for="confirm">{t.privacy.erase_confirm}</label>
                    <FieldError name="confirm" error=erase_error />
                </div>
                <button type="submit" class="button-danger">{t.privacy.erase_button}</button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <section class="page narrow privacy">
            <p><a href=back_path>{t.privacy.back_to_link}</a></p>
            <h1>{format!("{} · {}", t.privacy.link_title, data.reference)}</h1>
            <h2>{t.privacy.personal_title}</h2>
            <dl class="order-summary">{rows(&data.personal)}</dl>
            <p>{(t.privacy.photos)(data.photos)}</p>
            <h2>{t.privacy.record_title}</h2>
            <dl class="order-summary">{rows(&data.record)}</dl>
            <p><a class="button button-secondary" href=json_path download="">{t.privacy.download_json}</a></p>
            {erase_form}
            <p><a href="/vos-donnees">{t.privacy.title}</a></p>
        </section>
    }
}

/// On a participant's page (staff): erase them, or what their erasure did.
#[component]
pub fn PersonErasureSection(person_id: i64) -> impl IntoView {
    let t = use_texts();
    let data = Resource::new(move || person_id, get_person_erasure);
    let erase = ServerAction::<EraseParticipant>::new();
    let error = move || erase.value().get().and_then(Result::err);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(erasure) = data.await else {
                    return ().into_any();
                };
                if !erasure.is_participant {
                    return view! { <p class="hint">{t.privacy.staff_accounts_note}</p> }.into_any();
                }
                match (erasure.erased_at, erasure.report) {
                    (Some(at), report) => view! {
                        <h2>{t.privacy.person_erase_title}</h2>
                        <p class="notice notice-ok" role="status">{(t.privacy.person_erased)(&format_paris(at))}</p>
                        {report.map(|report| view! {
                            <h3>{t.privacy.deleted_title}</h3>
                            <ul>{report.deleted.iter().map(|(key, n)| view! { <li>{(t.privacy.report_item)(key, *n)}</li> }).collect_view()}</ul>
                            <h3>{t.privacy.pseudonymised_title}</h3>
                            <ul>{report.pseudonymised.iter().map(|(key, n)| view! { <li>{(t.privacy.report_item)(key, *n)}</li> }).collect_view()}</ul>
                        })}
                    }.into_any(),
                    (None, _) => view! {
                        <h2>{t.privacy.person_erase_title}</h2>
                        <p>{t.privacy.person_erase_explain}</p>
                        {move || error().map(|error| view! { <ErrorNotice error /> })}
                        <ActionForm attr:novalidate=true action=erase attr:class="form">
                            <input type="hidden" name="person_id" value=erasure.person_id />
                            <div class="field field-check">
                                <input type="checkbox" id="confirm" name="confirm" value="oui" required=true />
                                <label for="confirm">{t.privacy.person_erase_confirm}</label>
                                <FieldError name="confirm" error=Signal::derive(error) />
                            </div>
                            <button type="submit" class="button-danger">{t.privacy.person_erase_button}</button>
                        </ActionForm>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// On the staff's home: the accounts the purge erases within 30 days, if any.
#[component]
pub fn AccountsDueNotice() -> impl IntoView {
    let t = use_texts();
    let due = Resource::new(|| (), |_| list_accounts_due());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match due.await {
                    Ok(due) if !due.is_empty() => view! {
                        <section class="notice notice-warning">
                            <h2>{t.privacy.due_title}</h2>
                            <ul>{due.into_iter().map(|a| view! {
                                <li><a href=format!("/equipe/personnes/{}", a.id)>{(t.privacy.due_item)(&a.name, &format_paris(a.erased_from))}</a></li>
                            }).collect_view()}</ul>
                            <p class="hint">{t.privacy.due_hint}</p>
                        </section>
                    }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}
