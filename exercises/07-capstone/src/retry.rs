//! # Exercise 7.1 — one job, retried with a time limit
//!
//! The capstone is a pipeline built from everything so far. Its smallest part
//! runs one job: each try gets a time limit, a failed or slow try is retried
//! after a pause, and after the last try the job gives up with a reason. In
//! Python:
//!
//! ```python
//! async def retry(op, attempts, per_try, backoff):
//!     for attempt in range(1, attempts + 1):
//!         try:
//!             return await asyncio.wait_for(op(attempt), per_try)
//!         except asyncio.TimeoutError:
//!             last = "timed out"
//!         except Exception as error:
//!             last = error
//!         if attempt < attempts:
//!             await asyncio.sleep(backoff)
//!     raise GaveUp(attempts, last)
//! ```
//!
//! In Rust the outcome is a value, not an exception: `Ok(T)` or
//! `Err(GaveUp<E>)`, and `tokio::time::timeout` tells a slow try
//! (`Err(Elapsed)`) from one that failed (`Ok(Err(e))`). A try that times out
//! is dropped, which cancels it.
//!
//! **Task:** call `op(1)`, `op(2)`, … (at most `policy.attempts` times; 0
//! counts as 1, and `u32::MAX` is allowed), each within `policy.per_try`,
//! pausing `policy.backoff` between two tries but not after the last; return
//! the first success, or how many tries were made and why the last one failed.
//!
//! Read: `book/src/07-capstone.md`, "One job, retried with a time limit".

use std::future::Future;

use tokio::time::Duration;

/// How many tries a job gets, how long each may take, and the pause between two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub attempts: u32,
    pub per_try: Duration,
    pub backoff: Duration,
}

/// Why one try did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure<E> {
    TimedOut,
    Failed(E),
}

/// A job that used up its tries: how many it made, and why the last one failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GaveUp<E> {
    pub attempts: u32,
    pub last: Failure<E>,
}

/// Calls `op(1)`, `op(2)`, … until one succeeds within `policy.per_try`, at
/// most `policy.attempts` times, pausing `policy.backoff` between two tries.
pub async fn retry<T, E, F, Fut>(policy: Policy, mut op: F) -> Result<T, GaveUp<E>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // Exercises 7.2 and 7.3 call this function: until it is written, their
    // tests stop here, and this message says which exercise to solve first.
    todo!(
        "exercise 7.1, `retry`, is not solved yet (7.2 and 7.3 call it): loop: \
         tokio::time::timeout(policy.per_try, op(attempt)), match its three outcomes"
    )
}
