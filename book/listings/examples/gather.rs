//! Two coroutines at once, as the post's `asyncio.gather` runs its two (the
//! post's own pair is exercise 4.1).
//!
//! ```python
//! async def boil_water():
//!     await asyncio.sleep(3)
//!     print("Water boiled")
//!
//! async def toast_bread():
//!     await asyncio.sleep(2)
//!     print("Toast ready")
//!
//! async def main():
//!     await asyncio.gather(boil_water(), toast_bread())
//!
//! asyncio.run(main())
//! # Output: Toast ready, Water boiled
//! ```
//!
//! Runs in 3 s, like the Python.
//! Run it with `cargo run -q -p listings --example gather`.

use tokio::time::{Duration, sleep};

async fn boil_water() {
    sleep(Duration::from_secs(3)).await;
    println!("Water boiled");
}

async fn toast_bread() {
    sleep(Duration::from_secs(2)).await;
    println!("Toast ready");
}

/// `join!` polls both futures in this one task until both are done: the two
/// sleeps overlap, so the whole takes 3 s, not 5.
#[tokio::main]
async fn main() {
    tokio::join!(boil_water(), toast_bread());
}
