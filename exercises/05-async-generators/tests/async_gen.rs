//! Exercise 5.1: the post's async generator, and `async for` in Rust.

use async_generators::async_gen::{async_gen, print_all};
use futures::StreamExt;
use testkit::limit::within;
use testkit::model::{self, Event};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);
/// More values than a right answer ever yields: a stream that never ends is cut
/// off here, and fails an assertion, instead of running the test for ever.
const ENOUGH: usize = 100;

// The tests that name one idea each come first: `cargo grade` shows the first
// failing test in this file's order, and a snapshot diff teaches less.

#[tokio::test(start_paused = true)]
async fn each_value_comes_as_soon_as_it_is_ready() {
    let started = Instant::now();
    let mut stream = std::pin::pin!(async_gen());
    let first = within(LIMIT, "async_gen never yielded", stream.next()).await;
    assert_eq!(first, Some(0), "like range(5), the values start at 0");
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(1),
        "the first value must come after 1 s, not after all five are ready: \
         a stream yields each value as it goes"
    );
    let rest: Vec<u64> = within(
        LIMIT,
        "async_gen never ended",
        stream.take(ENOUGH).collect(),
    )
    .await;
    assert_eq!(
        rest,
        [1, 2, 3, 4],
        "after 0, the stream must go on with 1 to 4 and then end, like range(5)"
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(5),
        "five values, one second each"
    );
}

// A consumer that takes its time between two values: each value must still
// come one second after it was asked for, not on a timetable fixed at the
// start (equal, immediate asks cannot tell the two apart).
proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn each_value_comes_a_second_after_it_is_asked_for(
        pauses in prop::collection::vec(prop::sample::select(vec![0_u64, 1, 300, 999, 1000, 2500]), 5)
    ) {
        // The model: the consumer asks, the value comes 1000 ms later, the
        // consumer pauses, and asks again; the sixth ask finds the end at once.
        let mut expected: Vec<Event> = Vec::new();
        let mut asked = 0;
        for (value, pause) in pauses.iter().enumerate() {
            expected.push((asked + 1000, format!("got {value}")));
            asked += 1000 + pause;
        }
        expected.push((asked, "end".to_owned()));

        let actual = props::paused(async {
            let timeline = Timeline::start();
            let mut stream = std::pin::pin!(async_gen().take(ENOUGH));
            let mut pauses = pauses.iter();
            while let Some(value) = within(LIMIT, "async_gen never yielded", stream.next()).await {
                timeline.record(format!("got {value}"));
                sleep(Duration::from_millis(pauses.next().copied().unwrap_or(0))).await;
            }
            timeline.record("end");
            model::events_of(&timeline)
        });
        let verdict = model::same_events(
            &format!("A consumer that pauses {pauses:?} ms after each value."),
            &expected,
            &actual,
            "Each value comes 1 s after it is asked for (sleep, then yield, inside the loop): \
             a stream is paused at its yield while the consumer is busy, and its next sleep \
             starts only when the next value is asked for.",
        );
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }
}

#[tokio::test(start_paused = true)]
async fn yields_zero_to_four() {
    let values: Vec<u64> = within(
        LIMIT,
        "async_gen never ended",
        async_gen().take(ENOUGH).collect(),
    )
    .await;
    assert_eq!(
        values,
        [0, 1, 2, 3, 4],
        "range(5): 0 to 4, then the stream ends"
    );
}

#[tokio::test(start_paused = true)]
async fn print_all_prints_each_value_as_it_comes() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    within(LIMIT, "print_all never finished", print_all(&log)).await;
    assert_eq!(
        timeline.events().first(),
        Some(&(Duration::from_secs(1), "0".to_string())),
        "the first value is ready after 1 s and must be printed then, like \
         `async for`: take each value from the stream as it comes, not all of \
         them at the end"
    );
}

/// The post's "Output: 0, 1, 2, 3, 4 (with 1 second delay each)", with the times.
#[tokio::test(start_paused = true)]
async fn prints_each_value_a_second_after_the_last() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    within(LIMIT, "print_all never finished", print_all(&log)).await;
    insta::assert_snapshot!("timeline", timeline.render());
}
