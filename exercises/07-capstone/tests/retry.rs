//! Exercise 7.1: one job with a time limit per try, retries and a pause
//! between them, timed in virtual time.

use std::sync::{Arc, Mutex};

use capstone::retry::{Failure, GaveUp, Policy, retry};
use testkit::limit::within;
use testkit::on_drop::OnDrop;
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

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
) -> impl FnMut(u32) -> std::pin::Pin<Box<dyn Future<Output = Result<String, String>> + Send>> {
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
    let result = within(
        LIMIT,
        "retry never returned",
        retry(POLICY, scripted(&timeline, &[(200, true)])),
    )
    .await;
    assert_eq!(result, Ok("done on attempt 1".to_owned()));
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
    let result = within(
        LIMIT,
        "retry never returned",
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
    let result = within(
        LIMIT,
        "retry never returned",
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
    let result = within(
        LIMIT,
        "retry never returned: does each try have a time limit (tokio::time::timeout)?",
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
    let result = within(
        LIMIT,
        "retry never returned",
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
        })
    );
    assert_eq!(
        *calls.lock().expect("not poisoned"),
        1,
        "one attempt, one call"
    );
}
