//! Mistake: A timer made when the stream is made starts ticking when it is first polled.
//! Expect: the stream's code starts running at the first poll, not when it is created
//! Exercise 5.7, solved: a stream does nothing until it is polled.

use futures::Stream;
use tokio::time::{Duration, sleep};

/// Readings of `sensor`, each one `period` after it was asked for.
pub fn readings(mut sensor: impl FnMut() -> u64, period: Duration) -> impl Stream<Item = u64> {
    let _ = sleep;
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    async_stream::stream! {
        loop {
            ticks.tick().await;
            yield sensor();
        }
    }
}
