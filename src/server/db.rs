//! SQLite, set up explicitly: WAL, `synchronous=FULL` (an acknowledged booking survives a power
//! cut), foreign keys, a busy timeout; one writer connection and a read-only pool.
//!
//! The writer also survives a full disk. When a COMMIT (or a statement) fails with SQLITE_FULL
//! or an I/O error, SQLite rolls the transaction back by itself, but sqlx 0.8 does not know:
//! its transaction depth stays at 1 (only a *successful* COMMIT or ROLLBACK lowers it), the
//! ROLLBACK it sends when the `Transaction` is dropped fails ("no transaction is active") and is
//! ignored, and the pool takes the connection back as is. Every later `begin_with` then fails
//! with "attempted to call begin_with at non-zero transaction depth", until a restart. The
//! writer pool's `after_release` hook (see [`WriteState::released`]) closes such a connection;
//! the pool opens a fresh one on the next write.

use sqlx::{
    Connection, Sqlite, SqliteConnection, SqlitePool, Transaction,
    pool::PoolConnectionMetadata,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use std::{
    str::FromStr,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicI64, Ordering::SeqCst},
    },
    time::Duration,
};

#[derive(Clone, Debug)]
pub struct Db {
    /// Read-only connections: pages and lists.
    pub reader: SqlitePool,
    /// The one write connection: SQLite has a single writer anyway, and queueing here is fairer
    /// than retrying on SQLITE_BUSY.
    pub writer: SqlitePool,
    writes: Arc<WriteState>,
}

/// What `/healthz` answers about the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    Ok,
    /// The database cannot be read (or the writer connection cannot even be opened).
    DatabaseUnavailable,
    /// Reads work, writes fail (disk full, I/O errors) since that Unix time.
    WritesFailing {
        since: i64,
    },
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
        let writes = Arc::new(WriteState::default());
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .after_connect({
                let writes = Arc::clone(&writes);
                move |conn, _: PoolConnectionMetadata| {
                    let writes = Arc::clone(&writes);
                    Box::pin(async move { writes.watch(conn).await })
                }
            })
            .after_release({
                let writes = Arc::clone(&writes);
                move |conn, _: PoolConnectionMetadata| {
                    let writes = Arc::clone(&writes);
                    Box::pin(async move { writes.released(conn).await })
                }
            })
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
        Ok(Db {
            reader,
            writer,
            writes,
        })
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        sqlx::migrate!().run(&self.writer).await
    }

    /// The server's signing key (`server_secret`), made at the first start. `INSERT OR IGNORE`:
    /// two processes starting together on one file end up with the same key.
    pub async fn server_secret(&self) -> Result<[u8; 32], sqlx::Error> {
        sqlx::query(
            "INSERT OR IGNORE INTO server_secret (id, secret, created_at) VALUES (1, ?, ?)",
        )
        .bind(&super::signing::new_key()[..])
        .bind(super::now())
        .execute(&self.writer)
        .await?;
        let secret: Vec<u8> = sqlx::query_scalar("SELECT secret FROM server_secret WHERE id = 1")
            .fetch_one(&self.writer)
            .await?;
        secret
            .try_into()
            .map_err(|_| sqlx::Error::Protocol("server_secret is not 32 bytes".into()))
    }

    /// A write transaction that takes the write lock up front: a deferred read-then-write
    /// transaction would fail with SQLITE_BUSY instead of waiting its turn.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.writer.begin_with("BEGIN IMMEDIATE").await
    }

    /// Reads, and whether writes work (for `/healthz`). While the last write failed, a tiny real
    /// write tells whether space came back: without it nobody would clear the failure while a
    /// load balancer keeps users (and their writes) away because of it.
    pub async fn health(&self) -> Health {
        let read = sqlx::query_scalar::<_, i64>("SELECT count(*) FROM _sqlx_migrations")
            .fetch_one(&self.reader)
            .await;
        let write = sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_one(&self.writer)
            .await;
        if read.is_err() || write.is_err() {
            return Health::DatabaseUnavailable;
        }
        if self.writes_failing_since().is_none() {
            return Health::Ok;
        }
        match self.probe_write().await {
            Ok(()) => {
                self.writes.recovered();
                Health::Ok
            }
            Err(error) => {
                tracing::warn!(%error, "health check: writes still failing");
                self.writes.failed();
                self.writes_failing_since()
                    .map_or(Health::DatabaseUnavailable, |since| Health::WritesFailing {
                        since,
                    })
            }
        }
    }

    /// When writes started failing (Unix seconds), if the last one failed.
    pub fn writes_failing_since(&self) -> Option<i64> {
        match self.writes.failing_since.load(SeqCst) {
            0 => None,
            since => Some(since),
        }
    }

    /// The smallest write that needs what a real one needs: rewriting the header's
    /// `user_version` (unused here) with its own value dirties page 1, so COMMIT appends a frame
    /// to the WAL and fsyncs it. `BEGIN IMMEDIATE; ROLLBACK` would only take a lock and succeed
    /// on a full disk.
    async fn probe_write(&self) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let version: i64 = sqlx::query_scalar("PRAGMA user_version")
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(&format!("PRAGMA user_version = {version}"))
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }
}

/// What the writer connection's SQLite hooks saw of its last transaction, and since when writes
/// fail. There is one writer connection, so one state for the pool.
#[derive(Debug, Default)]
struct WriteState {
    /// A row changed in the current transaction (update hook).
    changed: AtomicBool,
    /// SQLite started to commit the current transaction (commit hook); a rollback after that
    /// means the COMMIT failed.
    committing: AtomicBool,
    /// Unix seconds of the first failed write since the last successful one; 0 while writes work.
    failing_since: AtomicI64,
}

impl WriteState {
    /// Installs the hooks on a new writer connection. They only touch atomics: SQLite forbids
    /// using the connection from inside them.
    async fn watch(self: Arc<Self>, conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        let mut handle = conn.lock_handle().await?;
        let state = Arc::clone(&self);
        handle.set_update_hook(move |_| state.changed.store(true, SeqCst));
        let state = Arc::clone(&self);
        handle.set_commit_hook(move || {
            state.committing.store(true, SeqCst);
            true // let the commit go on
        });
        let state = self;
        handle.set_rollback_hook(move || {
            state.changed.store(false, SeqCst);
            if state.committing.swap(false, SeqCst) {
                state.failed();
            }
        });
        Ok(())
    }

    /// The pool's `after_release` hook: `Ok(false)` makes the pool close the connection.
    async fn released(&self, conn: &mut SqliteConnection) -> Result<bool, sqlx::Error> {
        // A dropped `Transaction` only queues its ROLLBACK on the connection's worker thread;
        // a round trip behind it makes the depth below (and the hooks' flags) final.
        conn.ping().await?;
        let committed = self.committing.swap(false, SeqCst);
        let changed = self.changed.swap(false, SeqCst);
        if conn.is_in_transaction() {
            // sqlx still counts a transaction that SQLite already rolled back (see the module
            // doc): this connection would refuse every BEGIN. Closing it also rolls back
            // whatever SQLite may still hold open.
            tracing::error!("writer connection left in a transaction after a failed write: closed");
            self.failed();
            return Ok(false);
        }
        // A commit without changes (an UPDATE that matched nothing) proves nothing about space.
        if committed && changed {
            self.recovered();
        }
        Ok(true)
    }

    fn failed(&self) {
        let _ = self
            .failing_since
            .compare_exchange(0, super::now().max(1), SeqCst, SeqCst);
    }

    fn recovered(&self) {
        if self.failing_since.swap(0, SeqCst) != 0 {
            tracing::info!("writes work again");
        }
    }
}

/// The tables whose rows carry a reference people read aloud (`R-7K3Q`), UNIQUE in each.
#[derive(Debug, Clone, Copy)]
pub enum Referenced {
    AlterationRequest,
    LunchOrder,
    CateringRequest,
    MadeToOrderRequest,
}

impl Referenced {
    fn table(self) -> &'static str {
        match self {
            Self::AlterationRequest => "alteration_request",
            Self::LunchOrder => "lunch_order",
            Self::CateringRequest => "catering_request",
            Self::MadeToOrderRequest => "made_to_order_request",
        }
    }
}

/// A reference (`prefix`-XXXX) no row of `table` holds yet, read in the write transaction that
/// will insert it: drawn again on a clash, 20 times at most (390,625 codes a letter; past that
/// the UNIQUE constraint refuses the insert rather than two rows sharing one).
pub async fn free_reference(
    conn: &mut SqliteConnection,
    table: Referenced,
    prefix: char,
) -> Result<String, sqlx::Error> {
    // Built at run time only to name the table, one of the four above (never input).
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM {} WHERE reference = ?)",
        table.table()
    );
    let mut reference = crate::accounts::token::new_reference(prefix);
    for _ in 0..20 {
        let taken: bool = sqlx::query_scalar(&sql)
            .bind(&reference)
            .fetch_one(&mut *conn)
            .await?;
        if !taken {
            break;
        }
        reference = crate::accounts::token::new_reference(prefix);
    }
    Ok(reference)
}

/// True when `error` is a UNIQUE constraint violation (a replayed submission, a duplicate name).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

/// True when `error` comes from the disk rather than the request: SQLITE_FULL ("database or
/// disk is full") or SQLITE_IOERR and its extended codes. Worth a retry later, not a 500.
pub fn is_disk_error(error: &sqlx::Error) -> bool {
    const SQLITE_IOERR: i64 = 10;
    const SQLITE_FULL: i64 = 13;
    match error {
        sqlx::Error::Io(io) => io.kind() == std::io::ErrorKind::StorageFull,
        _ => error
            .as_database_error()
            .and_then(|e| e.code())
            .and_then(|code| code.parse::<i64>().ok())
            // Extended codes keep the primary code in the low byte.
            .is_some_and(|code| matches!(code & 0xff, SQLITE_IOERR | SQLITE_FULL)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let db = Db::connect(&url, 1).await.unwrap();
        db.migrate().await.unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER NOT NULL)")
            .execute(&db.writer)
            .await
            .unwrap();
        (dir, db)
    }

    #[tokio::test]
    async fn a_transaction_that_sqlite_ended_by_itself_leaves_the_writer_usable() {
        let (_dir, db) = db().await;
        let mut tx = db.begin_write().await.unwrap();
        sqlx::query("INSERT INTO t VALUES (1)")
            .execute(&mut *tx)
            .await
            .unwrap();
        // What SQLite does on SQLITE_FULL or an I/O error: the transaction ends behind sqlx.
        sqlx::query("ROLLBACK").execute(&mut *tx).await.unwrap();
        assert!(tx.commit().await.is_err(), "no transaction left to commit");

        let mut tx = db
            .begin_write()
            .await
            .expect("the writer takes a new transaction");
        sqlx::query("INSERT INTO t VALUES (2)")
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // Waiting for the writer waits for the pool to have taken the connection back.
        sqlx::query("SELECT 1").execute(&db.writer).await.unwrap();
        let rows: Vec<i64> = sqlx::query_scalar("SELECT x FROM t")
            .fetch_all(&db.reader)
            .await
            .unwrap();
        assert_eq!(rows, [2]);
        // Closing that connection is counted as a failed write until one succeeds: that one did.
        assert_eq!(db.writes_failing_since(), None);
        assert_eq!(db.health().await, Health::Ok);
    }

    #[tokio::test]
    async fn a_full_database_is_a_disk_error_and_writes_work_again_once_space_returns() {
        let (_dir, db) = db().await;
        // A size cap on the writer connection gives a real SQLITE_FULL without filling a disk.
        let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
            .fetch_one(&db.writer)
            .await
            .unwrap();
        sqlx::query(&format!("PRAGMA max_page_count = {pages}"))
            .execute(&db.writer)
            .await
            .unwrap();
        let mut tx = db.begin_write().await.unwrap();
        sqlx::query("INSERT INTO t VALUES (1)")
            .execute(&mut *tx)
            .await
            .unwrap();
        let error = sqlx::query("INSERT INTO t VALUES (zeroblob(200000))")
            .execute(&mut *tx)
            .await
            .expect_err("no room for 200 kB");
        assert!(is_disk_error(&error), "{error}");
        assert!(matches!(
            crate::error::AppError::from(error),
            crate::error::AppError::Unavailable { .. }
        ));
        drop(tx);
        // Waiting for the writer waits for the pool to have taken the connection back.
        sqlx::query("SELECT 1").execute(&db.writer).await.unwrap();
        assert!(db.writes_failing_since().is_some());

        // The connection SQLite rolled back was replaced (its cap with it: space is back).
        sqlx::query("INSERT INTO t VALUES (3)")
            .execute(&db.writer)
            .await
            .expect("writes work again");
        sqlx::query("SELECT 1").execute(&db.writer).await.unwrap();
        assert_eq!(db.writes_failing_since(), None);
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&db.writer)
            .await
            .unwrap();
        assert_eq!(check, "ok");
        let rows: Vec<i64> = sqlx::query_scalar("SELECT x FROM t")
            .fetch_all(&db.reader)
            .await
            .unwrap();
        assert_eq!(rows, [3], "the transaction SQLite rolled back left nothing");
    }
}
