//! Exercise 7.2: the pipeline — a lazy source, at most N jobs in flight, each
//! job retried with a time limit, and every outcome collected in a report.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use capstone::pipeline::{Config, Report, run};
use capstone::retry::{Failure, GaveUp, Policy};
use futures::StreamExt;
use testkit::limit::within;
use testkit::on_drop::OnDrop;
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

const LIMIT: Duration = Duration::from_secs(60);

type Job = Pin<Box<dyn Future<Output = Result<String, String>> + Send>>;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn config(concurrency: usize) -> Config {
    Config {
        concurrency,
        retry: Policy {
            attempts: 2,
            per_try: ms(300),
            backoff: ms(100),
        },
    }
}

/// A job that takes `millis` and succeeds.
fn quick(id: u32, millis: u64) -> Job {
    Box::pin(async move {
        sleep(ms(millis)).await;
        Ok(format!("result {id}"))
    })
}

/// Where an event goes among those of the same instant: endings, then pulls,
/// then starts, in the order that causes them.
fn rank(event: &str) -> u8 {
    if event.contains(" ok") || event.contains("error") || event.contains("timed out") {
        0
    } else if event.starts_with("pull") {
        1
    } else if event.contains("try") {
        2
    } else {
        3
    }
}

/// Renders a timeline with the events of one instant sorted, so that any
/// correct order of simultaneous events draws the same picture.
fn render_sorted(timeline: &Timeline) -> String {
    let mut events = timeline.events();
    events.sort_by_key(|(at, event)| (*at, rank(event), event.clone()));
    let width = events
        .iter()
        .map(|(at, _)| at.as_millis().to_string().len())
        .max()
        .unwrap_or(1);
    events
        .iter()
        .map(|(at, event)| format!("{:>width$} ms  {event}\n", at.as_millis()))
        .collect()
}

#[tokio::test(start_paused = true)]
async fn every_job_is_done_and_reported_in_order() {
    let report = within(
        LIMIT,
        "run never finished",
        run(futures::stream::iter([3, 1, 2]), config(3), |id, _| {
            quick(id, 100 * u64::from(id))
        }),
    )
    .await;
    assert_eq!(
        report,
        Report {
            done: vec![
                (1, "result 1".to_owned()),
                (2, "result 2".to_owned()),
                (3, "result 3".to_owned())
            ],
            failed: vec![],
        },
        "every job succeeded: the report lists them all in `done`, sorted by id"
    );
}

#[tokio::test(start_paused = true)]
async fn a_failing_job_is_reported_and_the_others_go_on() {
    let report = within(
        LIMIT,
        "run never finished",
        run(futures::stream::iter(1..=4), config(2), |id, attempt| {
            if id == 2 {
                Box::pin(async move { Err(format!("bad input on try {attempt}")) }) as Job
            } else {
                quick(id, 100)
            }
        }),
    )
    .await;
    let done: Vec<u32> = report.done.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        done,
        [1, 3, 4],
        "one job that fails must not stop the others: collect its error and go on"
    );
    assert_eq!(
        report.failed,
        [(
            2,
            GaveUp {
                attempts: 2,
                last: Failure::Failed("bad input on try 2".to_owned())
            }
        )],
        "job 2 failed both tries: the report has the GaveUp that retry returned"
    );
}

#[tokio::test(start_paused = true)]
async fn a_concurrency_of_zero_runs_one_at_a_time() {
    let start = Instant::now();
    let report = within(
        LIMIT,
        "run never finished with concurrency 0: a limit of 0 jobs in flight runs nothing, \
         for ever. Take a concurrency of 0 as 1",
        run(futures::stream::iter(1..=3), config(0), |id, _| {
            quick(id, 100)
        }),
    )
    .await;
    assert_eq!(report.done.len(), 3, "every job is done");
    assert_eq!(
        start.elapsed(),
        ms(300),
        "concurrency 0, taken as 1: three jobs of 100 ms one after the other"
    );
}

#[tokio::test(start_paused = true)]
async fn a_slow_job_does_not_hold_up_the_others() {
    let start = Instant::now();
    let report = within(
        LIMIT,
        "run never finished",
        run(futures::stream::iter(0..5), config(2), |id, _| {
            quick(id, if id == 0 { 250 } else { 50 })
        }),
    )
    .await;
    assert_eq!(report.done.len(), 5, "every job is done");
    let elapsed = start.elapsed();
    assert_eq!(
        elapsed,
        ms(250),
        "job 0 takes 250 ms; meanwhile the other slot runs jobs 1 to 4, 50 ms each, so all \
         are done by 250 ms; they took {elapsed:?}. The report is sorted at the end, so \
         the jobs may finish in any order: a finished job must free its slot at once"
    );
}

#[tokio::test(start_paused = true)]
async fn at_most_concurrency_jobs_in_flight() {
    let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let start = Instant::now();
    let report = within(
        LIMIT,
        "run never finished",
        run(futures::stream::iter(0..12), config(4), |id, _| {
            let (now, most) = (Arc::clone(&now), Arc::clone(&most));
            Box::pin(async move {
                most.fetch_max(now.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
                sleep(ms(100)).await;
                now.fetch_sub(1, Ordering::SeqCst);
                Ok(format!("result {id}"))
            }) as Job
        }),
    )
    .await;
    assert_eq!(report.done.len(), 12);
    let most = most.load(Ordering::SeqCst);
    assert_eq!(
        most, 4,
        "with concurrency 4, {most} jobs were in flight at the most; it must be 4, never more"
    );
    assert_eq!(
        start.elapsed(),
        ms(300),
        "twelve jobs of 100 ms, four at a time, take 300 ms"
    );
}

#[tokio::test(start_paused = true)]
async fn the_source_is_pulled_only_when_there_is_room() {
    let (pulled, finished) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let source = {
        let (pulled, finished) = (Arc::clone(&pulled), Arc::clone(&finished));
        futures::stream::iter(0..10).inspect(move |id| {
            let pulled = pulled.fetch_add(1, Ordering::SeqCst) + 1;
            let finished = finished.load(Ordering::SeqCst);
            assert!(
                pulled - finished <= 2,
                "job {id} was pulled from the source while {} jobs were unfinished, with \
                 concurrency 2: the source is lazy, pull a job only when there is room for \
                 it (did you collect the source first?)",
                pulled - 1 - finished
            );
        })
    };
    let report = within(
        LIMIT,
        "run never finished",
        run(source, config(2), |id, _| {
            let finished = Arc::clone(&finished);
            Box::pin(async move {
                sleep(ms(100)).await;
                finished.fetch_add(1, Ordering::SeqCst);
                Ok(format!("result {id}"))
            }) as Job
        }),
    )
    .await;
    assert_eq!(report.done.len(), 10);
}

#[tokio::test(start_paused = true)]
async fn timeline_and_summary_of_six_jobs() {
    let timeline = Timeline::start();
    let source = {
        let timeline = timeline.clone();
        futures::stream::iter(1..=6).inspect(move |id| timeline.record(format!("pull job {id}")))
    };
    let work = |id: u32, attempt: u32| {
        let timeline = timeline.clone();
        Box::pin(async move {
            timeline.record(format!("job {id} try {attempt}"));
            let (millis, outcome) = match (id, attempt) {
                (2, 1) => (100, Err("busy".to_owned())),
                (3, _) => (200, Ok(())),
                (4, _) => (10_000, Ok(())),
                (5, _) => (50, Err("bad input".to_owned())),
                _ => (100, Ok(())),
            };
            // A timeout that gives up on this try drops it here: the mark shows when.
            let unfinished = OnDrop::new(&timeline, format!("job {id} try {attempt} timed out"));
            sleep(ms(millis)).await;
            unfinished.disarm();
            match outcome {
                Ok(()) => {
                    timeline.record(format!("job {id} ok"));
                    Ok(format!("result {id}"))
                }
                Err(error) => {
                    timeline.record(format!("job {id} error: {error}"));
                    Err(error)
                }
            }
        }) as Job
    };
    let report = within(LIMIT, "run never finished", run(source, config(3), work)).await;
    timeline.record("report");
    insta::assert_snapshot!("timeline", render_sorted(&timeline));
    insta::assert_snapshot!("summary", report.summary());
}
