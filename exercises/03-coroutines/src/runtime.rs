//! # Exercise 3.2 — running a coroutine
//!
//! Python has an event loop in its standard library, and one call runs a
//! coroutine on it:
//!
//! ```python
//! asyncio.run(my_coroutine())
//! ```
//!
//! Rust's standard library has no runtime: a future is only a value, and
//! something must poll it. With tokio you either write `#[tokio::main]` on
//! `async fn main`, or build the runtime yourself, which is what that
//! attribute expands to. `asyncio`'s loop runs on one thread, and so does
//! tokio's current-thread runtime. Its timer is a "driver" you switch on.
//!
//! **Task:** build a current-thread runtime with its timer enabled in
//! [`runtime`], and use it in [`run`] to drive a future to completion from
//! ordinary, non-async code. Then write [`one_paused_second`] the other way:
//! as an `async fn` under `#[tokio::main(...)]`, which turns it back into an
//! ordinary function that builds a runtime and blocks on the body. The
//! attribute takes `flavor = "current_thread"` and `start_paused = true`, a
//! clock that stands still until every task waits for a timer.
//!
//! Read: `book/src/03-coroutines.md`, "Running a coroutine".

use std::future::Future;

use tokio::runtime::Runtime;
use tokio::time::Duration;

/// A current-thread tokio runtime, with timers.
pub fn runtime() -> Runtime {
    todo!("tokio::runtime::Builder::new_current_thread()...")
}

/// `asyncio.run(future)`: runs `future` to completion on a new runtime and
/// returns its output.
pub fn run<F: Future>(future: F) -> F::Output {
    todo!("block on the future, on the runtime above")
}

/// Sleeps one second with tokio's clock paused (so it costs no real time),
/// and returns how long the sleep took by tokio's clock.
pub fn one_paused_second() -> Duration {
    todo!("an async fn under #[tokio::main(flavor = ..., start_paused = ...)]")
}
