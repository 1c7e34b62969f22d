//! Exercise 3.5: a future polled across the turns of a loop, held in place by
//! `pin!`.

use std::cell::Cell;

use coroutines::pinning::with_heartbeat;
use testkit::compare;
use testkit::compare::within_showing;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

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
    let output = within_showing(
        LIMIT,
        NEVER_ENDED,
        &timeline,
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
    within_showing(
        LIMIT,
        NEVER_ENDED,
        &timeline,
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
    within_showing(
        LIMIT,
        NEVER_ENDED,
        &timeline,
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

proptest! {
    #![proptest_config(props::config())]

    /// Work of any length (0 included) with a beat of any period, the work
    /// never ending on a beat (which of the two comes first at one instant is
    /// not promised). The model: the work starts once, at 0; a beat at each
    /// whole period before the work is done; the output when it is done.
    #[test]
    fn any_work_with_any_beat(
        period in prop_oneof![Just(2_u64), 2_u64..1_000],
        beats in 0_u64..8,
        rest in any::<prop::sample::Index>(),
        at_once in prop::bool::weighted(0.1),
    ) {
        // The work ends between two beats: `rest` is 1 to period - 1 ms past
        // the last one, or at once.
        let length = if at_once { 0 } else { beats * period + 1 + rest.index(period as usize - 1) as u64 };
        let (output, observed) = props::paused(async move {
            let timeline = Timeline::start();
            let output = within_showing(LIMIT, NEVER_ENDED, &timeline,
                with_heartbeat(work(&timeline, length), Duration::from_millis(period), || {
                    timeline.record("beat")
                }),
            )
            .await;
            timeline.record("returned");
            let events: Vec<_> =
                timeline.events().into_iter().map(|(at, e)| (at.as_millis(), e)).collect();
            (output, events)
        });
        let mut expected = vec![(0, "work started".to_owned())];
        let whole = if length == 0 { 0 } else { (length - 1) / period };
        expected.extend((1..=whole).map(|k| (u128::from(k * period), "beat".to_owned())));
        expected.push((u128::from(length), "work done".to_owned()));
        expected.push((u128::from(length), "returned".to_owned()));
        prop_assert_eq!(output, "result", "with_heartbeat must return the work's output");
        prop_assert!(
            observed == expected,
            "with_heartbeat must start the work once, beat at every whole period before \
             the work is done, and return when it is.\nWork of {} ms, a beat every {} ms:\n{}",
            length, period, compare::timelines(&expected, &observed)
        );
    }
}
