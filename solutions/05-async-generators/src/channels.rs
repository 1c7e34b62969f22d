//! Exercise 5.6, solved: a stream fed by a channel, and two streams merged.

use futures::{Stream, stream};
use tokio::sync::mpsc;

/// The values sent on the channel, as they arrive; ends when every sender is gone.
pub fn receiver_stream<T>(rx: mpsc::Receiver<T>) -> impl Stream<Item = T> {
    stream::unfold(rx, |mut rx| async move {
        // `recv` waits for the next value; None once every sender is gone,
        // and `?` turns that into the end of the stream.
        let value = rx.recv().await?;
        Some((value, rx))
    })
}

/// The values of both streams, each as soon as it comes; ends when both have.
pub fn merge<T>(a: impl Stream<Item = T>, b: impl Stream<Item = T>) -> impl Stream<Item = T> {
    // Polls both and yields whichever has a value; ends when both have ended.
    stream::select(a, b)
}
