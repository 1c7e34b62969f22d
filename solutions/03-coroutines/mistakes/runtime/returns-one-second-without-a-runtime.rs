//! Mistake: The paused clock makes the sleep free, so the answer is one second: return it.
//! Expect: instead of panicking
//! Exercise 3.2, solved: what `#[tokio::main]` writes for you.

use std::future::Future;

use tokio::runtime::{Builder, Runtime};
use tokio::time::Duration;

/// A current-thread tokio runtime, with timers.
pub fn runtime() -> Runtime {
    // One thread, like asyncio's event loop; and a timer, without which
    // `tokio::time::sleep` panics.
    Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime builds")
}

/// `asyncio.run(future)`.
pub fn run<F: Future>(future: F) -> F::Output {
    runtime().block_on(future)
}

/// Sleeps one second with tokio's clock paused, and returns how long the sleep
/// took by tokio's clock. The attribute makes this a plain `fn` that builds
/// a runtime like the one above, paused, and blocks on the body.
pub fn one_paused_second() -> Duration {
    Duration::from_secs(1)
}
