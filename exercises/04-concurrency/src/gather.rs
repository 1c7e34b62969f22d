//! # Exercise 4.1 — running coroutines concurrently
//!
//! The post's `asyncio.gather`:
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
//! ```
//!
//! Rust's `tokio::join!` polls several futures in the same task until all are
//! done, so their waits overlap: the whole takes as long as the longest wait.
//! For a list whose length is known only at run time,
//! `futures::future::join_all` does the same and returns the outputs in input
//! order. Instead of printing, these functions call `log`, so that the tests
//! can stamp each event with its (virtual) time.
//!
//! **Task:** write the two coroutines with `tokio::time::sleep`, run them
//! together in `gather`, and run a whole list together in `gather_all`.
//!
//! Read: `book/src/04-concurrency.md`, "Running coroutines concurrently".

/// Waits 2 s, then reports "Coroutine One".
pub async fn coroutine_one(log: &impl Fn(&str)) {
    todo!("sleep 2 s, then log \"Coroutine One\"")
}

/// Waits 1 s, then reports "Coroutine Two".
pub async fn coroutine_two(log: &impl Fn(&str)) {
    todo!("sleep 1 s, then log \"Coroutine Two\"")
}

/// `asyncio.gather(coroutine_one(), coroutine_two())`: both at once, 2 s in all.
pub async fn gather(log: &impl Fn(&str)) {
    todo!("tokio::join! the two coroutines")
}

/// One coroutine per delay (it sleeps that many milliseconds and returns the
/// delay), all waiting at once; the delays come back in input order.
pub async fn gather_all(delays_ms: &[u64]) -> Vec<u64> {
    todo!("map each delay to an async block, then futures::future::join_all")
}
