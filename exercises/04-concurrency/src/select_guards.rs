//! # Exercise 4.13 — branches that are switched off
//!
//! Reading from two sources until both are finished, in Python:
//!
//! ```python
//! async def drain_both(a, b):          # a and b are async iterators
//!     out, pending = [], {asyncio.ensure_future(anext(a)): a,
//!                         asyncio.ensure_future(anext(b)): b}
//!     while pending:                   # until every source is finished
//!         done, _ = await asyncio.wait(pending, return_when=FIRST_COMPLETED)
//!         for task in done:
//!             source = pending.pop(task)
//!             try:
//!                 out.append(task.result())
//!                 pending[asyncio.ensure_future(anext(source))] = source
//!             except StopAsyncIteration:
//!                 pass                 # finished: never ask this one again
//!     return out
//! ```
//!
//! In `tokio::select!`, a branch may carry a guard, `pattern = future, if
//! condition => ...`: while the condition is false the branch is switched off
//! and its future is not even created. When every branch is off (by its guard,
//! or because its value did not match its pattern), the `else => ...` branch
//! runs; without one, `select!` panics.
//!
//! A closed channel's `recv()` is ready at once, with `None`, every time it is
//! asked. A loop that keeps asking it never waits, and never lets the clock
//! move: switch its branch off once it has said `None`.
//!
//! **Task:** `drain_both` takes values from both channels as they arrive, and
//! returns them in arrival order once both channels are closed. `collect_until`
//! takes values from one channel until it closes, or until `deadline` (counted
//! from the call) has passed, whichever comes first; with no deadline, only
//! the channel's closing ends it.
//!
//! Read: `book/src/04-concurrency.md`, "Branches that are switched off".

use tokio::sync::mpsc;
use tokio::time::Duration;

/// Every value of both channels, in the order they arrived, once both are closed.
pub async fn drain_both<T>(mut a: mpsc::Receiver<T>, mut b: mpsc::Receiver<T>) -> Vec<T> {
    todo!("loop over select! with a guard per channel that is still open, and an else branch")
}

/// The values received before the channel closed or the deadline passed.
pub async fn collect_until<T>(mut rx: mpsc::Receiver<T>, deadline: Option<Duration>) -> Vec<T> {
    todo!(
        "one timer for the whole call, in a select! branch switched off when there is no deadline"
    )
}
