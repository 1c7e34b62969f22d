//! Exercise 4.1: `join!` runs both coroutines at once; `join_all` runs a list.

use concurrency::gather::{coroutine_one, coroutine_two, gather, gather_all};
use testkit::held;
use testkit::held::{within, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

#[tokio::test(start_paused = true)]
async fn each_coroutine_waits_its_own_time() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    within_seen(
        LIMIT,
        "coroutine_two never finished",
        &timeline,
        coroutine_two(&log),
    )
    .await;
    within_seen(
        LIMIT,
        "coroutine_one never finished",
        &timeline,
        coroutine_one(&log),
    )
    .await;
    assert_eq!(
        timeline.render(),
        "1000 ms  Coroutine Two\n3000 ms  Coroutine One\n",
        "awaited one after the other, coroutine_two must report after 1 s and \
         coroutine_one 2 s later: each sleeps (with tokio's sleep) before it logs"
    );
}

#[tokio::test(start_paused = true)]
async fn gather_takes_the_longest_wait_not_the_sum() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    let started = Instant::now();
    within_seen(LIMIT, "gather never finished", &timeline, gather(&log)).await;
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(2),
        "waiting 2 s and 1 s at the same time takes 2 s; 3 s means the \
         coroutines were awaited one after the other instead of with join!"
    );
    assert_eq!(
        timeline.texts(),
        ["Coroutine Two", "Coroutine One"],
        "the 1 s coroutine reports before the 2 s one when they wait together"
    );
}

#[tokio::test(start_paused = true)]
async fn gather_all_keeps_the_input_order() {
    let delays = [300, 100, 200, 50];
    let results = within(LIMIT, "gather_all never finished", gather_all(&delays)).await;
    assert_eq!(
        results, delays,
        "join_all returns the outputs in the order of its input, not in the \
         order the futures finished"
    );
}

#[tokio::test(start_paused = true)]
async fn gather_all_waits_for_the_longest_only() {
    let started = Instant::now();
    within(
        LIMIT,
        "gather_all never finished",
        gather_all(&[300, 100, 200, 50]),
    )
    .await;
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(300),
        "four waits of 300, 100, 200 and 50 ms, all at once, take 300 ms: the \
         futures must all be given to join_all, not awaited in a loop"
    );
}

#[tokio::test(start_paused = true)]
async fn gather_all_of_nothing_is_empty() {
    let results = within(LIMIT, "gather_all never finished", gather_all(&[])).await;
    assert!(results.is_empty(), "no delays, no results");
}

/// The post's "Output: Coroutine Two, Coroutine One", with the times.
#[tokio::test(start_paused = true)]
async fn timeline_of_gather() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    within_seen(LIMIT, "gather never finished", &timeline, gather(&log)).await;
    insta::assert_snapshot!("timeline", timeline.render());
}

// Generated delays, against a model: the outputs are the delays themselves,
// in input order, and the whole takes as long as the longest one. Empty and
// one-element lists, equal delays and 0 ms come up, where a strategy that
// agrees with one well-chosen list (say, one that sorts) stops agreeing.
proptest! {
    #![proptest_config(props::cases(48))]
    #[test]
    fn gather_all_on_generated_delays(
        delays in prop::collection::vec(prop_oneof![Just(0_u64), Just(1), 0_u64..1000], 0..7)
    ) {
        let (results, elapsed) = held::paused(async {
            let started = Instant::now();
            let results = within(LIMIT, "gather_all never finished", gather_all(&delays)).await;
            (results, started.elapsed())
        });
        let longest = delays.iter().max().copied().unwrap_or(0);
        prop_assert!(
            results == delays && elapsed == Duration::from_millis(longest),
            "gather_all({delays:?})\n  expected: {delays:?} after {longest} ms (every delay \
             at once, outputs in input order)\n  yours:    {results:?} after {} ms",
            elapsed.as_millis()
        );
    }
}
