//! Exercise 6.2, solved: many requests at once, at most `limit` in flight.

use std::future::Future;

use futures::StreamExt;

/// Fetches every id, at most `limit` at a time, and returns the responses in
/// the order of `ids`.
pub async fn fetch_all<T, F, Fut>(ids: Vec<u32>, limit: usize, fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    futures::stream::iter(ids)
        .map(fetch)
        // buffered, not buffer_unordered: the responses come back in the order
        // of the ids, whichever finishes first. A new request starts as soon as
        // one finishes (a sliding window, not batches).
        .buffered(limit.max(1))
        .collect()
        .await
}
