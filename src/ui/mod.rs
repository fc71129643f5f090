//! Shared pieces of the interface: layout, navigation, language switch, offline banner, errors.

pub mod forms;
pub mod icons;
pub mod layout;
pub mod locale;
pub mod offline;
pub mod pictograms;
pub mod stepper;
pub use offline::KeepFresh;
pub mod share;
pub mod time;

use crate::{error::AppError, i18n::use_texts};
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the HTTP status of the page being rendered on the server (a no-op in the browser).
pub fn respond_with_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// The sentence shown to a person for an error, in their language.
pub fn error_text(error: &AppError) -> String {
    use_texts().errors.sentence(error)
}

/// An error said in words, announced to screen readers. For a form, its error summary: how many
/// things to correct, each a link to its field (which shows the message beside it too). A refused
/// form post comes back at `#erreurs` (server::drafts), and the summary takes the focus, so
/// whoever cannot see the page hears it first.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let texts = use_texts();
    let message = texts.errors.message;
    let heading = match &error {
        AppError::Validation(fields) => (texts.errors.to_correct)(fields.len()),
        _ => error_text(&error),
    };
    let fields = match &error {
        AppError::Validation(fields) => fields
            .iter()
            .map(|(name, key)| (format!("#{name}"), message(key)))
            .collect(),
        _ => Vec::new(),
    };
    view! {
        <div class="notice notice-error error-summary" role="alert" id="erreurs" tabindex="-1" autofocus>
            <p class="error-summary-title">{heading}</p>
            {(!fields.is_empty()).then(|| view! {
                <ul>
                    {fields.into_iter().map(|(href, text)| view! { <li><a href=href>{text}</a></li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    respond_with_status(404);
    let t = use_texts();
    view! {
        <Title text=format!("{} · Coop'Manau", t.not_found.title) />
        <section class="page">
            <h1>{t.not_found.title}</h1>
            <p>{t.not_found.body}</p>
            <p>
                <a class="button" href="/">
                    {t.not_found.back_home}
                </a>
            </p>
        </section>
    }
}
