//! Mistake: buffered yields each output as soon as it is ready.
//! Expect: `buffer_unordered` yields each output as soon as it is ready
//! Exercise 5.4, solved: `buffered` and `buffer_unordered`.

use std::future::Future;

use futures::{Stream, StreamExt, stream};

/// Fetches every id, at most `limit` at a time; outputs in input order.
pub fn in_order<F, Fut>(ids: Vec<u64>, limit: usize, fetch: F) -> impl Stream<Item = Fut::Output>
where
    F: FnMut(u64) -> Fut,
    Fut: Future,
{
    // `map(fetch)` makes futures that have not started; `buffered` starts at
    // most `limit` of them and hands the outputs back in input order.
    stream::iter(ids).map(fetch).buffered(limit)
}

/// Fetches every id, at most `limit` at a time; outputs as they are ready.
pub fn as_ready<F, Fut>(ids: Vec<u64>, limit: usize, fetch: F) -> impl Stream<Item = Fut::Output>
where
    F: FnMut(u64) -> Fut,
    Fut: Future,
{
    stream::iter(ids).map(fetch).buffered(limit)
}
