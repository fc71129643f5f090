//! A value read often and changed rarely (the coop's opening hours on every home page), kept in
//! memory for a few seconds: the home page then costs no database round trip.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

pub struct Cached<T> {
    ttl: Duration,
    slot: Mutex<Option<(Instant, Arc<T>)>>,
}

impl<T> Cached<T> {
    pub fn new(ttl: Duration) -> Cached<T> {
        Cached {
            ttl,
            slot: Mutex::new(None),
        }
    }

    /// The cached value while fresh, else what `load` returns (then cached).
    pub async fn get_or_load<E>(
        &self,
        load: impl AsyncFnOnce() -> Result<T, E>,
    ) -> Result<Arc<T>, E> {
        if let Some((at, value)) = self.slot.lock().unwrap_or_else(|e| e.into_inner()).as_ref()
            && at.elapsed() < self.ttl
        {
            return Ok(value.clone());
        }
        let value = Arc::new(load().await?);
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), value.clone()));
        Ok(value)
    }

    /// Forget the value (after a write that changes it).
    pub fn invalidate(&self) {
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) = None;
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
}
