//! Quantities in fewer taps: − and + buttons, large, beside a number field. The buttons are
//! hidden until the page's small script (server/enhance.js) shows and drives them: without
//! JavaScript the number field works alone (the phone's number keypad). Not an island: as one
//! it cost too much of the first load's budget (BENCHMARKS.md).

use leptos::prelude::*;

#[component]
pub fn Stepper(
    /// The input's `id` (its label points to it) and `name` (what the form sends).
    id: String,
    name: String,
    value: i64,
    min: i64,
    max: i64,
    /// "Un de moins : Ourlet" / "Un de plus : Ourlet", for screen readers (they show − and +).
    fewer: String,
    more: String,
    #[prop(optional)] described_by: Option<String>,
    /// The unit price, for the form's [`RunningTotal`]; `on_quote` when it has none yet.
    #[prop(optional)]
    price_cents: Option<i64>,
    #[prop(optional)] on_quote: bool,
) -> impl IntoView {
    view! {
        <span class="stepper">
            <button type="button" class="stepper-button" aria-label=fewer aria-controls=id.clone() data-step="-1" hidden>"−"</button>
            <input id=id.clone() name=name class="quantity-input" type="number" inputmode="numeric"
                min=min max=max value=value.to_string() aria-describedby=described_by
                data-price=price_cents data-quote=on_quote.then_some("") />
            <button type="button" class="stepper-button" aria-label=more aria-controls=id data-step="1" hidden>"+"</button>
        </span>
    }
}

/// What the quantities chosen so far cost, kept up to date by the page's small script as they
/// change (`price_cents` of each [`Stepper`]; "+ sur devis" when one has no price yet). Hidden
/// without JavaScript: the next step, or the server, gives the total then.
#[component]
pub fn RunningTotal(
    /// "Total estimé :".
    label: String,
    /// What is added when a chosen line has no price yet ("sur devis").
    #[prop(optional)]
    on_quote: &'static str,
) -> impl IntoView {
    view! {
        <p class="running-total" hidden data-total data-quote=on_quote aria-live="polite">
            {label} " " <output></output>
        </p>
    }
}
