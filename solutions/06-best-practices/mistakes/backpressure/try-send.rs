//! Mistake: try_send is send without the waiting.
//! Expect: none may be dropped when the channel is full
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
            if let Err(mpsc::error::TrySendError::Closed(_)) = sender.try_send(item) {
                break;
            }
            tokio::task::yield_now().await;
        }
    });
    receiver
}
