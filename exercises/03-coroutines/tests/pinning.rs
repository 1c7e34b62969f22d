//! Exercise 3.5: a future polled across the turns of a loop, held in place by
//! `pin!`.

use std::cell::Cell;

use coroutines::pinning::with_heartbeat;
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

const LIMIT: Duration = Duration::from_secs(60);
const NEVER_ENDED: &str = "with_heartbeat never returned, though the work finished";

/// A job that takes `millis`, and holds a borrow of its own local variable
/// across its `.await`s: an `async` block that points into itself, and so is
/// not `Unpin`.
async fn work(timeline: &Timeline, millis: u64) -> &'static str {
    let name = String::from("work");
    let name_ref: &str = &name;
    timeline.record(format!("{name_ref} started"));
    sleep(Duration::from_millis(millis)).await;
    timeline.record(format!("{name_ref} done"));
    "result"
}

#[tokio::test(start_paused = true)]
async fn beats_while_the_work_runs() {
    let timeline = Timeline::start();
    let output = within(
        LIMIT,
        NEVER_ENDED,
        with_heartbeat(work(&timeline, 3_500), Duration::from_secs(1), || {
            timeline.record("beat")
        }),
    )
    .await;
    assert_eq!(
        output, "result",
        "with_heartbeat must return the work's output"
    );
    let beats = timeline.texts().iter().filter(|t| *t == "beat").count();
    assert_eq!(
        beats, 3,
        "3.5 s of work with a beat every second must beat 3 times, at 1, 2 and 3 s, \
         while the work runs (the first beat is due one period in, not at once)"
    );
    insta::assert_snapshot!("timeline", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn the_work_is_started_once_and_never_restarted() {
    let timeline = Timeline::start();
    within(
        LIMIT,
        NEVER_ENDED,
        with_heartbeat(work(&timeline, 2_500), Duration::from_millis(500), || {}),
    )
    .await;
    let started = timeline
        .texts()
        .iter()
        .filter(|text| *text == "work started")
        .count();
    assert_eq!(
        started, 1,
        "the same work must carry on across the beats: it was started {started} times"
    );
    assert_eq!(
        timeline.elapsed(),
        Duration::from_millis(2_500),
        "the work takes 2.5 s and the beats must not delay it"
    );
}

#[tokio::test(start_paused = true)]
async fn quick_work_gets_no_beat() {
    let timeline = Timeline::start();
    let beats = Cell::new(0);
    within(
        LIMIT,
        NEVER_ENDED,
        with_heartbeat(work(&timeline, 300), Duration::from_secs(1), || {
            beats.set(beats.get() + 1)
        }),
    )
    .await;
    assert_eq!(
        (beats.get(), timeline.elapsed()),
        (0, Duration::from_millis(300)),
        "work done in 0.3 s must return at 0.3 s, before the first beat is due at 1 s"
    );
}
