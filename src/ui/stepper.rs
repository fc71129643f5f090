//! Quantities in fewer taps: − and + buttons, large, beside a number field. Without JavaScript
//! the buttons stay hidden and the number field works alone (the phone's number keypad).

use leptos::prelude::*;

#[island]
pub fn Stepper(
    /// The input's `id` (its label points to it) and `name` (what the form sends).
    id: String,
    name: String,
    value: i64,
    min: i64,
    max: i64,
    /// "Un de moins" / "Un de plus", for screen readers (the buttons show − and +).
    fewer: String,
    more: String,
    #[prop(optional)] described_by: Option<String>,
) -> impl IntoView {
    let awake = RwSignal::new(false);
    Effect::new(move |_| awake.set(true));
    // The field keeps its own value (what the server rendered, or a refused form's draft put
    // back): the buttons read and write it, so hydrating never overwrites it.
    let input = NodeRef::<leptos::html::Input>::new();
    let step = move |by: i64| {
        if let Some(field) = input.get() {
            let n: i64 = field.value().trim().parse().unwrap_or(0);
            field.set_value(&(n + by).clamp(min, max).to_string());
        }
    };
    view! {
        <span class="stepper">
            <button type="button" class="stepper-button" aria-label=fewer aria-controls=id.clone()
                hidden=move || !awake.get() on:click=move |_| step(-1)>"−"</button>
            <input node_ref=input id=id name=name class="quantity-input" type="number" inputmode="numeric"
                min=min max=max value=value.to_string() aria-describedby=described_by />
            <button type="button" class="stepper-button" aria-label=more
                hidden=move || !awake.get() on:click=move |_| step(1)>"+"</button>
        </span>
    }
}
