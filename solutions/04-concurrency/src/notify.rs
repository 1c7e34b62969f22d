//! Exercise 4.17, solved: `Notify::notify_one` stores a permit, so a request
//! made while the flusher is busy is never lost, and many make one flush.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Notify;

/// A handle on the flushing task.
#[derive(Debug)]
pub struct Flusher {
    wanted: Arc<Notify>,
}

impl Flusher {
    /// Starts the task that runs `flush().await` once per request; requests
    /// made while it flushes are served by one more flush after it.
    pub fn spawn<F, Fut>(mut flush: F) -> Flusher
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        let wanted = Arc::new(Notify::new());
        let waiting = Arc::clone(&wanted);
        tokio::spawn(async move {
            loop {
                // Returns at once if a permit was stored while we flushed.
                waiting.notified().await;
                flush().await;
            }
        });
        Flusher { wanted }
    }

    /// Asks for a flush, without waiting for it.
    pub fn request(&self) {
        // notify_one, not notify_waiters: when the flusher is busy, nobody
        // is waiting, and only notify_one keeps the wake-up (one permit,
        // however many requests) for its next `notified().await`.
        self.wanted.notify_one();
    }
}
