//! The frame of every page: header with the coop's identity and the language switch, the offline
//! banner, the content, and the navigation (a bar at the bottom of phones, in the header on wide
//! screens). Navigation lists only capabilities that exist and that the visitor may use.

use super::{
    icons::{CalendarIcon, HomeIcon, LunchIcon, PersonIcon, ScissorsIcon, TeamIcon},
    locale::LocaleSwitch,
    offline::{OfflineBanner, WaitingForms},
};
use crate::{accounts::use_request_user, i18n::use_texts};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_texts();
    let user = use_request_user();
    let staff = user.as_ref().is_some_and(|u| u.role.is_staff());
    let participant = user
        .as_ref()
        .is_some_and(|u| u.role == crate::accounts::Role::Participant);
    view! {
        <a class="skip-link" href="#main">
            {t.common.skip_to_content}
        </a>
        <header class="site-header">
            <a class="brand" href="/">
                <img class="brand-logo" src="/icons/logo.svg" alt="" width="36" height="36" />
                <span class="brand-name">{t.common.app_name}</span>
            </a>
            <LocaleSwitch />
        </header>
        <OfflineBanner message=t.common.offline_banner.to_owned() />
        <main id="main" tabindex="-1">
            <WaitingForms owner=user.as_ref().map_or_else(|| "public".to_owned(), |u| u.id.to_string()) />
            {children()}
        </main>
        <nav class="main-nav" aria-label=t.nav.label>
            <ul>
                <NavItem href="/" label=t.nav.home>
                    <HomeIcon />
                </NavItem>
                <NavItem href="/retouches" label=t.nav.alterations>
                    <ScissorsIcon />
                </NavItem>
                <NavItem href="/dejeuner" label=t.nav.lunch>
                    <LunchIcon />
                </NavItem>
                {participant.then(|| view! {
                    <NavItem href="/planning" label=t.nav.planning>
                        <CalendarIcon />
                    </NavItem>
                })}
                {staff.then(|| view! {
                    <NavItem href="/equipe" label=t.nav.staff>
                        <TeamIcon />
                    </NavItem>
                })}
                {match user {
                    Some(_) => view! {
                        <NavItem href="/compte" label=t.nav.account>
                            <PersonIcon />
                        </NavItem>
                    }.into_any(),
                    None => view! {
                        <NavItem href="/connexion" label=t.nav.sign_in>
                            <PersonIcon />
                        </NavItem>
                    }.into_any(),
                }}
            </ul>
        </nav>
        <footer class="site-footer">
            <p>{t.common.footer}</p>
            <p><a href="/vos-donnees">{t.privacy.title}</a></p>
        </footer>
    }
}

#[component]
fn NavItem(href: &'static str, label: &'static str, children: Children) -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    let current = if href == "/" {
        path == "/"
    } else {
        path.starts_with(href)
    };
    view! {
        <li>
            <a href=href aria-current=current.then_some("page")>
                {children()}
                <span>{label}</span>
            </a>
        </li>
    }
}
