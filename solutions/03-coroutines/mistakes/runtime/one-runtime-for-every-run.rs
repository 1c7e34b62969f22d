//! Mistake: Building a runtime is costly: build one the first time, and let every `run` block on it.
//! Expect: a task spawned inside one `run` ran later, inside the next one
//! Exercise 3.2, solved: what `#[tokio::main]` writes for you.

use std::future::Future;

use tokio::runtime::{Builder, Runtime};
use tokio::time::{Duration, Instant, sleep};

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
    static SHARED: std::sync::OnceLock<Runtime> = std::sync::OnceLock::new();
    SHARED.get_or_init(runtime).block_on(future)
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
