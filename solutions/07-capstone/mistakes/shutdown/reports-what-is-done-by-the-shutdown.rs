//! Mistake: At the shutdown, the report is what has finished so far.
//! Expect: including those that were in flight at the shutdown
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
    let _ = run::<futures::stream::Empty<u32>, F, Fut>;
    let work = &work;
    let mut outcomes = std::pin::pin!(
        jobs.map(|id| async move {
            let outcome = crate::retry::retry(config.retry, |attempt| work(id, attempt)).await;
            (id, outcome)
        })
        .buffer_unordered(config.concurrency.max(1))
    );
    let mut shutdown = std::pin::pin!(shutdown);
    let mut report = Report::default();
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            next = outcomes.next() => match next {
                Some((id, Ok(value))) => report.done.push((id, value)),
                Some((id, Err(gave_up))) => report.failed.push((id, gave_up)),
                None => break,
            },
        }
    }
    report.done.sort_by_key(|(id, _)| *id);
    report.failed.sort_by_key(|(id, _)| *id);
    report
}
