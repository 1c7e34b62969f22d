//! Mistake: Each request is a message, so the requests belong in a channel.
//! Expect: one more flush covers all four
//! Exercise 4.17, solved: `Notify::notify_one` stores a permit, so a request
//! made while the flusher is busy is never lost, and many make one flush.

use std::future::Future;

use tokio::sync::mpsc;

/// A handle on the flushing task.
#[derive(Debug)]
pub struct Flusher {
    wanted: mpsc::UnboundedSender<()>,
}

impl Flusher {
    /// Starts the task that runs `flush().await` once per request; requests
    /// made while it flushes are served by one more flush after it.
    pub fn spawn<F, Fut>(mut flush: F) -> Flusher
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        let (wanted, mut waiting) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Some(()) = waiting.recv().await {
                flush().await;
            }
        });
        Flusher { wanted }
    }

    /// Asks for a flush, without waiting for it.
    pub fn request(&self) {
        let _ = self.wanted.send(());
    }
}
