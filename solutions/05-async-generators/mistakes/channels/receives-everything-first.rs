//! Mistake: A stream over a channel can receive every value and then yield them.
//! Expect: each value must come out of the stream as soon as it is sent
//! Exercise 5.6, solved: a stream fed by a channel, and two streams merged.

use futures::{Stream, stream};
use tokio::sync::mpsc;

/// The values sent on the channel, as they arrive; ends when every sender is gone.
pub fn receiver_stream<T>(rx: mpsc::Receiver<T>) -> impl Stream<Item = T> {
    let mut rx = rx;
    futures::StreamExt::flatten(stream::once(async move {
        let mut all = Vec::new();
        while let Some(value) = rx.recv().await {
            all.push(value);
        }
        stream::iter(all)
    }))
}

/// The values of both streams, each as soon as it comes; ends when both have.
pub fn merge<T>(a: impl Stream<Item = T>, b: impl Stream<Item = T>) -> impl Stream<Item = T> {
    // Polls both and yields whichever has a value; ends when both have ended.
    stream::select(a, b)
}
