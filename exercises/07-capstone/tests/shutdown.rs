//! Exercise 7.3: graceful shutdown — when asked to stop, start no new job,
//! let the jobs in flight finish, and report.

use std::pin::Pin;
use std::sync::{Arc, Mutex};

use capstone::pipeline::{Config, Report};
use capstone::retry::Policy;
use capstone::shutdown::run_until;
use futures::StreamExt;
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::sync::oneshot;
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
            attempts: 1,
            per_try: ms(5_000),
            backoff: ms(0),
        },
    }
}

/// A shutdown signal that a separate task raises after `after`, recording it.
fn shutdown_after(after: Duration, timeline: &Timeline) -> impl Future<Output = ()> {
    let (raise, raised) = oneshot::channel::<()>();
    let timeline = timeline.clone();
    tokio::spawn(async move {
        sleep(after).await;
        timeline.record("shutdown requested");
        let _ = raise.send(());
    });
    async move {
        let _ = raised.await;
    }
}

/// The job ids in the order they started and finished.
#[derive(Debug, Clone, Default)]
struct Seen {
    started: Arc<Mutex<Vec<u32>>>,
    finished: Arc<Mutex<Vec<u32>>>,
}

/// A job that takes `millis`, recorded in `seen` and on the timeline.
fn job(id: u32, millis: u64, seen: &Seen, timeline: &Timeline) -> Job {
    let (seen, timeline) = (seen.clone(), timeline.clone());
    Box::pin(async move {
        seen.started.lock().expect("not poisoned").push(id);
        timeline.record(format!("job {id} starts"));
        sleep(ms(millis)).await;
        timeline.record(format!("job {id} done"));
        seen.finished.lock().expect("not poisoned").push(id);
        Ok(format!("result {id}"))
    })
}

fn ids(report: &Report) -> Vec<u32> {
    report.done.iter().map(|(id, _)| *id).collect()
}

#[tokio::test(start_paused = true)]
async fn without_a_shutdown_it_runs_to_the_end() {
    let (seen, timeline) = (Seen::default(), Timeline::start());
    let report = within(
        LIMIT,
        "run_until never finished, though its source ended",
        run_until(
            futures::stream::iter(1..=5),
            config(2),
            |id, _| job(id, 100, &seen, &timeline),
            std::future::pending(),
        ),
    )
    .await;
    assert_eq!(
        ids(&report),
        [1, 2, 3, 4, 5],
        "with no shutdown, run_until is the pipeline of exercise 7.2"
    );
}

#[tokio::test(start_paused = true)]
async fn an_endless_source_stops_at_the_shutdown() {
    let (seen, timeline) = (Seen::default(), Timeline::start());
    let start = Instant::now();
    let report = within(
        LIMIT,
        "run_until never returned after the shutdown: once it is requested, stop pulling \
         jobs, finish the ones in flight, and return",
        run_until(
            futures::stream::iter(1..),
            config(2),
            |id, _| job(id, 100, &seen, &timeline),
            shutdown_after(ms(250), &timeline),
        ),
    )
    .await;
    let started = seen.started.lock().expect("not poisoned").clone();
    assert_eq!(
        started,
        [1, 2, 3, 4, 5, 6],
        "jobs start two at a time at 0, 100 and 200 ms; after the shutdown at 250 ms no \
         job may start"
    );
    assert_eq!(
        ids(&report),
        [1, 2, 3, 4, 5, 6],
        "the report covers every job that started, including those that were in flight \
         at the shutdown"
    );
    assert_eq!(
        start.elapsed(),
        ms(300),
        "jobs 5 and 6 were in flight at the shutdown and finish at 300 ms; then run_until \
         returns"
    );
}

#[tokio::test(start_paused = true)]
async fn jobs_in_flight_are_finished_not_cancelled() {
    let (seen, timeline) = (Seen::default(), Timeline::start());
    let report = within(
        LIMIT,
        "run_until never returned after the shutdown",
        run_until(
            futures::stream::iter(1..),
            config(3),
            |id, _| job(id, 1_000, &seen, &timeline),
            shutdown_after(ms(100), &timeline),
        ),
    )
    .await;
    let finished = seen.finished.lock().expect("not poisoned").clone();
    assert_eq!(
        finished.len(),
        3,
        "three jobs of 1 s were in flight at the shutdown; a graceful shutdown lets them \
         finish ({finished:?} did)"
    );
    assert_eq!(ids(&report), [1, 2, 3]);
}

#[tokio::test(start_paused = true)]
async fn timeline_and_summary_of_a_shutdown() {
    let (seen, timeline) = (Seen::default(), Timeline::start());
    let source = {
        let timeline = timeline.clone();
        futures::stream::iter(1..).inspect(move |id| timeline.record(format!("pull job {id}")))
    };
    let report = within(
        LIMIT,
        "run_until never returned after the shutdown",
        run_until(
            source,
            config(2),
            |id, _| job(id, 100 + 50 * u64::from(id % 2), &seen, &timeline),
            shutdown_after(ms(320), &timeline),
        ),
    )
    .await;
    timeline.record("report");
    // The events of one instant sorted, so that any correct order of
    // simultaneous events draws the same picture: endings, pulls, then starts.
    let rank = |event: &str| match event {
        e if e.ends_with("done") || e.starts_with("shutdown") => 0,
        e if e.starts_with("pull") => 1,
        e if e.ends_with("starts") => 2,
        _ => 3,
    };
    let mut events = timeline.events();
    events.sort_by_key(|(at, event)| (*at, rank(event), event.clone()));
    let rendered: String = events
        .iter()
        .map(|(at, event)| format!("{:>3} ms  {event}\n", at.as_millis()))
        .collect();
    insta::assert_snapshot!("timeline", rendered);
    insta::assert_snapshot!("summary", report.summary());
}
