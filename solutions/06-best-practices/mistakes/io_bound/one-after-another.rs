//! Mistake: Awaiting each request in a loop respects any limit.
//! Expect: Are you awaiting each request before starting the next?
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
    let _ = limit;
    let mut responses = Vec::new();
    for id in ids {
        responses.push(fetch(id).await);
    }
    responses
}
