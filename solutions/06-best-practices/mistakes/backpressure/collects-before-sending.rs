//! Mistake: Taking every item from the source first, then sending, is the same producer.
//! Expect: Is the channel unbounded, or is the producer collecting items before sending them?
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
        let items: Vec<_> = items.into_iter().collect();
        for item in items {
            if sender.send(item).await.is_err() {
                // The receiver is gone: nobody will ever read what we make.
                break;
            }
        }
    });
    receiver
}
