//! Exercise 4.8: `abort` stops a background task; awaiting its handle confirms it.

use concurrency::abort::with_heartbeat;
use testkit::drops::drop_guard;
use testkit::held::{self, render, two_timelines, within, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

#[tokio::test(start_paused = true)]
async fn no_beat_for_quick_work() {
    let timeline = Timeline::start();
    let beats = timeline.clone();
    within_seen(
        LIMIT,
        "with_heartbeat never returned",
        &timeline,
        with_heartbeat(sleep(Duration::from_millis(400)), move |event: &str| {
            beats.record(event)
        }),
    )
    .await;
    sleep(Duration::from_secs(2)).await;
    assert_eq!(
        timeline.render(),
        "",
        "work of 400 ms ends before the first beat (at 500 ms), and no beat may \
         come after the work is done"
    );
}

#[tokio::test(start_paused = true)]
async fn the_heartbeat_is_gone_when_with_heartbeat_returns() {
    let (guard, dropped) = drop_guard();
    let log = move |_: &str| {
        let _keep = &guard;
    };
    let started = Instant::now();
    within(
        LIMIT,
        "with_heartbeat never returned",
        with_heartbeat(sleep(Duration::from_millis(1200)), log),
    )
    .await;
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(1200),
        "with_heartbeat must return as soon as the work is done"
    );
    assert!(
        dropped.is_set(),
        "the heartbeat task (and the log it owns) must have been dropped by the \
         time with_heartbeat returns: `abort` only asks the task to stop; await \
         its JoinHandle to know that it has"
    );
}

#[tokio::test(start_paused = true)]
async fn the_heartbeat_beats_while_the_work_runs() {
    let timeline = Timeline::start();
    let work = {
        let timeline = timeline.clone();
        async move {
            sleep(Duration::from_millis(1600)).await;
            timeline.record("work done");
            7
        }
    };
    let beats = timeline.clone();
    let output = within_seen(
        LIMIT,
        "with_heartbeat never returned",
        &timeline,
        with_heartbeat(work, move |event: &str| beats.record(event)),
    )
    .await;
    assert_eq!(output, 7, "with_heartbeat returns what the work returned");
    sleep(Duration::from_secs(3)).await;
    insta::assert_snapshot!("timeline", timeline.render());
}

// Generated lengths of work, never ending on a beat's instant. The model: a
// beat every 500 ms while the work runs (the first at 500 ms), the work's end,
// and nothing after, though the test waits 3 s more.
proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn heartbeats_for_generated_work(
        work_ms in prop_oneof![Just(0_u64), 0_u64..3200]
            .prop_filter("not on a beat's instant", |ms| *ms == 0 || ms % 500 != 0)
    ) {
        let (output, rendered) = held::paused(async {
            let timeline = Timeline::start();
            let work = {
                let timeline = timeline.clone();
                async move {
                    sleep(Duration::from_millis(work_ms)).await;
                    timeline.record("work done");
                    work_ms
                }
            };
            let beats = timeline.clone();
            let output = within_seen(LIMIT, "with_heartbeat never returned", &timeline,
                with_heartbeat(work, move |event: &str| beats.record(event)),
            )
            .await;
            sleep(Duration::from_secs(3)).await;
            (output, timeline.render())
        });
        let mut events: Vec<(u128, String)> = (1..)
            .map(|n| 500 * n)
            .take_while(|at| *at < work_ms)
            .map(|at| (u128::from(at), "beat".to_string()))
            .collect();
        events.push((work_ms.into(), "work done".to_string()));
        let expected = render(&events);
        prop_assert!(
            output == work_ms && rendered == expected,
            "with_heartbeat around work of {work_ms} ms: a beat every 500 ms from 500 ms while \
             the work runs, none after it (the heartbeat aborted and awaited), and the work's \
             output returned ({work_ms}; yours {output})\n{}",
            two_timelines(&expected, &rendered)
        );
    }
}
