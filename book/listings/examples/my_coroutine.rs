//! A coroutine like the post's first one, on tokio: it prints, waits without
//! blocking, and prints again. (The post's own is exercise 3.1.)
//!
//! ```python
//! import asyncio
//!
//! async def make_tea():
//!     print("Kettle on")
//!     await asyncio.sleep(2)  # Non-blocking sleep
//!     print("Tea in")
//!     await asyncio.sleep(1)
//!     print("Tea ready")
//!
//! # Running the coroutine
//! asyncio.run(make_tea())
//! ```
//!
//! Runs in 3 s, like the Python.
//!
//! Run it with `cargo run -q -p listings --example my_coroutine`.

use tokio::time::{Duration, sleep};

async fn make_tea() {
    println!("Kettle on");
    sleep(Duration::from_secs(2)).await; // Non-blocking sleep
    println!("Tea in");
    sleep(Duration::from_secs(1)).await;
    println!("Tea ready");
}

// Running the coroutine: `asyncio.run` is a runtime that `main` starts, on
// one thread like asyncio's event loop.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    make_tea().await;
}
