//! One error type for the whole app, shared by the server and the browser.
//!
//! It crosses the wire as JSON (server functions) and in the URL (plain form posts without
//! JavaScript, see `server_fn`'s form redirects). It carries message *keys*, never internal
//! causes: those are logged on the server by [`AppError::internal`] and replaced by `Internal`.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Field name -> message key (see `i18n::Catalogue::error_message`).
pub type FieldErrors = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// An admin's page or action, for an admin without a confirmed second factor (403).
    #[error("second factor required")]
    SecondFactorRequired,
    /// Input that parses but breaks a rule; one message key per field.
    #[error("invalid input")]
    Validation(FieldErrors),
    /// Input that cannot even be read (malformed form or JSON).
    #[error("malformed request")]
    BadRequest,
    /// The request clashes with the current state (already booked, sold out…): a message key.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many attempts, retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// Not now, retry later: nothing can be saved (the disk is full or failing; reads still
    /// work), or the server is too busy for this request (every photo decoder taken).
    #[error("unavailable, retry in {retry_after_secs} s")]
    Unavailable { retry_after_secs: u64 },
    /// The browser could not reach the server (only ever built on the client side).
    #[error("network error")]
    Network,
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// One invalid field.
    pub fn invalid(field: &str, key: &str) -> Self {
        Self::Validation(FieldErrors::from([(field.to_owned(), key.to_owned())]))
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Unauthorized => 401,
            Self::Forbidden | Self::SecondFactorRequired => 403,
            Self::Validation(_) => 422,
            Self::BadRequest => 400,
            Self::Conflict(_) => 409,
            Self::RateLimited { .. } => 429,
            Self::Unavailable { .. } => 503,
            Self::Network => 503,
            Self::Internal => 500,
        }
    }

    /// The message key of the error as a whole (field errors have their own keys).
    pub fn key(&self) -> &str {
        match self {
            Self::NotFound => "not_found",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::SecondFactorRequired => "second_factor_required",
            Self::Validation(_) => "validation",
            Self::BadRequest => "bad_request",
            Self::Conflict(key) => key,
            Self::RateLimited { .. } => "rate_limited",
            Self::Unavailable { .. } => "unavailable",
            Self::Network => "network",
            Self::Internal => "internal",
        }
    }

    /// The `Retry-After` this error is answered with, if any.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            Self::RateLimited { retry_after_secs } | Self::Unavailable { retry_after_secs } => {
                Some(*retry_after_secs)
            }
            _ => None,
        }
    }

    /// The key of the message for one field, if that field is invalid.
    pub fn field(&self, name: &str) -> Option<&str> {
        match self {
            Self::Validation(fields) => fields.get(name).map(String::as_str),
            _ => None,
        }
    }

    /// Logs the cause on the server and hides it from the client.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::Internal
    }

    /// Logs a disk failure (full, I/O error) on the server; the client hears "retry later".
    #[cfg(feature = "ssr")]
    pub fn unavailable(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "write failed: disk full or failing");
        Self::Unavailable {
            retry_after_secs: UNAVAILABLE_RETRY_AFTER_SECS,
        }
    }
}

/// How long a client waits before retrying a write refused for a full disk: long enough for
/// someone to free space, short enough that a retrying phone is not left waiting for nothing.
#[cfg(feature = "ssr")]
const UNAVAILABLE_RETRY_AFTER_SECS: u64 = 30;

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => Self::BadRequest,
            ServerFnErrorErr::Request(_) => Self::Network,
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(cause = %other, "server function error");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                Self::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    /// Database errors never reach the client; constraint violations that a caller expects are
    /// mapped where they happen (see `server::db::is_unique_violation`). A full or failing disk
    /// is no bug of the request: 503 and `Retry-After`.
    fn from(error: sqlx::Error) -> Self {
        if crate::server::db::is_disk_error(&error) {
            Self::unavailable(error)
        } else {
            Self::internal(error)
        }
    }
}

/// Plain axum handlers (photos, files, calendar feeds) answer a refusal with its status and its
/// French sentence, as text: what a browser shows when a link is opened directly.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let text = crate::i18n::Locale::Fr.texts().errors.sentence(&self);
        let mut response = (
            status,
            [(http::header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            text,
        )
            .into_response();
        if let Some(secs) = self.retry_after_secs() {
            response
                .headers_mut()
                .insert(http::header::RETRY_AFTER, http::HeaderValue::from(secs));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_wire_encoding() {
        let error = AppError::invalid("quantity", "quantity_range");
        assert_eq!(AppError::de(error.ser()), error);
        assert_eq!(
            AppError::RateLimited {
                retry_after_secs: 30
            }
            .status(),
            429
        );
        let busy = AppError::Unavailable {
            retry_after_secs: 5,
        };
        assert_eq!(AppError::de(busy.ser()), busy);
        assert_eq!((busy.status(), busy.key()), (503, "unavailable"));
    }

    #[test]
    fn unavailable_is_a_503_to_retry_later() {
        let error = AppError::Unavailable {
            retry_after_secs: 30,
        };
        assert_eq!(AppError::de(error.ser()), error);
        assert_eq!((error.status(), error.key()), (503, "unavailable"));
        assert_eq!(error.retry_after_secs(), Some(30));
        assert_eq!(AppError::Internal.retry_after_secs(), None);
    }

    #[cfg(feature = "ssr")]
    #[tokio::test]
    async fn a_plain_handler_says_when_to_retry_in_french() {
        use axum::response::IntoResponse;
        let response = AppError::Unavailable {
            retry_after_secs: 30,
        }
        .into_response();
        assert_eq!(response.status(), 503);
        assert_eq!(response.headers()[http::header::RETRY_AFTER], "30");
        let body = axum::body::to_bytes(response.into_body(), 4096)
            .await
            .unwrap();
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            (crate::i18n::Locale::Fr.texts().errors.message)("unavailable")
        );
        let internal = AppError::Internal.into_response();
        assert!(internal.headers().get(http::header::RETRY_AFTER).is_none());
    }

    #[test]
    fn malformed_arguments_are_a_client_error() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(error, AppError::BadRequest);
        assert_eq!(error.status(), 400);
    }
}
