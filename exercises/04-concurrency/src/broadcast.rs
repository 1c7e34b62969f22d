//! # Exercise 4.18 — one sender, every receiver
//!
//! asyncio has no broadcast channel. A publisher keeps a queue per reader
//! and puts each item into every one of them; when a reader is slow, the
//! publisher must choose between waiting for it and dropping items for it:
//!
//! ```python
//! def publish(queues, item):
//!     for queue in queues:
//!         if queue.full():
//!             queue.get_nowait()   # drop the oldest: this reader is too slow
//!         queue.put_nowait(item)
//!
//! async def read_all(queue, pace):
//!     read = []
//!     while (item := await queue.get()) is not None:
//!         read.append(item)
//!         await asyncio.sleep(pace)
//!     return read
//! ```
//!
//! `tokio::sync::broadcast` is that, built in. `channel(capacity)` keeps the
//! last `capacity` messages; `send` never waits; every `Receiver` gets every
//! message sent after it was made (by `subscribe`, or with the channel). A
//! receiver that falls more than `capacity` behind has lost the oldest ones:
//! its next `recv` returns `Err(RecvError::Lagged(n))`, saying how many, and
//! the one after that goes on from the oldest message still kept. When every
//! `Sender` is dropped and a receiver has read what is left, `recv` returns
//! `Err(RecvError::Closed)`.
//!
//! **Task:** `read_all` receives until the channel is closed, sleeping `pace`
//! after each message, and reports what it read and how many it missed;
//! `spawn_readers` starts one `read_all` task per pace, each with a receiver
//! that sees every message sent after `spawn_readers` returns.
//!
//! Read: `book/src/04-sharing-between-tasks.md`, "One sender, every receiver".

use tokio::sync::broadcast;
use tokio::task::JoinHandle;
use tokio::time::Duration;

/// What one reader got out of the channel.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The messages it received, in order.
    pub read: Vec<u32>,
    /// How many it lost by lagging behind.
    pub missed: u64,
}

/// Receives until the channel is closed, sleeping `pace` after each message.
pub async fn read_all(mut news: broadcast::Receiver<u32>, pace: Duration) -> Report {
    todo!("loop on news.recv().await: Ok, Err(Lagged(n)) and Err(Closed) each mean something")
}

/// One `read_all` task per pace, each with a receiver of its own.
pub fn spawn_readers(news: &broadcast::Sender<u32>, paces: &[Duration]) -> Vec<JoinHandle<Report>> {
    todo!("subscribe, then spawn read_all with that receiver, for each pace")
}
