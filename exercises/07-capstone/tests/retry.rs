//! Exercise 7.1: one job with a time limit per try, retries and a pause
//! between them, timed in virtual time.

use std::sync::{Arc, Mutex};

use capstone::retry::{Failure, GaveUp, Policy, retry};
use testkit::compare;
use testkit::compare::within_showing;
use testkit::limit::within;
use testkit::on_drop::OnDrop;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const POLICY: Policy = Policy {
    attempts: 3,
    per_try: Duration::from_millis(500),
    backoff: Duration::from_millis(100),
};
const LIMIT: Duration = Duration::from_secs(60);

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// An operation whose tries behave as `plan` says: (how long, succeeds?).
fn scripted(
    timeline: &Timeline,
    plan: &'static [(u64, bool)],
) -> impl FnMut(u32) -> std::pin::Pin<Box<dyn Future<Output = Result<String, String>> + Send>> + use<>
{
    let timeline = timeline.clone();
    move |attempt| {
        let timeline = timeline.clone();
        let planned = (attempt as usize).checked_sub(1).and_then(|i| plan.get(i));
        let &(millis, succeeds) = planned.unwrap_or_else(|| {
            panic!(
                "op({attempt}) was called, but this test planned only op(1) to op({}): \
                 count the tries from 1, and make no try after a success or after the last",
                plan.len()
            )
        });
        Box::pin(async move {
            timeline.record(format!("attempt {attempt} starts"));
            // A timeout that gives up on this try drops it here: the mark shows when.
            let unfinished = OnDrop::new(&timeline, format!("attempt {attempt} cancelled"));
            sleep(ms(millis)).await;
            unfinished.disarm();
            if succeeds {
                timeline.record(format!("attempt {attempt} succeeds"));
                Ok(format!("done on attempt {attempt}"))
            } else {
                timeline.record(format!("attempt {attempt} fails"));
                Err(format!("error {attempt}"))
            }
        })
    }
}

#[tokio::test(start_paused = true)]
async fn a_first_success_is_returned_at_once() {
    let timeline = Timeline::start();
    let start = Instant::now();
    let result = within_showing(
        LIMIT,
        "retry never returned",
        &timeline,
        retry(POLICY, scripted(&timeline, &[(200, true)])),
    )
    .await;
    assert_eq!(
        result,
        Ok("done on attempt 1".to_owned()),
        "the first try succeeds: retry returns its value"
    );
    assert_eq!(
        start.elapsed(),
        ms(200),
        "a try that succeeds in 200 ms makes retry return in 200 ms: no pause, no retry"
    );
}

#[tokio::test(start_paused = true)]
async fn failures_are_retried_after_a_pause() {
    let timeline = Timeline::start();
    let start = Instant::now();
    let result = within_showing(
        LIMIT,
        "retry never returned",
        &timeline,
        retry(
            POLICY,
            scripted(&timeline, &[(100, false), (100, false), (100, true)]),
        ),
    )
    .await;
    assert_eq!(
        result,
        Ok("done on attempt 3".to_owned()),
        "two failures and a success, with three attempts allowed, is a success"
    );
    assert_eq!(
        start.elapsed(),
        ms(500),
        "three tries of 100 ms and two pauses of 100 ms between them take 500 ms"
    );
}

#[tokio::test(start_paused = true)]
async fn gives_up_after_the_last_attempt_without_a_last_pause() {
    let timeline = Timeline::start();
    let start = Instant::now();
    let result = within_showing(
        LIMIT,
        "retry never returned",
        &timeline,
        retry(
            POLICY,
            scripted(&timeline, &[(100, false), (100, false), (100, false)]),
        ),
    )
    .await;
    assert_eq!(
        result,
        Err(GaveUp {
            attempts: 3,
            last: Failure::Failed("error 3".to_owned())
        }),
        "after three failures, retry gives up and reports the last error"
    );
    let elapsed = start.elapsed();
    assert_eq!(
        elapsed,
        ms(500),
        "three tries and the two pauses between them take 500 ms; it took {elapsed:?}. \
         There is no point in pausing after the last try"
    );
}

#[tokio::test(start_paused = true)]
async fn a_try_that_takes_too_long_is_cancelled() {
    let timeline = Timeline::start();
    let start = Instant::now();
    let result = within_showing(
        LIMIT,
        "retry never returned: does each try have a time limit (tokio::time::timeout)?",
        &timeline,
        retry(
            POLICY,
            scripted(&timeline, &[(10_000, true), (10_000, true), (10_000, true)]),
        ),
    )
    .await;
    assert_eq!(
        result,
        Err(GaveUp {
            attempts: 3,
            last: Failure::TimedOut
        }),
        "three tries that each take longer than per_try must end as TimedOut"
    );
    assert_eq!(
        start.elapsed(),
        ms(3 * 500 + 2 * 100),
        "each try is cut off at per_try (500 ms), with a 100 ms pause between two tries \
         and none after the last: 1700 ms"
    );
    let cancelled = timeline
        .texts()
        .iter()
        .filter(|t| t.ends_with("cancelled"))
        .count();
    assert_eq!(
        cancelled, 3,
        "each try that timed out was dropped, which cancels it"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_a_timeout_a_failure_and_a_success() {
    let timeline = Timeline::start();
    let result = within_showing(
        LIMIT,
        "retry never returned",
        &timeline,
        retry(
            POLICY,
            scripted(&timeline, &[(10_000, true), (200, false), (100, true)]),
        ),
    )
    .await;
    timeline.record(format!("retry returns {result:?}"));
    insta::assert_snapshot!("timeline", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn one_attempt_means_no_retry() {
    let calls = Arc::new(Mutex::new(0));
    let counter = Arc::clone(&calls);
    let once = Policy {
        attempts: 1,
        ..POLICY
    };
    let result: Result<(), GaveUp<&str>> = within(
        LIMIT,
        "retry never returned",
        retry(once, move |_| {
            *counter.lock().expect("not poisoned") += 1;
            async { Err("no") }
        }),
    )
    .await;
    assert_eq!(
        result,
        Err(GaveUp {
            attempts: 1,
            last: Failure::Failed("no")
        }),
        "one attempt allowed, and it failed: retry gives up after 1 attempt, with its error"
    );
    assert_eq!(
        *calls.lock().expect("not poisoned"),
        1,
        "one attempt, one call"
    );
}

#[tokio::test(start_paused = true)]
async fn zero_attempts_count_as_one() {
    let calls = Arc::new(Mutex::new(0));
    let counter = Arc::clone(&calls);
    let none = Policy {
        attempts: 0,
        ..POLICY
    };
    // In a task of its own, so that a panic in retry becomes a message here.
    let task = tokio::spawn(retry(none, move |_| {
        *counter.lock().expect("not poisoned") += 1;
        async { Err::<(), _>("no") }
    }));
    let result = within(
        LIMIT,
        "retry with `attempts: 0` never returned, though every try failed at once: 0 counts \
         as 1, so after one try it gives up",
        task,
    )
    .await
    .unwrap_or_else(|e| {
        panic!(
            "retry with `attempts: 0` panicked ({e}): 0 counts as 1, since there is no \
             failure to report without trying once"
        )
    });
    assert_eq!(
        (result, *calls.lock().expect("not poisoned")),
        (
            Err(GaveUp {
                attempts: 1,
                last: Failure::Failed("no")
            }),
            1
        ),
        "`attempts: 0` counts as 1: one call, then GaveUp after 1 attempt with its error"
    );
}

#[tokio::test(start_paused = true)]
async fn the_largest_number_of_attempts_still_stops_at_a_success() {
    let timeline = Timeline::start();
    let many = Policy {
        attempts: u32::MAX,
        ..POLICY
    };
    let task = tokio::spawn(retry(
        many,
        scripted(&timeline, &[(100, false), (100, true)]),
    ));
    let result = within_showing(LIMIT, "retry never returned", &timeline, task)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "retry with `attempts: u32::MAX` panicked ({e}). The largest number of \
                 attempts is allowed like any other, and a sum such as `attempts + 1` \
                 overflows there: count the tries without going past it"
            )
        });
    assert_eq!(
        result,
        Ok("done on attempt 2".to_owned()),
        "with u32::MAX attempts allowed, a failure then a success is a success on attempt 2"
    );
}

/// One try of a generated plan: how long it takes, and whether it succeeds.
fn try_plan() -> impl Strategy<Value = (u64, bool)> {
    // Never exactly `per_try` (which of the two ends first at one instant is
    // not promised): durations are even, limits odd.
    ((0_u64..400).prop_map(|half| half * 2), any::<bool>())
}

/// What a run of retry did: its timeline in whole ms, and its result.
type Outcome = (Vec<(u128, String)>, Result<String, GaveUp<String>>);

/// The model: each try starts after the pause that follows the previous
/// one; one longer than `per_try` is cancelled at `per_try`; the first success
/// ends it all; after the last allowed try (0 counts as 1), GaveUp.
fn model(policy: Policy, plan: &[(u64, bool)]) -> Outcome {
    let per_try = policy.per_try.as_millis() as u64;
    let backoff = policy.backoff.as_millis() as u64;
    let (mut now, mut events) = (0_u64, Vec::new());
    let allowed = policy.attempts.max(1);
    for attempt in 1..=allowed {
        // Past the plan, a try succeeds at once (the plan is the interesting part).
        let (millis, succeeds) = plan.get(attempt as usize - 1).copied().unwrap_or((0, true));
        events.push((u128::from(now), format!("attempt {attempt} starts")));
        let last = if millis > per_try {
            now += per_try;
            events.push((u128::from(now), format!("attempt {attempt} cancelled")));
            Failure::TimedOut
        } else {
            now += millis;
            if succeeds {
                events.push((u128::from(now), format!("attempt {attempt} succeeds")));
                return (events, Ok(format!("done on attempt {attempt}")));
            }
            events.push((u128::from(now), format!("attempt {attempt} fails")));
            Failure::Failed(format!("error {attempt}"))
        };
        if attempt == allowed {
            return (
                events,
                Err(GaveUp {
                    attempts: attempt,
                    last,
                }),
            );
        }
        now += backoff;
    }
    unreachable!("the loop returns at its last attempt")
}

proptest! {
    #![proptest_config(props::config())]

    /// Any policy (0, 1, a few and u32::MAX attempts; any odd time limit; any
    /// pause, 0 included) over any plan of tries: the timeline of starts,
    /// endings and cancellations, and the result, against the model above.
    #[test]
    fn any_policy_over_any_tries(
        attempts in prop_oneof![Just(0_u32), Just(1), Just(u32::MAX), 0_u32..5],
        per_try in (0_u64..300).prop_map(|half| half * 2 + 1),
        backoff in prop_oneof![Just(0_u64), 0_u64..300],
        plan in prop::collection::vec(try_plan(), 0..5),
    ) {
        let policy = Policy { attempts, per_try: ms(per_try), backoff: ms(backoff) };
        // Past the plan, a try succeeds at once.
        let mut full = plan.clone();
        full.resize(6, (0, true));
        // `scripted` takes a plan that lives as long as the test (a few bytes per case).
        let full: &'static [(u64, bool)] = Box::leak(full.into_boxed_slice());
        let (observed, result) = props::paused(async move {
            let timeline = Timeline::start();
            let task = tokio::spawn(retry(policy, scripted(&timeline, full)));
            let result = within_showing(LIMIT, "retry never returned", &timeline, task).await;
            let events: Vec<_> =
                timeline.events().into_iter().map(|(at, e)| (at.as_millis(), e)).collect();
            (events, result.map_err(|e| e.to_string()))
        });
        let (expected, expected_result) = model(policy, full);
        prop_assert!(
            observed == expected && result.as_ref() == Ok(&expected_result),
            "retry must make each try within per_try, pause between two tries, and stop at \
             the first success or after `attempts` tries (0 counts as 1).\n{:?} over the \
             tries {:?} (ms, succeeds?): expected {:?}, yours {:?}\n{}",
            policy, plan, expected_result, result, compare::timelines(&expected, &observed)
        );
    }
}
