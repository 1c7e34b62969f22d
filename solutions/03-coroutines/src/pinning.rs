//! Exercise 3.5, solved: `pin!` keeps the work in place across `select!`s.

use std::future::Future;
use std::pin::pin;

use tokio::time::{Duration, Instant, interval_at};

/// Awaits `work`, calling `beat()` each time `every` passes before it is done.
pub async fn with_heartbeat<F: Future>(
    work: F,
    every: Duration,
    mut beat: impl FnMut(),
) -> F::Output {
    // Pinned once, before the loop: each `select!` borrows it (`&mut work`),
    // so losing a race to a beat neither drops nor restarts the work.
    let mut work = pin!(work);
    // `interval_at`: the first beat is one period in (`interval` ticks at once).
    let mut beats = interval_at(Instant::now() + every, every);
    loop {
        tokio::select! {
            output = &mut work => return output,
            _ = beats.tick() => beat(),
        }
    }
}
