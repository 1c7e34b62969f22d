//! Mistake: `drop` cannot await, so the goodbye waits with std::thread::sleep instead.
//! Expect: blocking
//! Exercise 4.14, solved: cleanup that runs when a future is cancelled.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::{Duration, sleep};
use tokio_util::sync::CancellationToken;

/// How long a save (or a goodbye) takes: cleanup that has to wait.
pub const SAVE_TIME: Duration = Duration::from_millis(100);

/// Takes its one off `open` when dropped: at the end of `guarded`, or when
/// the `guarded` future is dropped before that.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs `work` with one more counted in `open`, for exactly as long as it runs.
pub async fn guarded<F: Future>(open: Arc<AtomicUsize>, work: F) -> F::Output {
    open.fetch_add(1, Ordering::SeqCst);
    // A line after `work.await` would never run if this future were dropped
    // while waiting: the guard's Drop runs either way, like a `finally`.
    let _counted = Counted(open);
    work.await
}

/// A task that collects jobs until told to stop (or until `jobs` closes), then saves them.
pub fn spawn_collector(
    stop: CancellationToken,
    mut jobs: mpsc::Receiver<u32>,
    saved: oneshot::Sender<Vec<u32>>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut collected = Vec::new();
        loop {
            tokio::select! {
                // Asked to stop, the task leaves the loop itself, so it is
                // still running, and may await, for the cleanup below.
                () = stop.cancelled() => break,
                job = jobs.recv() => match job {
                    Some(job) => collected.push(job),
                    None => break,
                },
            }
        }
        sleep(SAVE_TIME).await;
        let _ = saved.send(collected);
    })
}

/// Says goodbye when dropped, from a task of its own: `drop` cannot await.
struct Goodbye {
    goodbyes: mpsc::UnboundedSender<String>,
    name: &'static str,
}

impl Drop for Goodbye {
    fn drop(&mut self) {
        std::thread::sleep(SAVE_TIME);
        let _ = self.goodbyes.send(format!("goodbye from {}", self.name));
    }
}

/// Runs `work`; when it ends or is dropped, a cleanup task says goodbye after `SAVE_TIME`.
pub async fn with_goodbye<F: Future>(
    goodbyes: mpsc::UnboundedSender<String>,
    name: &'static str,
    work: F,
) -> F::Output {
    let _goodbye = Goodbye { goodbyes, name };
    work.await
}
