//! An error from a coroutine, handled as the post handles its `ValueError`:
//! here the error is a value that `.await` hands back. (The post's own
//! `fail_coroutine` is exercise 4.2.)
//!
//! ```python
//! class OutOfStock(Exception):
//!     pass
//!
//! async def check_stock(item):
//!     await asyncio.sleep(1)
//!     raise OutOfStock(f"no {item} left")
//!
//! async def main():
//!     try:
//!         await check_stock("tea")
//!     except OutOfStock as e:
//!         print(f"Sorry: {e}")
//!
//! asyncio.run(main())  # Output: Sorry: no tea left
//! ```
//!
//! Runs in 1 s, like the Python.
//! Run it with `cargo run -q -p listings --example error_handling`.

use std::fmt;

use tokio::time::{Duration, sleep};

/// Python's exception class: here, a type of our own that carries its message.
#[derive(Debug)]
struct OutOfStock(String);

impl fmt::Display for OutOfStock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OutOfStock {}

/// Fails by returning `Err`, not by raising: the signature says it can fail.
async fn check_stock(item: &str) -> Result<u32, OutOfStock> {
    sleep(Duration::from_secs(1)).await;
    Err(OutOfStock(format!("no {item} left")))
}

#[tokio::main]
async fn main() {
    // The `except`: a match on the awaited Result.
    match check_stock("tea").await {
        Ok(count) => println!("{count} left"),
        Err(e) => println!("Sorry: {e}"),
    }
}
