//! Exercise 3.1: `my_coroutine`, observed on a timeline in virtual time.

use coroutines::my_coroutine::my_coroutine;
use testkit::compare;
use testkit::compare::within_showing;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(10);
const NEVER_ENDED: &str = "my_coroutine never finished: it should end one second after it starts";

#[tokio::test(start_paused = true)]
async fn takes_exactly_one_second() {
    let timeline = Timeline::start();
    within_showing(LIMIT, NEVER_ENDED, &timeline, my_coroutine(|_| {})).await;
    assert_eq!(
        timeline.elapsed(),
        Duration::from_secs(1),
        "my_coroutine must take one second of tokio time; a time of 0 means it did not \
         await `tokio::time::sleep` (the standard library's `thread::sleep` blocks, and \
         tokio's clock never sees it)"
    );
}

/// The seed's output, with the time of each line.
#[tokio::test(start_paused = true)]
async fn prints_start_then_end_one_second_later() {
    let timeline = Timeline::start();
    let printer = timeline.clone();
    within_showing(
        LIMIT,
        NEVER_ENDED,
        &timeline,
        my_coroutine(move |line| printer.record(line)),
    )
    .await;
    insta::assert_snapshot!("timeline", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn other_work_runs_while_it_sleeps() {
    let timeline = Timeline::start();
    let printer = timeline.clone();
    let ticker = async {
        for _ in 0..3 {
            sleep(Duration::from_millis(250)).await;
            timeline.record("tick");
        }
    };
    let coroutine = within_showing(
        LIMIT,
        NEVER_ENDED,
        &timeline,
        my_coroutine(move |line| printer.record(line)),
    );
    tokio::join!(coroutine, ticker);
    insta::assert_snapshot!("with_ticker", timeline.render());
}

/// A timeline's events with those of one instant in a fixed order, so that
/// any correct order of simultaneous events compares equal.
fn sorted(mut events: Vec<(u128, String)>) -> Vec<(u128, String)> {
    events.sort();
    events
}

proptest! {
    #![proptest_config(props::cases(24))]

    /// Started at any time, beside a ticker of any period: `Start` when it is
    /// first polled, `End` one second later, and every tick on time meanwhile.
    /// The model is the seed's output shifted by the start, and the ticks.
    #[test]
    fn any_start_beside_any_ticker(
        start in prop_oneof![Just(0_u64), Just(1), 0_u64..5_000],
        period in prop_oneof![Just(1_u64), 1_u64..1_500],
    ) {
        let observed = props::paused(async move {
            let timeline = Timeline::start();
            let printer = timeline.clone();
            let ticks = (2_000 / period + 1).min(16);
            let ticker = async {
                for _ in 0..ticks {
                    sleep(Duration::from_millis(period)).await;
                    timeline.record("tick");
                }
            };
            let coroutine = async {
                sleep(Duration::from_millis(start)).await;
                within_showing(LIMIT, NEVER_ENDED, &timeline, my_coroutine(move |line| printer.record(line))).await;
            };
            tokio::join!(coroutine, ticker);
            timeline.events().into_iter().map(|(at, e)| (at.as_millis(), e)).collect::<Vec<_>>()
        });
        let ticks = (2_000 / period + 1).min(16);
        let mut expected: Vec<(u128, String)> =
            (1..=ticks).map(|k| (u128::from(k * period), "tick".to_owned())).collect();
        expected.push((u128::from(start), "Start Coroutine".to_owned()));
        expected.push((u128::from(start + 1_000), "End Coroutine".to_owned()));
        let (observed, expected) = (sorted(observed), sorted(expected));
        prop_assert!(
            observed == expected,
            "my_coroutine must print Start when first polled and End one second later, \
             every tick on time meanwhile.\nFirst polled at {} ms, a tick every {} ms:\n{}",
            start, period, compare::timelines(&expected, &observed)
        );
    }
}
