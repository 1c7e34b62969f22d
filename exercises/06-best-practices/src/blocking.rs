//! # Exercise 6.3 — blocking work off the runtime
//!
//! The post's third best practice: "avoid blocking operations in coroutines".
//! A coroutine gives the event loop a turn only at an `await`; a blocking call
//! (`time.sleep`, a slow library call, a long computation) holds the loop, and
//! every other coroutine waits. Python moves such work to a thread:
//!
//! ```python
//! async def handler():
//!     digest = await asyncio.to_thread(hash_big_file, path)   # not hash_big_file(path)
//! ```
//!
//! Tokio's counterpart is `tokio::task::spawn_blocking`: it runs a closure on a
//! pool of threads kept for blocking work and returns a `JoinHandle` to await.
//! The handle gives `Err(JoinError)` if the closure panicked; the panic's
//! payload can be resumed in the caller with `std::panic::resume_unwind`.
//!
//! The tests run on a single-threaded runtime. The work blocks until a ticker,
//! a task on that same runtime, releases it: if your code blocks the runtime's
//! thread, the ticker never runs.
//!
//! **Task:** run `work` on the blocking pool, return its result, and let a panic
//! in `work` continue in the caller.
//!
//! Read: `book/src/06-best-practices.md`, "Blocking work off the runtime".

/// Runs `work` on tokio's blocking thread pool and returns its result.
/// A panic in `work` is resumed in the caller.
pub async fn off_the_runtime<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    todo!("tokio::task::spawn_blocking(work), await it, and deal with the JoinError")
}
