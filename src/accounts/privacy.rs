//! What the app holds about a participant or a staff member: their own download from "Mon
//! compte", their erasure (a staff decision, or the purge after two years without activity), and
//! the purge of ended sessions, invitations and sign-in attempts (src/privacy).

use super::{CurrentUser, Role, audit};
use crate::{
    error::AppError,
    planning,
    privacy::{ErasureReport, Retention, api::PersonErasure},
    server::{AppState, now},
};
use sqlx::SqliteConnection;

/// The last time someone did something: signed in, used the app, or worked a shift.
const LAST_ACTIVE: &str = "max(coalesce(p.last_active_at, p.created_at), coalesce(
    (SELECT max(s.ends_at) FROM assignment a JOIN shift s ON s.id = a.shift_id
     WHERE a.person_id = p.id), 0))";

/// Every row about `person_id`, as one JSON document (no password hash, no token, no secret).
pub async fn export(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<serde_json::Value, sqlx::Error> {
    let query = |sql: &'static str| sqlx::query_scalar::<_, Option<String>>(sql).bind(person_id);
    let person = query(
        "SELECT json_object('id', p.id, 'role', p.role, 'first_name', p.first_name,
                    'last_name', p.last_name, 'email', p.email, 'phone', p.phone,
                    'active', p.active, 'created_at', p.created_at,
                    'last_active_at', p.last_active_at,
                    'has_password', p.password_hash IS NOT NULL,
                    'sectors', (SELECT json_group_array(sector_slug) FROM person_sector
                                WHERE person_id = p.id))
         FROM person p WHERE p.id = ?",
    )
    .fetch_one(&mut *conn)
    .await?;
    let sessions = query(
        "SELECT json_group_array(json_object('created_at', created_at, 'renewed_at', renewed_at,
                    'expires_at', expires_at))
         FROM session WHERE person_id = ?",
    )
    .fetch_one(&mut *conn)
    .await?;
    let invitations = query(
        "SELECT json_group_array(json_object('created_at', created_at, 'expires_at', expires_at,
                    'used_at', used_at))
         FROM invitation WHERE person_id = ?",
    )
    .fetch_one(&mut *conn)
    .await?;
    let second_factor = query(
        "SELECT json_object('created_at', created_at, 'confirmed_at', confirmed_at)
         FROM second_factor WHERE person_id = ?",
    )
    .fetch_optional(&mut *conn)
    .await?
    .flatten();
    let audit = query(
        "SELECT json_group_array(json_object('at', at, 'by_you', actor_id IS ?1,
                    'action', action, 'object_type', object_type, 'object_id', object_id,
                    'detail', detail))
         FROM (SELECT * FROM audit_log
               WHERE actor_id = ?1 OR (object_type = 'person' AND object_id = CAST(?1 AS TEXT))
               ORDER BY id)",
    )
    .fetch_one(&mut *conn)
    .await?;
    let (shifts, absences) = planning::privacy::rows_of(conn, person_id).await?;
    let parse = |text: Option<String>| {
        text.and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .unwrap_or_default()
    };
    Ok(serde_json::json!({
        "person": parse(person),
        "sessions": parse(sessions),
        "invitations": parse(invitations),
        "second_factor": parse(second_factor),
        "shifts": shifts,
        "absences": absences,
        "audit_log": parse(audit),
    }))
}

/// Erases an account: the name becomes a pseudonym, contact details, password, sessions,
/// invitations, second factor and calendar link are deleted; shifts (hours are employment
/// records) and the audit log (who decided what) stay, attached to the pseudonym.
pub async fn pseudonymise(
    conn: &mut SqliteConnection,
    person_id: i64,
    now: i64,
) -> Result<ErasureReport, sqlx::Error> {
    let mut report = ErasureReport::default();
    let mut deleted = |key: &str, count: u64| report.deleted.push((key.to_owned(), count));
    for (key, sql) in [
        ("sessions", "DELETE FROM session WHERE person_id = ?"),
        ("invitations", "DELETE FROM invitation WHERE person_id = ?"),
        (
            "sign_in_attempts",
            "DELETE FROM pending_sign_in WHERE person_id = ?",
        ),
        (
            "recovery_codes",
            "DELETE FROM recovery_code WHERE person_id = ?",
        ),
        (
            "second_factor",
            "DELETE FROM second_factor WHERE person_id = ?",
        ),
    ] {
        let count = sqlx::query(sql)
            .bind(person_id)
            .execute(&mut *conn)
            .await?
            .rows_affected();
        deleted(key, count);
    }
    let planning = planning::privacy::scrub_person(conn, person_id).await?;
    deleted("calendar_link", planning.calendar_links_deleted);
    deleted("absence_reasons", planning.absences_scrubbed);
    // Staff accounts must keep an e-mail (CHECK in the schema): one that reaches nobody.
    let person = sqlx::query(
        "UPDATE person SET first_name = 'Personne', last_name = 'n° ' || id,
                email = CASE WHEN role = 'participant' THEN NULL
                             ELSE 'compte-' || id || '@efface.invalid' END,
                phone = NULL, password_hash = NULL, active = 0, erased_at = ?
         WHERE id = ? AND erased_at IS NULL",
    )
    .bind(now)
    .bind(person_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    deleted("contact_details", person);
    report.pseudonymised.push(("account".to_owned(), person));
    report
        .pseudonymised
        .push(("shifts".to_owned(), planning.shifts_kept));
    let audit: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log
         WHERE actor_id = ?1 OR (object_type = 'person' AND object_id = CAST(?1 AS TEXT))",
    )
    .bind(person_id)
    .fetch_one(&mut *conn)
    .await?;
    report.pseudonymised.push((
        "audit_entries".to_owned(),
        u64::try_from(audit).unwrap_or(0),
    ));
    Ok(report)
}

async fn role_and_erasure(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<(Option<Role>, Option<i64>), AppError> {
    let (role, erased_at): (String, Option<i64>) =
        sqlx::query_as("SELECT role, erased_at FROM person WHERE id = ?")
            .bind(person_id)
            .fetch_optional(conn)
            .await?
            .ok_or(AppError::NotFound)?;
    Ok((Role::parse(&role), erased_at))
}

/// A person's erasure as their page shows it; the report is the one kept in the audit entry
/// written with the erasure.
pub async fn erasure_of(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<PersonErasure, AppError> {
    let (role, erased_at) = role_and_erasure(conn, person_id).await?;
    let detail: Option<String> = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'person.erase' AND object_type = 'person'
           AND object_id = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(person_id.to_string())
    .fetch_optional(conn)
    .await?
    .flatten();
    Ok(PersonErasure {
        person_id,
        is_participant: role == Some(Role::Participant),
        erased_at,
        report: detail.and_then(|d| serde_json::from_str(&d).ok()),
    })
}

/// Staff erase a participant (never a staff account: the purge does those), once; the report
/// goes into the audit entry, in the same transaction.
pub async fn erase_participant(
    state: &AppState,
    actor: &CurrentUser,
    person_id: i64,
) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    let (role, erased_at) = role_and_erasure(&mut tx, person_id).await?;
    if role != Some(Role::Participant) {
        return Err(AppError::Conflict("erase_participants_only".into()));
    }
    if erased_at.is_none() {
        let report = pseudonymise(&mut tx, person_id, now()).await?;
        let detail = serde_json::to_string(&report).unwrap_or_default();
        audit::record(
            &mut tx,
            actor,
            "person.erase",
            "person",
            person_id,
            Some(&detail),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// An account the purge will erase soon, shown to the staff beforehand.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccountDue {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    /// When the purge erases it, Unix seconds.
    pub erased_from: i64,
}

/// Accounts without activity whose erasure comes before `until` (the last active admin never:
/// the coop would lose its keys).
pub async fn due_before(
    conn: &mut SqliteConnection,
    retention: &Retention,
    until: i64,
) -> Result<Vec<AccountDue>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT p.id, p.first_name, p.last_name, p.role, {LAST_ACTIVE} + ? AS erased_from
         FROM person p
         WHERE p.erased_at IS NULL AND {LAST_ACTIVE} + ? < ?
           AND NOT (p.role = 'admin' AND (SELECT count(*) FROM person
                    WHERE role = 'admin' AND active = 1 AND erased_at IS NULL) <= 1)
         ORDER BY erased_from, p.id"
    ))
    .bind(i64::from(retention.account_days) * 86_400)
    .bind(i64::from(retention.account_days) * 86_400)
    .bind(until)
    .fetch_all(conn)
    .await
}

/// Erases the accounts whose time has come. Returns how many.
pub async fn purge_inactive(
    conn: &mut SqliteConnection,
    retention: &Retention,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let due = due_before(conn, retention, now).await?;
    for account in &due {
        pseudonymise(conn, account.id, now).await?;
    }
    Ok(due.len() as u64)
}

/// Deletes what only served to sign in: sessions, invitations and sign-in attempts over since
/// before `before`.
pub async fn purge_sign_in_traces(
    conn: &mut SqliteConnection,
    before: i64,
) -> Result<u64, sqlx::Error> {
    let mut count = 0;
    for sql in [
        "DELETE FROM session WHERE expires_at < ?",
        "DELETE FROM invitation WHERE coalesce(used_at, expires_at) < ?",
        "DELETE FROM pending_sign_in WHERE expires_at < ?",
    ] {
        count += sqlx::query(sql)
            .bind(before)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    }
    Ok(count)
}
