//! Server-side sessions in SQLite (they survive a restart). The cookie carries a random token;
//! the table keeps its hash. Why not tower-sessions: one table and a middleware of our own give
//! "sign out everywhere" and "deactivation kills every session" as one DELETE each, with no
//! session data blob to keep in step with the person's row.

use super::{CurrentUser, repo, token};
use crate::server::{AppState, now, request::cookie};
use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use sqlx::SqliteConnection;

pub const COOKIE: &str = "coop_session";
/// Over https the cookie takes the `__Host-` prefix: browsers then accept it only from this
/// exact host, `Secure`, for the whole site, so a sibling subdomain cannot plant or shadow it.
pub const SECURE_COOKIE: &str = "__Host-coop_session";

/// The session cookie's name for a site served over https (`secure`) or not.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure { SECURE_COOKIE } else { COOKIE }
}

/// The session token a request carries (under the name this site uses).
pub fn token_from(headers: &axum::http::HeaderMap, secure: bool) -> Option<String> {
    cookie(headers, cookie_name(secure)).filter(|t| token::is_well_formed(t))
}
/// Participants sign in once on their own phone: a long sliding session.
pub const PARTICIPANT_LIFETIME: i64 = 90 * 24 * 3600;
/// Staff may use shared computers: a working day, renewed while in use.
pub const STAFF_LIFETIME: i64 = 12 * 3600;
/// However much it is used, a session ends this long after sign-in: a staff member signs in
/// again each day (a shared computer left signed in is signed out overnight), a participant's
/// phone every six months.
pub const STAFF_MAX_AGE: i64 = 24 * 3600;
pub const PARTICIPANT_MAX_AGE: i64 = 180 * 24 * 3600;

/// The absolute end of a session that lasts `lifetime` unused.
pub fn max_age(lifetime: i64) -> i64 {
    if lifetime <= STAFF_LIFETIME {
        STAFF_MAX_AGE
    } else {
        PARTICIPANT_MAX_AGE
    }
}

/// A session is renewed (one write) at most this often.
const RENEW_EVERY: i64 = 3600;

/// The session a request came with, put in its extensions by [`load_session`].
#[derive(Debug, Clone)]
pub struct Session {
    pub user: CurrentUser,
    pub token_hash: String,
    /// When its person signed in (Unix seconds): some changes need a fresh sign-in.
    pub started_at: i64,
    /// Whether the person has a confirmed second factor (admins' pages need one).
    pub second_factor: bool,
}

/// Starts a session: a new token every time (an old cookie from before sign-in is worthless).
/// Returns the `Set-Cookie` value.
pub async fn start(
    conn: &mut SqliteConnection,
    person_id: i64,
    lifetime: i64,
    secure: bool,
) -> Result<String, sqlx::Error> {
    let token = token::new_token();
    repo::insert_session(conn, &token::hash_token(&token), person_id, now(), lifetime).await?;
    Ok(cookie_value(&token, lifetime, secure))
}

pub fn cookie_value(token: &str, max_age: i64, secure: bool) -> String {
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")
}

pub fn clear_cookie(secure: bool) -> String {
    cookie_value("", 0, secure)
}

/// After sign-out: the cookie goes, the phone drops this site's caches and storage (the next
/// person on it must not see the last one's pages), and the browser lands on the sign-in page.
pub fn end_in_browser(secure: bool) -> Result<(), crate::error::AppError> {
    use crate::server::response;
    response::set_cookie(&clear_cookie(secure))?;
    response::clear_site_data()?;
    response::redirect("/connexion?sortie=1");
    Ok(())
}

/// Tells the service worker whose page a response is (see `public/sw.js` in src/server/sw.js):
/// `none`, or a key derived from the session (not the session's token: the worker may read it),
/// then a space and the session's expiry in Unix seconds. The worker shows a kept page offline
/// only to the session that saw it, and forgets those pages once another (or no) session answers.
pub const OFFLINE_SESSION_HEADER: &str = "offline-session";

/// The built bundle, icons and other files that are the same for everyone: no session is looked
/// up for them, and no cookie is ever set on their (publicly cacheable) answers.
fn is_shared_file(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || matches!(
            path,
            "/favicon.ico" | "/manifest.webmanifest" | "/robots.txt" | "/sw.js" | "/healthz"
        )
}

/// Looks the session cookie up once per request and renews sliding sessions.
pub async fn load_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if is_shared_file(request.uri().path()) {
        return next.run(request).await;
    }
    let secure = state.config.is_https();
    let token = token_from(request.headers(), secure);
    let mut renewed_cookie = None;
    let mut offline_session = "none".to_owned();
    if let Some(token) = token {
        let token_hash = token::hash_token(&token);
        let now = now();
        match repo::find_session(&state.db.reader, &token_hash, now).await {
            Ok(Some((user, times))) if now - times.created_at < max_age(times.lifetime) => {
                let (renewed_at, lifetime) = (times.renewed_at, times.lifetime);
                let ends_at = times.created_at + max_age(lifetime);
                let expires = (now.max(renewed_at) + lifetime).min(ends_at);
                offline_session = format!("{} {expires}", offline_key(&token_hash));
                if now - renewed_at >= RENEW_EVERY {
                    match repo::renew_session(&state.db.writer, &token_hash, now).await {
                        Ok(()) => {
                            let max_age = lifetime.min(ends_at - now);
                            renewed_cookie = Some(cookie_value(&token, max_age, secure))
                        }
                        Err(error) => tracing::warn!(%error, "session renewal failed"),
                    }
                }
                request.extensions_mut().insert(Session {
                    user,
                    token_hash,
                    started_at: times.created_at,
                    second_factor: times.second_factor,
                });
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "session look-up failed"),
        }
    }
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&offline_session) {
        response.headers_mut().insert(OFFLINE_SESSION_HEADER, value);
    }
    // A handler that signed in or out has set the cookie itself: leave it.
    let handler_set_cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.starts_with(cookie_name(secure))));
    if let (Some(value), false) = (renewed_cookie, handler_set_cookie)
        && let Ok(value) = HeaderValue::from_str(&value)
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The key the service worker files a session's pages under: a hash of the token's hash, so
/// neither the token nor what the database keeps of it reaches a script.
fn offline_key(token_hash: &str) -> String {
    token::hash_token(&format!("offline:{token_hash}"))[..24].to_owned()
}

/// Removes expired sessions every hour, for as long as the server runs.
pub fn spawn_purge(state: AppState) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            match repo::purge_expired_sessions(&state.db.writer, now()).await {
                Ok(0) => {}
                Ok(count) => tracing::info!(count, "expired sessions purged"),
                Err(error) => tracing::warn!(%error, "session purge failed"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_https_the_cookie_is_host_only_and_secure() {
        let secure = cookie_value("t", 60, true);
        assert!(
            secure.starts_with("__Host-coop_session=t; Path=/;"),
            "{secure}"
        );
        assert!(secure.contains("; Secure") && !secure.contains("Domain"));
        let plain = cookie_value("t", 60, false);
        assert!(plain.starts_with("coop_session=t;") && !plain.contains("Secure"));
    }

    #[test]
    fn a_session_has_an_absolute_end() {
        assert_eq!(max_age(STAFF_LIFETIME), STAFF_MAX_AGE);
        assert_eq!(max_age(PARTICIPANT_LIFETIME), PARTICIPANT_MAX_AGE);
        const { assert!(STAFF_MAX_AGE > STAFF_LIFETIME && PARTICIPANT_MAX_AGE > PARTICIPANT_LIFETIME) };
    }
}
