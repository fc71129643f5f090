//! Backups: an online copy of the database (photos included: they are rows), checked before it
//! counts, and the restore that swaps a checked copy in while the server is stopped.
//!
//! `VACUUM INTO` runs on a read connection: in WAL mode it reads one snapshot while bookings keep
//! being written through the writer, so a backup never makes anyone wait. The copy is written to
//! a hidden temporary name, synced, checked (`integrity_check`, `foreign_key_check`), and only
//! then renamed to `coop-manau-YYYYMMDD-HHMMSS.db`: a crash leaves no half copy that looks whole.
//! Copies older than [`MAX_AGE_DAYS`] are deleted whatever `BACKUP_KEEP` says, so an erasure
//! reaches the backups within 30 days.

use super::db::Db;
use sqlx::{ConnectOptions, Connection, SqliteConnection, sqlite::SqliteConnectOptions};
use std::{
    path::{Path, PathBuf},
    str::FromStr,
    time::{Duration, SystemTime},
};

pub const MAX_AGE_DAYS: u64 = 30;
const PREFIX: &str = "coop-manau-";
const SUFFIX: &str = ".db";

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the copy failed its check: {0}")]
    CheckFailed(String),
    #[error(
        "this copy comes from a newer version of the app (schema {copy}, this app knows up to {known}): install that version to restore it"
    )]
    NewerSchema { copy: i64, known: i64 },
    #[error("the server is running on this database: stop it first (systemctl stop coop-manau)")]
    ServerRunning,
    #[error("{0} is not a database URL this app can restore (sqlite://PATH expected)")]
    NotAFile(String),
}

/// Copies the database into `dir`, checks the copy, keeps the newest `keep`. Returns its path.
pub async fn backup(db: &Db, dir: &Path, keep: usize) -> Result<PathBuf, BackupError> {
    std::fs::create_dir_all(dir)?;
    let name = format!("{PREFIX}{}{SUFFIX}", stamp_now());
    // Unique to this attempt: the daily backup and a `coop-manau backup` may run at once.
    static ATTEMPTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let attempt = ATTEMPTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let partial = dir.join(format!(".{name}.{}-{attempt}.partial", std::process::id()));
    if let Err(error) = sqlx::query("VACUUM INTO ?")
        .bind(partial.to_string_lossy().as_ref())
        .execute(&db.reader)
        .await
    {
        let _ = std::fs::remove_file(&partial);
        return Err(error.into());
    }
    std::fs::File::open(&partial)?.sync_all()?;
    if let Err(error) = check_copy(&partial).await {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    let path = dir.join(&name);
    std::fs::rename(&partial, &path)?;
    std::fs::File::open(dir)?.sync_all()?;
    prune(dir, keep.max(1))?;
    Ok(path)
}

/// `20261201-031500-042`, UTC, to the millisecond: names sort by time and never collide.
fn stamp_now() -> String {
    let since = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let now = since.as_secs() as i64;
    let (year, month, day) = crate::ui::time::civil(now.div_euclid(86_400));
    let secs = now.rem_euclid(86_400);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}-{:03}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60,
        since.subsec_millis()
    )
}

/// The backups in `dir`, newest first.
pub fn list(dir: &Path) -> Result<Vec<(PathBuf, SystemTime)>, std::io::Error> {
    let mut copies = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(PREFIX) && name.ends_with(SUFFIX) {
            copies.push((entry.path(), entry.metadata()?.modified()?));
        }
    }
    // The names sort by time (the stamp), whatever the clocks of copied files say.
    copies.sort_by(|a, b| b.0.cmp(&a.0));
    Ok(copies)
}

fn prune(dir: &Path, keep: usize) -> Result<(), std::io::Error> {
    // What a crash in the middle of a copy left behind.
    let yesterday = SystemTime::now() - Duration::from_secs(86_400);
    for entry in std::fs::read_dir(dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale = entry.metadata()?.modified()? < yesterday;
        if name.starts_with(&format!(".{PREFIX}")) && name.ends_with(".partial") && stale {
            std::fs::remove_file(entry.path())?;
        }
    }
    let oldest = SystemTime::now() - Duration::from_secs(MAX_AGE_DAYS * 86_400);
    for (index, (path, modified)) in list(dir)?.into_iter().enumerate() {
        if index >= keep || modified < oldest {
            std::fs::remove_file(path)?;
        }
    }
    Ok(())
}

async fn open_read_only(path: &Path) -> Result<SqliteConnection, sqlx::Error> {
    // No journal mode set: a read-only connection cannot change it (the live database is WAL,
    // a `VACUUM INTO` copy is a rollback-journal file), and either opens as it is.
    SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
}

/// A copy is usable when SQLite finds it whole and every reference points somewhere.
/// Returns its schema version (the last migration applied).
pub async fn check_copy(path: &Path) -> Result<i64, BackupError> {
    let mut conn = open_read_only(path).await?;
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await?;
    if integrity != ["ok"] {
        return Err(BackupError::CheckFailed(integrity.join("; ")));
    }
    let dangling: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
        .fetch_all(&mut conn)
        .await?;
    if let Some((table,)) = dangling.first() {
        return Err(BackupError::CheckFailed(format!(
            "{} broken references (first in {table})",
            dangling.len()
        )));
    }
    let version: Option<i64> =
        sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut conn)
            .await?;
    conn.close().await?;
    version.ok_or_else(|| BackupError::CheckFailed("not a Coop'Manau database".into()))
}

/// The last migration this build knows.
pub fn known_schema() -> i64 {
    sqlx::migrate!()
        .iter()
        .map(|migration| migration.version)
        .max()
        .unwrap_or(0)
}

/// The database file behind a `sqlite://` URL.
pub fn database_file(database_url: &str) -> Result<PathBuf, BackupError> {
    let options = SqliteConnectOptions::from_str(database_url)
        .map_err(|_| BackupError::NotAFile(database_url.to_owned()))?;
    let path = options.get_filename().to_path_buf();
    if path.as_os_str().is_empty() || path.to_string_lossy().contains(":memory:") {
        return Err(BackupError::NotAFile(database_url.to_owned()));
    }
    Ok(path)
}

/// Held (shared) by every server process on a database; the restore needs it alone.
pub struct RunningLock(#[allow(dead_code)] std::fs::File);

fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Taken by the server at start-up and kept until it stops (the OS drops it even on `kill -9`).
pub fn hold_running_lock(database: &Path) -> Result<RunningLock, std::io::Error> {
    // Before the database exists: the server creates its folder on a fresh machine.
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(database))?;
    file.lock_shared()?;
    Ok(RunningLock(file))
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    pub schema: i64,
    /// Where the database that was in place went, if there was one.
    pub set_aside: Option<PathBuf>,
}

/// Swaps the checked copy `from` in as the database of `database_url`; the server must be
/// stopped. The database in place (with its WAL) is kept beside it as `…before-restore-STAMP`.
pub async fn restore(from: &Path, database_url: &str) -> Result<Restored, BackupError> {
    let target = database_file(database_url)?;
    let schema = check_copy(from).await?;
    let known = known_schema();
    if schema > known {
        return Err(BackupError::NewerSchema {
            copy: schema,
            known,
        });
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(&target))?;
    if lock.try_lock().is_err() {
        return Err(BackupError::ServerRunning);
    }
    let with_suffix = |path: &Path, suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let incoming = with_suffix(&target, ".restoring");
    std::fs::copy(from, &incoming)?;
    std::fs::File::open(&incoming)?.sync_all()?;
    let set_aside = if target.exists() {
        let aside = with_suffix(&target, &format!(".before-restore-{}", stamp_now()));
        std::fs::rename(&target, &aside)?;
        for suffix in ["-wal", "-shm"] {
            let sidecar = with_suffix(&target, suffix);
            if sidecar.exists() {
                std::fs::rename(&sidecar, with_suffix(&aside, suffix))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    std::fs::rename(&incoming, &target)?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    drop(lock);
    Ok(Restored { schema, set_aside })
}

/// With `BACKUP_DIR` set: a copy when the newest is a day old (checked every hour, so a restart
/// neither skips nor doubles a day).
pub fn spawn_daily(state: super::AppState) {
    let Some(dir) = state.config.backup_dir.clone() else {
        return;
    };
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            let newest = list(&dir).ok().and_then(|l| l.first().map(|(_, t)| *t));
            let due = newest.is_none_or(|t| {
                t.elapsed().unwrap_or_default() >= Duration::from_secs(23 * 3600 + 1800)
            });
            if !due {
                continue;
            }
            match backup(&state.db, &dir, state.config.backup_keep).await {
                Ok(path) => tracing::info!(path = %path.display(), "backup made"),
                Err(error) => tracing::error!(%error, "backup failed"),
            }
        }
    });
}
