//! Mistake: A bigger channel is better: the producer never has to wait.
//! Expect: Is the channel unbounded
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
    let _ = capacity;
    let (sender, receiver) = mpsc::channel(1024);
    tokio::spawn(async move {
        for item in items {
            if sender.send(item).await.is_err() {
                // The receiver is gone: nobody will ever read what we make.
                break;
            }
        }
    });
    receiver
}
