//! The JSON downloads: what a private link holds, and everything about the signed-in person.
//! Plain axum handlers (a file, not a page); refusals answer with their status and a sentence.

use super::{LinkKind, api::link_data};
use crate::{accounts::session::Session, error::AppError, server::AppState};
use axum::{
    Extension,
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};

fn json_file(value: &impl serde::Serialize, filename: &str) -> Response {
    match serde_json::to_vec_pretty(value) {
        Ok(body) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/json; charset=utf-8".to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{filename}\""),
                ),
            ],
            body,
        )
            .into_response(),
        Err(error) => AppError::internal(error.to_string()).into_response(),
    }
}

/// `GET /vos-donnees/{kind}/{token}/donnees.json`
pub async fn link_json(
    State(state): State<AppState>,
    Path((kind, token)): Path<(String, String)>,
) -> Response {
    let Some(kind) = LinkKind::from_slug(&kind) else {
        return AppError::NotFound.into_response();
    };
    match link_data(&state, kind, &token).await {
        Ok(data) => json_file(&data, &format!("coop-manau-{}.json", data.reference)),
        Err(error) => error.into_response(),
    }
}

/// `GET /compte/mes-donnees.json`: every row about the signed-in person, nobody else's.
pub async fn account_json(
    State(state): State<AppState>,
    session: Option<Extension<Session>>,
) -> Response {
    let Some(Extension(session)) = session else {
        return AppError::Unauthorized.into_response();
    };
    let rows = async {
        let mut conn = state.db.reader.acquire().await?;
        crate::accounts::privacy::export(&mut conn, session.user.id).await
    };
    match rows.await {
        Ok(rows) => json_file(&rows, "coop-manau-mes-donnees.json"),
        Err(error) => AppError::from(error).into_response(),
    }
}
