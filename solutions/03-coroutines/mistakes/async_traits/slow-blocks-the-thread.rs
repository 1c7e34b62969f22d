//! Mistake: `Slow` only has to be slow: `std::thread::sleep` waits the delay as well as tokio's sleep.
//! Expect: a blocking call inside async code held the thread
//! Exercise 3.8, solved: async functions in traits, and a retry helper that
//! takes an async closure.

use std::collections::HashMap;

use tokio::time::{Duration, sleep};

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// No value under this key.
    NotFound(String),
    /// The source could not answer now; trying again may work.
    Unavailable,
}

/// Anything that can fetch a value by key, taking its time.
// `async fn` in a public trait does not say whether its future is `Send`,
// which the compiler warns about. These futures are awaited where they are
// made, never sent to another thread, so the plain form is enough here.
#[allow(async_fn_in_trait)]
pub trait Fetch {
    async fn fetch(&self, key: &str) -> Result<String, FetchError>;
}

/// Answers at once, from a map.
#[derive(Debug, Default)]
pub struct Memory {
    pub entries: HashMap<String, String>,
}

/// Answers after `delay`, from `inner`: a slow network in front of a source.
#[derive(Debug)]
pub struct Slow<F> {
    pub delay: Duration,
    pub inner: F,
}

impl Fetch for Memory {
    async fn fetch(&self, key: &str) -> Result<String, FetchError> {
        self.entries
            .get(key)
            .cloned()
            .ok_or_else(|| FetchError::NotFound(key.to_owned()))
    }
}

impl<F: Fetch> Fetch for Slow<F> {
    async fn fetch(&self, key: &str) -> Result<String, FetchError> {
        std::thread::sleep(self.delay);
        self.inner.fetch(key).await
    }
}

/// Calls `attempt` until it succeeds, at most `attempts` times (at least
/// once), waiting `pause` between two attempts: the first success, or the
/// last attempt's error.
pub async fn retry<T, E>(
    attempts: usize,
    pause: Duration,
    mut attempt: impl AsyncFnMut() -> Result<T, E>,
) -> Result<T, E> {
    let mut left = attempts.max(1);
    loop {
        // Each call makes a new future, which may borrow the closure's
        // captures: that is what an async closure has over `|| async {}`.
        match attempt().await {
            Ok(value) => return Ok(value),
            Err(error) if left == 1 => return Err(error),
            // No pause after the last attempt: nobody would be waiting for it.
            Err(_) => {
                left -= 1;
                sleep(pause).await;
            }
        }
    }
}
