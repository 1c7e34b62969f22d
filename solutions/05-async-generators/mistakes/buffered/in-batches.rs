//! Mistake: A limit of N means: start N fetches, wait for them, then the next N.
//! Expect: Yours is exactly the timeline of batches
//! Exercise 5.4, solved: `buffered` and `buffer_unordered`.

use std::future::Future;

use futures::{Stream, StreamExt, future, stream};

/// Fetches every id, at most `limit` at a time; outputs in input order.
pub fn in_order<F, Fut>(ids: Vec<u64>, limit: usize, fetch: F) -> impl Stream<Item = Fut::Output>
where
    F: FnMut(u64) -> Fut,
    Fut: Future,
{
    // `map(fetch)` makes futures that have not started; `buffered` starts at
    // most `limit` of them and hands the outputs back in input order.
    stream::iter(ids)
        .map(fetch)
        .chunks(limit)
        .then(future::join_all)
        .flat_map(stream::iter)
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
