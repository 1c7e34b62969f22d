//! Mistake: A flag that the flusher looks at every few milliseconds does the same job as a Notify.
//! Expect: starts late
//! Exercise 4.17, solved: `Notify::notify_one` stores a permit, so a request
//! made while the flusher is busy is never lost, and many make one flush.

use std::future::Future;
use std::sync::Arc;

use std::sync::atomic::{AtomicBool, Ordering};

use tokio::time::{Duration, sleep};

/// A handle on the flushing task.
#[derive(Debug)]
pub struct Flusher {
    wanted: Arc<AtomicBool>,
}

impl Flusher {
    /// Starts the task that runs `flush().await` once per request; requests
    /// made while it flushes are served by one more flush after it.
    pub fn spawn<F, Fut>(mut flush: F) -> Flusher
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        let wanted = Arc::new(AtomicBool::new(false));
        let waiting = Arc::clone(&wanted);
        tokio::spawn(async move {
            loop {
                if waiting.swap(false, Ordering::SeqCst) {
                    flush().await;
                } else {
                    sleep(Duration::from_millis(10)).await;
                }
            }
        });
        Flusher { wanted }
    }

    /// Asks for a flush, without waiting for it.
    pub fn request(&self) {
        self.wanted.store(true, Ordering::SeqCst);
    }
}
