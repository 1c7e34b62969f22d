//! # Exercise 4.11 — at most N at once
//!
//! Python bounds concurrency with a semaphore:
//!
//! ```python
//! async def run_bounded(jobs, limit):
//!     permits = asyncio.Semaphore(limit)
//!     async def bounded(job):
//!         async with permits:
//!             return await job
//!     return await asyncio.gather(*(bounded(job) for job in jobs))
//! ```
//!
//! `tokio::sync::Semaphore` is the same. `acquire().await` waits for a permit
//! and returns a guard that gives the permit back when dropped. To share it
//! between tasks, put it in an `Arc` (or use `acquire_owned`).
//!
//! **Task:** run every job on a task of its own, each holding a permit while
//! its job runs, so that never more than `limit` run at once; return the
//! outputs in input order.
//!
//! Read: `book/src/04-concurrency.md`, "At most N at once".

use std::future::Future;

/// Every job's output, in input order; at most `limit` jobs (at least 1)
/// run at a time.
pub async fn run_bounded<F>(jobs: Vec<F>, limit: usize) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    todo!("an Arc<Semaphore>; spawn each job behind a permit; await the handles in order")
}
