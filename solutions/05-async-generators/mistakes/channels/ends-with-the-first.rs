//! Mistake: A merge is over as soon as one of its streams is.
//! Expect: the merge must go on until the second has ended too
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
    let (mut a, mut b) = (Box::pin(a), Box::pin(b));
    async_stream::stream! {
        loop {
            tokio::select! {
                value = futures::StreamExt::next(&mut a) => match value {
                    Some(value) => yield value,
                    None => break,
                },
                value = futures::StreamExt::next(&mut b) => match value {
                    Some(value) => yield value,
                    None => break,
                },
            }
        }
    }
}
