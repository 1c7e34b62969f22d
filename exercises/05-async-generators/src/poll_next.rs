//! # Exercise 5.5 — a stream written by hand
//!
//! A Python async generator keeps its place between values for you:
//!
//! ```python
//! async def countdown(start, period):
//!     n = start
//!     while n > 0:
//!         await asyncio.sleep(period)
//!         yield n
//!         n -= 1
//! ```
//!
//! By hand, a `Stream` is a struct and a `poll_next` method, as an iterator is
//! a struct and `next` (chapter 1), with the `Future` protocol added: return
//! `Poll::Pending` when the next value is not ready (after polling something
//! that will wake the task, here a `Sleep`), `Poll::Ready(Some(v))` for a
//! value, `Poll::Ready(None)` at the end. The `Sleep` is kept in the struct
//! between polls, boxed and pinned so the struct stays `Unpin`.
//!
//! **Task:** write `countdown` and `poll_next`: count down from `from` to 1,
//! each value `period` after it was asked for (start the `Sleep` on the first
//! poll for that value, not earlier), then `None`, at once and for ever: the
//! end comes without a wait, and `countdown(0, …)` yields nothing.
//!
//! Read: `book/src/05-async-generators.md`, "A stream written by hand".

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::Stream;
use tokio::time::{Duration, Sleep};

/// Counts down from `from` to 1, each number `period` after it was asked for.
#[derive(Debug)]
pub struct Countdown {
    /// The number to yield next; 0 once finished.
    next: u64,
    period: Duration,
    /// The wait for the number asked for, once someone has asked.
    wait: Option<Pin<Box<Sleep>>>,
}

/// A countdown that has not started: no timer runs until it is polled.
pub fn countdown(from: u64, period: Duration) -> Countdown {
    todo!("Countdown {{ next: from, period, wait: None }}")
}

impl Stream for Countdown {
    type Item = u64;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        todo!("None at 0; else start the Sleep if needed, poll it, and yield when it is done")
    }
}
