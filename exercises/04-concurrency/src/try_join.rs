//! # Exercise 4.3 — the first error wins
//!
//! `asyncio.gather` raises the first exception it sees, but leaves the other
//! coroutines running. With `try_join` in Rust, the first error ends it all:
//!
//! ```python
//! async def both(a, b):
//!     # Python 3.11: the first error cancels the other task.
//!     async with asyncio.TaskGroup() as group:
//!         ta = group.create_task(a)
//!         tb = group.create_task(b)
//!     return ta.result(), tb.result()
//! ```
//!
//! `tokio::try_join!` polls its futures together like `join!`, but as soon as
//! one returns `Err`, it returns that error and drops the others: a dropped
//! future is cancelled, right there.
//!
//! **Task:** run both futures at once; return both values, or the first error
//! as soon as it happens.
//!
//! Read: `book/src/04-concurrency.md`, "The first error wins".

use std::future::Future;

/// Both values, or the first error, as soon as it happens.
pub async fn both<A, B, E>(
    a: impl Future<Output = Result<A, E>>,
    b: impl Future<Output = Result<B, E>>,
) -> Result<(A, B), E> {
    todo!("tokio::try_join!")
}
