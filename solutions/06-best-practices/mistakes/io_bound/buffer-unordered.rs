//! Mistake: buffer_unordered keeps at most `limit` in flight too, and it is faster.
//! Expect: in the order of the ids, even though the later ids answered first
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
        .buffer_unordered(limit.max(1))
        .collect()
        .await
}
