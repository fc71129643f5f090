//! Pages of the counter: `/equipe/guichet` (counter mode, and the three forms) and the ticket
//! (`/guichet/ticket/{kind}/{token}`), laid out for a receipt printer's width and for A4.

use super::api::{SetCounterMode, get_counter, get_counter_ticket};
use crate::{
    accounts::ui::Refusal,
    alterations::format_euros,
    i18n::{Catalogue, use_texts},
    ui::ErrorNotice,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn title(t: &Catalogue, page: &str) -> String {
    format!("{page} · {}", t.common.app_name)
}

/// `/equipe/guichet`.
#[component]
pub fn CounterPage() -> impl IntoView {
    let t = use_texts();
    let counter = Resource::new(|| (), |_| get_counter());
    let mode = ServerAction::<SetCounterMode>::new();
    let error = Signal::derive(move || mode.value().get().and_then(Result::err));
    view! {
        <Title text=title(t, t.counter.title) />
        <Suspense>
            {move || Suspend::new(async move {
                let counter = match counter.await {
                    Ok(counter) => counter,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let c = &t.counter;
                view! {
                    <section class="page narrow">
                        <h1>{c.title}</h1>
                        <p class="lead">{c.intro}</p>
                        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                        {if counter.on {
                            view! {
                                <p class="notice notice-ok" role="status">{c.on}</p>
                                <ul class="link-list counter-forms">
                                    {counter.kinds.iter().map(|kind| view! {
                                        <li><a class="button button-large" href=kind.form_path()>{(c.take)(*kind)}</a></li>
                                    }).collect_view()}
                                </ul>
                                <ActionForm attr:novalidate=true action=mode attr:class="form-inline">
                                    <input type="hidden" name="on" value="non" />
                                    <button type="submit" class="button-secondary">{c.stop}</button>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! {
                                <p>{c.off}</p>
                                <ActionForm attr:novalidate=true action=mode attr:class="form-inline">
                                    <input type="hidden" name="on" value="oui" />
                                    <button type="submit" class="button-large">{c.start}</button>
                                </ActionForm>
                            }.into_any()
                        }}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// `/guichet/ticket/{kind}/{token}`: what the resident takes home.
#[component]
pub fn TicketPage() -> impl IntoView {
    let t = use_texts();
    let (kind, token) = use_params_map().with_untracked(|p| {
        (
            p.get("kind").unwrap_or_default(),
            p.get("token").unwrap_or_default(),
        )
    });
    let ticket = Resource::new(
        move || (kind.clone(), token.clone()),
        |(kind, token)| get_counter_ticket(kind, token),
    );
    view! {
        <Title text=title(t, t.counter.ticket_title) />
        <Suspense>
            {move || Suspend::new(async move {
                let ticket = match ticket.await {
                    Ok(ticket) => ticket,
                    Err(error) => return view! { <Refusal error /> }.into_any(),
                };
                let c = &t.counter;
                let price = ticket.price_cents.map(|cents| {
                    if ticket.price_from { format!("{} {}", c.from, format_euros(cents)) } else { format_euros(cents) }
                });
                view! {
                    <section class="page">
                        <p class="no-print notice notice-ok" role="status">{c.print_hint}</p>
                        <article class="ticket" aria-labelledby="ticket-reference">
                            <p class="ticket-coop"><strong>{t.common.app_name}</strong>" · Blanchemaille, Roubaix"</p>
                            <p>{(c.kind_name)(ticket.kind)}</p>
                            <p class="ticket-reference" id="ticket-reference">{ticket.reference.clone()}</p>
                            <ul class="ticket-lines">
                                {ticket.lines.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}
                            </ul>
                            <p><strong>{(c.when)(ticket.kind)}</strong>" "{ticket.when.clone()}</p>
                            {price.map(|p| view! { <p><strong>{c.price}</strong>" "{p}</p> })}
                            {(!ticket.hours.is_empty()).then(|| view! {
                                <p class="ticket-hours"><strong>{c.hours}</strong></p>
                                <ul class="ticket-hours">
                                    {ticket.hours.iter().map(|(day, opens, closes)| view! {
                                        <li>{format!("{} {opens}–{closes}", t.home.weekdays[usize::from(day.saturating_sub(1)).min(6)])}</li>
                                    }).collect_view()}
                                </ul>
                            })}
                            <div class="qr" role="img" aria-label=c.qr_label inner_html=ticket.qr_svg.clone()></div>
                            <p class="ticket-link">{ticket.link.clone()}</p>
                        </article>
                        <p class="no-print"><a class="button" href="/equipe/guichet">{c.next}</a></p>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
