//! Mistake: The outputs can be collected as the jobs finish; they finish in input order anyway.
//! Expect: the outputs come back in the order of the input
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
    let permits = Arc::new(Semaphore::new(limit));
    let mut running = tokio::task::JoinSet::new();
    for job in jobs {
        let permits = Arc::clone(&permits);
        running.spawn(async move {
            let _permit = permits
                .acquire()
                .await
                .expect("the semaphore is never closed");
            job.await
        });
    }
    let mut outputs = Vec::with_capacity(running.len());
    while let Some(output) = running.join_next().await {
        outputs.push(output.expect("the jobs do not panic"));
    }
    outputs
}
