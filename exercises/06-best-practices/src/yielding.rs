//! # Exercise 6.4 — long work that lets others run
//!
//! Some work is not blocking I/O but a long computation that belongs in the
//! async code: many small steps, each quick. Run as one loop, it never reaches
//! an `await`, and on a single-threaded runtime no other task runs until it is
//! done. Python's idiom for "let others run now" is a zero sleep:
//!
//! ```python
//! async def crunch(chunks, work):
//!     total = 0
//!     for chunk in range(chunks):
//!         total += work(chunk)
//!         await asyncio.sleep(0)   # give the event loop a turn
//!     return total
//! ```
//!
//! Tokio's is `tokio::task::yield_now().await`: the task goes to the back of
//! the queue, and the scheduler runs the others first. Tokio does not preempt a
//! task, any more than asyncio does.
//!
//! The tests run your `crunch` beside a ticker task on a single-threaded
//! runtime and record what ran, in order.
//!
//! **Task:** call `work(0)` … `work(chunks - 1)` in order, sum the results, and
//! let other tasks run after each chunk.
//!
//! Read: `book/src/06-best-practices.md`, "Long work that lets others run".

/// Runs `work(0)`, `work(1)`, … `work(chunks - 1)` and sums the results,
/// yielding to the runtime after each chunk.
pub async fn crunch(chunks: usize, mut work: impl FnMut(usize) -> u64) -> u64 {
    todo!("loop over the chunks, add up work(chunk), and yield_now().await after each")
}
