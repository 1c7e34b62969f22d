//! Exercise 4.12: workers stop promptly on a shutdown signal and report.

use concurrency::shutdown::run_workers;
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::sync::watch;
use tokio::time::{Duration, sleep};

const LIMIT: Duration = Duration::from_secs(60);

fn units() -> Vec<Duration> {
    [300, 400, 700].map(Duration::from_millis).to_vec()
}

/// Sends the shutdown signal after `ms`, and keeps the sender alive for a while after.
fn shutdown_after(ms: u64) -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    tokio::spawn(async move {
        sleep(Duration::from_millis(ms)).await;
        tx.send(true).expect("the workers are listening");
        sleep(Duration::from_secs(30)).await;
    });
    rx
}

#[tokio::test(start_paused = true)]
async fn workers_keep_working_until_the_signal() {
    let (tx, rx) = watch::channel(false);
    let task = tokio::spawn(run_workers(units(), rx, |_: &str| {}));
    sleep(Duration::from_secs(5)).await;
    assert!(
        !task.is_finished(),
        "no shutdown signal was sent: the workers must keep working"
    );
    tx.send(true).expect("the workers are listening");
    let finished = within(LIMIT, "run_workers never returned after the signal", task)
        .await
        .expect("run_workers does not panic");
    assert_eq!(
        finished,
        [16, 12, 7],
        "after 5 s, units of 300, 400 and 700 ms give 16, 12 and 7 finished: \
         every worker works at the same time, and a unit in progress at the \
         signal is abandoned, not counted"
    );
}

#[tokio::test(start_paused = true)]
async fn workers_stop_promptly() {
    let timeline = Timeline::start();
    let log = timeline.clone();
    within(
        LIMIT,
        "run_workers never returned after the shutdown signal",
        run_workers(units(), shutdown_after(1000), move |event: &str| {
            log.record(event)
        }),
    )
    .await;
    assert_eq!(
        timeline.elapsed(),
        Duration::from_secs(1),
        "the signal came at 1 s: every worker must stop then, abandoning the \
         unit in progress, not finish it first (select! between the work and the signal)"
    );
}

#[tokio::test(start_paused = true)]
async fn workers_report_what_they_finished() {
    let timeline = Timeline::start();
    let log = timeline.clone();
    let finished = within(
        LIMIT,
        "run_workers never returned after the shutdown signal",
        run_workers(units(), shutdown_after(1000), move |event: &str| {
            log.record(event)
        }),
    )
    .await;
    assert_eq!(
        finished,
        [3, 2, 1],
        "by 1 s, units of 300, 400 and 700 ms give 3, 2 and 1 finished units"
    );
    // The workers stop at the same instant, in no set order: sort them.
    let mut events = timeline.events();
    events.sort();
    let stops: String = events
        .iter()
        .map(|(at, event)| format!("{} ms  {event}\n", at.as_millis()))
        .collect();
    insta::assert_snapshot!("timeline", stops);
}
