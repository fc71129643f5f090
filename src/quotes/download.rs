//! The quote as a PDF download: for the client behind the private link, and for staff.
//! Plain axum handlers (a file, not a page); refusals answer with their status and a sentence.

use super::{pdf, service};
use crate::{accounts::session::Session, error::AppError, i18n::Locale, server::AppState};
use axum::{
    Extension,
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};

fn pdf_file(document: &super::QuoteDocument) -> Response {
    // A legal document in French, whatever the reader's language.
    let bytes = pdf::render(document, Locale::Fr.texts());
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.pdf\"", document.quote.number),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /traiteur/demande/{token}/devis/{number}/devis.pdf`
pub async fn catering_pdf(state: State<AppState>, path: Path<(String, String)>) -> Response {
    client_pdf("traiteur", state, path).await
}

/// `GET /sur-mesure/demande/{token}/devis/{number}/devis.pdf`
pub async fn made_to_order_pdf(state: State<AppState>, path: Path<(String, String)>) -> Response {
    client_pdf("sur-mesure", state, path).await
}

async fn client_pdf(
    kind: &str,
    State(state): State<AppState>,
    Path((token, number)): Path<(String, String)>,
) -> Response {
    let link = service::Link {
        kind,
        token: &token,
        number: &number,
    };
    match service::document_by_link(&state, &link).await {
        Ok(document) => pdf_file(&document),
        Err(error) => error.into_response(),
    }
}

/// `GET /equipe/devis/{id}/devis.pdf`
pub async fn staff_pdf(
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
    match service::document_for_staff(&state, id).await {
        Ok(document) => pdf_file(&document),
        Err(error) => error.into_response(),
    }
}
