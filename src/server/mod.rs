//! Server-only plumbing: configuration, database, state, security layers, the HTML shell.

pub mod assets;
pub mod backup;
pub mod cache;
pub mod check;
pub mod config;
pub mod csv;
pub mod db;
pub mod demo;
pub mod drafts;
pub mod files;
pub mod history;
pub mod ics;
pub mod multipart;
pub mod rate_limit;
pub mod request;
pub mod response;
pub mod router;
pub mod security;
pub mod serve;
pub mod shell;
pub mod signing;
pub mod state;

pub use state::{AppState, state};

/// Now, in Unix seconds (UTC): how the database stores instants.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

use std::sync::Arc;

/// Builds the state from a configuration: opens and migrates the database, seeds the demo data
/// when asked, reads the built assets' names.
pub async fn build_state(config: config::Config) -> Result<AppState, Box<dyn std::error::Error>> {
    let db = db::Db::connect(&config.database_url, config.db_readers).await?;
    db.migrate().await?;
    if config.demo {
        demo::seed(&db).await?;
        if config.demo_history_years > 0 {
            demo::seed_history(&db, config.demo_history_years).await?;
        }
    }
    let signer = signing::Signer::new(db.server_secret().await?);
    let exe_dir = std::env::current_exe()?.parent().map(ToOwned::to_owned);
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("coop-manau")
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        // cargo-leptos writes hash.txt beside the server binary when `hash-files` is on.
        .hash_files(exe_dir.is_some_and(|dir| dir.join("hash.txt").exists()))
        .build();
    let assets = assets::Assets::load(&leptos_options);
    let bookings = crate::campaigns::batch::BookingWriter::start(db.clone());
    Ok(AppState::new(state::Shared {
        leptos_options,
        db,
        config: Arc::new(config),
        assets: Arc::new(assets),
        limits: Arc::new(rate_limit::Limits::default()),
        signer: Arc::new(signer),
        service_hours: Arc::new(cache::Cached::new(std::time::Duration::from_secs(30))),
        // Measured: one query per home page took it from 13,800 to 8,500 req/s.
        calendar: Arc::new(cache::Cached::new(std::time::Duration::from_secs(30))),
        // Short: the cut-off passes and services start without any write to forget it.
        lunch_menus: Arc::new(cache::Cached::new(std::time::Duration::from_secs(5))),
        // Staff writes forget it at once; the time limit covers changes made outside the app.
        open_campaigns: Arc::new(cache::Cached::new(std::time::Duration::from_secs(5))),
        bookings,
        campaign_shares: Default::default(),
        photo_decodes: crate::alterations::photo::DecodeGate::per_core(),
        upload_reads: Default::default(),
        drafts: Default::default(),
        // Re-encoded phone photos are a few hundred KB: some fifty forms' worth.
        kept_photos: Arc::new(drafts::Kept::new(32 * 1024 * 1024)),
    }))
}
