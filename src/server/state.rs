use super::{assets::Assets, cache::Cached, config::Config, db::Db, rate_limit::Limits};
use crate::error::AppError;
use crate::home::ServiceHours;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Everything a request handler or server function needs, built once at start-up (or by a test).
/// One `Arc`: every request clones the state into its context several times, and cloning the
/// fields one by one (LeptosOptions alone holds a dozen `Arc`s) was ~3% of a booking's CPU (perf).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

#[derive(Clone)]
pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub assets: Arc<Assets>,
    pub limits: Arc<Limits>,
    /// Signs shared campaign links and known-device cookies (src/server/signing.rs).
    pub signer: Arc<super::signing::Signer>,
    /// The home page's opening hours (changed only by staff, rarely).
    pub service_hours: Arc<Cached<Vec<ServiceHours>>>,
    /// Today and the closures to come, for the home page (staff's changes forget it).
    pub calendar: Arc<Cached<crate::home::calendar::Calendar>>,
    /// The coming lunch menus (src/lunch/service.rs `public_menus`), also on the home page.
    pub lunch_menus: Arc<Cached<Vec<crate::lunch::Menu>>>,
    /// The campaigns open for booking (src/campaigns/service.rs `book`): a rush reads nothing
    /// before its insert.
    pub open_campaigns: Arc<Cached<crate::campaigns::service::OpenCampaigns>>,
    /// Commits the bookings of a rush together (src/campaigns/batch.rs).
    pub bookings: crate::campaigns::batch::BookingWriter,
    /// Each address's share of each campaign (src/campaigns/share.rs).
    pub campaign_shares: crate::campaigns::share::Shares,
    /// Photo decodes at once: one per core (src/alterations/photo.rs).
    pub photo_decodes: crate::alterations::photo::DecodeGate,
    /// Forms with photos being read at once (server::security::check_body).
    pub upload_reads: Arc<super::security::UploadReads>,
    /// What refused forms carried, to put back into them (src/server/drafts.rs).
    pub drafts: Arc<super::drafts::Drafts>,
    /// The photos of refused alteration requests, re-encoded, for their corrected form.
    pub kept_photos: Arc<super::drafts::Kept<crate::alterations::photo::StoredPhoto>>,
}

impl AppState {
    pub fn new(shared: Shared) -> AppState {
        AppState(Arc::new(shared))
    }

    /// The same state with other bundle names (tests: no cargo-leptos build beside them).
    pub fn with_assets(&self, assets: Assets) -> AppState {
        AppState::new(Shared {
            assets: Arc::new(assets),
            ..(*self.0).clone()
        })
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// leptos_axum's file handler takes the options from the state.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, from a server function or a server-rendered component.
pub fn state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| AppError::internal("AppState missing from the context"))
}
