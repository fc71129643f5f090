//! Form fields with their label, hint and error message, linked for screen readers. They are
//! plain HTML: they work the same with JavaScript off.

use crate::{error::AppError, i18n::use_texts};
use leptos::prelude::*;

#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    /// The input's `type`: text, email, tel, password…
    kind: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: Option<&'static str>,
    /// The last answer of the form's server function: its message for this field, if any.
    #[prop(optional, into)]
    error: Option<Signal<Option<AppError>>>,
) -> impl IntoView {
    let message = use_texts().errors.message;
    let field_error = move || {
        error
            .and_then(|e| e.get())
            .and_then(|e| e.field(name).map(message))
    };
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let ids: Vec<&str> = [
                hint.map(|_| hint_id.as_str()),
                field_error().map(|_| error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=name>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                required=required
                aria-invalid=move || field_error().map(|_| "true")
                aria-describedby=described_by
            />
            {move || field_error().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// The error of a field that is not a text input (a group of checkboxes…).
#[component]
pub fn FieldError(name: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    let message = use_texts().errors.message;
    move || {
        error
            .get()
            .and_then(|e| e.field(name).map(message))
            .map(|text| view! { <p class="field-error">{text}</p> })
    }
}

/// The error that a plain form post (one that is not an `<ActionForm>`, such as the multipart
/// form with photos) brought back in the URL, for the server function at `path`.
pub fn url_error(path: &str) -> Option<AppError> {
    use leptos::{server::ServerActionError, server_fn::error::ServerFnUrlError};
    let error = use_context::<ServerActionError>()?;
    (error.path() == path).then(|| ServerFnUrlError::<AppError>::decode_err(error.err()))
}

/// Cancelling asks once. The first button is a link to the same page with `?annuler=1`, which
/// shows the question and the form that really cancels (`children`, whose button should say
/// `t.common.cancel_yes`), and a way back: a page, so it works the same without JavaScript, and
/// a double tap on the first button cancels nothing. With JavaScript the same question opens in
/// a dialog instead (the page's small script, server/enhance.js): one tap less, no reload.
#[component]
pub fn AskOnce(
    /// The first button's words ("Annuler ma commande").
    ask: &'static str,
    children: Children,
) -> impl IntoView {
    use leptos_router::hooks::{use_location, use_query_map};
    let t = use_texts();
    let asking = use_query_map().with_untracked(|q| q.get("annuler").is_some());
    let here = use_location().pathname.get_untracked();
    if asking {
        view! {
            <div class="card confirm-step" id="annuler" role="group" aria-labelledby="annuler-question">
                <p id="annuler-question"><strong>{format!("{ask} : {}", t.common.cancel_question)}</strong></p>
                {children()}
                <p><a class="button button-secondary" href=here>{t.common.keep}</a></p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <p><a class="button button-danger" href="?annuler=1#annuler" data-ask="annuler-dialog">{ask}</a></p>
            <dialog id="annuler-dialog" class="confirm-dialog" aria-labelledby="annuler-dialog-question">
                <p id="annuler-dialog-question"><strong>{format!("{ask} : {}", t.common.cancel_question)}</strong></p>
                {children()}
                <form method="dialog">
                    <button type="submit" class="button button-secondary">{t.common.keep}</button>
                </form>
            </dialog>
        }
        .into_any()
    }
}
