//! SQLite, set up explicitly: WAL, `synchronous=FULL` (an acknowledged booking survives a power
//! cut), foreign keys, a busy timeout; one writer connection and a read-only pool.

use sqlx::{
    Sqlite, SqlitePool, Transaction,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use std::{str::FromStr, time::Duration};

#[derive(Clone, Debug)]
pub struct Db {
    /// Read-only connections: pages and lists.
    pub reader: SqlitePool,
    /// The one write connection: SQLite has a single writer anyway, and queueing here is fairer
    /// than retrying on SQLITE_BUSY.
    pub writer: SqlitePool,
}

impl Db {
    /// Opens (and creates) the database file. `:memory:` is not supported: the reader and the
    /// writer must see the same database; tests use a temporary file.
    pub async fn connect(url: &str, readers: u32) -> Result<Db, sqlx::Error> {
        let base = SqliteConnectOptions::from_str(url)?
            .foreign_keys(true)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(5));
        if let Some(dir) = base.get_filename().parent() {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(
                base.clone()
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    // Copy the WAL back into the database every 4,000 pages (16 MB) rather than
                    // SQLite's 1,000: under a rush the same index pages change in every commit,
                    // and each checkpoint rewrites them and waits for an fsync on the one writer.
                    // Measured (bench/booking-profile.sh): bookings/s +20%, bytes written/booking -12%.
                    .pragma("wal_autocheckpoint", "4000"),
            )
            .await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(readers.max(1))
            .connect_with(base.read_only(true))
            .await?;
        Ok(Db { reader, writer })
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        sqlx::migrate!().run(&self.writer).await
    }

    /// A write transaction that takes the write lock up front: a deferred read-then-write
    /// transaction would fail with SQLITE_BUSY instead of waiting its turn.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.writer.begin_with("BEGIN IMMEDIATE").await
    }

    /// True when the database answers (for `/healthz`).
    pub async fn is_healthy(&self) -> bool {
        let read = sqlx::query_scalar::<_, i64>("SELECT count(*) FROM _sqlx_migrations")
            .fetch_one(&self.reader)
            .await;
        let write = sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_one(&self.writer)
            .await;
        read.is_ok() && write.is_ok()
    }
}

/// True when `error` is a UNIQUE constraint violation (a replayed submission, a duplicate name).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}
