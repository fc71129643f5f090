//! The language switch: a plain form (works without JavaScript) that remembers the choice in a
//! cookie, then comes back to the same page.

use super::{ErrorNotice, icons::GlobeIcon};
use crate::{
    error::AppError,
    i18n::{Locale, use_locale, use_texts},
};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "set_locale")]
pub async fn set_locale(locale: String) -> Result<(), AppError> {
    use crate::{i18n::LOCALE_COOKIE, server::state};
    let locale =
        Locale::from_code(&locale).ok_or_else(|| AppError::invalid("locale", "locale_unknown"))?;
    let secure = if state()?.config.is_https() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        locale.code()
    );
    let value = cookie.parse().map_err(AppError::internal)?;
    expect_context::<leptos_axum::ResponseOptions>().append_header(http::header::SET_COOKIE, value);
    Ok(())
}

#[component]
pub fn LocaleSwitch() -> impl IntoView {
    let t = use_texts();
    let other = match use_locale() {
        Locale::Fr => Locale::En,
        Locale::En => Locale::Fr,
    };
    let action = ServerAction::<SetLocale>::new();
    view! {
        <ActionForm attr:novalidate=true action=action attr:class="locale-switch">
            <input type="hidden" name="locale" value=other.code() />
            <button type="submit" class="button-quiet" lang=other.code()>
                <GlobeIcon />
                <span class="visually-hidden">{t.common.language}": "</span>
                {other.native_name()}
            </button>
        </ActionForm>
        {move || action.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error /> })}
    }
}
