//! # Exercise 3.3 — futures are lazy
//!
//! Calling an `async def` function runs none of its body: it creates a
//! coroutine object, and only `await` (or the event loop) runs it. One that is
//! never awaited never runs, and Python warns about it:
//!
//! ```python
//! async def note(log, message):
//!     log.append(message)
//!
//! note(log, "lost")           # RuntimeWarning: coroutine 'note' was never awaited
//! await note(log, "kept")     # runs now
//! task = asyncio.create_task(note(log, "early"))  # runs soon, awaited or not
//! ```
//!
//! Rust's futures are lazy in the same way, and more strictly: a future is a
//! value that does nothing until it is polled, and dropping it cancels it
//! before it ever starts (the compiler warns about an unused future, as Python
//! does). `tokio::spawn` is `create_task`: it hands the future to the runtime,
//! which polls it whether or not anyone awaits the `JoinHandle`.
//!
//! **Task:** write [`lazily`], whose message is logged when its future is
//! awaited, and [`eagerly`], whose message is logged as soon as the runtime
//! gets a chance to run it, awaited or not.
//!
//! Read: `book/src/03-coroutines.md`, "Futures are lazy".

use std::sync::{Arc, Mutex};

use tokio::task::JoinHandle;

/// A log that several futures can write to.
pub type Log = Arc<Mutex<Vec<String>>>;

/// `note(log, message)`: pushes `message` to `log`. Calling it only creates
/// the future; the body runs when the future is polled.
pub async fn lazily(log: Log, message: &'static str) {
    todo!("push the message to the log")
}

/// `asyncio.create_task(note(log, message))`: the same work, started now as a
/// task of its own.
pub fn eagerly(log: Log, message: &'static str) -> JoinHandle<()> {
    todo!("spawn the lazy future")
}
