//! Mistake: Value i is due i + 1 seconds after the start, so one timetable from the first poll is the same as a second per value.
//! Expect: Each value comes 1 s after it is asked for
//! Exercise 5.1, solved: the post's async generator as a `Stream`.

use futures::{Stream, StreamExt};
use tokio::time::{Duration, Instant, sleep_until};

/// 0 to 4, one per second: `for i in range(5): await asyncio.sleep(1); yield i`.
pub fn async_gen() -> impl Stream<Item = u64> {
    async_stream::stream! {
        let start = Instant::now();
        for i in 0..5 {
            sleep_until(start + Duration::from_secs(i + 1)).await;
            yield i;
        }
    }
}

/// `async for value in async_gen(): print(value)`, logging each value.
pub async fn print_all(log: &impl Fn(&str)) {
    // `next` needs a stream that will not move between polls: pin it here.
    let mut stream = std::pin::pin!(async_gen());
    // One value at a time, as each is ready: not a collect() and then a loop.
    while let Some(value) = stream.next().await {
        log(&value.to_string());
    }
}
