//! # Exercise 4.17 — a wake-up that is never lost
//!
//! A background task writes a buffer out when asked. Asking is cheap and
//! does not wait; asking again while a flush is running must cause one more
//! flush after it, however many times it was asked. Python's `asyncio.Event`
//! does this, because it stays set until it is cleared:
//!
//! ```python
//! async def flusher(wanted: asyncio.Event, flush):
//!     while True:
//!         await wanted.wait()      # returns at once if set while we flushed
//!         wanted.clear()
//!         await flush()
//!
//! def request(wanted: asyncio.Event):
//!     wanted.set()
//! ```
//!
//! `tokio::sync::Notify` is tokio's wake-up call. `notify_one()` wakes the
//! task waiting in `notified().await`, or, if no task is waiting, stores one
//! *permit*, so that the next `notified().await` returns at once. Several
//! calls store one permit, not several. `notify_waiters()` wakes only the
//! tasks waiting at that moment, and stores nothing: a wake-up sent while the
//! flusher is busy flushing would be lost.
//!
//! **Task:** `Flusher::spawn` starts a task that waits for a request, runs
//! `flush().await`, and waits again, for ever; `request` asks for a flush and
//! returns at once.
//!
//! Read: `book/src/04-sharing-between-tasks.md`, "A wake-up that is never lost".

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Notify;

/// A handle on the flushing task.
#[derive(Debug)]
pub struct Flusher {
    wanted: Arc<Notify>,
}

impl Flusher {
    /// Starts the task that runs `flush().await` once per request; requests
    /// made while it flushes are served by one more flush after it.
    pub fn spawn<F, Fut>(mut flush: F) -> Flusher
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        todo!("an Arc<Notify>; spawn a loop: wait for a notification, then flush")
    }

    /// Asks for a flush, without waiting for it.
    pub fn request(&self) {
        todo!("notify the flushing task, so that it cannot miss it")
    }
}
