//! Exercise 3.4: a hand-written future that stores its waker, polled by hand
//! with a waker that counts its wakes, then awaited on tokio.

use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use coroutines::event::Event;
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

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
    assert!(event.is_set());
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
            .is_pending()
    );
    assert!(
        wait.as_mut()
            .poll(&mut Context::from_waker(&new_waker))
            .is_pending()
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
