//! Mistake: `build()` gives a complete runtime: timers come with it.
//! Expect: timers are disabled
//! Exercise 3.2, solved: what `#[tokio::main]` writes for you.

use std::future::Future;

use tokio::runtime::{Builder, Runtime};
use tokio::time::{Duration, Instant, sleep};

/// A current-thread tokio runtime, with timers.
pub fn runtime() -> Runtime {
    Builder::new_current_thread()
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
#[tokio::main(flavor = "current_thread", start_paused = true)]
pub async fn one_paused_second() -> Duration {
    let start = Instant::now();
    sleep(Duration::from_secs(1)).await;
    start.elapsed()
}
