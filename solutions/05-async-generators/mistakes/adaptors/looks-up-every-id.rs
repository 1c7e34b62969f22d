//! Mistake: Looking every id up first and filtering afterwards gives the same names.
//! Expect: Filter before `then`, so that odd ids are never looked up
//! Exercise 5.3, solved: `StreamExt` adaptors.

use futures::{Stream, StreamExt, future};
use tokio::time::{Duration, sleep};

/// Looks a user up: 100 ms, then their name.
pub async fn lookup(id: u64) -> String {
    sleep(Duration::from_millis(100)).await;
    format!("user{id}")
}

/// The names of the first `n` users with an even id, in capitals.
pub fn first_even_users(ids: impl Stream<Item = u64>, n: usize) -> impl Stream<Item = String> {
    ids.then(|id| async move { (id, lookup(id).await) })
        .filter(|(id, _)| future::ready(id % 2 == 0))
        .map(|(_, name)| name.to_uppercase())
        .take(n)
}
