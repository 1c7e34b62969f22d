//! Mistake: The patience is for the whole search: when the first server is too slow, there is no answer.
//! Expect: the second server answers in time
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
    tokio::select! {
        out = a => Winner::First(out),
        out = b => Winner::Second(out),
    }
}

/// Asks each server in turn, giving each `patience`; the first answer wins.
pub async fn first_answer<F: Future>(servers: Vec<F>, patience: Duration) -> Option<F::Output> {
    let server = servers.into_iter().next()?;
    timeout(patience, server).await.ok()
}
