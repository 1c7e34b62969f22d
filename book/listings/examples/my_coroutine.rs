//! The post's first coroutine, on tokio.
//!
//! ```python
//! import asyncio
//!
//! async def my_coroutine():
//!     print("Start Coroutine")
//!     await asyncio.sleep(1)  # Non-blocking sleep
//!     print("End Coroutine")
//!
//! # Running the coroutine
//! asyncio.run(my_coroutine())
//! ```
//!
//! Runs in 1 s, like the Python.
//!
//! Run it with `cargo run -q -p listings --example my_coroutine`.

use tokio::time::{Duration, sleep};

async fn my_coroutine() {
    println!("Start Coroutine");
    sleep(Duration::from_secs(1)).await; // Non-blocking sleep
    println!("End Coroutine");
}

// Running the coroutine: `asyncio.run` is a runtime that `main` starts, on
// one thread like asyncio's event loop.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    my_coroutine().await;
}
