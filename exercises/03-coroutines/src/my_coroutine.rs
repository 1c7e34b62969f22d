//! # Exercise 3.1 — a simple coroutine
//!
//! The post's first coroutine:
//!
//! ```python
//! import asyncio
//!
//! async def my_coroutine():
//!     print("Start Coroutine")
//!     await asyncio.sleep(1)  # Non-blocking sleep
//!     print("End Coroutine")
//!
//! asyncio.run(my_coroutine())
//! ```
//!
//! Rust's `async fn` and `.await` read the same. The sleep must be
//! `tokio::time::sleep`, which pauses this coroutine and lets others run;
//! `std::thread::sleep` would block the whole thread, and every task on it.
//!
//! Printing goes through `print`, a function you are given: pass
//! `|line| println!("{line}")` to print, and the tests pass one that records
//! each line with the (virtual) time it was printed at.
//!
//! **Task:** write the body: print `Start Coroutine`, sleep one second without
//! blocking, print `End Coroutine`.
//!
//! Read: `book/src/03-coroutines.md`, "Creating a simple coroutine".

/// `my_coroutine()`, printing through `print`.
pub async fn my_coroutine(mut print: impl FnMut(&str)) {
    todo!("print, sleep one second with tokio, print")
}
