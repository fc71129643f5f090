//! Being offline: the banner on every page, and the page the service worker shows when the one
//! asked for was never saved.

use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// Says when the phone has no connection (what is shown may then be a saved copy).
#[island]
pub fn OfflineBanner(message: String) -> impl IntoView {
    let online = RwSignal::new(true);
    Effect::new(move || online.set(window().navigator().on_line()));
    let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    view! {
        <p class="offline-banner" role="status" hidden=move || online.get()>
            {message}
        </p>
    }
}

/// A screen that keeps up by itself (the kitchen's): every `seconds`, while the page is shown
/// and nothing on it has the focus, it reloads, so new orders appear without a tap. The page's
/// small script does it (server/enhance.js; not an island: the first load's budget). Without
/// JavaScript the page is as fresh as its last load.
#[component]
pub fn KeepFresh(seconds: u32) -> impl IntoView {
    view! { <span hidden data-keep-fresh=seconds></span> }
}

/// Forms kept on this phone while there was no connection, on every page of the person who filled
/// them: a form marked `data-offline` (its words for this list) that could not be sent is kept
/// and sent again when the network is back, by the page's small script (server/offline_forms.js,
/// where the rules are). `owner` is who the pages are for: the signed-in person's id, or "public".
#[component]
pub fn WaitingForms(owner: String) -> impl IntoView {
    let t = use_texts();
    view! {
        <div
            class="notice notice-waiting"
            role="status"
            hidden
            data-waiting=owner
            data-sending=t.offline.sending
            data-dont-send=t.offline.dont_send
        >
            <p><strong>{t.offline.waiting_title}</strong></p>
            <ul></ul>
            <p class="hint">{t.offline.waiting_hint}</p>
        </div>
        <p class="notice notice-ok" role="status" hidden data-sent=t.offline.sent_elsewhere></p>
    }
}

#[component]
pub fn OfflinePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=format!("{} · Coop'Manau", t.offline.title) />
        <section class="page">
            <h1>{t.offline.title}</h1>
            <p>{t.offline.body}</p>
            <p>
                // An empty href reloads the address asked for, which the worker answered with this.
                <a class="button" href="">
                    {t.offline.retry}
                </a>
            </p>
        </section>
    }
}
