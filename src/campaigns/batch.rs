//! Group commit for bookings. Under a rush, every booking waits for its commit's fsync; with one
//! writer connection those waits add up (each ~0.3 ms here). The booking writer takes the
//! bookings that arrived while the previous commit ran and commits them together: one
//! BEGIN IMMEDIATE transaction, one INSERT per booking, one fsync. Each INSERT is still decided
//! alone by the database (triggers + CHECK): a refused INSERT is undone by SQLite at statement
//! level and the others stand. Nobody hears "booked" before the commit is durable.

use super::repo;
use crate::server::db::{Db, is_disk_error};
use tokio::sync::{mpsc, oneshot};

/// What one booking inserts (owned: it crosses to the writer task).
pub struct Job {
    pub campaign_id: i64,
    pub slot_id: i64,
    pub token_hash: String,
    pub name: String,
    pub group_name: String,
    pub garments: i64,
    pub contact: String,
    /// The pseudonym of the address it came from (`server::request::client_key`).
    pub client_key: Option<String>,
    pub now: i64,
}

/// The booking's reference, or the database's refusal key (`slot_full`, `booking_exists`…).
pub type Answer = Result<String, Refusal>;

#[derive(Clone, Debug)]
pub enum Refusal {
    Key(&'static str),
    Internal(String),
    /// The disk is full or failing (see `db::is_disk_error`): nothing was saved, retry later.
    Unavailable(String),
}

impl Refusal {
    /// A failure of the database, not a refusal of this booking.
    fn failure(error: &sqlx::Error) -> Self {
        if is_disk_error(error) {
            Self::Unavailable(error.to_string())
        } else {
            Self::Internal(error.to_string())
        }
    }
}

type Message = (Job, oneshot::Sender<Answer>);

/// The most bookings one commit takes.
const MAX_BATCH: usize = 128;

#[derive(Clone)]
pub struct BookingWriter {
    sender: mpsc::Sender<Message>,
}

impl BookingWriter {
    /// Starts the writer on a thread of its own. Each INSERT is a round trip to the SQLite
    /// connection's thread; woken from there, a task of the shared runtime waits in its global
    /// queue behind the HTTP connections, and the whole batch (and the next) waits with it.
    /// Alone on its thread the writer runs as soon as SQLite answers. It stops when the app's
    /// state (the last sender) is dropped.
    pub fn start(db: Db) -> BookingWriter {
        let (sender, receiver) = mpsc::channel(4096);
        std::thread::Builder::new()
            .name("booking-writer".into())
            .spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("the booking writer's runtime")
                    .block_on(run(db, receiver));
            })
            .expect("the booking writer's thread");
        BookingWriter { sender }
    }

    pub async fn book(&self, job: Job) -> Answer {
        let (reply, answer) = oneshot::channel();
        self.sender
            .send((job, reply))
            .await
            .map_err(|_| Refusal::Internal("booking writer stopped".into()))?;
        answer
            .await
            .map_err(|_| Refusal::Internal("booking writer dropped a booking".into()))?
    }
}

async fn run(db: Db, mut receiver: mpsc::Receiver<Message>) {
    let mut batch: Vec<Message> = Vec::with_capacity(MAX_BATCH);
    while receiver.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let answers = commit(&db, &batch).await;
        for ((_, reply), answer) in batch.drain(..).zip(answers) {
            let _ = reply.send(answer);
        }
    }
}

async fn commit(db: &Db, batch: &[Message]) -> Vec<Answer> {
    let failed = |refusal: Refusal| batch.iter().map(|_| Err(refusal.clone())).collect();
    let mut tx = match db.begin_write().await {
        Ok(tx) => tx,
        Err(error) => return failed(Refusal::failure(&error)),
    };
    let mut answers = Vec::with_capacity(batch.len());
    for (job, _) in batch {
        let answer = insert(&mut tx, job).await;
        if let Err(failure @ (Refusal::Internal(_) | Refusal::Unavailable(_))) = answer {
            // Not a refusal but a failure (disk, I/O): SQLite may have rolled the whole
            // transaction back, so nothing in this batch is trusted. Dropping `tx` is enough
            // even then: the writer pool replaces a connection left mid-transaction (db.rs).
            drop(tx);
            return failed(failure);
        }
        answers.push(answer);
    }
    match tx.commit().await {
        Ok(()) => answers,
        Err(error) => failed(Refusal::failure(&error)),
    }
}

async fn insert(conn: &mut sqlx::SqliteConnection, job: &Job) -> Answer {
    // A reference may clash with an existing one (25^4 codes, shared by every campaign): draw
    // again. 32 draws: a campaign of 100,000 places (the benchmark's) filled a quarter of the
    // codes, and 8 draws then failed now and then (a 500); 32 fail once in 10^19 at that
    // occupancy, and cost nothing more when the first draw is free.
    for _ in 0..32 {
        let reference = crate::accounts::token::new_reference('O');
        let inserted = repo::insert_booking(
            conn,
            &repo::NewBooking {
                campaign_id: job.campaign_id,
                slot_id: job.slot_id,
                reference: &reference,
                token_hash: &job.token_hash,
                name: &job.name,
                group_name: &job.group_name,
                garments: job.garments,
                contact: &job.contact,
                client_key: job.client_key.as_deref(),
            },
            job.now,
        )
        .await;
        match inserted {
            Ok(_) => return Ok(reference),
            Err(error) => match repo::refusal_key(&error) {
                Some("reference_taken") => continue,
                Some(key) => return Err(Refusal::Key(key)),
                None => return Err(Refusal::failure(&error)),
            },
        }
    }
    Err(Refusal::Internal(
        "no free booking reference after 32 draws".into(),
    ))
}
