//! Who may do what, in one place. Every server function starts with one of these; none checks
//! roles by itself.

use super::{CurrentUser, Role, session::Session};
use crate::error::AppError;
use leptos::prelude::use_context;

/// The session of the request being handled, if signed in.
pub fn session() -> Option<Session> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<Session>()
        .cloned()
}

/// The signed-in person, if any (pages adapt to it).
pub fn current_user() -> Option<CurrentUser> {
    session().map(|s| s.user)
}

/// Anyone signed in, else 401.
pub fn require_user() -> Result<CurrentUser, AppError> {
    current_user().ok_or(AppError::Unauthorized)
}

/// Staff or admin, else 401 (signed out) or 403.
pub fn require_staff() -> Result<CurrentUser, AppError> {
    require_role(Role::is_staff)
}

/// An admin with a confirmed second factor, else 401, 403, or 403 saying to enrol in "Mon
/// compte": a stolen password alone must not open the admins' pages. Staff-level functions
/// (`require_staff`) keep working for an admin who has not enrolled yet.
pub fn require_admin() -> Result<CurrentUser, AppError> {
    let session = session().ok_or(AppError::Unauthorized)?;
    if session.user.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    if !session.second_factor {
        return Err(AppError::SecondFactorRequired);
    }
    Ok(session.user)
}

pub fn require_participant() -> Result<CurrentUser, AppError> {
    require_role(|role| role == Role::Participant)
}

fn require_role(allowed: impl Fn(Role) -> bool) -> Result<CurrentUser, AppError> {
    let user = require_user()?;
    if allowed(user.role) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A participant may touch only what is theirs; staff may touch anyone's. Someone else's object
/// answers 404, so ids cannot be probed.
pub fn require_owner_or_staff(user: &CurrentUser, owner_id: i64) -> Result<(), AppError> {
    if user.role.is_staff() || user.id == owner_id {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
