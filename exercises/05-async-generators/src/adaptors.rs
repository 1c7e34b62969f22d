//! # Exercise 5.3 — stream adaptors
//!
//! An async generator expression, in Python:
//!
//! ```python
//! async def first_even_users(ids, n):
//!     names = (
//!         (await lookup(i)).upper()
//!         async for i in ids
//!         if i % 2 == 0
//!     )
//!     count = 0
//!     async for name in names:
//!         if count == n:
//!             break
//!         yield name
//!         count += 1
//! ```
//!
//! `futures::StreamExt` gives streams the adaptors that iterators have:
//! `map`, `filter`, `take`, and `then`, a `map` whose function is async. Like
//! iterator adaptors, they are lazy: building the chain pulls nothing. One
//! difference: `filter`'s predicate returns a future (`future::ready(bool)`
//! for a plain test).
//!
//! **Task:** keep the even ids, look each one up with `lookup`, put the name
//! in capitals, and stop after `n` names: one chain of adaptors.
//!
//! Read: `book/src/05-async-generators.md`, "Stream adaptors".

use futures::Stream;
use tokio::time::{Duration, sleep};

/// Looks a user up: 100 ms, then their name. Given; use it with `then`.
pub async fn lookup(id: u64) -> String {
    sleep(Duration::from_millis(100)).await;
    format!("user{id}")
}

/// The names of the first `n` users with an even id (0 is even), in capitals.
/// Once it has `n` names it pulls no more ids; `n` may be 0.
pub fn first_even_users(ids: impl Stream<Item = u64>, n: usize) -> impl Stream<Item = String> {
    futures::stream::poll_fn(|_| todo!("ids.filter(...).then(lookup).map(...).take(n)"))
}
