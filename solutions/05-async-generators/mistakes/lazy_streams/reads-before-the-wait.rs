//! Mistake: Reading the sensor before the wait or after it gives the same readings.
//! Expect: each reading must be fresh
//! Exercise 5.7, solved: a stream does nothing until it is polled.

use futures::Stream;
use tokio::time::{Duration, sleep};

/// Readings of `sensor`, each one `period` after it was asked for.
pub fn readings(mut sensor: impl FnMut() -> u64, period: Duration) -> impl Stream<Item = u64> {
    async_stream::stream! {
        loop {
            let reading = sensor();
            sleep(period).await;
            yield reading;
        }
    }
}
