//! One address's share of a campaign: at most max(40, a quarter of its places) confirmed
//! bookings. A class of 35 booking on its school's Wi-Fi all get in; a script with made-up
//! contacts gets a quarter at most and the public keeps the rest.
//!
//! Counted here, in memory, rather than by a trigger: an index on the address key (random
//! values) put one more page in the WAL for every booking of a rush, and bookings fell from
//! 0.84 to 0.62 of the raw SQLite ceiling (BENCHMARKS.md). Every booking goes through this one
//! process, so the counts hold under a rush: a place of the share is taken before the INSERT
//! and given back if the INSERT is refused. The counts are read from the database the first
//! time a campaign is booked after a start, again every minute (cancellations made meanwhile),
//! and at once after a cancellation. The places themselves stay the database's (triggers + CHECK).

use crate::server::db::Db;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// The share one address may hold of a campaign of `places` places.
pub fn share_limit(places: i64) -> i64 {
    (places / 4).max(40)
}

/// Counts older than this are read again (cancellations by private link or by staff).
const FRESH_FOR: Duration = Duration::from_secs(60);

#[derive(Default, Clone)]
pub struct Shares(Arc<Mutex<HashMap<i64, CampaignShares>>>);

struct CampaignShares {
    read_at: Instant,
    places: i64,
    held: HashMap<String, i64>,
}

/// A place of an address's share, taken for one booking: given back when dropped unless kept.
pub struct SharePlace {
    shares: Shares,
    campaign_id: i64,
    client_key: String,
    kept: bool,
}

impl SharePlace {
    /// The booking was made: the place stays taken.
    pub fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for SharePlace {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        let mut campaigns = self.shares.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(held) = campaigns
            .get_mut(&self.campaign_id)
            .and_then(|c| c.held.get_mut(&self.client_key))
        {
            *held -= 1;
        }
    }
}

impl Shares {
    /// Takes a place of `client_key`'s share of the campaign, or `None` when it holds its share
    /// already.
    pub async fn take(
        &self,
        db: &Db,
        campaign_id: i64,
        client_key: &str,
    ) -> Result<Option<SharePlace>, sqlx::Error> {
        match self.claim_read(campaign_id) {
            Read::None => {}
            // The first bookings after a start all read; the first answer stays.
            Read::First => {
                let read = read_counts(db, campaign_id).await?;
                let mut campaigns = self.0.lock().unwrap_or_else(|e| e.into_inner());
                campaigns.entry(campaign_id).or_insert(read);
            }
            // One booking reads again while the others go on with the counts of a minute ago.
            // Bookings in flight at that moment (one commit's worth at most) are not in what it
            // reads: the share may exceed its limit by that much, once a minute at worst.
            Read::Again => {
                let read = read_counts(db, campaign_id).await?;
                let mut campaigns = self.0.lock().unwrap_or_else(|e| e.into_inner());
                campaigns.insert(campaign_id, read);
            }
        }
        let mut campaigns = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let Some(campaign) = campaigns.get_mut(&campaign_id) else {
            return Ok(None);
        };
        let limit = share_limit(campaign.places);
        let held = campaign.held.entry(client_key.to_owned()).or_default();
        if *held >= limit {
            return Ok(None);
        }
        *held += 1;
        Ok(Some(SharePlace {
            shares: self.clone(),
            campaign_id,
            client_key: client_key.to_owned(),
            kept: false,
        }))
    }

    /// Reads a campaign's counts again at its next booking (after a cancellation).
    pub fn forget(&self, campaign_id: i64) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&campaign_id);
    }

    fn claim_read(&self, campaign_id: i64) -> Read {
        let mut campaigns = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match campaigns.get_mut(&campaign_id) {
            None => Read::First,
            Some(c) if c.read_at.elapsed() >= FRESH_FOR => {
                c.read_at = Instant::now();
                Read::Again
            }
            Some(_) => Read::None,
        }
    }
}

enum Read {
    None,
    First,
    Again,
}

async fn read_counts(db: &Db, campaign_id: i64) -> Result<CampaignShares, sqlx::Error> {
    let places: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(capacity), 0) FROM campaign_slot WHERE campaign_id = ?",
    )
    .bind(campaign_id)
    .fetch_one(&db.reader)
    .await?;
    let held: Vec<(String, i64)> = sqlx::query_as(
        "SELECT client_key, count(*) FROM campaign_booking
         WHERE campaign_id = ? AND status = 'confirmed' AND client_key IS NOT NULL
         GROUP BY client_key",
    )
    .bind(campaign_id)
    .fetch_all(&db.reader)
    .await?;
    Ok(CampaignShares {
        read_at: Instant::now(),
        places,
        held: held.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_class_fits_and_a_script_gets_a_quarter() {
        assert_eq!(super::share_limit(100), 40);
        assert_eq!(super::share_limit(200), 50);
        assert_eq!(super::share_limit(1_000), 250);
    }
}
