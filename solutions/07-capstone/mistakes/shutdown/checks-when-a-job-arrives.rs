//! Mistake: As in the Python, look at the shutdown signal each time the next job arrives.
//! Expect: Snapshot: timeline
//! Exercise 7.3, solved: graceful shutdown is the source ending early.

use std::future::Future;

use futures::{FutureExt, Stream, StreamExt};

use crate::pipeline::{Config, Report, run};

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
    // As the Python does: look at the signal each time a job arrives.
    let mut shutdown = Box::pin(shutdown);
    let jobs = jobs.take_while(move |_| std::future::ready(shutdown.as_mut().now_or_never().is_none()));
    run(jobs, config, work).await
}
