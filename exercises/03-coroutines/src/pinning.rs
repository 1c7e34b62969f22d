//! # Exercise 3.5 — pinning
//!
//! A common Python pattern: keep one long job running, and do something else
//! at a steady beat until it is done.
//!
//! ```python
//! async def with_heartbeat(work, every, beat):
//!     task = asyncio.ensure_future(work)
//!     while True:
//!         done, _ = await asyncio.wait({task}, timeout=every)
//!         if done:
//!             return task.result()
//!         beat()
//! ```
//!
//! In Rust, `tokio::select!` waits for whichever of several futures finishes
//! first. To wait for `work` again on the next trip around the loop, you
//! select on `&mut work`, a borrow, so that losing the race does not drop it.
//! That is where pinning shows up. Polling needs `Pin<&mut F>`: a promise that
//! the future will not move again. An `async` block that holds a borrow of its
//! own local variable across an `.await` points into itself, and moving it
//! would leave that pointer dangling; such a future is not `Unpin`, so `&mut
//! work` alone is not a future. `std::pin::pin!(work)` moves the future into
//! a place on the stack that it can never leave, and gives you a
//! `Pin<&mut F>`, which can be borrowed and polled as often as you like.
//!
//! **Task:** write [`with_heartbeat`]: call `beat` every `every` while `work`
//! runs (the first beat one period in), and return `work`'s output as soon as
//! it is ready. A beat due at the very instant the work is ready may come or
//! not: the tests never ask. Do not require `F: Unpin`; the tests pass a
//! future that is not.
//!
//! Read: `book/src/03-coroutines.md`, "Pinning".

use std::future::Future;

use tokio::time::Duration;

/// Awaits `work`, calling `beat()` each time `every` passes before it is done.
pub async fn with_heartbeat<F: Future>(
    work: F,
    every: Duration,
    mut beat: impl FnMut(),
) -> F::Output {
    todo!("pin `work`, then loop: select! between `&mut work` and a timer")
}
