//! # Exercise 6.6 — a producer that waits for its consumer
//!
//! Streaming large data has a second side: a producer faster than its consumer
//! must not pile up items in memory. Python's `asyncio.Queue(maxsize=n)` makes
//! `put` wait while the queue is full:
//!
//! ```python
//! async def produce(items, queue):
//!     for item in items:
//!         await queue.put(item)   # waits while the queue holds maxsize items
//!
//! queue = asyncio.Queue(maxsize=3)
//! asyncio.create_task(produce(items, queue))
//! ```
//!
//! Tokio's `mpsc::channel(capacity)` is that queue, split in two ends: `send`
//! waits while the channel is full (backpressure), and it returns an error once
//! the `Receiver` is dropped, which tells the producer that nobody is listening
//! any more. When the producer drops its `Sender`, the receiver's `recv` returns
//! `None`: the end of the stream.
//!
//! **Task:** spawn a task that sends every item into a channel with `capacity`
//! slots (`capacity` is at least 1) and stops when the receiver is gone;
//! return the receiving end.
//!
//! Read: `book/src/06-best-practices.md`, "A producer that waits for its consumer".

use tokio::sync::mpsc;

/// Spawns a task that sends every item into a channel of `capacity` slots,
/// and returns the receiving end. The producer stops when the receiver is dropped.
pub fn spawn_producer<I>(items: I, capacity: usize) -> mpsc::Receiver<I::Item>
where
    I: IntoIterator + Send + 'static,
    I::IntoIter: Send,
    I::Item: Send + 'static,
{
    todo!("mpsc::channel(capacity), tokio::spawn a loop that sends each item, return the receiver")
}
