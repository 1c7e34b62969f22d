//! # Exercise 3.7 — the state machine behind `async fn`
//!
//! Exercise 3.1's coroutine, once more:
//!
//! ```python
//! async def my_coroutine():
//!     print("Start Coroutine")
//!     await asyncio.sleep(1)
//!     print("End Coroutine")
//! ```
//!
//! The compiler turns an `async fn` into an enum with one variant per place
//! the body can be paused at (before the start, at each `.await`, after the
//! end), holding the variables still needed from there on, and a `poll` that
//! runs from the current state to the next `.await`. That is also what a
//! generator compiles to: section 2's structs with `send` were the same idea,
//! resumed by hand instead of by a runtime.
//!
//! Here you write that enum's `poll` yourself. Three rules from the compiler's
//! own version:
//! - the body starts at the first poll, not when the future is created: the
//!   sleep's one second counts from there;
//! - at the `.await`, poll the sleep; if it is `Pending`, return `Pending` (the
//!   sleep has stored the waker, so tokio will poll you again when it is due);
//! - polling again after `Ready` is a bug in the caller: panic, as
//!   `async fn`s do ("`async fn` resumed after completion").
//!
//! `tokio::time::Sleep` is not `Unpin`, so the state keeps it in a
//! `Pin<Box<Sleep>>`; `Box::pin(sleep(...))` makes one. With `P: Unpin`, the
//! whole enum is `Unpin`, and `poll` may use `&mut *self` freely.
//! `std::mem::replace(this, MyCoroutine::Done)` takes the current state out by
//! value, so you can move its fields into the next one.
//!
//! **Task:** write [`my_coroutine`] and `poll` for [`MyCoroutine`].
//!
//! Read: `book/src/03-coroutines.md`, "The state machine behind async fn".

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::time::Sleep;

/// `my_coroutine()` as the compiler sees it: where the body is paused, and
/// what it still needs.
#[derive(Debug)]
pub enum MyCoroutine<P> {
    /// Created, not yet polled: nothing has run.
    Start { print: P },
    /// Paused at `sleep(1).await`.
    Sleeping { print: P, sleep: Pin<Box<Sleep>> },
    /// Returned.
    Done,
}

/// Calls the "async fn": creates the state machine, in its first state.
pub fn my_coroutine<P: FnMut(&str) + Unpin>(print: P) -> MyCoroutine<P> {
    todo!("the state before the body starts")
}

impl<P: FnMut(&str) + Unpin> Future for MyCoroutine<P> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        todo!("run from the current state to the next .await, or to the end")
    }
}
