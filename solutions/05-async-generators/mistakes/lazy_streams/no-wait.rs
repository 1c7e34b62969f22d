//! Mistake: The consumer's pace is the stream's pace: the stream needs no wait of its own.
//! Expect: wait the PERIOD, then read the sensor
//! Exercise 5.7, solved: a stream does nothing until it is polled.

use futures::Stream;
use tokio::time::{Duration, sleep};

/// Readings of `sensor`, each one `period` after it was asked for.
pub fn readings(mut sensor: impl FnMut() -> u64, period: Duration) -> impl Stream<Item = u64> {
    async_stream::stream! {
        loop {
            let _ = (period, sleep);
            yield sensor();
        }
    }
}
