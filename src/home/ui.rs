use super::{
    ServiceHours,
    api::{
        AddClosure, AddOpeningHours, RemoveClosure, RemoveOpeningHours, get_calendar,
        list_service_hours,
    },
    calendar::Closure,
    days_and_ranges,
};
use crate::{
    accounts::ui::Refusal,
    error::AppError,
    ui::forms::{FieldError, TextField},
};
use crate::{
    i18n::{Catalogue, use_texts},
    ui::ErrorNotice,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=format!("{} · {}", t.common.app_name, t.common.tagline) />
        <section class="page home">
            <h1>{t.home.title}</h1>
            <p class="lead">{t.common.tagline}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    // The closures of the next weeks, before anything else: nobody comes for nothing.
                    let Ok(calendar) = get_calendar().await else { return ().into_any() };
                    let soon = crate::ui::time::format_date(calendar.today + 45);
                    calendar.closures.into_iter()
                        .filter(|c| c.first_day <= soon)
                        .map(|c| view! { <p class="notice notice-warning" role="status">{closure_text(t, &c)}</p> })
                        .collect_view()
                        .into_any()
                })}
            </Suspense>
            <p>{t.home.intro}</p>

            <h2>{t.home.services_title}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    // A plain future, not a Resource: islands never need this data in the
                    // browser, so nothing is registered for serialization.
                    match list_service_hours().await {
                        Ok(services) => view! { <ServiceList services t /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>

            <crate::lunch::ui::LunchSummary />

            <h2>{t.home.actions_title}</h2>
            <ul class="actions">
                {t.home.actions.iter().map(|action| view! { <li>{*action}</li> }).collect_view()}
            </ul>
            <p>
                <a class="button" href="/retouches">{t.alterations.home_call}</a>
            </p>
            <p>
                <a class="button button-secondary" href="/ourlets">{t.campaigns.home_call}</a>
            </p>

            <h2>{t.home.visit_title}</h2>
            <p>{t.home.visit}</p>
        </section>
    }
}

/// "Fermé du lundi 21 décembre au dimanche 3 janvier : Vacances de Noël".
fn closure_text(t: &Catalogue, closure: &Closure) -> String {
    let day = |d: &str| {
        crate::ui::time::parse_date(d)
            .map(|days| crate::ui::time::day_label(t, days))
            .unwrap_or_default()
    };
    (t.home.closure_text)(
        &day(&closure.first_day),
        &day(&closure.last_day),
        &closure.label,
    )
}

#[component]
fn ServiceList(services: Vec<ServiceHours>, t: &'static Catalogue) -> impl IntoView {
    services
        .into_iter()
        .filter_map(|service| {
            let (name, description) = (t.home.service)(&service.slug)?;
            let days = days_and_ranges(&service.hours, &t.home.weekdays);
            let hours = (!days.is_empty()).then(|| {
                view! {
                    <dl class="hours" aria-label=format!("{} : {}", t.home.hours_title, name)>
                        {days
                            .into_iter()
                            .map(|(day, ranges)| view! {
                                <div>
                                    <dt>{day}</dt>
                                    <dd>{ranges}</dd>
                                </div>
                            })
                            .collect_view()}
                    </dl>
                }
            });
            // The activities people can ask for from here.
            let ask = match service.slug.as_str() {
                "traiteur" => Some(("/traiteur", t.catering.title)),
                "textile" | "palettes" => Some(("/sur-mesure", t.made_to_order.title)),
                _ => None,
            }
            .map(|(href, label)| view! { <p><a class="button" href=href>{label}</a></p> });
            Some(view! {
                <article class="card service" id=service.slug.clone()>
                    <h3>{name}</h3>
                    <p>{description}</p>
                    {hours}
                    {ask}
                </article>
            })
        })
        .collect_view()
}

/// Staff: the opening hours of each activity. The conciergerie's are the days people may
/// choose to drop off their clothes.
#[component]
pub fn HoursPage() -> impl IntoView {
    let t = use_texts();
    let hours = Resource::new(|| (), |_| list_service_hours());
    let add = ServerAction::<AddOpeningHours>::new();
    let remove = ServerAction::<RemoveOpeningHours>::new();
    let calendar = Resource::new(|| (), |_| get_calendar());
    let add_closure = ServerAction::<AddClosure>::new();
    let remove_closure = ServerAction::<RemoveClosure>::new();
    let error = Signal::derive(move || {
        add.value()
            .get()
            .and_then(Result::err)
            .or_else(|| remove.value().get().and_then(Result::err))
            .or_else(|| add_closure.value().get().and_then(Result::err))
            .or_else(|| remove_closure.value().get().and_then(Result::err))
    });

    // Reading the hours is public; changing them is for staff: say so before showing the form.
    let user = crate::accounts::use_request_user();
    let refusal = match &user {
        None => Some(AppError::Unauthorized),
        Some(user) if !user.role.is_staff() => Some(AppError::Forbidden),
        Some(_) => None,
    };
    if let Some(error) = refusal {
        return view! { <Refusal error /> }.into_any();
    }
    view! {
        <Title text=format!("{} · {}", t.home.hours_admin_title, t.common.app_name) />
        <section class="page">
            <h1>{t.home.hours_admin_title}</h1>
            <p>{t.home.hours_admin_intro}</p>
            {move || error.get().map(|error| view! { <ErrorNotice error /> })}
            <Suspense>
                {move || Suspend::new(async move {
                    match hours.await {
                        Ok(services) => services.into_iter().filter_map(|service| {
                            let (name, _) = (t.home.service)(&service.slug)?;
                            let slug = service.slug.clone();
                            Some(view! {
                                <h2>{name}</h2>
                                {service.hours.is_empty().then(|| view! { <p>{t.home.closed}</p> })}
                                <ul class="people">
                                    {service.hours.into_iter().map(|h| {
                                        let day = t.home.weekdays.get(usize::from(h.weekday).saturating_sub(1)).copied().unwrap_or_default();
                                        let slug = slug.clone();
                                        view! {
                                            <li class="card person">
                                                <span>{format!("{day} {}–{}", h.opens, h.closes)}</span>
                                                <ActionForm attr:novalidate=true action=remove attr:class="form-inline">
                                                    <input type="hidden" name="service" value=slug.clone() />
                                                    <input type="hidden" name="weekday" value=h.weekday />
                                                    <input type="hidden" name="opens" value=h.opens.clone() />
                                                    <button type="submit" class="button-secondary">{t.home.hours_remove}</button>
                                                </ActionForm>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            })
                        }).collect_view().into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
            <h2>{t.home.hours_add}</h2>
            <ActionForm attr:novalidate=true action=add attr:class="form">
                <div class="field">
                    <label for="service">{t.home.hours_service}</label>
                    <select id="service" name="service">
                        {["conciergerie", "restaurant", "traiteur", "textile", "palettes"].into_iter().filter_map(|slug| {
                            let (name, _) = (t.home.service)(slug)?;
                            Some(view! { <option value=slug>{name}</option> })
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="weekday">{t.home.hours_weekday}</label>
                    <select id="weekday" name="weekday">
                        {t.home.weekdays.iter().enumerate().map(|(i, day)| view! { <option value=i + 1>{*day}</option> }).collect_view()}
                    </select>
                    <FieldError name="weekday" error />
                </div>
                <TextField name="opens" label=t.home.hours_opens kind="time" autocomplete="off" required=true error />
                <TextField name="closes" label=t.home.hours_closes kind="time" autocomplete="off" required=true error />
                <button type="submit">{t.home.hours_add}</button>
            </ActionForm>

            <h2 id="fermetures">{t.home.closures_title}</h2>
            <p>{t.home.closures_intro}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    match calendar.await {
                        Ok(calendar) => {
                            let holidays = calendar.holidays(366);
                            view! {
                            {calendar.closures.is_empty().then(|| view! { <p>{t.home.closures_none}</p> })}
                            <ul class="people">
                                {calendar.closures.into_iter().map(|c| view! {
                                    <li class="card person">
                                        <span>{closure_text(t, &c)}</span>
                                        <ActionForm attr:novalidate=true action=remove_closure attr:class="form-inline">
                                            <input type="hidden" name="id" value=c.id />
                                            <button type="submit" class="button-secondary">{t.home.hours_remove}</button>
                                        </ActionForm>
                                    </li>
                                }).collect_view()}
                            </ul>
                            // The public holidays of the coming year: computed, nothing to enter.
                            <h3>{t.home.holidays_title}</h3>
                            <ul>
                                {holidays.into_iter().map(|(days, key)| view! {
                                    <li>{format!("{} : {}", crate::ui::time::day_label(t, days), (t.home.holiday)(key))}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
            <h3>{t.home.closure_add}</h3>
            <ActionForm attr:novalidate=true action=add_closure attr:class="form">
                <TextField name="first_day" label=t.home.closure_first kind="date" autocomplete="off" required=true error />
                <TextField name="last_day" label=t.home.closure_last kind="date" autocomplete="off" required=true error />
                <TextField name="label" label=t.home.closure_label kind="text" autocomplete="off" required=true error />
                <button type="submit">{t.home.closure_add}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}
