//! Mistake: `then` runs the fetches of a stream concurrently.
//! Expect: with a limit of 4, 4 fetches must run at once
//! Exercise 5.4, solved: `buffered` and `buffer_unordered`.

use std::future::Future;

use futures::{Stream, StreamExt, stream};

/// Fetches every id, at most `limit` at a time; outputs in input order.
pub fn in_order<F, Fut>(ids: Vec<u64>, limit: usize, fetch: F) -> impl Stream<Item = Fut::Output>
where
    F: FnMut(u64) -> Fut,
    Fut: Future,
{
    let _ = limit;
    stream::iter(ids).then(fetch)
}

/// Fetches every id, at most `limit` at a time; outputs as they are ready.
pub fn as_ready<F, Fut>(ids: Vec<u64>, limit: usize, fetch: F) -> impl Stream<Item = Fut::Output>
where
    F: FnMut(u64) -> Fut,
    Fut: Future,
{
    // The same bound, but each output is yielded the moment it is ready.
    stream::iter(ids).map(fetch).buffer_unordered(limit)
}
