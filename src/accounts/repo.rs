//! The SQL of accounts, sessions, invitations and the audit log.

use super::{AuditEntry, CurrentUser, Person, Role};
use sqlx::{SqliteConnection, SqlitePool};

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    role: String,
    first_name: String,
    last_name: String,
    email: Option<String>,
    phone: Option<String>,
    active: i64,
    sectors: Option<String>,
}

impl PersonRow {
    fn into_person(self) -> Person {
        Person {
            id: self.id,
            role: Role::parse(&self.role).unwrap_or(Role::Participant),
            first_name: self.first_name,
            last_name: self.last_name,
            email: self.email,
            phone: self.phone,
            active: self.active == 1,
            sectors: self
                .sectors
                .map(|s| s.split(',').map(str::to_owned).collect())
                .unwrap_or_default(),
        }
    }
}

const PERSON_COLUMNS: &str = "p.id, p.role, p.first_name, p.last_name, p.email, p.phone, p.active,
    (SELECT group_concat(sector_slug, ',') FROM (SELECT sector_slug FROM person_sector ps
        JOIN sector s ON s.slug = ps.sector_slug WHERE ps.person_id = p.id ORDER BY s.position)) AS sectors";

/// People with one of `roles`, active first, by name.
pub async fn list_people(db: &SqlitePool, roles: &[Role]) -> Result<Vec<Person>, sqlx::Error> {
    let placeholders = vec!["?"; roles.len()].join(", ");
    let sql = format!(
        "SELECT {PERSON_COLUMNS} FROM person p WHERE p.role IN ({placeholders})
         ORDER BY p.active DESC, p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE"
    );
    let mut query = sqlx::query_as::<_, PersonRow>(&sql);
    for role in roles {
        query = query.bind(role.as_str());
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(PersonRow::into_person)
        .collect())
}

pub async fn find_person(db: &SqlitePool, id: i64) -> Result<Option<Person>, sqlx::Error> {
    let sql = format!("SELECT {PERSON_COLUMNS} FROM person p WHERE p.id = ?");
    Ok(sqlx::query_as::<_, PersonRow>(&sql)
        .bind(id)
        .fetch_optional(db)
        .await?
        .map(PersonRow::into_person))
}

pub struct NewPerson<'a> {
    pub role: Role,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub password_hash: Option<&'a str>,
}

pub async fn insert_person(
    conn: &mut SqliteConnection,
    person: &NewPerson<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO person (role, first_name, last_name, email, phone, password_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(person.role.as_str())
    .bind(person.first_name)
    .bind(person.last_name)
    .bind(person.email)
    .bind(person.phone)
    .bind(person.password_hash)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Updates name and contact details; true if the person exists with that role.
pub async fn update_person(
    conn: &mut SqliteConnection,
    id: i64,
    role: Role,
    first_name: &str,
    last_name: &str,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE person SET first_name = ?, last_name = ?, email = ?, phone = ? WHERE id = ? AND role = ?",
    )
    .bind(first_name)
    .bind(last_name)
    .bind(email)
    .bind(phone)
    .bind(id)
    .bind(role.as_str())
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn set_sectors(
    conn: &mut SqliteConnection,
    person_id: i64,
    sectors: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM person_sector WHERE person_id = ?")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    for sector in sectors {
        sqlx::query("INSERT INTO person_sector (person_id, sector_slug) VALUES (?, ?)")
            .bind(person_id)
            .bind(sector)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn list_sectors(db: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT slug FROM sector ORDER BY position")
        .fetch_all(db)
        .await
}

pub async fn set_active(
    conn: &mut SqliteConnection,
    id: i64,
    active: bool,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE person SET active = ? WHERE id = ?")
        .bind(i64::from(active))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn set_role(
    conn: &mut SqliteConnection,
    id: i64,
    role: Role,
) -> Result<bool, sqlx::Error> {
    let result =
        sqlx::query("UPDATE person SET role = ? WHERE id = ? AND role IN ('admin', 'staff')")
            .bind(role.as_str())
            .bind(id)
            .execute(conn)
            .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn set_password(
    conn: &mut SqliteConnection,
    id: i64,
    hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE person SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// What signing in with a password needs to know about an account.
#[derive(sqlx::FromRow)]
pub struct Login {
    pub id: i64,
    pub password_hash: Option<String>,
    pub active: i64,
}

/// Staff sign in with their email; participants who set a password, with their email or phone.
pub async fn find_login(
    db: &SqlitePool,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<Option<Login>, sqlx::Error> {
    sqlx::query_as("SELECT id, password_hash, active FROM person WHERE email = ? OR (phone = ? AND role = 'participant') LIMIT 1")
        .bind(email)
        .bind(phone)
        .fetch_optional(db)
        .await
}

pub async fn role_of(conn: &mut SqliteConnection, id: i64) -> Result<Option<Role>, sqlx::Error> {
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM person WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(role.as_deref().and_then(Role::parse))
}

pub async fn password_hash(db: &SqlitePool, id: i64) -> Result<Option<String>, sqlx::Error> {
    Ok(
        sqlx::query_scalar::<_, Option<String>>("SELECT password_hash FROM person WHERE id = ?")
            .bind(id)
            .fetch_optional(db)
            .await?
            .flatten(),
    )
}

// --- Sessions ---

pub async fn insert_session(
    conn: &mut SqliteConnection,
    token_hash: &str,
    person_id: i64,
    now: i64,
    lifetime_secs: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO session (token_hash, person_id, created_at, renewed_at, expires_at, lifetime_secs)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(person_id)
    .bind(now)
    .bind(now)
    .bind(now + lifetime_secs)
    .bind(lifetime_secs)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    role: String,
    first_name: String,
    last_name: String,
    has_password: i64,
    created_at: i64,
    renewed_at: i64,
    lifetime_secs: i64,
    second_factor: i64,
}

/// When a session began, was last renewed, and how long it lasts unused.
#[derive(Debug, Clone, Copy)]
pub struct SessionTimes {
    pub created_at: i64,
    pub renewed_at: i64,
    pub lifetime: i64,
    /// Whether the person has a confirmed second factor (admins' pages need one).
    pub second_factor: bool,
}

/// A live session of an active person: who it is, and its times.
pub async fn find_session(
    db: &SqlitePool,
    token_hash: &str,
    now: i64,
) -> Result<Option<(CurrentUser, SessionTimes)>, sqlx::Error> {
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT p.id, p.role, p.first_name, p.last_name, p.password_hash IS NOT NULL AS has_password,
                s.created_at, s.renewed_at, s.lifetime_secs,
                EXISTS (SELECT 1 FROM second_factor f
                        WHERE f.person_id = p.id AND f.confirmed_at IS NOT NULL) AS second_factor
         FROM session s JOIN person p ON p.id = s.person_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND p.active = 1",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|r| {
        let user = CurrentUser {
            id: r.id,
            role: Role::parse(&r.role)?,
            first_name: r.first_name,
            last_name: r.last_name,
            has_password: r.has_password == 1,
        };
        let times = SessionTimes {
            created_at: r.created_at,
            renewed_at: r.renewed_at,
            lifetime: r.lifetime_secs,
            second_factor: r.second_factor == 1,
        };
        Some((user, times))
    }))
}

pub async fn renew_session(db: &SqlitePool, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE session SET renewed_at = ?, expires_at = ? + lifetime_secs WHERE token_hash = ?",
    )
    .bind(now)
    .bind(now)
    .bind(token_hash)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete_session(
    conn: &mut SqliteConnection,
    token_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM session WHERE token_hash = ?")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_sessions_of(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM session WHERE person_id = ?")
        .bind(person_id)
        .execute(conn)
        .await?
        .rows_affected())
}

pub async fn delete_other_sessions(
    conn: &mut SqliteConnection,
    person_id: i64,
    kept: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM session WHERE person_id = ? AND token_hash <> ?")
        .bind(person_id)
        .bind(kept)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn purge_expired_sessions(db: &SqlitePool, now: i64) -> Result<u64, sqlx::Error> {
    let pending = sqlx::query("DELETE FROM pending_sign_in WHERE expires_at <= ?")
        .bind(now)
        .execute(db)
        .await?
        .rows_affected();
    // Recovery codes in clear never outlive the few minutes they may be shown.
    sqlx::query(
        "UPDATE second_factor SET codes_to_show = NULL, codes_shown_until = NULL
         WHERE codes_shown_until <= ?",
    )
    .bind(now)
    .execute(db)
    .await?;
    Ok(sqlx::query("DELETE FROM session WHERE expires_at <= ?")
        .bind(now)
        .execute(db)
        .await?
        .rows_affected()
        + pending)
}

// --- Invitations ---

pub async fn insert_invitation(
    conn: &mut SqliteConnection,
    token_hash: &str,
    person_id: i64,
    created_by: i64,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    // A new invitation replaces the ones not yet used: only the latest card works.
    sqlx::query("DELETE FROM invitation WHERE person_id = ? AND used_at IS NULL")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO invitation (token_hash, person_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(person_id)
    .bind(created_by)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The person a usable invitation is for (not used, not expired, account active).
pub async fn find_invitation(
    db: &SqlitePool,
    token_hash: &str,
    now: i64,
) -> Result<Option<(Person, i64)>, sqlx::Error> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT i.person_id, i.expires_at FROM invitation i JOIN person p ON p.id = i.person_id
         WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > ? AND p.active = 1",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    let Some((person_id, expires_at)) = row else {
        return Ok(None);
    };
    Ok(find_person(db, person_id)
        .await?
        .map(|person| (person, expires_at)))
}

/// Uses an invitation up, once: the person it was for, or None if it was not usable.
pub async fn consume_invitation(
    conn: &mut SqliteConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE invitation SET used_at = ?
         WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
           AND person_id IN (SELECT id FROM person WHERE active = 1)
         RETURNING person_id",
    )
    .bind(now)
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await
}

// --- Audit log ---

pub async fn insert_audit(
    conn: &mut SqliteConnection,
    now: i64,
    actor_id: Option<i64>,
    action: &str,
    object_type: &str,
    object_id: &str,
    detail: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, object_type, object_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(now)
    .bind(actor_id)
    .bind(action)
    .bind(object_type)
    .bind(object_id)
    .bind(detail)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    actor: Option<String>,
    action: String,
    object_type: String,
    object_id: String,
    detail: Option<String>,
}

/// The newest entries first, optionally about one object type (and one object).
pub async fn list_audit(
    db: &SqlitePool,
    object_type: Option<&str>,
    object_id: Option<&str>,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT a.id, a.at, p.first_name || ' ' || p.last_name AS actor, a.action, a.object_type, a.object_id, a.detail
         FROM audit_log a LEFT JOIN person p ON p.id = a.actor_id
         WHERE (?1 IS NULL OR a.object_type = ?1) AND (?2 IS NULL OR a.object_id = ?2)
         ORDER BY a.id DESC LIMIT ?3",
    )
    .bind(object_type)
    .bind(object_id)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at,
            actor: r.actor,
            action: r.action,
            object_type: r.object_type,
            object_id: r.object_id,
            detail: r.detail,
        })
        .collect())
}

// --- Second factor ---

/// A person's TOTP secret and where it stands.
#[derive(Debug, sqlx::FromRow)]
pub struct SecondFactorRow {
    pub secret: String,
    pub confirmed_at: Option<i64>,
    pub last_step: i64,
}

pub async fn second_factor(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<Option<SecondFactorRow>, sqlx::Error> {
    sqlx::query_as("SELECT secret, confirmed_at, last_step FROM second_factor WHERE person_id = ?")
        .bind(person_id)
        .fetch_optional(conn)
        .await
}

/// A new unconfirmed secret, replacing an unconfirmed one; a confirmed factor is left alone
/// (false).
pub async fn set_unconfirmed_factor(
    conn: &mut SqliteConnection,
    person_id: i64,
    secret: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO second_factor (person_id, secret, created_at) VALUES (?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE
             SET secret = excluded.secret, created_at = excluded.created_at, last_step = 0
             WHERE second_factor.confirmed_at IS NULL",
    )
    .bind(person_id)
    .bind(secret)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Confirms the factor at the step of its first right code, with the recovery codes to show
/// once (clear, until `shown_until`) and to keep (hashes).
pub async fn confirm_factor(
    conn: &mut SqliteConnection,
    person_id: i64,
    step: i64,
    now: i64,
    codes_to_show: &str,
    shown_until: i64,
    code_hashes: &[String],
) -> Result<bool, sqlx::Error> {
    let confirmed = sqlx::query(
        "UPDATE second_factor
         SET confirmed_at = ?, last_step = ?, codes_to_show = ?, codes_shown_until = ?
         WHERE person_id = ? AND confirmed_at IS NULL AND last_step < ?",
    )
    .bind(now)
    .bind(step)
    .bind(codes_to_show)
    .bind(shown_until)
    .bind(person_id)
    .bind(step)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !confirmed {
        return Ok(false);
    }
    sqlx::query("DELETE FROM recovery_code WHERE person_id = ?")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    for hash in code_hashes {
        sqlx::query("INSERT INTO recovery_code (person_id, code_hash) VALUES (?, ?)")
            .bind(person_id)
            .bind(hash)
            .execute(&mut *conn)
            .await?;
    }
    Ok(true)
}

/// Records `step` as used, if no later code was accepted already (false: a replay).
pub async fn use_step(
    conn: &mut SqliteConnection,
    person_id: i64,
    step: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE second_factor SET last_step = ?
         WHERE person_id = ? AND confirmed_at IS NOT NULL AND last_step < ?",
    )
    .bind(step)
    .bind(person_id)
    .bind(step)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Uses a recovery code up (false: not one of this person's, or used already).
pub async fn use_recovery_code(
    conn: &mut SqliteConnection,
    person_id: i64,
    code_hash: &str,
) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM recovery_code WHERE person_id = ? AND code_hash = ?")
            .bind(person_id)
            .bind(code_hash)
            .execute(conn)
            .await?
            .rows_affected()
            == 1,
    )
}

pub async fn count_recovery_codes(db: &SqlitePool, person_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM recovery_code WHERE person_id = ?")
        .bind(person_id)
        .fetch_one(db)
        .await
}

/// The recovery codes still to show (clear, space-separated), if their few minutes are not over.
pub async fn codes_to_show(
    db: &SqlitePool,
    person_id: i64,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    Ok(sqlx::query_scalar(
        "SELECT codes_to_show FROM second_factor
         WHERE person_id = ? AND codes_to_show IS NOT NULL AND codes_shown_until > ?",
    )
    .bind(person_id)
    .bind(now)
    .fetch_optional(db)
    .await?
    .flatten())
}

pub async fn forget_codes_to_show(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE second_factor SET codes_to_show = NULL, codes_shown_until = NULL
         WHERE person_id = ? AND codes_to_show IS NOT NULL",
    )
    .bind(person_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes the factor, its recovery codes and sign-ins waiting for a code.
pub async fn delete_second_factor(
    conn: &mut SqliteConnection,
    person_id: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM recovery_code WHERE person_id = ?")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM pending_sign_in WHERE person_id = ?")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    Ok(sqlx::query("DELETE FROM second_factor WHERE person_id = ?")
        .bind(person_id)
        .execute(&mut *conn)
        .await?
        .rows_affected()
        == 1)
}

// --- Sign-ins waiting for a code ---

pub async fn insert_pending_sign_in(
    conn: &mut SqliteConnection,
    token_hash: &str,
    person_id: i64,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    // This person's dead ones go with it: the table holds only what may still be used.
    sqlx::query("DELETE FROM pending_sign_in WHERE person_id = ? AND expires_at <= ?")
        .bind(person_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO pending_sign_in (token_hash, person_id, expires_at) VALUES (?, ?, ?)")
        .bind(token_hash)
        .bind(person_id)
        .bind(expires_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The person a live pending sign-in is for, and its wrong codes so far.
pub async fn find_pending_sign_in(
    conn: &mut SqliteConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.person_id, g.failures FROM pending_sign_in g JOIN person p ON p.id = g.person_id
         WHERE g.token_hash = ? AND g.expires_at > ? AND p.active = 1",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await
}

pub async fn count_pending_failure(
    conn: &mut SqliteConnection,
    token_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE pending_sign_in SET failures = failures + 1 WHERE token_hash = ?")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_pending_sign_in(
    conn: &mut SqliteConnection,
    token_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM pending_sign_in WHERE token_hash = ?")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}
