//! Mistake: `interval(every)` beats every period, starting one period in.
//! Expect: must beat 3 times, at 1, 2 and 3 s
//! Exercise 3.5, solved: `pin!` keeps the work in place across `select!`s.

use std::future::Future;
use std::pin::pin;

use tokio::time::Duration;

/// Awaits `work`, calling `beat()` each time `every` passes before it is done.
pub async fn with_heartbeat<F: Future>(
    work: F,
    every: Duration,
    mut beat: impl FnMut(),
) -> F::Output {
    let mut work = pin!(work);
    let mut beats = tokio::time::interval(every);
    loop {
        tokio::select! {
            output = &mut work => return output,
            _ = beats.tick() => beat(),
        }
    }
}
