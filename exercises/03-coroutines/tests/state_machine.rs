//! Exercise 3.7: an `async fn` rewritten as an enum that implements `Future`.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use coroutines::state_machine::my_coroutine;
use futures::poll;
use testkit::compare;
use testkit::compare::within_showing;
use testkit::limit::within;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(10);
const NEVER_ENDED: &str = "the state machine never finished: at the `.await`, poll the sleep, \
     and return Pending only when the sleep did (it has then stored the waker)";

/// A future that counts how many times it is polled.
struct CountPolls<F> {
    inner: Pin<Box<F>>,
    polls: usize,
}

impl<F: Future> Future for CountPolls<F> {
    type Output = (F::Output, usize);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.polls += 1;
        let polls = self.polls;
        self.inner.as_mut().poll(cx).map(|output| (output, polls))
    }
}

/// The same timeline as exercise 3.1's `async fn`.
#[tokio::test(start_paused = true)]
async fn prints_like_the_async_fn() {
    let timeline = Timeline::start();
    let printer = timeline.clone();
    within_showing(
        LIMIT,
        NEVER_ENDED,
        &timeline,
        my_coroutine(move |line: &str| printer.record(line)),
    )
    .await;
    insta::assert_snapshot!("timeline", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn the_body_starts_at_the_first_poll() {
    let timeline = Timeline::start();
    let printer = timeline.clone();
    let coroutine = my_coroutine(move |line: &str| printer.record(line));
    sleep(Duration::from_secs(2)).await;
    assert!(
        timeline.events().is_empty(),
        "creating the state machine printed something: the body must wait for the first poll"
    );
    within_showing(LIMIT, NEVER_ENDED, &timeline, coroutine).await;
    assert_eq!(
        timeline.millis(),
        [2_000, 3_000],
        "first polled at 2 s, it must print at 2 s and 3 s: the sleep is created when the \
         body reaches it, at the first poll, not when the state machine is"
    );
}

#[tokio::test(start_paused = true)]
async fn each_poll_resumes_where_the_last_one_stopped() {
    let timeline = Timeline::start();
    let printer = timeline.clone();
    let mut coroutine = pin!(my_coroutine(move |line: &str| printer.record(line)));
    assert!(
        poll!(coroutine.as_mut()).is_pending(),
        "the first poll reaches the sleep, which is not over: Pending"
    );
    assert!(
        poll!(coroutine.as_mut()).is_pending(),
        "a second poll at once, while the one-second sleep runs: still Pending"
    );
    assert_eq!(
        timeline.texts(),
        ["Start Coroutine"],
        "two polls while sleeping must print `Start Coroutine` once: the second poll \
         resumes at the `.await`, it does not start the body again"
    );
    within_showing(LIMIT, NEVER_ENDED, &timeline, coroutine).await;
    assert_eq!(
        timeline.texts(),
        ["Start Coroutine", "End Coroutine"],
        "awaited to the end after those two polls, it prints `End Coroutine` once more, \
         and nothing else"
    );
}

#[tokio::test(start_paused = true)]
async fn it_is_polled_again_only_when_the_timer_wakes_it() {
    let counted = CountPolls {
        inner: Box::pin(my_coroutine(|_: &str| {})),
        polls: 0,
    };
    let ((), polls) = within(LIMIT, NEVER_ENDED, counted).await;
    assert_eq!(
        polls, 2,
        "awaiting it took {polls} polls; it should take 2: one that starts the body and \
         reaches the sleep, one when the sleep's timer wakes the task"
    );
}

#[tokio::test(start_paused = true)]
async fn polling_after_the_end_panics() {
    let mut coroutine = pin!(my_coroutine(|_: &str| {}));
    within(LIMIT, NEVER_ENDED, coroutine.as_mut()).await;
    let mut cx = Context::from_waker(Waker::noop());
    let again = catch_unwind(AssertUnwindSafe(|| coroutine.as_mut().poll(&mut cx)));
    assert!(
        again.is_err(),
        "polling a finished state machine must panic, as an `async fn` does; it returned \
         {again:?}"
    );
}

/// Polls `inner`, and keeps each poll's waker where the test's own task can
/// wake it: a way to poll the state machine at moments it did not ask for, as
/// a runtime may (a `select!`, a `join!` of several futures).
struct Exposed<F> {
    inner: Pin<Box<F>>,
    waker: Arc<Mutex<Option<Waker>>>,
    polls: usize,
}

impl<F: Future> Future for Exposed<F> {
    type Output = (F::Output, usize);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        *self.waker.lock().expect("not poisoned") = Some(cx.waker().clone());
        self.polls += 1;
        let polls = self.polls;
        self.inner.as_mut().poll(cx).map(|output| (output, polls))
    }
}

proptest! {
    #![proptest_config(props::config())]

    /// First polled at any time, and polled again at any moments while it
    /// sleeps: `Start` at the first poll, `End` exactly one second later,
    /// and each extra poll resumes at the `.await` and stays Pending.
    #[test]
    fn extra_polls_at_any_time_change_nothing(
        start in prop_oneof![Just(0_u64), 0_u64..3_000],
        extra in prop::collection::vec(1_u64..999, 0..5),
    ) {
        let nudge_times = extra.clone();
        let observed = props::paused(async move {
            let timeline = Timeline::start();
            let printer = timeline.clone();
            let waker = Arc::new(Mutex::new(None::<Waker>));
            let exposed = Exposed {
                inner: Box::pin(my_coroutine(move |line: &str| printer.record(line))),
                waker: Arc::clone(&waker),
                polls: 0,
            };
            let nudges = {
                async move {
                    sleep(Duration::from_millis(start)).await;
                    for after in nudge_times {
                        sleep(Duration::from_millis(after)).await;
                        if let Some(waker) = waker.lock().expect("not poisoned").take() {
                            waker.wake();
                        }
                    }
                }
            };
            let coroutine = async {
                sleep(Duration::from_millis(start)).await;
                within(LIMIT, NEVER_ENDED, exposed).await
            };
            // `join!` polls both halves whenever either is woken: each nudge
            // polls the state machine, whether or not it was due.
            let (((), _polls), ()) = tokio::join!(coroutine, nudges);
            let events: Vec<_> =
                timeline.events().into_iter().map(|(at, e)| (at.as_millis(), e)).collect();
            events
        });
        let expected = vec![
            (u128::from(start), "Start Coroutine".to_owned()),
            (u128::from(start + 1_000), "End Coroutine".to_owned()),
        ];
        prop_assert!(
            observed == expected,
            "each poll must run from where the last one stopped: Start at the first poll, \
             End one second later, whatever polls come between (a poll while the sleep is \
             pending polls the same sleep again).\nFirst polled at {} ms, then polled for \
             nothing at {:?} ms intervals:\n{}",
            start, extra, compare::timelines(&expected, &observed)
        );
    }
}
