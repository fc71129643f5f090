//! The HTML document around every page: language, CSP nonce, assets, service worker.

use super::{request, security::page_csp, state::AppState};
use crate::{
    accounts::{RequestUser, session::Session},
    app::App,
};
use leptos::{nonce::use_nonce, prelude::*};
use leptos_axum::ResponseOptions;
use leptos_meta::MetaTags;

/// Registers the service worker and asks it to keep the page just opened (fetched before it
/// controlled the page), so the first visited page already works offline.
const SERVICE_WORKER_REGISTRATION: &str = r#"if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready)
    .then((r) => r.active && r.active.postMessage({ type: "cache-page", url: location.href }))
    .catch(() => {});
}"#;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let parts = use_context::<http::request::Parts>();
    let locale = parts
        .as_ref()
        .map(|parts| request::locale(&parts.headers))
        .unwrap_or_default();
    provide_context(locale);
    let user = parts.and_then(|parts| parts.extensions.get::<Session>().map(|s| s.user.clone()));
    provide_context(RequestUser(user));
    let texts = locale.texts();
    let nonce = use_nonce();
    if let Some(response) = use_context::<ResponseOptions>() {
        if let Some(Ok(csp)) = nonce.as_ref().map(|nonce| page_csp(nonce).parse()) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, csp);
        }
        response.insert_header(
            http::header::CONTENT_LANGUAGE,
            http::HeaderValue::from_static(locale.code()),
        );
        response.insert_header(
            http::header::VARY,
            http::HeaderValue::from_static("Cookie, Accept-Language"),
        );
    }
    let css = use_context::<AppState>()
        .map(|state| format!("/{}/{}", options.site_pkg_dir, state.assets.css))
        .unwrap_or_default();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content=texts.common.meta_description />
                <meta name="theme-color" content="#1b5e4b" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/favicon.ico" sizes="32x32" />
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
                <link rel="stylesheet" href=css />
                <IslandScripts pkg=options.site_pkg_dir.to_string() />
                <script nonce=nonce.clone()>{SERVICE_WORKER_REGISTRATION}</script>
                <MetaTags />
            </head>
            <body>
                <App />
                <script nonce=nonce src=ENHANCE_PATH.as_str() defer></script>
            </body>
        </html>
    }
}

/// The page's small script: steppers, totals, dialogs, self-refreshing screens, forms that wait
/// offline (see the scripts for why not islands). A file of its own rather than inline: 9 KB
/// (3 KB brotli) that every page would carry again; this way a phone fetches it once, cached for
/// a year under a name that changes with its content, and the service worker precaches it.
pub const ENHANCE: &str = concat!(include_str!("enhance.js"), include_str!("offline_forms.js"));

/// Where the page's small script is served: `/enhance.<content hash>.js`.
pub static ENHANCE_PATH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(ENHANCE.as_bytes());
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("/enhance.{hash}.js")
});

/// What leptos' `<HydrationScripts islands=true>` renders, without one flaw: it writes the CSP
/// nonce into the preload links' `crossorigin` attribute, where any CSS selector or script on
/// the page can read it (a nonce must only ever be in `nonce`, which browsers hide from the
/// DOM). Here the links say `crossorigin="anonymous"` (what the nonce value meant to the
/// browser: an unknown value is "anonymous"), and the loader is the app's own islands.js.
#[component]
fn IslandScripts(pkg: String) -> impl IntoView {
    const LOADER: &str = include_str!("islands.js");
    // As leptos does in islands mode: the page is not hydrated as a whole, only its islands.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let (js, wasm) = use_context::<AppState>()
        .map(|state| {
            (
                format!("/{pkg}/{}", state.assets.js),
                format!("/{pkg}/{}", state.assets.wasm),
            )
        })
        .unwrap_or_default();
    let start = format!("{LOADER}({js:?}, {wasm:?});");
    view! {
        <link rel="modulepreload" href=js.clone() crossorigin="anonymous" />
        <link
            rel="preload"
            href=wasm.clone()
            r#as="fetch"
            r#type="application/wasm"
            crossorigin="anonymous"
        />
        <script type="module" nonce=use_nonce()>
            {start}
        </script>
    }
}
