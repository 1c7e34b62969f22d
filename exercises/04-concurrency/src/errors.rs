//! # Exercise 4.2 — handling errors in coroutines
//!
//! The post's error handling:
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
//! ```
//!
//! Rust has no exceptions. A fallible `async fn` returns a `Result`, and
//! awaiting it hands you that value: `match` or `if let Err(e)` is the
//! `except`, and `?` is "let it propagate to my caller".
//!
//! **Task:** make `fail_coroutine` fail after 1 s, report its error in
//! `handle`, and pass it on with `?` in `two_steps`.
//!
//! Read: `book/src/04-concurrency.md`, "Handling errors in coroutines".

use std::fmt;

/// Python's `ValueError`, as a value: the message it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError(pub String);

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValueError {}

/// Waits 1 s, then fails with `ValueError("Something went wrong")`.
pub async fn fail_coroutine() -> Result<(), ValueError> {
    todo!("sleep 1 s, then return Err(ValueError(...))")
}

/// The post's `main`: awaits `fail_coroutine` and, if it fails, logs
/// `"Error: <message>"`.
pub async fn handle(log: &impl Fn(&str)) {
    todo!("await fail_coroutine() and log the error it returns")
}

/// Logs "step 1", awaits `fail_coroutine()` with `?`, then logs "step 2"
/// (which never happens: `?` returns the error to the caller first).
pub async fn two_steps(log: &impl Fn(&str)) -> Result<(), ValueError> {
    todo!("log, fail_coroutine().await?, log, Ok(())")
}
