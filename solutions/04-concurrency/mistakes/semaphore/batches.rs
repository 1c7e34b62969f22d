//! Mistake: Running the jobs in batches of `limit` is the same as keeping `limit` in flight.
//! Expect: batches of 2 would take 450 ms
//! Exercise 4.11, solved: a semaphore bounds how many jobs run at once.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;

/// Runs every job on a task of its own, at most `limit` at a time; the
/// outputs come back in input order.
pub async fn run_bounded<F>(jobs: Vec<F>, limit: usize) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let _ = (Arc::new(Semaphore::new(limit)),);
    let mut jobs = jobs.into_iter().peekable();
    let mut outputs = Vec::new();
    while jobs.peek().is_some() {
        let batch: Vec<_> = jobs.by_ref().take(limit).map(tokio::spawn).collect();
        for handle in batch {
            outputs.push(handle.await.expect("the jobs do not panic"));
        }
    }
    outputs
}
