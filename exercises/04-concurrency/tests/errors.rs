//! Exercise 4.2: an error is a value that `.await` hands back; `?` passes it on.

use concurrency::errors::{ValueError, fail_coroutine, handle, two_steps};
use testkit::held;
use testkit::held::within;
use testkit::held::{render, two_timelines, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, timeout};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

#[tokio::test(start_paused = true)]
async fn fail_coroutine_fails_after_one_second() {
    let started = Instant::now();
    let result = within(LIMIT, "fail_coroutine never finished", fail_coroutine()).await;
    assert_eq!(
        result,
        Err(ValueError("Something went wrong".to_string())),
        "fail_coroutine must return Err(ValueError(\"Something went wrong\")): \
         in Rust an error is returned, not raised"
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(1),
        "fail_coroutine must sleep 1 s before it fails"
    );
}

#[tokio::test(start_paused = true)]
async fn the_error_displays_as_its_message() {
    let error = within(LIMIT, "fail_coroutine never finished", fail_coroutine())
        .await
        .expect_err("fail_coroutine must fail");
    assert_eq!(
        error.to_string(),
        "Something went wrong",
        "`format!(\"{{e}}\")` must give the message, like Python's str(e)"
    );
}

/// The post's `Output: Error: Something went wrong`, with the time.
#[tokio::test(start_paused = true)]
async fn timeline_of_handle() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    within_seen(LIMIT, "handle never finished", &timeline, handle(&log)).await;
    insta::assert_snapshot!("handle", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn the_question_mark_stops_at_the_error() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    let result = within_seen(
        LIMIT,
        "two_steps never finished",
        &timeline,
        two_steps(&log),
    )
    .await;
    assert_eq!(
        result,
        Err(ValueError("Something went wrong".to_string())),
        "two_steps must hand fail_coroutine's error to its caller"
    );
    assert_eq!(
        timeline.texts(),
        ["step 1"],
        "`?` returns from two_steps at once: \"step 2\" must never be logged"
    );
}

// Cancelled at a generated moment (a caller's timeout), before or after the
// error: the model says what each function has logged by then. Nothing is
// logged ahead of its time, and nothing after the cancellation.
proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn cancelled_at_any_moment(
        cancel_at in (0_u64..2500).prop_filter("not at the instant of the error", |ms| *ms != 1000)
    ) {
        let (handled, stepped) = held::paused(async {
            let timeline = Timeline::start();
            let log = |event: &str| timeline.record(event);
            let cancel = Duration::from_millis(cancel_at);
            let _ = timeout(cancel, within(LIMIT, "handle never finished", handle(&log))).await;
            tokio::time::sleep(Duration::from_secs(3)).await;
            let handled = timeline.render();
            let timeline = Timeline::start();
            let log = |event: &str| timeline.record(event);
            let _ = timeout(cancel, within(LIMIT, "two_steps never finished", two_steps(&log))).await;
            tokio::time::sleep(Duration::from_secs(3)).await;
            (handled, timeline.render())
        });
        let failed = cancel_at > 1000;
        let expected = if failed {
            render(&[(1000, "Error: Something went wrong".to_string())])
        } else {
            String::new()
        };
        prop_assert!(
            handled == expected,
            "handle, cancelled at {cancel_at} ms: fail_coroutine fails at 1000 ms, and only \
             then is the error logged\n{}",
            two_timelines(&expected, &handled)
        );
        let expected = render(&[(0, "step 1".to_string())]);
        prop_assert!(
            stepped == expected,
            "two_steps, cancelled at {cancel_at} ms: \"step 1\" at once, and nothing more, \
             whether or not the error has come\n{}",
            two_timelines(&expected, &stepped)
        );
    }
}
