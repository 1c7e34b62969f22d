//! Mistake: A failed send can be ignored; the producer just goes on to the end of its items.
//! Expect: When `send` returns an error the receiver is gone: stop producing
//! Exercise 6.6, solved: a producer held back by a bounded channel.

use tokio::sync::mpsc;

/// Spawns a task that sends every item into a channel of `capacity` slots,
/// and returns the receiving end. The producer stops when the receiver is dropped.
pub fn spawn_producer<I>(items: I, capacity: usize) -> mpsc::Receiver<I::Item>
where
    I: IntoIterator + Send + 'static,
    I::IntoIter: Send,
    I::Item: Send + 'static,
{
    // Bounded: `send` waits while the channel is full, so the producer is never
    // more than `capacity` items ahead of its consumer.
    let (sender, receiver) = mpsc::channel(capacity);
    tokio::spawn(async move {
        for item in items {
            let _ = sender.send(item).await;
        }
    });
    receiver
}
