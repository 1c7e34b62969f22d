//! # Exercise 6.2 — many requests at once, a few at a time
//!
//! The post's second best practice: "use coroutines for I/O-bound tasks". While
//! one request waits for the network, others can be in flight. In Python, with
//! a semaphore to cap how many are in flight:
//!
//! ```python
//! async def fetch_all(ids, limit, fetch):
//!     semaphore = asyncio.Semaphore(limit)
//!
//!     async def one(i):
//!         async with semaphore:
//!             return await fetch(i)
//!
//!     return await asyncio.gather(*(one(i) for i in ids))
//! ```
//!
//! Rust has the same tools (`join_all`, `tokio::sync::Semaphore`), and a
//! shorter one: a stream of futures, `buffered(limit)`, polls at most `limit` of
//! them at a time and yields their outputs in order.
//!
//! The tests simulate the requests with timers in virtual time: ten requests of
//! 100 ms to 1 s must take 1 s, not 5.5 s.
//!
//! **Task:** run `fetch(id)` for every id, at most `limit` at a time (`limit` is
//! at least 1), and return the responses in the order of `ids`.
//!
//! Read: `book/src/06-best-practices.md`, "Many requests at once, a few at a time".

use std::future::Future;

/// Fetches every id, at most `limit` at a time, and returns the responses in
/// the order of `ids`.
pub async fn fetch_all<T, F, Fut>(ids: Vec<u32>, limit: usize, fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    todo!("turn the ids into a stream of fetch futures, buffer `limit` of them, collect")
}
