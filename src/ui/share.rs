//! "Partager ce lien": the phone's share sheet where there is one, else a copy to the clipboard.
//! Hidden until the island wakes up: without JavaScript the link is shown as text anyway.

use leptos::prelude::*;

#[island]
pub fn ShareButton(url: String, title: String, share: String, copied: String) -> impl IntoView {
    let awake = RwSignal::new(false);
    let done = RwSignal::new(false);
    Effect::new(move |_| awake.set(true));
    // The server renders the button only; the click lives in the browser.
    #[cfg(not(feature = "hydrate"))]
    let _ = (&url, &title);
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let Some(window) = web_sys::window() else {
                return;
            };
            let navigator = window.navigator();
            let data = web_sys::ShareData::new();
            data.set_title(&title);
            data.set_url(&url);
            if navigator.can_share_with_data(&data) {
                let _ = navigator.share_with_data(&data);
            } else {
                let _ = navigator.clipboard().write_text(&url);
                done.set(true);
            }
        }
    };
    view! {
        <p hidden=move || !awake.get()>
            <button type="button" class="button-secondary" on:click=on_click>{share}</button>
            <span role="status">{move || done.get().then(|| copied.clone())}</span>
        </p>
    }
}
