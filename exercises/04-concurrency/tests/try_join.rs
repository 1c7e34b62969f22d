//! Exercise 4.3: `try_join!` returns at the first error and drops the rest.

use concurrency::try_join::both;
use testkit::drops::drop_guard;
use testkit::held;
use testkit::held::within;
use testkit::held::{render, two_timelines, within_seen};
use testkit::on_drop::OnDrop;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

/// Waits `ms`, then returns `result`.
async fn after<T>(ms: u64, result: Result<T, String>) -> Result<T, String> {
    sleep(Duration::from_millis(ms)).await;
    result
}

#[tokio::test(start_paused = true)]
async fn both_values_when_both_succeed() {
    let started = Instant::now();
    let result = within(
        LIMIT,
        "both never finished",
        both(after(300, Ok("profile")), after(200, Ok(42))),
    )
    .await;
    assert_eq!(
        result,
        Ok(("profile", 42)),
        "both succeeded: both values, in argument order"
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(300),
        "waits of 300 ms and 200 ms at the same time take 300 ms, not 500: run them together"
    );
}

#[tokio::test(start_paused = true)]
async fn the_first_error_comes_back_as_soon_as_it_happens() {
    let started = Instant::now();
    let result = within(
        LIMIT,
        "both never finished",
        both(
            after(3000, Ok(1)),
            after(100, Err::<u32, _>("no such user".to_string())),
        ),
    )
    .await;
    assert_eq!(
        result,
        Err("no such user".to_string()),
        "the second future failed: both returns its error"
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(100),
        "the second future failed after 100 ms: that error must be returned at \
         once, without waiting 3 s for the first one (try_join! short-circuits)"
    );
}

#[tokio::test(start_paused = true)]
async fn the_other_future_is_dropped_on_error() {
    let (guard, dropped) = drop_guard();
    let slow = async move {
        let _guard = guard;
        after(3000, Ok("never")).await
    };
    let result = within(
        LIMIT,
        "both never finished",
        both(slow, after(100, Err::<(), _>("boom".to_string()))),
    )
    .await;
    assert!(result.is_err(), "one of the two failed, so both must fail");
    assert!(
        dropped.is_set(),
        "when one future fails, the other is cancelled: it must have been \
         dropped by the time `both` returns"
    );
}

#[tokio::test(start_paused = true)]
async fn the_error_that_happens_first_wins() {
    let result = within(
        LIMIT,
        "both never finished",
        both(
            after::<()>(500, Err("late".to_string())),
            after::<()>(200, Err("early".to_string())),
        ),
    )
    .await;
    assert_eq!(
        result,
        Err("early".to_string()),
        "both failed; the error returned must be the one that happened first (at 200 ms)"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_a_failure() {
    let timeline = Timeline::start();
    let profile = {
        let timeline = timeline.clone();
        async move {
            let _dropped = OnDrop::new(&timeline, "profile dropped");
            after(3000, Ok("profile")).await
        }
    };
    let orders = {
        let timeline = timeline.clone();
        async move {
            let result = after::<u32>(500, Err("orders: timed out".to_string())).await;
            timeline.record("orders failed");
            result
        }
    };
    let result = within_seen(
        LIMIT,
        "both never finished",
        &timeline,
        both(profile, orders),
    )
    .await;
    timeline.record(format!("both returned {result:?}"));
    insta::assert_snapshot!("timeline", timeline.render());
}

/// One side of a generated case: waits `ms`, then succeeds or fails, and
/// records either that, or its being dropped before it got there.
fn side(
    timeline: &Timeline,
    name: &'static str,
    (ms, ok): (u64, bool),
) -> impl Future<Output = Result<u64, String>> {
    let timeline = timeline.clone();
    async move {
        let dropped = OnDrop::new(&timeline, format!("{name} dropped"));
        sleep(Duration::from_millis(ms)).await;
        dropped.disarm();
        timeline.record(format!("{name} {}", if ok { "succeeds" } else { "fails" }));
        if ok {
            Ok(ms)
        } else {
            Err(format!("{name} failed"))
        }
    }
}

// Generated durations and outcomes for both sides, never finishing at the
// same instant. The model: both values at the later time if both succeed;
// otherwise the error of the side that fails first, returned the moment it
// fails, with the other side dropped right then if it had not finished.
proptest! {
    #![proptest_config(props::cases(48))]
    #[test]
    fn both_on_generated_outcomes(
        (a, b) in ((0_u64..1000, any::<bool>()), (0_u64..1000, any::<bool>()))
            .prop_filter("the two sides end at different instants", |(a, b)| a.0 != b.0)
    ) {
        let (result, rendered) = held::paused(async {
            let timeline = Timeline::start();
            let result = within_seen(LIMIT, "both never finished", &timeline,
                both(side(&timeline, "a", a), side(&timeline, "b", b)),
            )
            .await;
            timeline.record("both returns");
            (result, timeline.render())
        });
        let failures = [("a", a), ("b", b)]
            .into_iter()
            .filter(|(_, (_, ok))| !ok)
            .min_by_key(|(_, (ms, _))| *ms);
        let (expected_result, end) = match failures {
            None => (Ok((a.0, b.0)), a.0.max(b.0)),
            Some((name, (ms, _))) => (Err(format!("{name} failed")), ms),
        };
        let mut events: Vec<(u128, String)> = Vec::new();
        for (name, (ms, ok)) in [("a", a), ("b", b)] {
            if ms <= end {
                events.push((ms.into(), format!("{name} {}", if ok { "succeeds" } else { "fails" })));
            } else {
                events.push((end.into(), format!("{name} dropped")));
            }
        }
        events.sort_by_key(|(at, event)| (*at, event.ends_with("dropped")));
        events.push((end.into(), "both returns".to_string()));
        let expected = render(&events);
        prop_assert!(
            result == expected_result && rendered == expected,
            "both(a: {} after {} ms, b: {} after {} ms)\n  expected: {expected_result:?}\n  \
             yours:    {result:?}\n{}",
            if a.1 { "Ok" } else { "Err" }, a.0,
            if b.1 { "Ok" } else { "Err" }, b.0,
            two_timelines(&expected, &rendered)
        );
    }
}
