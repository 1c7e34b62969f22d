//! Exercise 5.5: a `Stream` written by hand, with `poll_next`.

use async_generators::poll_next::countdown;
use futures::{StreamExt, poll};
use testkit::limit::within;
use testkit::model::{self, Event};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);
/// More values than a right answer ever yields: a stream that never ends is cut
/// off here, and fails an assertion, instead of running the test for ever.
const ENOUGH: usize = 100;
const PERIOD: Duration = Duration::from_millis(100);

#[tokio::test(start_paused = true)]
async fn counts_down_to_one() {
    let mut stream = countdown(3, PERIOD).take(ENOUGH);
    let mut values = Vec::new();
    loop {
        // What came so far is part of the message: a test that hits its
        // limit says what had happened by then.
        let waiting = format!(
            "the countdown never ended, though a value is due every 100 ms: it gave {values:?} \
             and then nothing more. Pending is right only after polling a Sleep (polling it is \
             what asks for a wake-up), and that Sleep lives in `self.wait` between polls, so \
             that the wait is not started again on every poll"
        );
        match within(LIMIT, &waiting, stream.next()).await {
            Some(value) => values.push(value),
            None => break,
        }
    }
    assert_eq!(values, [3, 2, 1], "from 3 down to 1, then None");
}

#[tokio::test(start_paused = true)]
async fn each_wait_starts_when_the_value_is_asked_for() {
    let timeline = Timeline::start();
    let mut stream = countdown(3, PERIOD).take(ENOUGH);
    while let Some(n) = within(LIMIT, "the countdown never ended", stream.next()).await {
        timeline.record(format!("got {n}"));
        // The consumer is busy for a while before it asks again.
        sleep(Duration::from_millis(50)).await;
    }
    insta::assert_snapshot!("timeline", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn no_wait_starts_before_the_first_poll() {
    let mut stream = countdown(2, PERIOD);
    // Made, but nobody asks for a value for a while.
    sleep(Duration::from_millis(500)).await;
    assert!(
        poll!(stream.next()).is_pending(),
        "the countdown was made 500 ms ago, but nobody asked for a value until \
         now: its wait must start at the first poll, not when it is made"
    );
}

#[tokio::test(start_paused = true)]
async fn pending_until_the_period_is_over() {
    let mut stream = countdown(2, PERIOD);
    assert!(
        poll!(stream.next()).is_pending(),
        "the first poll must return Pending: the value is not due for 100 ms \
         (poll the Sleep, and return Pending when it does)"
    );
    sleep(Duration::from_millis(99)).await;
    assert!(
        poll!(stream.next()).is_pending(),
        "after 99 ms the value is still not due"
    );
    sleep(Duration::from_millis(1)).await;
    assert_eq!(
        poll!(stream.next()),
        std::task::Poll::Ready(Some(2)),
        "after 100 ms the first value is ready: the Sleep's waker woke the task"
    );
}

#[tokio::test(start_paused = true)]
async fn stays_finished() {
    let mut stream = countdown(1, PERIOD);
    assert_eq!(
        within(LIMIT, "countdown(1) never yielded", stream.next()).await,
        Some(1),
        "countdown(1) yields 1, then ends"
    );
    for call in 2..=4 {
        assert_eq!(
            within(LIMIT, "the countdown never ended", stream.next()).await,
            None,
            "call {call} came after the end: a finished countdown keeps returning None"
        );
    }
    let mut empty = countdown(0, PERIOD);
    assert_eq!(
        within(LIMIT, "countdown(0) never ended", empty.next()).await,
        None,
        "countdown(0) yields nothing"
    );
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn each_answer_comes_when_the_model_says(
        from in prop_oneof![Just(0_u64), Just(1), Just(2), Just(5), Just(u64::MAX)],
        period in prop::sample::select(vec![0_u64, 1, 100, 250]),
        pauses in prop::collection::vec(prop::sample::select(vec![0_u64, 50, 100, 300]), 8),
    ) {
        // The model: each number comes `period` after it is asked for; once
        // the count is over, every ask is answered None at once.
        let asks = from.min(6) as usize + 2;
        let mut expected: Vec<Event> = Vec::new();
        let mut asked = 0;
        for (ask, pause) in pauses.iter().take(asks).enumerate() {
            if (ask as u64) < from {
                asked += period;
                expected.push((asked, format!("got {}", from - ask as u64)));
            } else {
                expected.push((asked, "None".to_owned()));
            }
            asked += pause;
        }

        let actual = props::paused(async {
            let timeline = Timeline::start();
            let mut stream = countdown(from, Duration::from_millis(period));
            for pause in pauses.iter().take(asks) {
                let never = "the countdown never answered an ask, though each answer is due at most \
                             a period after it is asked for";
                match within(LIMIT, never, stream.next()).await {
                    Some(n) => timeline.record(format!("got {n}")),
                    None => timeline.record("None"),
                }
                sleep(Duration::from_millis(*pause)).await;
            }
            model::events_of(&timeline)
        });
        let verdict = model::same_events(
            &format!(
                "countdown({from}, {period} ms), asked {asks} times, the consumer pausing \
                 {:?} ms after each answer.",
                &pauses[..asks]
            ),
            &expected,
            &actual,
            "Each number comes one period after it is asked for; once the count is over \
             (and for countdown(0) at once), poll_next answers None straight away, every time \
             it is asked, with no wait.",
        );
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }
}
