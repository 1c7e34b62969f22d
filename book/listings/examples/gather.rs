//! The post's `asyncio.gather`, with `tokio::join!`.
//!
//! ```python
//! async def coroutine_one():
//!     await asyncio.sleep(2)
//!     print("Coroutine One")
//!
//! async def coroutine_two():
//!     await asyncio.sleep(1)
//!     print("Coroutine Two")
//!
//! async def main():
//!     await asyncio.gather(coroutine_one(), coroutine_two())
//!
//! asyncio.run(main())
//! # Output: Coroutine Two, Coroutine One
//! ```
//!
//! Runs in 2 s, like the Python.
//! Run it with `cargo run -q -p listings --example gather`.

use tokio::time::{Duration, sleep};

async fn coroutine_one() {
    sleep(Duration::from_secs(2)).await;
    println!("Coroutine One");
}

async fn coroutine_two() {
    sleep(Duration::from_secs(1)).await;
    println!("Coroutine Two");
}

/// `join!` polls both futures in this one task until both are done: the two
/// sleeps overlap, so the whole takes 2 s, not 3.
#[tokio::main]
async fn main() {
    tokio::join!(coroutine_one(), coroutine_two());
}
