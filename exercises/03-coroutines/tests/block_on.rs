//! Exercise 3.6: a `block_on` executor that parks its thread until woken.
//!
//! These tests use threads, not tokio: the executor is yours. Each runs your
//! `block_on` on a thread of its own and waits for it with a limit, so that a
//! wrong answer fails instead of hanging; a right one waits at most a fifth
//! of a second, in the test that proves it parks.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use coroutines::block_on::block_on;
use coroutines::event::Event;

/// Runs `job` on its own thread; fails with `what_never_happened` if it has
/// not finished within a (generous) limit.
fn finishes<T: Send + 'static>(
    what_never_happened: &str,
    job: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(job());
    });
    match result.recv_timeout(Duration::from_secs(2)) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("block_on panicked: see the message printed above")
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what_never_happened}"),
    }
}

#[test]
fn returns_the_output_of_a_ready_future() {
    let output = finishes(
        "block_on never returned for a future that is ready at once",
        || block_on(async { 6 * 7 }),
    );
    assert_eq!(output, 42, "block_on must return what the future returns");
}

/// Pending `times` times, waking itself each time, then Ready with its poll count.
struct YieldTimes {
    times: usize,
    polls: usize,
}

impl Future for YieldTimes {
    type Output = usize;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        self.polls += 1;
        if self.polls > self.times {
            return Poll::Ready(self.polls);
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[test]
fn a_future_that_wakes_itself_inside_poll_is_polled_again() {
    let polls = finishes(
        "block_on never returned for a future that wakes itself during poll: does \
         your waker unpark the thread that parks? A wake that comes before you park \
         must not be lost (park returns at once after an unpark)",
        || block_on(YieldTimes { times: 3, polls: 0 }),
    );
    assert_eq!(
        polls, 4,
        "a future that is Pending 3 times, waking itself each time, is polled 4 times"
    );
}

/// On its first poll, hands its waker to a helper thread and is Pending. The
/// helper marks it woken, then wakes it. Counts the polls that came before
/// that, and tells the helper of each, so that the helper wakes it only after
/// a wasted poll or a fifth of a second: a busy loop is caught every time,
/// not only when it wins a race with the helper.
struct WokenByAnotherThread {
    woken: Arc<AtomicBool>,
    helper: Option<mpsc::Sender<Waker>>,
    polls_before_wake: Arc<AtomicUsize>,
    polled_again: mpsc::Sender<()>,
}

impl Future for WokenByAnotherThread {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if let Some(helper) = self.helper.take() {
            helper
                .send(cx.waker().clone())
                .expect("the helper thread waits");
            return Poll::Pending;
        }
        if self.woken.load(Ordering::SeqCst) {
            Poll::Ready(())
        } else {
            self.polls_before_wake.fetch_add(1, Ordering::SeqCst);
            let _ = self.polled_again.send(());
            Poll::Pending
        }
    }
}

#[test]
fn parks_until_woken_from_another_thread() {
    let (to_helper, from_future) = mpsc::channel::<Waker>();
    let (polled_again, wasted_poll) = mpsc::channel::<()>();
    let woken = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&woken);
    thread::spawn(move || {
        if let Ok(waker) = from_future.recv() {
            // A parked block_on waits here; a busy one polls at once.
            let _ = wasted_poll.recv_timeout(Duration::from_millis(200));
            flag.store(true, Ordering::SeqCst);
            waker.wake();
        }
    });
    let polls_before_wake = Arc::new(AtomicUsize::new(0));
    let future = WokenByAnotherThread {
        woken,
        helper: Some(to_helper),
        polls_before_wake: Arc::clone(&polls_before_wake),
        polled_again,
    };
    finishes(
        "block_on never returned, though another thread woke the future: does your \
         waker unpark the thread that called block_on?",
        move || block_on(future),
    );
    let wasted = polls_before_wake.load(Ordering::SeqCst);
    assert_eq!(
        wasted, 0,
        "block_on polled the pending future {wasted} times before it was woken: park \
         the thread after Pending, and poll again only when the waker unparks it"
    );
}

#[test]
fn runs_your_event_from_exercise_3_4() {
    let event = Event::new();
    let setter = event.clone();
    thread::spawn(move || setter.set());
    finishes(
        "block_on never returned while waiting for an Event set by another thread \
         (this test also needs exercise 3.4, `event`, solved)",
        move || block_on(event.wait()),
    );
}
