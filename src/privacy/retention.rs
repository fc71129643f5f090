//! The daily purge: personal data goes when its retention period is over (the periods in
//! [`Retention`], configurable). Anonymous counts stay: orders, lines, garments, shifts and
//! bookings remain for the key figures, without a name.
//!
//! Not purged because the app keeps none: sent e-mails (it sends none).

use super::Retention;
use crate::{accounts, alterations, campaigns, catering, lunch, made_to_order, server::db::Db};

const DAY: i64 = 86_400;

/// What one purge removed or scrubbed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub alteration_requests: u64,
    pub photos: u64,
    pub hem_bookings: u64,
    pub lunch_orders: u64,
    pub catering_contacts: u64,
    pub made_to_order_contacts: u64,
    pub made_to_order_photos: u64,
    pub organisation_contacts: u64,
    pub accounts: u64,
    pub sign_in_traces: u64,
}

impl Purged {
    pub fn total(&self) -> u64 {
        self.alteration_requests
            + self.photos
            + self.hem_bookings
            + self.lunch_orders
            + self.catering_contacts
            + self.made_to_order_contacts
            + self.made_to_order_photos
            + self.organisation_contacts
            + self.accounts
            + self.sign_in_traces
    }
}

/// One purge at `now`, in one transaction: all of it or nothing.
pub async fn purge(db: &Db, retention: &Retention, now: i64) -> Result<Purged, sqlx::Error> {
    let days = |d: u32| now - i64::from(d) * DAY;
    let mut tx = db.begin_write().await?;
    let purged = Purged {
        photos: alterations::privacy::purge_photos(&mut tx, days(retention.photo_days)).await?,
        alteration_requests: alterations::privacy::purge(&mut tx, days(retention.public_days), now)
            .await?,
        hem_bookings: campaigns::privacy::purge(&mut tx, days(retention.public_days), now).await?,
        lunch_orders: lunch::privacy::purge(&mut tx, days(retention.public_days), now).await?,
        catering_contacts: catering::privacy::purge(&mut tx, days(retention.company_days), now)
            .await?,
        made_to_order_photos: made_to_order::privacy::purge_photos(
            &mut tx,
            days(retention.photo_days),
        )
        .await?,
        made_to_order_contacts: made_to_order::privacy::purge(
            &mut tx,
            days(retention.company_days),
            now,
        )
        .await?,
        organisation_contacts: crate::partners::repo::purge_contacts(
            &mut tx,
            days(retention.company_days),
        )
        .await?,
        accounts: accounts::privacy::purge_inactive(&mut tx, retention, now).await?,
        sign_in_traces: accounts::privacy::purge_sign_in_traces(
            &mut tx,
            days(retention.session_days),
        )
        .await?,
    };
    if purged.total() > 0 {
        accounts::audit::record_unattended(
            &mut tx,
            "retention.purge",
            "privacy",
            "retention",
            Some(&format!("{purged:?}")),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(purged)
}

/// Runs the purge at start-up, then once a day.
pub fn spawn_daily(state: crate::server::AppState) {
    tokio::spawn(async move {
        let mut every_day = tokio::time::interval(std::time::Duration::from_secs(DAY as u64));
        loop {
            every_day.tick().await;
            match purge(&state.db, &state.config.retention, crate::server::now()).await {
                Ok(purged) if purged.total() == 0 => {}
                Ok(purged) => tracing::info!(?purged, "retention purge"),
                Err(error) => tracing::warn!(%error, "retention purge failed"),
            }
        }
    });
}
