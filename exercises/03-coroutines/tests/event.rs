//! Exercise 3.4: a hand-written future that stores its waker, polled by hand
//! with a waker that counts its wakes, then awaited on tokio.

use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration as StdDuration;

use coroutines::event::Event;
use testkit::limit::within;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use testkit::wakers::on_first_clone;
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

/// A waker that only counts how many times it was woken.
#[derive(Default)]
struct CountingWaker {
    wakes: AtomicUsize,
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
    }
}

fn counting_waker() -> (Waker, Arc<CountingWaker>) {
    let counter = Arc::new(CountingWaker::default());
    (Waker::from(Arc::clone(&counter)), counter)
}

fn wakes(counter: &CountingWaker) -> usize {
    counter.wakes.load(Ordering::SeqCst)
}

#[test]
fn pending_until_set_then_woken_once_then_ready() {
    let event = Event::new();
    assert!(
        !event.is_set(),
        "a new event is not set: `is_set` must answer false until `set` is called"
    );
    let mut wait = pin!(event.wait());
    let (waker, counter) = counting_waker();
    let mut cx = Context::from_waker(&waker);

    assert_eq!(
        wait.as_mut().poll(&mut cx),
        Poll::Pending,
        "the event is not set yet: poll must return Pending"
    );
    assert_eq!(
        wakes(&counter),
        0,
        "nothing may wake the future before the event is set"
    );

    event.set();
    assert_eq!(
        wakes(&counter),
        1,
        "`set` must wake the waker that the pending poll stored, exactly once: \
         without that wake, no runtime would ever poll the future again"
    );
    assert_eq!(
        wait.as_mut().poll(&mut cx),
        Poll::Ready(()),
        "once the event is set, poll must return Ready"
    );
}

#[test]
fn already_set_is_ready_at_the_first_poll() {
    let event = Event::new();
    event.set();
    assert!(
        event.is_set(),
        "`set` was called: `is_set` must answer true from then on"
    );
    let (waker, counter) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    assert_eq!(
        pin!(event.wait()).poll(&mut cx),
        Poll::Ready(()),
        "the event was set before the first poll: that poll must be Ready"
    );
    assert_eq!(wakes(&counter), 0, "a future that is Ready needs no wake");
}

#[test]
fn the_waker_of_the_latest_poll_is_the_one_woken() {
    let event = Event::new();
    let mut wait = pin!(event.wait());
    let (old_waker, old) = counting_waker();
    let (new_waker, new) = counting_waker();
    assert!(
        wait.as_mut()
            .poll(&mut Context::from_waker(&old_waker))
            .is_pending(),
        "the event is not set yet: poll must return Pending"
    );
    assert!(
        wait.as_mut()
            .poll(&mut Context::from_waker(&new_waker))
            .is_pending(),
        "the event is still not set: a second poll must return Pending too"
    );
    event.set();
    event.set();
    assert_eq!(
        (wakes(&old), wakes(&new)),
        (0, 1),
        "each poll brings the waker to use from then on: `set` must wake the one \
         stored by the latest poll, once, and setting a set event wakes no one again"
    );
}

#[test]
fn a_poll_that_finds_the_event_set_keeps_no_waker() {
    // Pending, woken by the first `set`, then Ready. The future is finished:
    // nothing may wake it any more, not even a second `set`.
    let event = Event::new();
    let mut wait = pin!(event.wait());
    let (waker, counter) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    assert!(
        wait.as_mut().poll(&mut cx).is_pending(),
        "the event is not set yet: poll must return Pending"
    );
    event.set();
    assert_eq!(
        wait.as_mut().poll(&mut cx),
        Poll::Ready(()),
        "once the event is set, poll must return Ready"
    );
    let (late_waker, late) = counting_waker();
    assert_eq!(
        pin!(event.wait()).poll(&mut Context::from_waker(&late_waker)),
        Poll::Ready(()),
        "a new wait on a set event is Ready at its first poll"
    );
    event.set();
    assert_eq!(
        (wakes(&counter), wakes(&late)),
        (1, 0),
        "the first `set` wakes the pending future once; after that, every poll found \
         the event set and returned Ready, so a second `set` must wake no one. Store \
         the waker only on the path that returns Pending, after checking the flag"
    );
}

/// How long to give another thread to do a little work: ten times what it
/// takes this machine, now, to start a thread and hear back from it, between
/// 20 and 250 ms. A right answer keeps the setter below waiting on its lock
/// for all of it, so it is measured rather than fixed: a loaded machine gets
/// more time, an idle one does not pay a quarter of a second.
fn patience() -> StdDuration {
    let started = std::time::Instant::now();
    let (done, finished) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(());
    });
    let _ = finished.recv_timeout(StdDuration::from_secs(1));
    (started.elapsed() * 10).clamp(StdDuration::from_millis(20), StdDuration::from_millis(250))
}

#[test]
fn a_set_during_the_poll_that_stores_the_waker_still_wakes_it() {
    // When `poll` clones its waker to store it, another thread sets the event,
    // and this thread waits (for as long as `patience` says) for that `set` to
    // return. If `poll` holds the lock from its check of `set` until the
    // waker is stored, `set` must wait for the lock and then finds the waker;
    // if it let go of the lock in between, `set` finds no waker, and the
    // future is left Pending with a wake-up that never comes.
    let patience = patience();
    let event = Event::new();
    let setter_event = event.clone();
    let setter = Arc::new(Mutex::new(None));
    let setter_slot = Arc::clone(&setter);
    let (waker, hooked) = on_first_clone(move || {
        let (done, finished) = mpsc::channel();
        let handle = thread::spawn(move || {
            setter_event.set();
            let _ = done.send(());
        });
        let _ = finished.recv_timeout(patience);
        *setter_slot.lock().expect("not poisoned") = Some(handle);
    });
    let mut wait = pin!(event.wait());
    let first = wait.as_mut().poll(&mut Context::from_waker(&waker));
    if let Some(handle) = setter.lock().expect("not poisoned").take() {
        handle.join().expect("the setter thread did not panic");
    }
    if first.is_pending() {
        assert_eq!(
            hooked.wakes(),
            1,
            "`set` ran while `poll` was storing its waker, and the wake-up was lost: \
             `poll` must check `set` and store the waker under ONE lock, so that `set` \
             either comes before the check (and poll is Ready) or finds the waker"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_task_awaiting_the_event_wakes_when_it_is_set() {
    let timeline = Timeline::start();
    let event = Event::new();
    let setter = event.clone();
    tokio::spawn(async move {
        sleep(Duration::from_secs(1)).await;
        setter.set();
    });
    within(
        Duration::from_secs(10),
        "awaiting the event never finished, though it was set after one second: \
         does `set` wake the waker that `poll` stored?",
        event.wait(),
    )
    .await;
    assert_eq!(
        timeline.elapsed(),
        Duration::from_secs(1),
        "the wait must end when the event is set, one second in"
    );
}

/// One step of a generated schedule of an event and its waits.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// Poll the current `Wait` (a new one once the last was Ready) with waker
    /// number `0`, `1` or `2`.
    Poll(usize),
    Set,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![(0..3_usize).prop_map(Step::Poll), Just(Step::Set)]
}

/// The model: what each poll returns, and how many times each waker is woken.
/// The event keeps the waker of the latest poll that found it not set; the
/// first `set` wakes that one, once; a set event wakes no one again.
fn model(steps: &[Step]) -> (Vec<Poll<()>>, [usize; 3]) {
    let (mut set, mut stored, mut polls, mut wakes) = (false, None, Vec::new(), [0; 3]);
    for step in steps {
        match *step {
            Step::Poll(_) if set => polls.push(Poll::Ready(())),
            Step::Poll(waker) => {
                stored = Some(waker);
                polls.push(Poll::Pending);
            }
            Step::Set => {
                set = true;
                if let Some(waker) = stored.take() {
                    wakes[waker] += 1;
                }
            }
        }
    }
    (polls, wakes)
}

proptest! {
    #![proptest_config(props::config())]

    /// Polls with three different wakers and `set`s, in any order, compared
    /// with the model above.
    #[test]
    fn any_schedule_of_polls_and_sets(steps in prop::collection::vec(step(), 0..10)) {
        let event = Event::new();
        let counters: Vec<_> = (0..3).map(|_| counting_waker()).collect();
        let mut wait = Box::pin(event.wait());
        let mut polls = Vec::new();
        for step in &steps {
            match *step {
                Step::Poll(n) => {
                    let poll = wait.as_mut().poll(&mut Context::from_waker(&counters[n].0));
                    if poll.is_ready() {
                        wait = Box::pin(event.wait());
                    }
                    polls.push(poll);
                }
                Step::Set => event.set(),
            }
        }
        let woken = [0, 1, 2].map(|n| wakes(&counters[n].1));
        let (expected_polls, expected_wakes) = model(&steps);
        prop_assert!(
            (&polls, woken) == (&expected_polls, expected_wakes),
            "a poll is Ready once the event is set; `set` wakes the waker of the latest \
             Pending poll, once, and nothing else.\nAfter the steps {:?}: the polls \
             returned {:?} and the wakers were woken {:?} times; expected {:?} and {:?}",
            steps, polls, woken, expected_polls, expected_wakes
        );
    }
}
