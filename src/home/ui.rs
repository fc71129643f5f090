use super::{ServiceHours, api::list_service_hours, days_and_ranges};
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

            <h2>{t.home.visit_title}</h2>
            <p>{t.home.visit}</p>
        </section>
    }
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
            Some(view! {
                <article class="card service" id=service.slug.clone()>
                    <h3>{name}</h3>
                    <p>{description}</p>
                    {hours}
                </article>
            })
        })
        .collect_view()
}
