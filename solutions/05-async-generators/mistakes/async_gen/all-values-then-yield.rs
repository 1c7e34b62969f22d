//! Mistake: A stream may work out every value first and then yield them.
//! Expect: the first value must come after 1 s, not after all five are ready
//! Exercise 5.1, solved: the post's async generator as a `Stream`.

use futures::{Stream, StreamExt};
use tokio::time::{Duration, sleep};

/// 0 to 4, one per second: `for i in range(5): await asyncio.sleep(1); yield i`.
pub fn async_gen() -> impl Stream<Item = u64> {
    async_stream::stream! {
        let mut values = Vec::new();
        for i in 0..5 {
            sleep(Duration::from_secs(1)).await;
            values.push(i);
        }
        for i in values {
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
