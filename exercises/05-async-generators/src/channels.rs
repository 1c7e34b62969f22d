//! # Exercise 5.6 — channels and merged streams
//!
//! Values pushed by a producer, pulled as a stream, in Python:
//!
//! ```python
//! async def from_queue(queue):
//!     while (value := await queue.get()) is not None:   # None: the producer is done
//!         yield value
//! ```
//!
//! A tokio `mpsc::Receiver` is not a `Stream` itself, but `recv().await`
//! returns `None` once every sender is dropped, which is exactly a stream's
//! end. `futures::stream::unfold(state, step)` makes a stream from a state
//! and an async step that returns `Some((value, next_state))` or `None`; the
//! `tokio-stream` crate's `ReceiverStream` does the same for you. To merge two
//! streams into one that yields from whichever is ready,
//! `futures::stream::select(a, b)`.
//!
//! **Task:** write `receiver_stream` with `unfold`, and `merge`.
//!
//! Read: `book/src/05-async-generators.md`, "Channels and merged streams".

use futures::Stream;
use tokio::sync::mpsc;

/// The values sent on the channel, as they arrive; ends when every sender is gone.
pub fn receiver_stream<T>(rx: mpsc::Receiver<T>) -> impl Stream<Item = T> {
    futures::stream::poll_fn(|_| {
        todo!("futures::stream::unfold(rx, |mut rx| async move {{ ... }})")
    })
}

/// The values of both streams, each as soon as it comes (not one from each in
/// turn); ends when both have.
pub fn merge<T>(a: impl Stream<Item = T>, b: impl Stream<Item = T>) -> impl Stream<Item = T> {
    futures::stream::poll_fn(|_| todo!("futures::stream::select"))
}
