//! # Exercise 7.3 — graceful shutdown
//!
//! A long-running pipeline must stop cleanly when asked (Ctrl-C, a deploy):
//! start no new job, let the jobs in flight finish, and still report. In
//! Python, the loop that pulls jobs checks a shutdown event:
//!
//! ```python
//! async def run_until(jobs, concurrency, policy, work, shutdown: asyncio.Event):
//!     async def until_shutdown():
//!         async for job in jobs:
//!             if shutdown.is_set():
//!                 return
//!             yield job
//!     return await run(until_shutdown(), concurrency, policy, work)
//! ```
//!
//! (The Python checks the event only when the next job arrives; the Rust can do
//! better, and stop pulling the moment the signal comes.) Here the shutdown
//! signal is a future that completes when shutdown is requested. Think of
//! what "start no new job" means for the source: a shutdown is the source
//! ending early, and the pipeline of exercise 7.2 already finishes what is in
//! flight when its source ends.
//!
//! This exercise uses your `run` from exercise 7.2: solve that one first.
//!
//! **Task:** run the pipeline until `jobs` ends or `shutdown` completes; after
//! the shutdown no job starts, the jobs in flight finish, and the report covers
//! every job that started. The source may never end on its own.
//!
//! Read: `book/src/07-capstone.md`, "Graceful shutdown".

use std::future::Future;

use futures::Stream;

use crate::pipeline::{Config, Report};

/// Runs the pipeline until `jobs` ends or `shutdown` completes. After
/// `shutdown`, no new job starts; the jobs in flight finish, and the report
/// covers every job that started.
pub async fn run_until<S, F, Fut>(
    jobs: S,
    config: Config,
    work: F,
    shutdown: impl Future<Output = ()>,
) -> Report
where
    S: Stream<Item = u32>,
    F: Fn(u32, u32) -> Fut,
    Fut: Future<Output = Result<String, String>>,
{
    todo!("end the source when shutdown completes (look at StreamExt), then run the pipeline")
}
