//! Exercise 5.7, solved: a stream does nothing until it is polled.

use futures::Stream;
use tokio::time::{Duration, sleep};

/// Readings of `sensor`, each one `period` after it was asked for.
pub fn readings(mut sensor: impl FnMut() -> u64, period: Duration) -> impl Stream<Item = u64> {
    async_stream::stream! {
        loop {
            // Wait first, then read: the reading is fresh when it is yielded.
            // None of this runs until the stream is polled.
            sleep(period).await;
            yield sensor();
        }
    }
}
