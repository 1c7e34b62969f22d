//! Mistake: A stream's consumer stops at the first None, so poll_next need not remember that the body has finished.
//! Expect: once the body has finished, poll_next answers None
//! Exercise 5.9, solved: a `yield`-style generator on stable Rust, from an
//! `async` body that pauses at each yield.

use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use futures::Stream;

/// What the body yields through: the writing end of the shared slot.
pub struct Co<T> {
    slot: Rc<Cell<Option<T>>>,
}

impl<T> Co<T> {
    /// Puts `value` in the slot, then pauses the body once, so that the
    /// consumer can take it.
    pub async fn yield_(&self, value: T) {
        self.slot.set(Some(value));
        // Pending once, without waking anyone: the consumer, who polled the
        // body, finds the value in the slot and decides when to poll again.
        let mut paused = false;
        poll_fn(|_| {
            if paused {
                Poll::Ready(())
            } else {
                paused = true;
                Poll::Pending
            }
        })
        .await;
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
    let slot = Rc::new(Cell::new(None));
    let co = Co {
        slot: Rc::clone(&slot),
    };
    // Calling `body` makes its future; none of the body runs until a poll.
    Generator {
        slot,
        body: Box::pin(body(co)),
        done: false,
    }
}

impl<T> Generator<T> {
    /// Runs the body to its next pause: `Ready(Some)` at a yield,
    /// `Ready(None)` at its end, `Pending` when it waits on something else.
    fn step(&mut self, cx: &mut Context<'_>) -> Poll<Option<T>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.body.as_mut().poll(cx) {
            Poll::Ready(()) => {
                self.done = true;
                Poll::Ready(None)
            }
            Poll::Pending => match self.slot.take() {
                Some(value) => Poll::Ready(Some(value)),
                None => Poll::Pending,
            },
        }
    }
}

impl<T> Iterator for Generator<T> {
    type Item = T;

    /// Polls the body with a waker that does nothing: the body runs up to
    /// its next yield (the slot's value) or to its end (`None`).
    fn next(&mut self) -> Option<T> {
        match self.step(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(item) => item,
            // Nothing could ever wake this body: it awaited something other
            // than a yield, which only a Stream's consumer can wait for.
            Poll::Pending => panic!(
                "the generator's body awaited something other than co.yield_(): \
                 an Iterator cannot wait; use the generator as a Stream"
            ),
        }
    }
}

impl<T> Stream for Generator<T> {
    type Item = T;

    /// Polls the body with the consumer's context: a value in the slot is
    /// the next item; a body that is waiting on something else is `Pending`.
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = self.get_mut();
        match this.body.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(None),
            Poll::Pending => match this.slot.take() {
                Some(value) => Poll::Ready(Some(value)),
                None => Poll::Pending,
            },
        }
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
