//! Mistake: An interval made at the first poll ticks once per period, which is the same as waiting a period for each reading.
//! Expect: Each reading is taken one period after it is asked for
//! Exercise 5.7, solved: a stream does nothing until it is polled.

use futures::Stream;
use tokio::time::{Duration, Instant, interval_at};

/// Readings of `sensor`, each one `period` after it was asked for.
pub fn readings(mut sensor: impl FnMut() -> u64, period: Duration) -> impl Stream<Item = u64> {
    async_stream::stream! {
        let mut ticks = interval_at(Instant::now() + period, period);
        loop {
            ticks.tick().await;
            yield sensor();
        }
    }
}
