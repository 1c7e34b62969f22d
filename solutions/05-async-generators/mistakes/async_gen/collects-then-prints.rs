//! Mistake: `async for` is collecting the stream and then looping over the values.
//! Expect: take each value from the stream as it comes
//! Exercise 5.1, solved: the post's async generator as a `Stream`.

use futures::{Stream, StreamExt};
use tokio::time::{Duration, sleep};

/// 0 to 4, one per second: `for i in range(5): await asyncio.sleep(1); yield i`.
pub fn async_gen() -> impl Stream<Item = u64> {
    async_stream::stream! {
        for i in 0..5 {
            sleep(Duration::from_secs(1)).await;
            yield i;
        }
    }
}

/// `async for value in async_gen(): print(value)`, logging each value.
pub async fn print_all(log: &impl Fn(&str)) {
    let values: Vec<u64> = async_gen().collect().await;
    for value in values {
        log(&value.to_string());
    }
}
