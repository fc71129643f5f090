//! Attempt counters for sign-in, invitation and code endpoints: a fixed window per key (an IP
//! address, an account). In memory: a restart forgets them, which only ever favours a person
//! locked out by mistake. The coop's shared Wi-Fi is one IP, hence generous IP limits and strict
//! per-account ones.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

pub struct RateLimiter {
    limit: u32,
    window: Duration,
    counts: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit,
            window,
            counts: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one attempt for `key`; `Err(seconds)` when over the limit (retry after that).
    pub fn hit(&self, key: &str) -> Result<(), u64> {
        self.hit_at(key, Instant::now())
    }

    fn hit_at(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if counts.len() > 100_000 {
            counts.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let (start, count) = counts.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(*start) >= self.window {
            *start = now;
            *count = 0;
        }
        if *count >= self.limit {
            let left = self.window.saturating_sub(now.duration_since(*start));
            return Err(left.as_secs().max(1));
        }
        *count += 1;
        Ok(())
    }

    /// `Err(seconds)` when `key` is over the limit, without counting an attempt (a check before
    /// the attempt, when only failures count).
    pub fn blocked(&self, key: &str) -> Result<(), u64> {
        let now = Instant::now();
        let counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        match counts.get(key) {
            Some((start, count))
                if *count >= self.limit && now.duration_since(*start) < self.window =>
            {
                let left = self.window.saturating_sub(now.duration_since(*start));
                Err(left.as_secs().max(1))
            }
            _ => Ok(()),
        }
    }

    /// Forgets `key` (a successful sign-in clears the account's failures).
    pub fn reset(&self, key: &str) {
        self.counts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

/// The limits of the app.
pub struct Limits {
    /// Sign-in attempts per IP address.
    pub sign_in_ip: RateLimiter,
    /// Failed sign-ins per account.
    pub sign_in_account: RateLimiter,
    /// Invitation and code look-ups per IP address.
    pub codes_ip: RateLimiter,
    /// Wrong campaign invite codes per IP address.
    pub campaign_code_ip: RateLimiter,
    /// Alteration requests sent per IP address (each may carry 5 photos to decode).
    pub alteration_submit_ip: RateLimiter,
}

impl Default for Limits {
    fn default() -> Limits {
        let quarter = Duration::from_secs(15 * 60);
        Limits {
            sign_in_ip: RateLimiter::new(30, quarter),
            sign_in_account: RateLimiter::new(5, quarter),
            // A whole group may claim its cards on the coop's Wi-Fi the same morning.
            codes_ip: RateLimiter::new(60, quarter),
            // Only wrong codes count: a class booking from the school's Wi-Fi types it right.
            campaign_code_ip: RateLimiter::new(20, quarter),
            // A family sends one or two, corrections included; several on the coop's Wi-Fi
            // (one address) stay far under one every 30 s. Caps one address at 100 photos to
            // decode per 10 minutes.
            alteration_submit_ip: RateLimiter::new(20, Duration::from_secs(10 * 60)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_beyond_the_limit_until_the_window_ends() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        assert!(limiter.hit_at("ip", t0).is_ok());
        assert!(limiter.hit_at("ip", t0).is_ok());
        assert_eq!(limiter.hit_at("ip", t0 + Duration::from_secs(15)), Err(45));
        assert!(limiter.hit_at("other", t0).is_ok());
        assert!(limiter.hit_at("ip", t0 + Duration::from_secs(61)).is_ok());
        limiter.reset("ip");
        assert!(limiter.hit_at("ip", t0 + Duration::from_secs(62)).is_ok());
    }
}
