//! # Exercise 4.4 — when a task panics
//!
//! In Python, an exception raised in a task is kept in the task, and comes out
//! when you await it; `return_exceptions=True` turns it into a value:
//!
//! ```python
//! results = await asyncio.gather(*jobs, return_exceptions=True)
//! # [100, ValueError('job 200 broke'), 300]
//! ```
//!
//! A Rust error is a value already (exercise 4.2). A *panic* is a bug, not an
//! error, but a panic inside a spawned task does not take the program down:
//! tokio catches it, ends that task, and awaiting its `JoinHandle` gives
//! `Err(JoinError)`, for which `is_panic()` is true. `into_panic()` gives the
//! payload, a `Box<dyn Any>` holding a `&str` or a `String`.
//!
//! **Task:** spawn every job, then collect each one's result in input order:
//! `Ok(output)`, or `Err(panic message)` for a job that panicked.
//!
//! Read: `book/src/04-concurrency.md`, "When a task panics".

use std::future::Future;

/// Runs every job on a task of its own, all at once; their results in input
/// order, a panic's message as the `Err`.
pub async fn run_all<F>(jobs: Vec<F>) -> Vec<Result<F::Output, String>>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    todo!("tokio::spawn each job, then await each JoinHandle")
}
