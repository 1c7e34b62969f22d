//! Mistake: Keep the slots full by hand: while there is room, await the next job from the source, then await the next job to finish.
//! Expect: start it as soon as it comes, free its slot as soon as it ends
//! Exercise 7.2, solved: a lazy source, bounded concurrency, errors collected.

use std::fmt::Write;
use std::future::Future;

use futures::{Stream, StreamExt};

use crate::retry::{Failure, GaveUp, Policy, retry};

/// How the pipeline runs its jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The most jobs in flight at once (0 counts as 1).
    pub concurrency: usize,
    /// The tries each job gets.
    pub retry: Policy,
}

/// What became of every job, each list sorted by job id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub done: Vec<(u32, String)>,
    pub failed: Vec<(u32, GaveUp<String>)>,
}

impl Report {
    /// A few lines for a person: the totals, then one line per failed job.
    pub fn summary(&self) -> String {
        let (done, failed) = (self.done.len(), self.failed.len());
        let mut out = format!("{} jobs: {done} done, {failed} failed\n", done + failed);
        for (id, gave_up) in &self.failed {
            let why = match &gave_up.last {
                Failure::TimedOut => "timed out".to_owned(),
                Failure::Failed(error) => format!("failed: {error}"),
            };
            let _ = writeln!(
                out,
                "  job {id}: gave up after {} attempts, the last {why}",
                gave_up.attempts
            );
        }
        out
    }
}

/// Runs `work(job, attempt)` for every job of `jobs`, pulling a job only when
/// there is room for it, at most `config.concurrency` at a time, each with
/// `config.retry`. A job that gives up is recorded; the others go on.
pub async fn run<S, F, Fut>(jobs: S, config: Config, work: F) -> Report
where
    S: Stream<Item = u32>,
    F: Fn(u32, u32) -> Fut,
    Fut: Future<Output = Result<String, String>>,
{
    let work = &work;
    let room = config.concurrency.max(1);
    let mut jobs = std::pin::pin!(jobs);
    let mut in_flight = futures::stream::FuturesUnordered::new();
    let mut report = Report::default();
    let mut source_ended = false;
    loop {
        // Fill the free slots first, then wait for a job to finish.
        while !source_ended && in_flight.len() < room {
            match jobs.next().await {
                Some(id) => in_flight.push(async move {
                    (id, retry(config.retry, |attempt| work(id, attempt)).await)
                }),
                None => source_ended = true,
            }
        }
        match in_flight.next().await {
            Some((id, Ok(value))) => report.done.push((id, value)),
            Some((id, Err(gave_up))) => report.failed.push((id, gave_up)),
            None => break,
        }
    }
    report.done.sort_by_key(|(id, _)| *id);
    report.failed.sort_by_key(|(id, _)| *id);
    report
}
