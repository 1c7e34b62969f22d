//! Mistake: The interval's tick is the beat: nothing else needs doing.
//! Expect: must beat 3 times
//! Exercise 3.5, solved: `pin!` keeps the work in place across `select!`s.

use std::future::Future;
use std::pin::pin;

use tokio::time::{Duration, Instant, interval_at};

/// Awaits `work`, calling `beat()` each time `every` passes before it is done.
pub async fn with_heartbeat<F: Future>(work: F, every: Duration, _beat: impl FnMut()) -> F::Output {
    let mut work = pin!(work);
    let mut beats = interval_at(Instant::now() + every, every);
    loop {
        tokio::select! {
            output = &mut work => return output,
            _ = beats.tick() => {}
        }
    }
}
