//! "Mon planning" without a connection: the forms it wraps (confirm, declare an absence) are sent
//! by `fetch`; when that fails (no data), the form is kept in this phone's storage, shown as
//! waiting, and sent again as soon as the phone is back online. Each kept form holds the person
//! it was filled for, and only that person's page sends it: a phone passed to someone else never
//! sends it under their session (the server refuses it too). Absence forms carry an idempotency
//! key, so a form sent twice (a reply lost on the way) is written once.
//!
//! Without JavaScript the forms are ordinary posts; this island only adds the queue.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The words the island shows (islands get no context: the page hands them over).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueTexts {
    pub waiting_title: String,
    pub waiting_hint: String,
    pub sending: String,
}

/// A form kept while offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub person_id: i64,
    pub action: String,
    /// The form's fields, URL-encoded as the browser would send them.
    pub body: String,
    /// What the person did, in their words ("Absence : Cuisine, mardi 1 décembre 09:00").
    pub label: String,
}

#[island]
pub fn OfflineQueue(person_id: i64, texts: QueueTexts, children: Children) -> impl IntoView {
    let pending = RwSignal::new(Vec::<Pending>::new());
    let sending = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        use browser::*;
        let replay = move || {
            if sending.get_untracked() || !online() {
                return;
            }
            sending.set(true);
            leptos::task::spawn_local(async move {
                let mut last_url = None;
                for item in load(person_id) {
                    match post(&item.action, &item.body).await {
                        Ok(url) => {
                            forget(&item);
                            last_url = Some(url);
                        }
                        Err(()) => break,
                    }
                }
                sending.set(false);
                pending.set(load(person_id));
                // The page as the server now sees it (or the refusal it answered).
                if let Some(url) = last_url {
                    let _ = window().location().assign(&url);
                }
            });
        };
        Effect::new(move || {
            pending.set(load(person_id));
            replay();
        });
        let listener = window_event_listener(leptos::ev::online, move |_| replay());
        on_cleanup(move || listener.remove());
    }
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        browser::submit(event, person_id, pending);
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, person_id);
    };
    view! {
        <div class="offline-queue" on:submit=on_submit>
            <div class="notice notice-waiting" role="status" hidden=move || pending.with(Vec::is_empty)>
                <p><strong>{texts.waiting_title}</strong></p>
                <ul>
                    {move || pending.get().into_iter().map(|p| view! { <li>{p.label}</li> }).collect_view()}
                </ul>
                <p class="hint">{move || if sending.get() { texts.sending.clone() } else { texts.waiting_hint.clone() }}</p>
            </div>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Pending;
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    const KEY: &str = "coop-manau-pending";

    pub fn online() -> bool {
        window().navigator().on_line()
    }

    fn all() -> Vec<Pending> {
        window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    fn save(items: &[Pending]) {
        if let (Some(storage), Ok(json)) = (
            window().local_storage().ok().flatten(),
            serde_json::to_string(items),
        ) {
            let _ = storage.set_item(KEY, &json);
        }
    }

    /// This person's kept forms, oldest first (others' stay kept, unsent).
    pub fn load(person_id: i64) -> Vec<Pending> {
        all()
            .into_iter()
            .filter(|p| p.person_id == person_id)
            .collect()
    }

    pub fn keep(item: Pending) {
        let mut items = all();
        if !items.contains(&item) {
            items.push(item);
        }
        save(&items);
    }

    pub fn forget(item: &Pending) {
        let items: Vec<Pending> = all().into_iter().filter(|p| p != item).collect();
        save(&items);
    }

    /// Posts a form like the browser would; the address it ended on, or Err when the network failed.
    pub async fn post(action: &str, body: &str) -> Result<String, ()> {
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&JsValue::from_str(body));
        init.set_credentials(web_sys::RequestCredentials::SameOrigin);
        let headers = web_sys::Headers::new().map_err(|_| ())?;
        headers
            .set("Content-Type", "application/x-www-form-urlencoded")
            .map_err(|_| ())?;
        // As a plain form post: the server answers with a redirect to the page to show.
        headers.set("Accept", "text/html").map_err(|_| ())?;
        init.set_headers(&headers);
        let response = JsFuture::from(window().fetch_with_str_and_init(action, &init))
            .await
            .map_err(|_| ())?;
        let response: web_sys::Response = response.dyn_into().map_err(|_| ())?;
        Ok(response.url())
    }

    /// A form of the planning sent: by fetch, kept when that fails.
    pub fn submit(event: leptos::ev::SubmitEvent, person_id: i64, pending: RwSignal<Vec<Pending>>) {
        let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let Some(label) = form.get_attribute("data-offline") else {
            return;
        };
        event.prevent_default();
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let Ok(body) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
            return;
        };
        let item = Pending {
            person_id,
            action: form.action(),
            body: String::from(body.to_string()),
            label,
        };
        leptos::task::spawn_local(async move {
            match post(&item.action, &item.body).await {
                Ok(url) => {
                    let _ = window().location().assign(&url);
                }
                Err(()) => {
                    keep(item);
                    pending.set(load(person_id));
                }
            }
        });
    }
}
