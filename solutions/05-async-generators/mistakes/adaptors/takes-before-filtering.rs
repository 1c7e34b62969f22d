//! Mistake: take(n) can go first: it limits how many ids are looked at.
//! Expect: stop after n (take)
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
    ids.take(n)
        .filter(|id| future::ready(id % 2 == 0))
        .then(lookup)
        .map(|name| name.to_uppercase())
}
