//! Mistake: Await the work, then make up the beats for the time it took.
//! Expect: Snapshot: timeline
//! Exercise 3.5, solved: `pin!` keeps the work in place across `select!`s.

use std::future::Future;

use tokio::time::{Duration, Instant};

/// Awaits `work`, calling `beat()` each time `every` passes before it is done.
pub async fn with_heartbeat<F: Future>(
    work: F,
    every: Duration,
    mut beat: impl FnMut(),
) -> F::Output {
    let started = Instant::now();
    let output = work.await;
    for _ in 0..(started.elapsed().as_millis() / every.as_millis()) {
        beat();
    }
    output
}
