//! Exercise 3.2, solved: what `#[tokio::main]` writes for you.

use std::future::Future;

use tokio::runtime::{Builder, Runtime};

/// A current-thread tokio runtime, with timers.
pub fn runtime() -> Runtime {
    Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime builds")
}

/// `asyncio.run(future)`.
pub fn run<F: Future>(future: F) -> F::Output {
    runtime().block_on(future)
}
