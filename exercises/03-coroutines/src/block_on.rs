//! # Exercise 3.6 — an executor in twenty lines
//!
//! `asyncio.run` starts an event loop: it runs the coroutine until it has to
//! wait, sleeps until something it waits for is ready, and runs it again.
//!
//! ```python
//! asyncio.run(main())   # drives main() to the end, and returns its result
//! ```
//!
//! The smallest Rust executor does the same for one future, with no runtime
//! at all. Poll the future. If it is `Ready`, return the output. If it is
//! `Pending`, the future has stored the `Waker` from your `Context`, so park
//! the thread (`std::thread::park`) until that waker unparks it, then poll
//! again. Making a `Waker` takes one trait: implement `std::task::Wake` for a
//! type that holds the thread (`std::thread::current()`), and turn an `Arc` of
//! it into a `Waker` with `Waker::from`.
//!
//! Two details matter. The future must be pinned to be polled (exercise 3.5).
//! And a wake can come before you park, even from inside `poll`: `unpark`
//! then leaves a token, and the next `park` returns at once, so no wake-up is lost.
//!
//! **Task:** write [`block_on`]. Do not poll in a loop without parking: a
//! `Pending` future is polled again only after it has been woken.
//!
//! Read: `book/src/03-coroutines.md`, "An executor in twenty lines".

use std::future::Future;

/// Runs `future` to completion on the current thread, and returns its output.
pub fn block_on<F: Future>(future: F) -> F::Output {
    todo!("pin the future, make a Waker that unparks this thread, poll and park until Ready")
}
