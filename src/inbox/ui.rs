//! The inbox on the staff's home: counts per kind, filters (sector, "for me"), then each item,
//! oldest first, one tap from its decision page, with "Je m'en occupe".

use super::{
    SECTORS,
    api::{ClaimInboxItem, get_inbox},
};
use crate::{
    accounts::ui::Refusal,
    i18n::use_texts,
    lunch::ui::service_date,
    ui::{ErrorNotice, time::format_paris},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Inbox() -> impl IntoView {
    let t = use_texts();
    let (sector, mine) = use_query_map().with_untracked(|q| {
        (
            q.get("secteur").unwrap_or_default(),
            q.get("pour_moi").as_deref() == Some("1"),
        )
    });
    let back = {
        let mut parts = Vec::new();
        if !sector.is_empty() {
            parts.push(format!("secteur={sector}"));
        }
        if mine {
            parts.push("pour_moi=1".to_owned());
        }
        parts.join("&")
    };
    let inbox = Resource::new(
        {
            let sector = sector.clone();
            move || (sector.clone(), mine)
        },
        |(sector, mine)| get_inbox(Some(sector), mine.then(|| "1".to_owned())),
    );
    let claim = ServerAction::<ClaimInboxItem>::new();
    let error = Signal::derive(move || claim.value().get().and_then(Result::err));
    view! {
        <Suspense>
            {move || {
                let (sector, back) = (sector.clone(), back.clone());
                Suspend::new(async move {
                    let inbox = match inbox.await {
                        Ok(inbox) => inbox,
                        Err(error) => return view! { <Refusal error /> }.into_any(),
                    };
                    let i = &t.inbox;
                    let total: i64 = inbox.counts.iter().map(|(_, n)| n).sum();
                    view! {
                        <section class="inbox" aria-labelledby="inbox-title">
                            <h2 id="inbox-title">{(i.title)(total)}</h2>
                            {move || error.get().map(|error| view! { <ErrorNotice error /> })}
                            <form method="get" action="/equipe" class="filters">
                                <div class="field">
                                    <label for="secteur">{i.sector}</label>
                                    <select id="secteur" name="secteur">
                                        <option value="">{i.all_sectors}</option>
                                        {SECTORS.iter().map(|s| view! { <option value=*s selected=sector == *s>{(i.sector_name)(s)}</option> }).collect_view()}
                                    </select>
                                </div>
                                <label class="choice"><input type="checkbox" name="pour_moi" value="1" checked=inbox.mine />" "{i.for_me}</label>
                                <button type="submit" class="button-secondary">{i.filter}</button>
                            </form>
                            <ul class="inbox-counts">
                                {inbox.counts.iter().filter(|(_, n)| *n > 0).map(|(kind, n)| view! {
                                    <li><span class="badge">{*n}</span>" "{(i.kind)(kind)}</li>
                                }).collect_view()}
                            </ul>
                            {inbox.items.is_empty().then(|| view! { <p class="notice notice-ok">{i.empty}</p> })}
                            <ul class="cards inbox-items">
                                {inbox.items.into_iter().map(|item| {
                                    let back = back.clone();
                                    let taken = item.taken_by.clone();
                                    let what = [
                                        Some(item.detail.clone()).filter(|d| !d.is_empty()),
                                        item.day.as_deref().map(|d| service_date(t, d)),
                                        (item.count > 0).then(|| (i.count)(&item.kind, item.count)),
                                    ]
                                    .into_iter()
                                    .flatten()
                                    .collect::<Vec<_>>()
                                    .join(" · ");
                                    view! {
                                        <li class="card inbox-item">
                                            <p>
                                                <a href=item.link.clone()><strong>{(i.kind)(&item.kind)}</strong></a>
                                                {(!what.is_empty()).then(|| format!(" · {what}"))}
                                            </p>
                                            <p class="meta">
                                                {(i.since)(&format_paris(item.since))}
                                                {taken.as_ref().map(|(_, name)| format!(" · {}", (i.taken_by)(name)))}
                                            </p>
                                            <ActionForm attr:novalidate=true action=claim attr:class="form-inline">
                                                <input type="hidden" name="kind" value=item.kind.clone() />
                                                <input type="hidden" name="id" value=item.id />
                                                <input type="hidden" name="take" value=if taken.is_some() { "non" } else { "oui" } />
                                                <input type="hidden" name="retour" value=back />
                                                <button type="submit" class="button-secondary">{if taken.is_some() { i.leave } else { i.take }}</button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any()
                })
            }}
        </Suspense>
    }
}
