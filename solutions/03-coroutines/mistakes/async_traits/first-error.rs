//! Mistake: If the first attempt fails, its error is the one that explains what went wrong.
//! Expect: the last attempt's error
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
        sleep(self.delay).await;
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
    let mut first = None;
    for i in 0..attempts.max(1) {
        if i > 0 {
            sleep(pause).await;
        }
        match attempt().await {
            Ok(value) => return Ok(value),
            Err(error) => {
                first.get_or_insert(error);
            }
        }
    }
    Err(first.expect("at least one attempt was made"))
}
