//! Mistake: Merging two streams means taking one value from each in turn.
//! Expect: A merge yields each value the moment either stream has one
//! Exercise 5.6, solved: a stream fed by a channel, and two streams merged.

use futures::{Stream, StreamExt, stream};
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
    async_stream::stream! {
        let mut a = std::pin::pin!(a);
        let mut b = std::pin::pin!(b);
        loop {
            match a.next().await {
                Some(value) => yield value,
                None => {
                    while let Some(value) = b.next().await {
                        yield value;
                    }
                    break;
                }
            }
            match b.next().await {
                Some(value) => yield value,
                None => {
                    while let Some(value) = a.next().await {
                        yield value;
                    }
                    break;
                }
            }
        }
    }
}
