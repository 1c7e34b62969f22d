//! Mistake: join_all starts every request at once; the limit is only a hint.
//! Expect: start a new request only when one has finished
//! Exercise 6.2, solved: many requests at once, at most `limit` in flight.

use std::future::Future;


/// Fetches every id, at most `limit` at a time, and returns the responses in
/// the order of `ids`.
pub async fn fetch_all<T, F, Fut>(ids: Vec<u32>, limit: usize, fetch: F) -> Vec<T>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = T>,
{
    let _ = limit;
    futures::future::join_all(ids.into_iter().map(fetch)).await
}
