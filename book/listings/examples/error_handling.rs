//! The post's error handling: the error is a value that `.await` hands back.
//!
//! ```python
//! async def fail_coroutine():
//!     await asyncio.sleep(1)
//!     raise ValueError("Something went wrong")
//!
//! async def main():
//!     try:
//!         await fail_coroutine()
//!     except ValueError as e:
//!         print(f"Error: {e}")
//!
//! asyncio.run(main())  # Output: Error: Something went wrong
//! ```
//!
//! Runs in 1 s, like the Python.
//! Run it with `cargo run -q -p listings --example error_handling`.

use std::fmt;

use tokio::time::{Duration, sleep};

/// Python's `ValueError`: here, a type of our own that carries its message.
#[derive(Debug)]
struct ValueError(String);

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValueError {}

/// Fails by returning `Err`, not by raising: the signature says it can fail.
async fn fail_coroutine() -> Result<(), ValueError> {
    sleep(Duration::from_secs(1)).await;
    Err(ValueError("Something went wrong".to_string()))
}

#[tokio::main]
async fn main() {
    // The `except`: a match on the awaited Result.
    if let Err(e) = fail_coroutine().await {
        println!("Error: {e}");
    }
}
