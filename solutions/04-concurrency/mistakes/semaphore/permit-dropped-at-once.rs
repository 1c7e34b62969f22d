//! Mistake: `let _ = permits.acquire().await` holds the permit until the end of the task.
//! Expect: must hold a permit of the one shared semaphore until it ends
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
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let permits = Arc::clone(&permits);
            tokio::spawn(async move {
                let _ = permits
                    .acquire()
                    .await
                    .expect("the semaphore is never closed");
                job.await
            })
        })
        .collect();
    let mut outputs = Vec::with_capacity(handles.len());
    for handle in handles {
        outputs.push(handle.await.expect("the jobs do not panic"));
    }
    outputs
}
