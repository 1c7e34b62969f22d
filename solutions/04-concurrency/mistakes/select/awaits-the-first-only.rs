//! Mistake: Awaiting the first future is enough: the other one can only be slower.
//! Expect: the second future finished first
//! Exercise 4.9, solved: racing futures with `select!` and `timeout`.

use std::future::Future;

use tokio::time::{Duration, timeout};

/// Which of two raced futures finished first, with its output.
#[derive(Debug, PartialEq, Eq)]
pub enum Winner<A, B> {
    First(A),
    Second(B),
}

/// Runs both; the first to finish wins, and the other is dropped.
pub async fn race<A: Future, B: Future>(a: A, b: B) -> Winner<A::Output, B::Output> {
    drop(b);
    Winner::First(a.await)
}

/// Asks each server in turn, giving each `patience`; the first answer wins.
pub async fn first_answer<F: Future>(servers: Vec<F>, patience: Duration) -> Option<F::Output> {
    for server in servers {
        // timeout drops the server it gives up on, then we ask the next one.
        if let Ok(answer) = timeout(patience, server).await {
            return Some(answer);
        }
    }
    None
}
