//! # Exercise 4.8 — stopping a task
//!
//! In Python, `task.cancel()` asks a task to stop, and awaiting it afterwards
//! raises `CancelledError` once it has:
//!
//! ```python
//! async def with_heartbeat(work):
//!     async def beat():
//!         while True:
//!             await asyncio.sleep(0.5)
//!             print("beat")
//!     heartbeat = asyncio.create_task(beat())
//!     result = await work
//!     heartbeat.cancel()
//!     try:
//!         await heartbeat
//!     except asyncio.CancelledError:
//!         pass
//!     return result
//! ```
//!
//! `JoinHandle::abort` is `cancel`: the task is dropped at its next `.await`,
//! with everything it owns. It is a request; awaiting the handle afterwards
//! returns `Err(JoinError)` with `is_cancelled()` once the task is gone.
//!
//! **Task:** while `work` runs, run a heartbeat task that calls `log("beat")`
//! every `BEAT` (the first one `BEAT` after the start); when the work is done,
//! abort the heartbeat and await its handle before returning.
//!
//! Read: `book/src/04-concurrency.md`, "Stopping a task".

use std::future::Future;

use tokio::time::Duration;

/// How often the heartbeat beats.
pub const BEAT: Duration = Duration::from_millis(500);

/// Runs `work` with a heartbeat beside it, and stops the heartbeat after.
pub async fn with_heartbeat<T>(
    work: impl Future<Output = T>,
    log: impl Fn(&str) + Send + 'static,
) -> T {
    todo!("spawn a loop that sleeps BEAT and logs; await work; abort; await the handle")
}
