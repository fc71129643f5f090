//! A value read often and changed rarely (the coop's opening hours on every home page), kept in
//! memory for a few seconds: the home page then costs no database round trip.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

pub struct Cached<T> {
    ttl: Duration,
    state: Mutex<State<T>>,
    /// One load at a time: when the value expires under load, the requests of that moment wait
    /// for one load instead of all loading it (64 concurrent loads of a campaign's slots showed
    /// as 150–300 ms at the bench's p99).
    loading: tokio::sync::Mutex<()>,
}

struct State<T> {
    value: Option<(Instant, Arc<T>)>,
    /// Counts invalidations: a load that began before one must not store what it read.
    generation: u64,
}

impl<T> Cached<T> {
    pub fn new(ttl: Duration) -> Cached<T> {
        Cached {
            ttl,
            state: Mutex::new(State {
                value: None,
                generation: 0,
            }),
            loading: tokio::sync::Mutex::new(()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value if fresh, and the generation it was looked up in.
    fn fresh(&self) -> (Option<Arc<T>>, u64) {
        let state = self.state();
        let value = match &state.value {
            Some((at, value)) if at.elapsed() < self.ttl => Some(value.clone()),
            _ => None,
        };
        (value, state.generation)
    }

    /// The cached value while fresh, else what `load` returns (then cached).
    pub async fn get_or_load<E>(
        &self,
        load: impl AsyncFnOnce() -> Result<T, E>,
    ) -> Result<Arc<T>, E> {
        if let (Some(value), _) = self.fresh() {
            return Ok(value);
        }
        let _loading = self.loading.lock().await;
        // Loaded by another request while this one waited?
        let (value, generation) = self.fresh();
        if let Some(value) = value {
            return Ok(value);
        }
        let value = Arc::new(load().await?);
        let mut state = self.state();
        if state.generation == generation {
            state.value = Some((Instant::now(), value.clone()));
        }
        Ok(value)
    }

    /// Forget the value (after a write that changes it).
    pub fn invalidate(&self) {
        let mut state = self.state();
        state.value = None;
        state.generation += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn loads_once_while_fresh_and_again_after_invalidation() {
        let cache = Cached::new(Duration::from_secs(60));
        let mut loads = 0;
        for _ in 0..3 {
            cache
                .get_or_load(async || {
                    loads += 1;
                    Ok::<_, ()>(42)
                })
                .await
                .unwrap();
        }
        assert_eq!(loads, 1);
        cache.invalidate();
        assert_eq!(
            *cache
                .get_or_load(async || {
                    loads += 1;
                    Ok::<_, ()>(43)
                })
                .await
                .unwrap(),
            43
        );
        assert_eq!(loads, 2);
    }

    #[tokio::test]
    async fn requests_arriving_together_share_one_load() {
        let cache = Cached::new(Duration::from_secs(60));
        let loads = std::sync::atomic::AtomicUsize::new(0);
        let load = async || {
            loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok::<_, ()>(7)
        };
        let (a, b, c) = tokio::join!(
            cache.get_or_load(load),
            cache.get_or_load(load),
            cache.get_or_load(load)
        );
        assert_eq!((*a.unwrap(), *b.unwrap(), *c.unwrap()), (7, 7, 7));
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_load_overtaken_by_an_invalidation_is_not_kept() {
        let cache = Cached::new(Duration::from_secs(60));
        let stale = cache
            .get_or_load(async || {
                // A staff write lands while this load reads.
                cache.invalidate();
                Ok::<_, ()>("before the write")
            })
            .await
            .unwrap();
        assert_eq!(*stale, "before the write");
        let fresh = cache
            .get_or_load(async || Ok::<_, ()>("after the write"))
            .await
            .unwrap();
        assert_eq!(*fresh, "after the write");
    }
}
