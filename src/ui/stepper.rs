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
) -> impl IntoView {
    view! {
        <span class="stepper">
            <button type="button" class="stepper-button" aria-label=fewer aria-controls=id.clone() data-step="-1" hidden>"−"</button>
            <input id=id.clone() name=name class="quantity-input" type="number" inputmode="numeric"
                min=min max=max value=value.to_string() aria-describedby=described_by />
            <button type="button" class="stepper-button" aria-label=more aria-controls=id data-step="1" hidden>"+"</button>
        </span>
    }
}
