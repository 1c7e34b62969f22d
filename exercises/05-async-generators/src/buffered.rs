//! # Exercise 5.4 — several at a time
//!
//! Fetching a list of pages with at most `limit` requests at once, in Python:
//!
//! ```python
//! async def in_order(ids, limit, fetch):
//!     permits = asyncio.Semaphore(limit)
//!     async def one(i):
//!         async with permits:
//!             return await fetch(i)
//!     for result in await asyncio.gather(*(one(i) for i in ids)):
//!         yield result
//! ```
//!
//! Streams do this with one adaptor. Turn the ids into a stream of futures
//! (`stream::iter(ids).map(fetch)`), then `buffered(limit)` runs up to `limit`
//! of them at once and yields the outputs in input order, while
//! `buffer_unordered(limit)` yields each output as soon as it is ready.
//!
//! **Task:** write both (`limit` is at least 1: a window of 0 would never
//! start anything).
//!
//! Read: `book/src/05-async-generators.md`, "Several at a time".

use std::future::Future;

use futures::Stream;

/// Fetches every id, at most `limit` at a time; outputs in input order.
pub fn in_order<F, Fut>(ids: Vec<u64>, limit: usize, fetch: F) -> impl Stream<Item = Fut::Output>
where
    F: FnMut(u64) -> Fut,
    Fut: Future,
{
    futures::stream::poll_fn(|_| todo!("stream::iter(ids).map(fetch).buffered(limit)"))
}

/// Fetches every id, at most `limit` at a time; outputs as they are ready.
pub fn as_ready<F, Fut>(ids: Vec<u64>, limit: usize, fetch: F) -> impl Stream<Item = Fut::Output>
where
    F: FnMut(u64) -> Fut,
    Fut: Future,
{
    futures::stream::poll_fn(|_| todo!("the same, with buffer_unordered"))
}
