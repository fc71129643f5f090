//! Attempt counters for sign-in, invitation and code endpoints, in memory: a restart forgets
//! them, which only ever favours a person slowed down by mistake.
//!
//! Guessing is answered by a [`Throttle`]: a few failures are free, then each further failure
//! makes the next attempt from that key wait longer (doubling, capped), and failures age out.
//! Nobody is locked out for good, and a guesser gets only a few tries per quarter of an hour.
//! The fixed-window [`RateLimiter`] remains for plain look-ups that count every attempt.

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

/// How failures of one kind are answered: `free` failures cost nothing, then the next attempt
/// waits `first_delay`, doubling with each further failure up to `max_delay`. A key's failures
/// are forgotten `memory` after its last one.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    pub free: u32,
    pub first_delay: Duration,
    pub max_delay: Duration,
    pub memory: Duration,
}

impl Policy {
    /// The wait after `failures` failures.
    fn delay(&self, failures: u32) -> Duration {
        if failures <= self.free {
            return Duration::ZERO;
        }
        let doublings = (failures - self.free - 1).min(30);
        self.first_delay
            .saturating_mul(1 << doublings)
            .min(self.max_delay)
    }
}

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

/// Failures per key (an address, an account, an account from one address…), with increasing
/// delays. Bounded: at most `max_keys` keys; when full, keys past their memory go first, then the
/// oldest tenth (a flood of new keys cannot grow the map, nor wipe the fresh, busy keys).
pub struct Throttle {
    policy: Policy,
    max_keys: usize,
    keys: Mutex<HashMap<String, Failures>>,
}

impl Throttle {
    pub fn new(policy: Policy) -> Throttle {
        Throttle::with_capacity(policy, 100_000)
    }

    pub fn with_capacity(policy: Policy, max_keys: usize) -> Throttle {
        Throttle {
            policy,
            max_keys: max_keys.max(1),
            keys: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Failures>> {
        self.keys.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `Err(seconds)` while `key` must wait before its next attempt. Checking counts nothing.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        self.check_at(key, Instant::now())
    }

    /// Records a failure of `key`; returns the wait it now imposes (`Err(seconds)`), if any.
    pub fn fail(&self, key: &str) -> Result<(), u64> {
        self.fail_at(key, Instant::now())
    }

    /// Forgets `key` (a right password clears the failures of that browser or that pair).
    pub fn forget(&self, key: &str) {
        self.lock().remove(key);
    }

    /// The failures `key` has now (not yet aged out).
    pub fn failures(&self, key: &str) -> u32 {
        self.failures_at(key, Instant::now())
    }

    fn live(&self, failures: &Failures, now: Instant) -> bool {
        now.saturating_duration_since(failures.last) < self.policy.memory
    }

    fn failures_at(&self, key: &str, now: Instant) -> u32 {
        self.lock()
            .get(key)
            .filter(|f| self.live(f, now))
            .map_or(0, |f| f.count)
    }

    fn wait(&self, failures: &Failures, now: Instant) -> Result<(), u64> {
        if !self.live(failures, now) {
            return Ok(());
        }
        let until = failures.last + self.policy.delay(failures.count);
        match until.checked_duration_since(now) {
            Some(left) if !left.is_zero() => Err(left.as_secs_f64().ceil().max(1.0) as u64),
            _ => Ok(()),
        }
    }

    fn check_at(&self, key: &str, now: Instant) -> Result<(), u64> {
        match self.lock().get(key) {
            Some(failures) => self.wait(failures, now),
            None => Ok(()),
        }
    }

    fn fail_at(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut keys = self.lock();
        if !keys.contains_key(key) && keys.len() >= self.max_keys {
            self.evict(&mut keys, now);
        }
        let entry = keys.entry(key.to_owned()).or_insert(Failures {
            count: 0,
            last: now,
        });
        if !self.live(entry, now) {
            entry.count = 0;
        }
        entry.count = entry.count.saturating_add(1);
        entry.last = now;
        self.wait(entry, now)
    }

    fn evict(&self, keys: &mut HashMap<String, Failures>, now: Instant) {
        keys.retain(|_, f| self.live(f, now));
        if keys.len() < self.max_keys {
            return;
        }
        let mut lasts: Vec<Instant> = keys.values().map(|f| f.last).collect();
        let tenth = (lasts.len() / 10).max(1);
        let (_, cutoff, _) = lasts.select_nth_unstable(tenth - 1);
        let cutoff = *cutoff;
        keys.retain(|_, f| f.last > cutoff);
    }
}

/// The limits of the app. Each guessing counter is a [`Throttle`]; the thresholds are chosen
/// so that the right person, who types the right secret, is not stopped by others' failures.
pub struct Limits {
    /// Wrong passwords for one account from one address: the person's own typos and a guesser
    /// alike, slowed after a few.
    pub sign_in_pair: Throttle,
    /// Wrong passwords from one address, whatever the account: the coop's Wi-Fi is one address
    /// for everybody, hence a generous threshold.
    pub sign_in_ip: Throttle,
    /// Wrong passwords for one account from everywhere: strong evidence of an attack only. Each
    /// address adds a few before its own pair throttle slows it, so this takes several addresses.
    pub sign_in_account: Throttle,
    /// Wrong passwords from a browser that holds a known-device cookie for the account: it is
    /// judged on its own failures only (a stolen cookie still gets few tries).
    pub sign_in_device: Throttle,
    /// Wrong current passwords on "Mon compte" (a signed-in session), per person.
    pub password_change: Throttle,
    /// Wrong second-factor codes after a right password, per person, whichever pending sign-in
    /// they come through (each dies after 5; typing the password again must not reset this).
    pub sign_in_code: Throttle,
    /// Unknown or used invitation cards per address (a right card is not slowed before
    /// `invitation_strong`).
    pub invitation_ip: Throttle,
    /// The same failures, as strong evidence: past this even a right card waits.
    pub invitation_strong: Throttle,
    /// Plain look-ups per IP address (alterations' tracking links).
    pub codes_ip: RateLimiter,
    /// Wrong campaign invite codes per address: slowed after a few (a class's typos are free).
    pub campaign_code_ip: Throttle,
    /// The same failures, as strong evidence: past hundreds of them in a quarter of an hour
    /// even the right code waits, which bounds guesses of 8 characters out of 31 to nothing.
    pub campaign_code_strong: Throttle,
    /// Alteration requests sent per IP address (each may carry 5 photos to decode).
    pub alteration_submit_ip: RateLimiter,
}

/// Doubling from 2 s to a quarter of an hour, forgotten a quarter of an hour after the last one.
fn doubling(free: u32) -> Policy {
    Policy {
        free,
        first_delay: Duration::from_secs(2),
        max_delay: QUARTER,
        memory: QUARTER,
    }
}

/// Past strong evidence of an attack the first wait is longer: everybody behind that key waits.
fn strong(free: u32) -> Policy {
    Policy {
        first_delay: Duration::from_secs(30),
        ..doubling(free)
    }
}

const QUARTER: Duration = Duration::from_secs(15 * 60);

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            sign_in_pair: Throttle::new(doubling(5)),
            sign_in_ip: Throttle::new(doubling(30)),
            sign_in_account: Throttle::new(strong(50)),
            sign_in_device: Throttle::new(doubling(5)),
            password_change: Throttle::new(doubling(5)),
            // The fifth wrong code ends the pending sign-in and makes the next one wait.
            sign_in_code: Throttle::new(doubling(4)),
            invitation_ip: Throttle::new(doubling(20)),
            invitation_strong: Throttle::new(strong(300)),
            // A whole group may claim its cards on the coop's Wi-Fi the same morning.
            codes_ip: RateLimiter::new(60, QUARTER),
            campaign_code_ip: Throttle::new(doubling(10)),
            campaign_code_strong: Throttle::new(strong(300)),
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

    fn policy() -> Policy {
        Policy {
            free: 3,
            first_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(60),
            memory: Duration::from_secs(600),
        }
    }

    #[test]
    fn free_failures_then_doubling_delays_up_to_the_cap() {
        let throttle = Throttle::new(policy());
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(throttle.fail_at("ip", t0), Ok(()));
        }
        assert_eq!(throttle.check_at("ip", t0), Ok(()));
        assert_eq!(throttle.fail_at("ip", t0), Err(2));
        assert_eq!(throttle.check_at("ip", t0 + Duration::from_secs(1)), Err(1));
        assert_eq!(throttle.check_at("ip", t0 + Duration::from_secs(2)), Ok(()));
        let t1 = t0 + Duration::from_secs(2);
        assert_eq!(throttle.fail_at("ip", t1), Err(4));
        assert_eq!(throttle.fail_at("ip", t1), Err(8));
        assert_eq!(throttle.fail_at("ip", t1), Err(16));
        assert_eq!(throttle.fail_at("ip", t1), Err(32));
        assert_eq!(throttle.fail_at("ip", t1), Err(60), "capped");
        for _ in 0..100 {
            assert_eq!(throttle.fail_at("ip", t1), Err(60), "no overflow");
        }
        // Another key is not slowed by this one.
        assert_eq!(throttle.check_at("other", t1), Ok(()));
        assert_eq!(throttle.failures_at("ip", t1), 109);
        // Checking counts nothing, a wait running out frees the key.
        assert_eq!(
            throttle.check_at("ip", t1 + Duration::from_millis(59_500)),
            Err(1)
        );
        assert_eq!(
            throttle.check_at("ip", t1 + Duration::from_secs(60)),
            Ok(())
        );
        assert_eq!(throttle.failures_at("ip", t1), 109);
    }

    #[test]
    fn failures_age_out_and_a_success_forgets_them() {
        let throttle = Throttle::new(policy());
        let t0 = Instant::now();
        for _ in 0..5 {
            let _ = throttle.fail_at("pair", t0);
        }
        assert!(throttle.check_at("pair", t0).is_err());
        // Ten minutes after the last failure, the slate is clean: three free failures again.
        let later = t0 + Duration::from_secs(600);
        assert_eq!(throttle.failures_at("pair", later), 0);
        assert_eq!(throttle.check_at("pair", later), Ok(()));
        for _ in 0..3 {
            assert_eq!(throttle.fail_at("pair", later), Ok(()));
        }
        assert_eq!(throttle.fail_at("pair", later), Err(2));
        throttle.forget("pair");
        assert_eq!(throttle.check_at("pair", later), Ok(()));
        assert_eq!(throttle.failures_at("pair", later), 0);
    }

    #[test]
    fn the_map_stays_bounded_and_keeps_the_fresh_keys() {
        let throttle = Throttle::with_capacity(policy(), 100);
        let t0 = Instant::now();
        for i in 0..5 {
            let _ = throttle.fail_at("busy", t0 + Duration::from_secs(i));
        }
        for i in 0..1000u64 {
            let _ = throttle.fail_at(&format!("key{i}"), t0 + Duration::from_millis(5_000 + i));
            let _ = throttle.fail_at("busy", t0 + Duration::from_millis(5_000 + i));
            assert!(throttle.lock().len() <= 100);
        }
        let end = t0 + Duration::from_secs(7);
        assert!(
            throttle.failures_at("busy", end) > 1000,
            "a busy key is never evicted"
        );
        assert!(throttle.check_at("busy", end).is_err());
        assert_eq!(
            throttle.failures_at("key0", end),
            0,
            "the oldest went first"
        );
        assert_eq!(throttle.failures_at("key999", end), 1);
        // Keys past their memory go before any live one.
        let throttle = Throttle::with_capacity(policy(), 2);
        let _ = throttle.fail_at("old", t0);
        let _ = throttle.fail_at("live", t0 + Duration::from_secs(500));
        let _ = throttle.fail_at("new", t0 + Duration::from_secs(700));
        let now = t0 + Duration::from_secs(700);
        assert_eq!(throttle.failures_at("live", now), 1);
        assert_eq!(throttle.failures_at("new", now), 1);
        assert!(!throttle.lock().contains_key("old"));
    }
}
