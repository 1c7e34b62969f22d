//! Exercise 3.6: a `block_on` executor that parks its thread until woken.
//!
//! These tests use threads, not tokio: the executor is yours. Each runs your
//! `block_on` on a thread of its own and waits for it with a limit, so that a
//! wrong answer fails instead of hanging; a right one waits at most a fifth
//! of a second, in the test that proves it parks.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use coroutines::block_on::block_on;
use testkit::props::{self, proptest};

use proptest::prelude::*;

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

/// The course's own event (exercise 3.4's, solved): a future that is Ready
/// once another thread has called `set`. It stands in for an I/O resource, so
/// that this test runs `block_on` on a future that waits for another thread
/// without depending on your `event.rs`.
#[derive(Clone, Default)]
struct CourseEvent {
    shared: Arc<Mutex<(bool, Option<Waker>)>>,
}

impl CourseEvent {
    fn set(&self) {
        let waker = {
            let mut shared = self.shared.lock().expect("not poisoned");
            shared.0 = true;
            shared.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Future for CourseEvent {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().expect("not poisoned");
        if shared.0 {
            return Poll::Ready(());
        }
        shared.1 = Some(cx.waker().clone());
        Poll::Pending
    }
}

#[test]
fn waits_for_an_event_set_by_another_thread() {
    let event = CourseEvent::default();
    let setter = event.clone();
    thread::spawn(move || setter.set());
    finishes(
        "block_on never returned while waiting for an event that another thread set: \
         does your waker unpark the thread that called block_on, and does a wake that \
         comes before the park survive until it?",
        move || block_on(event),
    );
}

/// How one Pending of a generated future arranges its wake-up.
#[derive(Debug, Clone, Copy)]
enum WakeUp {
    /// `wake_by_ref` inside `poll`, before it returns Pending.
    Inside,
    /// Another thread wakes a clone, and `poll` waits for it to have done so
    /// before returning Pending: the wake is over before `block_on` can park.
    OtherThreadBeforePending,
    /// Another thread wakes a clone whenever it gets to run: before or after
    /// the park, as the scheduler decides.
    OtherThreadAnyTime,
}

/// Pending once per entry of `plan`, each woken as the entry says, then Ready
/// with the number of steps taken. A poll that comes before the wake-up it
/// waits for is counted as wasted and changes nothing.
struct Steps {
    plan: Vec<WakeUp>,
    step: usize,
    woken: Arc<AtomicBool>,
    wasted: Arc<AtomicUsize>,
}

impl Future for Steps {
    type Output = usize;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        if self.step > 0 && !self.woken.swap(false, Ordering::SeqCst) {
            self.wasted.fetch_add(1, Ordering::SeqCst);
            return Poll::Pending;
        }
        let Some(&wake_up) = self.plan.get(self.step) else {
            return Poll::Ready(self.step);
        };
        self.step += 1;
        let (woken, waker) = (Arc::clone(&self.woken), cx.waker().clone());
        let wake = move || {
            woken.store(true, Ordering::SeqCst);
            waker.wake();
        };
        match wake_up {
            WakeUp::Inside => wake(),
            WakeUp::OtherThreadBeforePending => {
                thread::spawn(wake)
                    .join()
                    .expect("the waking thread did not panic");
            }
            WakeUp::OtherThreadAnyTime => {
                thread::spawn(wake);
            }
        }
        Poll::Pending
    }
}

fn wake_up() -> impl Strategy<Value = WakeUp> {
    prop_oneof![
        Just(WakeUp::Inside),
        Just(WakeUp::OtherThreadBeforePending),
        Just(WakeUp::OtherThreadAnyTime),
    ]
}

proptest! {
    #![proptest_config(props::cases(48))]

    /// Any number of Pendings (0 included), each woken from inside `poll` or
    /// from another thread, before or after the park: `block_on` returns the
    /// output after exactly as many useful polls. The model is the plan itself.
    #[test]
    fn every_wake_up_is_followed_by_one_poll(plan in prop::collection::vec(wake_up(), 0..6)) {
        let wasted = Arc::new(AtomicUsize::new(0));
        let future = Steps {
            plan: plan.clone(),
            step: 0,
            woken: Arc::default(),
            wasted: Arc::clone(&wasted),
        };
        let steps = finishes(
            &format!(
                "block_on never returned for a future that was Pending {} times, woken \
                 each time like this: {plan:?}. A wake must unpark the thread that \
                 called block_on, and one that comes before the park must not be lost",
                plan.len()
            ),
            move || block_on(future),
        );
        prop_assert_eq!(
            steps,
            plan.len(),
            "block_on must return the future's output, after the future has gone through \
             all its {} steps ({:?})",
            plan.len(),
            plan
        );
        let wasted = wasted.load(Ordering::SeqCst);
        prop_assert!(
            wasted <= 1,
            "with the plan {plan:?}, block_on polled the future {wasted} times before the \
             wake-up it was waiting for: after Pending, park until the waker unparks the \
             thread"
        );
    }
}
