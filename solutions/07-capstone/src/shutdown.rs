//! Exercise 7.3, solved: graceful shutdown is the source ending early.

use std::future::Future;

use futures::{Stream, StreamExt};

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
    // Stopping is the source ending early: `run` then lets the jobs in flight
    // finish and reports them, as it does when any source ends.
    run(jobs.take_until(shutdown), config, work).await
}
