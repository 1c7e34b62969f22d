//! Mistake: Running the requests in batches of `limit` is the same as `limit` at a time.
//! Expect: in batches of two they would take 400 ms
//! Exercise 6.2, solved: many requests at once, at most `limit` in flight.

use std::future::Future;


/// Fetches every id, at most `limit` at a time, and returns the responses in
/// the order of `ids`.
pub async fn fetch_all<T, F, Fut>(ids: Vec<u32>, limit: usize, fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let mut responses = Vec::new();
    for batch in ids.chunks(limit.max(1)) {
        responses.extend(futures::future::join_all(batch.iter().map(|&id| fetch(id))).await);
    }
    responses
}
