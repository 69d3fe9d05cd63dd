//! Loading a whole lookup list (areas, postal codes, sales agents) page by page.
//!
//! The API has no total count, so pages are fetched until one comes back short. A bounded number
//! of pages are in flight at once; each page is handed to the caller as soon as it arrives so a
//! dropdown is usable while the rest loads. GETs are safe to retry, so 429, 5xx and connection
//! failures are retried with exponential backoff and jitter (creates never go through here).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use super::client::PAGE_SIZE;
use super::error::ApiError;

#[derive(Debug, Clone, PartialEq)]
pub enum LoadEvent<T> {
    /// One page, in whatever order pages finish.
    Page(Vec<T>),
    /// A page failed in a way worth retrying; the loader waits `wait` and tries again.
    Retrying {
        attempt: u32,
        of: u32,
        wait: Duration,
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    fn delay(&self, attempt: u32, err: &ApiError) -> Duration {
        if let ApiError::RateLimited {
            retry_after: Some(d),
        } = err
        {
            return (*d).min(self.max_delay.max(*d));
        }
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        let capped = exp.min(self.max_delay);
        // Up to +25 % jitter so clients that failed together do not retry together.
        let jitter = capped.mul_f64(jitter_fraction() * 0.25);
        capped + jitter
    }
}

fn jitter_fraction() -> f64 {
    use std::hash::{BuildHasher, RandomState};
    let v = RandomState::new().hash_one(std::thread::current().id());
    (v % 1000) as f64 / 1000.0
}

fn retryable(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::RateLimited { .. }
            | ApiError::Server { .. }
            | ApiError::Timeout { .. }
            | ApiError::ConnectionRefused { .. }
            | ApiError::Network { .. }
    ) || matches!(e, ApiError::NotJson { status, .. } if *status >= 500)
}

/// Fetches one page, retrying what is safe to retry.
pub fn fetch_with_retry<T>(
    policy: &RetryPolicy,
    cancelled: &AtomicBool,
    fetch: impl Fn() -> Result<Vec<T>, ApiError>,
    on_event: &(dyn Fn(LoadEvent<T>) + Sync),
) -> Result<Vec<T>, ApiError> {
    let mut attempt = 1;
    loop {
        match fetch() {
            Ok(items) => return Ok(items),
            Err(e) if retryable(&e) && attempt < policy.max_attempts => {
                let wait = policy.delay(attempt, &e);
                on_event(LoadEvent::Retrying {
                    attempt: attempt + 1,
                    of: policy.max_attempts,
                    wait,
                    reason: e.to_string(),
                });
                sleep_unless_cancelled(wait, cancelled);
                if cancelled.load(Ordering::Relaxed) {
                    return Err(e);
                }
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

fn sleep_unless_cancelled(total: Duration, cancelled: &AtomicBool) {
    let step = Duration::from_millis(50);
    let mut slept = Duration::ZERO;
    while slept < total && !cancelled.load(Ordering::Relaxed) {
        std::thread::sleep(step.min(total - slept));
        slept += step;
    }
}

/// Loads every page with at most `concurrency` requests in flight. Returns all items in page
/// order. Stops early, with the first error, when a page fails for good or `cancelled` is set.
pub fn load_all<T: Send + Clone>(
    concurrency: usize,
    policy: &RetryPolicy,
    cancelled: &AtomicBool,
    fetch_page: &(dyn Fn(usize) -> Result<Vec<T>, ApiError> + Sync),
    on_event: &(dyn Fn(LoadEvent<T>) + Sync),
) -> Result<Vec<T>, ApiError> {
    let next_page = AtomicUsize::new(0);
    // The first short page marks the end; no page after it is requested.
    let end_page = AtomicUsize::new(usize::MAX);
    let pages: Mutex<BTreeMap<usize, Vec<T>>> = Mutex::new(BTreeMap::new());
    let failure: Mutex<Option<ApiError>> = Mutex::new(None);
    let failed = AtomicBool::new(false);

    std::thread::scope(|scope| {
        for _ in 0..concurrency.max(1) {
            scope.spawn(|| {
                loop {
                    if failed.load(Ordering::Relaxed) || cancelled.load(Ordering::Relaxed) {
                        return;
                    }
                    let page = next_page.fetch_add(1, Ordering::Relaxed);
                    if page > end_page.load(Ordering::Relaxed) {
                        return;
                    }
                    let result = fetch_with_retry(
                        policy,
                        cancelled,
                        || fetch_page(page * PAGE_SIZE),
                        on_event,
                    );
                    match result {
                        Ok(items) => {
                            if items.len() < PAGE_SIZE {
                                end_page.fetch_min(page, Ordering::Relaxed);
                            }
                            on_event(LoadEvent::Page(items.clone()));
                            if let Ok(mut map) = pages.lock() {
                                map.insert(page, items);
                            }
                        }
                        Err(e) => {
                            failed.store(true, Ordering::Relaxed);
                            if let Ok(mut slot) = failure.lock() {
                                slot.get_or_insert(e);
                            }
                            return;
                        }
                    }
                }
            });
        }
    });

    if let Some(e) = failure.into_inner().ok().flatten() {
        return Err(e);
    }
    let end = end_page.load(Ordering::Relaxed);
    let map = pages.into_inner().unwrap_or_default();
    // Pages past the end can exist when a worker raced past a short page; drop them.
    Ok(map
        .into_iter()
        .filter(|(p, _)| *p <= end)
        .flat_map(|(_, items)| items)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiet(_: LoadEvent<u32>) {}

    #[test]
    fn loads_until_a_short_page_in_order() {
        let total = 1234u32;
        let calls = AtomicUsize::new(0);
        let fetch = |skip: usize| -> Result<Vec<u32>, ApiError> {
            calls.fetch_add(1, Ordering::Relaxed);
            let start = skip as u32;
            Ok((start..total.min(start + PAGE_SIZE as u32)).collect())
        };
        let all = load_all(
            4,
            &RetryPolicy::default(),
            &AtomicBool::new(false),
            &fetch,
            &quiet,
        )
        .expect("loads");
        assert_eq!(all, (0..total).collect::<Vec<_>>());
        // 13 pages, plus at most 3 racing past the end.
        let n = calls.load(Ordering::Relaxed);
        assert!((13..=16).contains(&n), "{n} calls");
    }

    #[test]
    fn retries_server_errors_then_succeeds() {
        let calls = AtomicUsize::new(0);
        let policy = RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        };
        let fetch = || -> Result<Vec<u32>, ApiError> {
            if calls.fetch_add(1, Ordering::Relaxed) < 2 {
                Err(ApiError::Server {
                    status: 500,
                    description: None,
                })
            } else {
                Ok(vec![1])
            }
        };
        let events = Mutex::new(Vec::new());
        let record = |e: LoadEvent<u32>| events.lock().expect("lock").push(e);
        let got = fetch_with_retry(&policy, &AtomicBool::new(false), fetch, &record).expect("ok");
        assert_eq!(got, vec![1]);
        let events = events.into_inner().expect("lock");
        assert_eq!(events.len(), 2);
        assert!(matches!(
            events[1],
            LoadEvent::Retrying {
                attempt: 3,
                of: 3,
                ..
            }
        ));
    }

    #[test]
    fn key_errors_are_not_retried() {
        let calls = AtomicUsize::new(0);
        let fetch = || -> Result<Vec<u32>, ApiError> {
            calls.fetch_add(1, Ordering::Relaxed);
            Err(ApiError::Unauthorized {
                status: 401,
                description: None,
            })
        };
        let err = fetch_with_retry(
            &RetryPolicy::default(),
            &AtomicBool::new(false),
            fetch,
            &quiet,
        )
        .expect_err("fails");
        assert!(err.is_key_problem());
        assert_eq!(calls.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn retry_after_is_honoured() {
        let p = RetryPolicy::default();
        let d = p.delay(
            1,
            &ApiError::RateLimited {
                retry_after: Some(Duration::from_secs(3)),
            },
        );
        assert_eq!(d, Duration::from_secs(3));
        let d = p.delay(
            3,
            &ApiError::Server {
                status: 503,
                description: None,
            },
        );
        assert!(
            d >= Duration::from_secs(2) && d <= Duration::from_millis(2500),
            "{d:?}"
        );
    }
}
