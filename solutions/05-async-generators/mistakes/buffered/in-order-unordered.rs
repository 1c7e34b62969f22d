//! Mistake: buffer_unordered keeps the order too, as long as there is a limit.
//! Expect: `buffered` yields the outputs in input order
//! Exercise 5.4, solved: `buffered` and `buffer_unordered`.

use std::future::Future;

use futures::{Stream, StreamExt, stream};

/// Fetches every id, at most `limit` at a time; outputs in input order.
pub fn in_order<F, Fut>(ids: Vec<u64>, limit: usize, fetch: F) -> impl Stream<Item = Fut::Output>
where
    F: FnMut(u64) -> Fut,
    Fut: Future,
{
    stream::iter(ids).map(fetch).buffer_unordered(limit)
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
