//! A request's photo, for staff only: a plain route (an image is not a server function's JSON).

use super::repo;
use crate::{accounts::session::Session, error::AppError, server::AppState};
use axum::{
    Extension,
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};

/// `GET /equipe/sur-mesure/photo/{photo_id}`
pub async fn photo(
    State(state): State<AppState>,
    session: Option<Extension<Session>>,
    Path(id): Path<String>,
) -> Response {
    let Some(Extension(session)) = session else {
        return AppError::Unauthorized.into_response();
    };
    if !session.user.role.is_staff() {
        return AppError::Forbidden.into_response();
    }
    let Ok(id) = id.parse::<i64>() else {
        return AppError::NotFound.into_response();
    };
    match repo::photo(&state.db.reader, id).await {
        Ok(Some(jpeg)) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                // A client's drawing or object: never in any HTTP cache.
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            jpeg,
        )
            .into_response(),
        Ok(None) => AppError::NotFound.into_response(),
        Err(error) => AppError::internal(error).into_response(),
    }
}
