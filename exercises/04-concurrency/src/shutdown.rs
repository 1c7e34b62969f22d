//! # Exercise 4.12 — graceful shutdown
//!
//! Workers that stop when told to, in Python:
//!
//! ```python
//! async def worker(i, unit, stop: asyncio.Event):
//!     done = 0
//!     while not stop.is_set():
//!         try:
//!             await asyncio.wait_for(stop.wait(), unit)   # stop, or a unit of work
//!         except asyncio.TimeoutError:
//!             done += 1
//!     print(f"worker {i} stopped, {done} done")
//!     return done
//! ```
//!
//! A `tokio::sync::watch` channel holds one value that every receiver can
//! see and wait on: `watch::Receiver::wait_for(|&stop| stop)` finishes once
//! the value is `true`. Each worker races its unit of work against that
//! signal with `select!`, so it stops at once rather than at the end of its
//! unit, and returns what it finished.
//!
//! **Task:** start one worker task per entry of `units` (worker `i` spends
//! `units[i]` on each unit); each counts its finished units until `shutdown`
//! is `true` (it may be already, when `run_workers` is called), abandons the
//! unit in progress, logs
//! `"worker <i> stopped, <n> done"` and returns `n`. Return the counts
//! in worker order.
//!
//! Read: `book/src/04-concurrency.md`, "Graceful shutdown".

use tokio::sync::watch;
use tokio::time::Duration;

/// How many units each worker finished before the shutdown signal.
pub async fn run_workers(
    units: Vec<Duration>,
    shutdown: watch::Receiver<bool>,
    log: impl Fn(&str) + Send + Sync + 'static,
) -> Vec<usize> {
    todo!("spawn a worker per unit, each with a clone of `shutdown`; await them in order")
}
