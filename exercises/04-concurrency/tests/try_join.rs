//! Exercise 4.3: `try_join!` returns at the first error and drops the rest.

use concurrency::try_join::both;
use testkit::drops::drop_guard;
use testkit::limit::within;
use testkit::on_drop::OnDrop;
use tokio::time::{Duration, Instant, sleep};

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
    assert_eq!(result, Err("no such user".to_string()));
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
    let timeline = testkit::timeline::Timeline::start();
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
    let result = within(LIMIT, "both never finished", both(profile, orders)).await;
    timeline.record(format!("both returned {result:?}"));
    insta::assert_snapshot!("timeline", timeline.render());
}
