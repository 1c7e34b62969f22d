//! # Exercise 3.4 — a future written by hand
//!
//! `asyncio.Event` lets one coroutine wait until another says "go":
//!
//! ```python
//! event = asyncio.Event()
//!
//! async def waiter():
//!     await event.wait()   # pauses until the event is set
//!     print("go")
//!
//! task = asyncio.create_task(waiter())
//! await asyncio.sleep(1)
//! event.set()              # wakes the waiter
//! ```
//!
//! Here you write the future that `wait()` returns. The runtime calls its
//! `poll` method: return `Poll::Ready(())` when the event is set. Otherwise
//! return `Poll::Pending`, and first keep a clone of the waker found in the
//! `Context`: nothing will poll this future again until someone calls that
//! waker's `wake`, and that someone is [`Event::set`]. A future that returns
//! `Pending` without arranging a wake-up is never polled again.
//!
//! The state is shared between the [`Event`] and its [`Wait`] futures, behind
//! an `Arc<Mutex<...>>`, because `set` may be called from another task or
//! another thread. This event has one waiter at a time: the waker kept is the
//! one from the latest poll (a task may move between polls, and its waker with it).
//!
//! **Task:** write [`Event::set`] and `poll` for [`Wait`].
//!
//! Read: `book/src/03-coroutines.md`, "A future written by hand".

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
        todo!("set the flag, take the stored waker and wake it")
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
        todo!("Ready if set; otherwise keep cx.waker() and return Pending")
    }
}
