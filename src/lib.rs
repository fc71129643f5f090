//! Coop'Manau: one crate, built for the server (`ssr`) and for the browser (`hydrate`, islands).

pub mod accounts;
pub mod alterations;
pub mod app;
pub mod campaigns;
pub mod catering;
pub mod counter;
pub mod error;
pub mod figures;
pub mod home;
pub mod i18n;
pub mod inbox;
pub mod lunch;
pub mod made_to_order;
pub mod partners;
pub mod pathway;
pub mod planning;
pub mod privacy;
pub mod quotes;
#[cfg(feature = "ssr")]
pub mod server;
pub mod text;
pub mod ui;

/// The browser entry point: wakes up the islands, then marks the page as ready (tests wait for it).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
