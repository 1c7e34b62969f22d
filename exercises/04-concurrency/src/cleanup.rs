//! # Exercise 4.14 — cleaning up after cancellation
//!
//! Python cancels a task by raising `CancelledError` at the `await` where it
//! waits, so a `finally:` block runs, and may itself `await`:
//!
//! ```python
//! async def guarded(open, work):
//!     open.count += 1
//!     try:
//!         return await work
//!     finally:
//!         open.count -= 1                 # also when cancelled
//!
//! async def collector(jobs, save):
//!     collected = []
//!     try:
//!         while True:
//!             collected.append(await jobs.get())
//!     finally:
//!         await save(collected)           # cleanup that itself waits
//! ```
//!
//! A Rust future is cancelled by being dropped: it is never polled again, so
//! the code after the `.await` it was paused at never runs. What must run
//! anyway goes in a `Drop` impl, which runs when the future's locals are
//! dropped. But `drop` is not `async`: there is no `await` in it. Cleanup that
//! has to wait can go two ways:
//!
//! - ask rather than drop: a `tokio_util::sync::CancellationToken` tells the
//!   task to stop, and the task stops its work itself, then awaits its cleanup
//!   before it returns;
//! - when the future may be dropped anyway, its `Drop` hands the waiting part
//!   to a task of its own, with `tokio::spawn`.
//!
//! **Task:** `guarded` adds one to `open`, runs `work`, and takes the one off
//! again when `work` finishes *or is cancelled*. `spawn_collector` starts a
//! task that collects the jobs it receives until `stop` is cancelled or `jobs`
//! closes; it then saves: waits `SAVE_TIME` (the write) and sends what it
//! collected on `saved`, and only then ends. `with_goodbye` runs `work` and,
//! when it finishes or is cancelled, a cleanup task waits `SAVE_TIME` and sends
//! `"goodbye from <name>"` on `goodbyes`.
//!
//! Read: `book/src/04-concurrency.md`, "Cleaning up after cancellation".

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::Duration;
use tokio_util::sync::CancellationToken;

/// How long a save (or a goodbye) takes: cleanup that has to wait.
pub const SAVE_TIME: Duration = Duration::from_millis(100);

/// Runs `work` with one more counted in `open`, for exactly as long as it runs.
pub async fn guarded<F: Future>(open: Arc<AtomicUsize>, work: F) -> F::Output {
    todo!("count up, and count down in the Drop of a value that lives as long as `work`")
}

/// A task that collects jobs until told to stop (or until `jobs` closes), then saves them.
pub fn spawn_collector(
    stop: CancellationToken,
    jobs: mpsc::Receiver<u32>,
    saved: oneshot::Sender<Vec<u32>>,
) -> JoinHandle<()> {
    todo!("select! between stop.cancelled() and jobs.recv(), then save: sleep SAVE_TIME, send")
}

/// Runs `work`; when it ends or is dropped, a cleanup task says goodbye after `SAVE_TIME`.
pub async fn with_goodbye<F: Future>(
    goodbyes: mpsc::UnboundedSender<String>,
    name: &'static str,
    work: F,
) -> F::Output {
    todo!("a value whose Drop spawns the waiting part of the cleanup")
}
