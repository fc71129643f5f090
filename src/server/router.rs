//! The HTTP surface: pages, server functions, static files, health, and the layers around them.

use super::{db::Health, security, shell::shell, state::AppState};
use crate::app::App;
use axum::{
    Router,
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::{from_fn, from_fn_with_state},
    response::{IntoResponse, Response},
    routing::{MethodRouter, get},
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::{compression::CompressionLayer, trace::TraceLayer};

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/sw.js", get(service_worker))
        .route(super::shell::ENHANCE_PATH.as_str(), get(enhance_script));
    for (path, handler) in file_routes() {
        router = router.route(path, handler);
    }
    router
        // Also registers every server function under /api (leptos_axum does it).
        .leptos_routes_with_context(&state, routes, context, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(super::files::fallback)
        .layer(from_fn(security::server_fn_status))
        .layer(from_fn_with_state(state.clone(), super::drafts::keep_typed))
        .layer(from_fn_with_state(
            state.clone(),
            crate::accounts::session::load_session,
        ))
        .layer(from_fn_with_state(state.clone(), security::cache_control))
        .layer(from_fn_with_state(
            state.clone(),
            security::refuse_cross_site,
        ))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(from_fn_with_state(state.clone(), security::check_body))
        .layer(from_fn_with_state(
            state.clone(),
            security::security_headers,
        ))
        // Paths and statuses only: no query strings, headers or bodies (personal data) in logs.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let path = redact_secrets(request.uri().path());
                    tracing::info_span!("request", method = %request.method(), %path)
                })
                .on_request(())
                .on_response(
                    tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO),
                ),
        )
        .with_state(state)
}

/// The routes that answer a file (a photo, a CSV, a calendar) rather than a page or a server
/// function's JSON. Listed once, so the authorization matrix (tests/app/authorization.rs) can
/// check that each has its row.
pub fn file_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        (
            "/equipe/retouches/photo/{item_id}",
            get(crate::alterations::photo::serve),
        ),
        (
            "/ourlets/reservation/{token}/agenda.ics",
            get(crate::campaigns::export::calendar_file),
        ),
        (
            "/equipe/ourlets/{id}/jour/{day}/export.csv",
            get(crate::campaigns::export::day_sheet_csv),
        ),
        (
            "/cuisine/{id}/commandes.csv",
            get(crate::lunch::download::kitchen_csv),
        ),
        (
            "/agenda/{token}/planning.ics",
            get(crate::planning::download::calendar_feed),
        ),
        (
            "/equipe/planning/heures/{month}/export.csv",
            get(crate::planning::download::hours_csv),
        ),
        (
            "/vos-donnees/{kind}/{token}/donnees.json",
            get(crate::privacy::download::link_json),
        ),
        (
            "/compte/mes-donnees.json",
            get(crate::privacy::download::account_json),
        ),
        (
            "/traiteur/demande/{token}/devis/{number}/devis.pdf",
            get(crate::quotes::download::catering_pdf),
        ),
        (
            "/sur-mesure/demande/{token}/devis/{number}/devis.pdf",
            get(crate::quotes::download::made_to_order_pdf),
        ),
        (
            "/equipe/sur-mesure/photo/{photo_id}",
            get(crate::made_to_order::download::photo),
        ),
        (
            "/equipe/chiffres/export.csv",
            get(crate::figures::download::figures_csv),
        ),
        (
            "/equipe/devis/{id}/devis.pdf",
            get(crate::quotes::download::staff_pdf),
        ),
    ]
}

/// Paths may carry secrets (invitation and private links): those segments are not logged.
fn redact_secrets(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if security::carries_secret(segment) {
                "…"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// 200 while reads and writes work; 503 with what fails otherwise (a full disk fails writes
/// only: pages still render, but no sign-in, order or booking can be saved).
async fn healthz(State(state): State<AppState>) -> Response {
    let (status, body) = match state.db.health().await {
        Health::Ok => (StatusCode::OK, r#"{"status":"ok"}"#.to_owned()),
        Health::DatabaseUnavailable => {
            tracing::error!("health check: database unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                r#"{"status":"database unavailable"}"#.to_owned(),
            )
        }
        Health::WritesFailing { since } => {
            tracing::error!(since, "health check: writes failing");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                format!(r#"{{"status":"writes failing","since":{since}}}"#),
            )
        }
    };
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The page's small script, under a name that changes with its content: cached for a year.
async fn enhance_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        super::shell::ENHANCE,
    )
        .into_response()
}

async fn service_worker(State(state): State<AppState>) -> Response {
    let script = state
        .assets
        .service_worker(&state.leptos_options.site_pkg_dir);
    // A worker's own CSP governs what it may fetch: it caches this site's files.
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; frame-ancestors 'none'",
            ),
        ],
        script,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_in_paths_are_not_logged() {
        let token = "a".repeat(43);
        assert_eq!(
            super::redact_secrets(&format!("/invitation/{token}")),
            "/invitation/…"
        );
        assert_eq!(
            super::redact_secrets("/equipe/personnes/12"),
            "/equipe/personnes/12"
        );
    }
}
