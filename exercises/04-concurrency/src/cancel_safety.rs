//! # Exercise 4.10 — cancellation safety
//!
//! A loop that waits for several things at once, in Python:
//!
//! ```python
//! async def ticker():
//!     while True:                  # a clock of its own: messages do not reset it
//!         await asyncio.sleep(1.0)
//!         print("tick")
//!
//! async def receive(messages, shutdown):
//!     received = []
//!     ticking = asyncio.create_task(ticker())
//!     reading = asyncio.ensure_future(messages.next())
//!     while True:
//!         done, _ = await asyncio.wait(
//!             [reading, shutdown], return_when=asyncio.FIRST_COMPLETED
//!         )
//!         if shutdown in done:     # checked first, like `biased;`
//!             break
//!         message = reading.result()
//!         if message is None:
//!             break
//!         print(f"got {message}")
//!         received.append(message)
//!         reading = asyncio.ensure_future(messages.next())
//!     ticking.cancel()
//!     return received
//! ```
//!
//! In Rust, `select!` in a loop creates the branch futures anew on every turn
//! and drops the ones that lost. A future that had done half its work when it
//! was dropped loses that half, unless it kept it somewhere that outlives it:
//! `self`, not its own local variables. Such a future is *cancel safe*.
//! `select!` also picks at random among branches that are ready together;
//! `biased;` makes it try them in the order written.
//!
//! **Task:** make `Messages::next` cancel safe (keep a header that has arrived
//! in `self.header`); then write `receive`'s loop with `biased;`: shutdown
//! first, then messages, then a tick every `TICK`.
//!
//! Read: `book/src/04-concurrency.md`, "Cancellation safety".

use tokio::sync::{mpsc, oneshot};
use tokio::time::Duration;

/// How often `receive` logs "tick" while it waits.
pub const TICK: Duration = Duration::from_secs(1);

/// Messages that arrive in two parts on a channel: a header, then a body.
#[derive(Debug)]
pub struct Messages {
    parts: mpsc::Receiver<String>,
    /// A header that has arrived, whose body has not yet.
    header: Option<String>,
}

impl Messages {
    pub fn new(parts: mpsc::Receiver<String>) -> Messages {
        Messages {
            parts,
            header: None,
        }
    }

    /// The next whole message, `"<header> <body>"`, or `None` once the channel
    /// is closed. Must be cancel safe: dropped after the header arrived, it
    /// must leave the header for the next call.
    pub async fn next(&mut self) -> Option<String> {
        todo!("receive the header into self.header (unless one is there), then the body")
    }
}

/// Receives whole messages until the channel closes or `shutdown` fires (or
/// its sender is dropped). Logs "got <message>" for each message, and "tick"
/// every `TICK`, the first one `TICK` after the start
/// (`tokio::time::interval_at`). Returns the messages received.
pub async fn receive(
    mut messages: Messages,
    mut shutdown: oneshot::Receiver<()>,
    log: &impl Fn(&str),
) -> Vec<String> {
    todo!("loop {{ tokio::select! {{ biased; shutdown, messages.next(), a tick }} }}")
}
