use super::{assets::Assets, cache::Cached, config::Config, db::Db, rate_limit::Limits};
use crate::error::AppError;
use crate::home::ServiceHours;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Everything a request handler or server function needs, built once at start-up (or by a test).
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub assets: Arc<Assets>,
    pub limits: Arc<Limits>,
    /// The home page's opening hours (changed only by staff, rarely).
    pub service_hours: Arc<Cached<Vec<ServiceHours>>>,
    /// The coming lunch menus (src/lunch/service.rs `public_menus`), also on the home page.
    pub lunch_menus: Arc<Cached<Vec<crate::lunch::Menu>>>,
    /// Commits the bookings of a rush together (src/campaigns/batch.rs).
    pub bookings: crate::campaigns::batch::BookingWriter,
}

/// The state, from a server function or a server-rendered component.
pub fn state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| AppError::internal("AppState missing from the context"))
}
