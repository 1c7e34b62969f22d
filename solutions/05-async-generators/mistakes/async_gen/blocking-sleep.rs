//! Mistake: A sleep is a sleep: std::thread::sleep waits a second just as asyncio.sleep does.
//! Expect: blocking
//! Exercise 5.1, solved: the post's async generator as a `Stream`.

use futures::{Stream, StreamExt};
use std::time::Duration;

/// 0 to 4, one per second: `for i in range(5): await asyncio.sleep(1); yield i`.
pub fn async_gen() -> impl Stream<Item = u64> {
    async_stream::stream! {
        for i in 0..5 {
            std::thread::sleep(Duration::from_secs(1));
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
