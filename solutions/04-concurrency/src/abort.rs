//! Exercise 4.8, solved: stopping a background task with `abort`.

use std::future::Future;

use tokio::time::{Duration, Instant, interval_at};

/// How often the heartbeat beats.
pub const BEAT: Duration = Duration::from_millis(500);

/// Runs `work` while a heartbeat task calls `log("beat")` every `BEAT`
/// (the first one `BEAT` after the start). When `work` is done, the heartbeat
/// is aborted and awaited, so it is gone before this returns.
pub async fn with_heartbeat<T>(
    work: impl Future<Output = T>,
    log: impl Fn(&str) + Send + 'static,
) -> T {
    let heartbeat = tokio::spawn(async move {
        // interval_at, not interval: an interval's first tick is immediate.
        let mut beats = interval_at(Instant::now() + BEAT, BEAT);
        loop {
            beats.tick().await;
            log("beat");
        }
    });
    let output = work.await;
    // abort only asks: the task stops at its next poll. Awaiting the handle is
    // how we know it has stopped, and that what it owns (`log`) is dropped.
    heartbeat.abort();
    let stopped = heartbeat.await;
    assert!(
        stopped.is_err_and(|e| e.is_cancelled()),
        "the heartbeat never ends on its own"
    );
    output
}
