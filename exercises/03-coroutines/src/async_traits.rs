//! # Exercise 3.8 — async functions in traits, and async closures
//!
//! Python needs nothing special for an `async def` in a class, or for a
//! callable that returns a coroutine:
//!
//! ```python
//! class Memory:
//!     async def fetch(self, key):
//!         try:
//!             return self.entries[key]
//!         except KeyError:
//!             raise NotFound(key)
//!
//! class Slow:                              # another source, behind a delay
//!     async def fetch(self, key):
//!         await asyncio.sleep(self.delay)
//!         return await self.inner.fetch(key)
//!
//! async def retry(attempts, pause, attempt):  # attempt: an async callable
//!     for i in range(attempts):
//!         try:
//!             return await attempt()
//!         except Exception:
//!             if i == attempts - 1:
//!                 raise                    # the last attempt's error
//!             await asyncio.sleep(pause)
//! ```
//!
//! Rust has both since 1.75 and 1.85: an `async fn` may be a trait's method,
//! and an async closure `async || ...` may borrow what it captures across its
//! `.await`s; a function takes one as `impl AsyncFnMut() -> T` and calls it
//! as `attempt().await`, once per attempt.
//!
//! **Task:** implement [`Fetch`] for [`Memory`] (the value, or
//! `NotFound(key)`) and for [`Slow`] (wait `delay`, then ask `inner`); write
//! [`retry`]: call `attempt` until it succeeds, at most `attempts` times (0
//! counts as 1), waiting `pause` between two attempts, and return the first
//! success or the last error.
//!
//! Read: `book/src/03-coroutines.md`, "Async functions in traits".

use std::collections::HashMap;

use tokio::time::Duration;

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
        todo!("the value under `key`, or NotFound(key)")
    }
}

impl<F: Fetch> Fetch for Slow<F> {
    async fn fetch(&self, key: &str) -> Result<String, FetchError> {
        todo!("sleep `delay`, then ask `inner`")
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
    todo!("call attempt().await in a loop, sleeping `pause` between two attempts")
}
