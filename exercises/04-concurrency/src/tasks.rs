//! # Exercise 4.5 — task management
//!
//! The post's task:
//!
//! ```python
//! async def task_example():
//!     await asyncio.sleep(2)
//!     print("Task Completed")
//!
//! async def main():
//!     task = asyncio.create_task(task_example())
//!     await task  # Wait for task to complete
//! ```
//!
//! `tokio::spawn` is `create_task`: it hands the future to the runtime, which
//! runs it from now on, whether or not anyone awaits the `JoinHandle` it
//! returns. Dropping a `JoinHandle` detaches the task: it runs on. A future
//! that is *not* spawned runs only while someone polls it: dropping it cancels
//! it, wherever it was.
//!
//! **Task:** write `task_example`; start it as a task in `start`; start it and
//! let go of the handle in `detach`; and in `give_up`, poll it for a while,
//! then drop it.
//!
//! Read: `book/src/04-concurrency.md`, "Task management".

use tokio::task::JoinHandle;
use tokio::time::Duration;

/// The post's coroutine: waits 2 s, then logs "Task Completed".
pub async fn task_example(log: impl Fn(&str)) {
    todo!("sleep 2 s, then log")
}

/// `asyncio.create_task(task_example())`: starts it now and returns its handle.
pub fn start(log: impl Fn(&str) + Send + 'static) -> JoinHandle<()> {
    todo!("tokio::spawn")
}

/// Starts `task_example` as a task and drops its handle: the task runs on.
pub fn detach(log: impl Fn(&str) + Send + 'static) {
    todo!("spawn, and drop the JoinHandle")
}

/// Awaits `task_example` for at most `patience`: returns as soon as it
/// completes, or drops it unfinished when the patience runs out first.
pub async fn give_up(log: impl Fn(&str), patience: Duration) {
    todo!("wait for whichever comes first, task_example or a sleep of patience")
}
