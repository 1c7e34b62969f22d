//! Exercise 4.12: workers stop promptly on a shutdown signal and report.

use concurrency::shutdown::run_workers;
use testkit::held::{self, render, two_timelines, within, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::sync::watch;
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

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
    within_seen(
        LIMIT,
        "run_workers never returned after the shutdown signal",
        &timeline,
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
    let finished = within_seen(
        LIMIT,
        "run_workers never returned after the shutdown signal",
        &timeline,
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

// Generated workers (none, one, equal units) and signal times, the signal
// possibly given before the workers start (the channel made with `true`). No
// unit ends on the signal's instant. The model: worker i finishes
// signal / units[i] units (rounded down), and every worker stops and logs at
// the signal.
proptest! {
    #![proptest_config(props::cases(48))]
    #[test]
    fn run_workers_on_generated_units(
        (units, signal_ms) in (prop::collection::vec(1_u64..700, 0..4), prop_oneof![Just(0_u64), 1_u64..3000])
            .prop_filter("no unit ends on the signal's instant", |(units, signal)| {
                *signal == 0 || units.iter().all(|u| signal % u != 0)
            })
    ) {
        let (finished, events) = held::paused(async {
            let timeline = Timeline::start();
            let log = timeline.clone();
            let (tx, rx) = watch::channel(signal_ms == 0);
            tokio::spawn(async move {
                // Signalled before the start: the channel was made with
                // `true`, and nothing is sent again.
                if signal_ms > 0 {
                    sleep(Duration::from_millis(signal_ms)).await;
                    let _ = tx.send(true);
                }
                sleep(Duration::from_secs(30)).await;
            });
            let finished = within_seen(LIMIT, "run_workers never returned after the shutdown signal", &timeline,
                run_workers(
                    units.iter().copied().map(Duration::from_millis).collect(),
                    rx,
                    move |event: &str| log.record(event),
                ),
            )
            .await;
            timeline.record("run_workers returns");
            (finished, timeline.events())
        });
        let counts: Vec<usize> = units.iter().map(|u| (signal_ms / u) as usize).collect();
        let mut expected: Vec<(u128, String)> = counts
            .iter()
            .enumerate()
            .map(|(i, n)| (signal_ms.into(), format!("worker {i} stopped, {n} done")))
            .collect();
        // With no worker, there is nothing to wait for.
        let end = if units.is_empty() { 0 } else { signal_ms };
        expected.push((end.into(), "run_workers returns".to_string()));
        // The workers stop at one instant, in no set order: sort them.
        let mut yours: Vec<(u128, String)> = events.into_iter().map(|(at, e)| (at.as_millis(), e)).collect();
        let returned = yours.pop();
        yours.sort();
        yours.extend(returned);
        let signal = if signal_ms == 0 { "before they start".to_string() } else { format!("at {signal_ms} ms") };
        prop_assert!(
            finished == counts && yours == expected,
            "run_workers(units of {units:?} ms), the signal {signal}\n  expected: {counts:?}\n  \
             yours:    {finished:?}\nevery worker stops at the signal, even one given before \
             it starts (`wait_for` looks at the value first; `changed` waits for a change)\n{}",
            two_timelines(&render(&expected), &render(&yours))
        );
    }
}
