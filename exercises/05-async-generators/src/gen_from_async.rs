//! # Exercise 5.9 — a generator built from `async`
//!
//! Python's `yield` pauses a function and hands a value out:
//!
//! ```python
//! def count_up_to(max):
//!     count = 1
//!     while count <= max:
//!         yield count
//!         count += 1
//!
//! async def ticks():                      # an async generator: yield and await
//!     for i in range(1, 4):
//!         await asyncio.sleep(0.1)
//!         yield i
//! ```
//!
//! Stable Rust has no `yield` (nightly's `gen` blocks are not stable), but it
//! has a function that pauses: an `async` block pauses at every `.await` that
//! returns `Pending`. So a generator can be an `async` body that "yields" by
//! putting a value in a slot it shares with its consumer, and then awaiting a
//! future that is `Pending` once. The consumer polls the body: if it paused
//! with a value in the slot, that value is the next item; if the body
//! finished, so has the generator. That is what `async_stream::stream!` does
//! inside (its slot is a thread-local).
//!
//! ```rust,ignore
//! let numbers = generator(|co| async move {
//!     for i in 1..=3 {
//!         co.yield_(i).await;
//!     }
//! });
//! ```
//!
//! Driven as an `Iterator`, nobody can wake the body, so it is polled with a
//! waker that does nothing (`std::task::Waker::noop()`), and its body may only
//! await `yield_`. Driven as a `Stream`, it is polled with the consumer's own
//! `Context`: the body may await anything (a sleep, a channel), and whatever
//! it waits on wakes the consumer.
//!
//! **Task:** write [`Co::yield_`], [`generator`] (it must not run the body:
//! generators are lazy), and `next` and `poll_next` for [`Generator`]. Once
//! the body has finished, `next` and `poll_next` give `None` without polling
//! it again (a finished `async` block panics if polled).
//!
//! Read: `book/src/05-async-generators.md`, "A generator built from async".

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::Stream;

/// What the body yields through: the writing end of the shared slot.
pub struct Co<T> {
    slot: Rc<Cell<Option<T>>>,
}

impl<T> Co<T> {
    /// Puts `value` in the slot, then pauses the body once, so that the
    /// consumer can take it.
    pub async fn yield_(&self, value: T) {
        todo!("set the slot, then await a future that is Pending once and Ready after")
    }
}

/// A generator: the body, paused, and the slot it yields into.
pub struct Generator<T> {
    slot: Rc<Cell<Option<T>>>,
    body: Pin<Box<dyn Future<Output = ()>>>,
    /// Whether the body has finished.
    done: bool,
}

/// A generator that runs `body` as its values are asked for, and not before.
pub fn generator<T, F, Fut>(body: F) -> Generator<T>
where
    T: 'static,
    F: FnOnce(Co<T>) -> Fut,
    Fut: Future<Output = ()> + 'static,
{
    todo!("one slot shared by a Co and the Generator; the body made (not polled) and boxed")
}

impl<T> Iterator for Generator<T> {
    type Item = T;

    /// Polls the body with a waker that does nothing: the body runs up to
    /// its next yield (the slot's value) or to its end (`None`).
    fn next(&mut self) -> Option<T> {
        todo!(
            "poll the body once with Waker::noop(); Ready is the end, Pending leaves a value in the slot"
        )
    }
}

impl<T> Stream for Generator<T> {
    type Item = T;

    /// Polls the body with the consumer's context: a value in the slot is
    /// the next item; a body that is waiting on something else is `Pending`.
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        todo!("as next, with `cx`; and Pending with an empty slot means the body is waiting")
    }
}

impl<T> std::fmt::Debug for Generator<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Generator")
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<T> std::fmt::Debug for Co<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Co").finish_non_exhaustive()
    }
}
