//! Mistake: Keep the latest waker on every poll, then answer: Ready if the event is set, Pending if not.
//! Expect: a second `set` must wake no one
//! Exercise 3.4, solved: a future that stores its waker, and an event that
//! wakes it.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// What an [`Event`] and its [`Wait`] futures share.
#[derive(Debug, Default)]
struct Shared {
    /// Has `set` been called?
    set: bool,
    /// The waker of the future that last found the event not set.
    waker: Option<Waker>,
}

/// `asyncio.Event`: starts unset; `set` releases whoever waits.
#[derive(Debug, Clone, Default)]
pub struct Event {
    shared: Arc<Mutex<Shared>>,
}

/// The future returned by [`Event::wait`].
#[derive(Debug)]
pub struct Wait {
    shared: Arc<Mutex<Shared>>,
}

impl Event {
    /// A new event, not set.
    pub fn new() -> Event {
        Event::default()
    }

    /// `event.set()`: marks the event set, and wakes the waiting future, if any.
    pub fn set(&self) {
        let waker = {
            let mut shared = self
                .shared
                .lock()
                .expect("no one panicked holding the lock");
            shared.set = true;
            shared.waker.take()
        };
        // Woken outside the lock: the woken task may poll at once, on
        // another thread, and take the lock itself.
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// `event.is_set()`.
    pub fn is_set(&self) -> bool {
        self.shared
            .lock()
            .expect("no one panicked holding the lock")
            .set
    }

    /// `event.wait()`: a future that is ready once the event is set.
    pub fn wait(&self) -> Wait {
        Wait {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = self
            .shared
            .lock()
            .expect("no one panicked holding the lock");
        shared.waker = Some(cx.waker().clone());
        if shared.set {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}
