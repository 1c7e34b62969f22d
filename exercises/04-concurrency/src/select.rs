//! # Exercise 4.9 — racing futures
//!
//! Python races coroutines with `asyncio.wait(..., return_when=FIRST_COMPLETED)`
//! and gives up on one with `asyncio.wait_for(coro, timeout)`:
//!
//! ```python
//! async def first_answer(servers, patience):
//!     for server in servers:
//!         try:
//!             return await asyncio.wait_for(server, patience)
//!         except asyncio.TimeoutError:
//!             pass
//!     return None
//! ```
//!
//! `tokio::select!` polls several futures and runs the branch of the first one
//! to finish; the others are dropped, which cancels them. `tokio::time::timeout`
//! is a race between a future and a sleep: `Ok(output)` if the future won,
//! `Err(Elapsed)` if the time ran out (and the future has been dropped).
//!
//! **Task:** `race` two futures with `select!`; in `first_answer`, give each
//! server `patience` with `timeout`, in turn, and return the first answer.
//!
//! Read: `book/src/04-concurrency.md`, "Racing futures".

use std::future::Future;

use tokio::time::Duration;

/// Which of two raced futures finished first, with its output.
#[derive(Debug, PartialEq, Eq)]
pub enum Winner<A, B> {
    First(A),
    Second(B),
}

/// Runs both; the first to finish wins, and the other is dropped.
pub async fn race<A: Future, B: Future>(a: A, b: B) -> Winner<A::Output, B::Output> {
    todo!("tokio::select! with one branch per future")
}

/// Asks each server in turn, giving each at most `patience`; the first answer
/// that comes in time, or `None`.
pub async fn first_answer<F: Future>(servers: Vec<F>, patience: Duration) -> Option<F::Output> {
    todo!("for each server, tokio::time::timeout(patience, server)")
}
