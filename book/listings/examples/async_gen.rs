//! The post's async generator, as a `Stream` made with `async_stream::stream!`.
//!
//! ```python
//! async def async_gen():
//!     for i in range(5):
//!         await asyncio.sleep(1)
//!         yield i
//!
//! async def main():
//!     async for value in async_gen():
//!         print(value)
//!
//! asyncio.run(main())  # Output: 0, 1, 2, 3, 4 (with 1 second delay each)
//! ```
//!
//! Runs in 5 s, like the Python.
//! Run it with `cargo run -q -p listings --example async_gen`.

use futures::{Stream, StreamExt};
use tokio::time::{Duration, sleep};

/// `stream!` lets a block both `.await` and `yield`; the result is a `Stream`.
fn async_gen() -> impl Stream<Item = u32> {
    async_stream::stream! {
        for i in 0..5 {
            sleep(Duration::from_secs(1)).await;
            yield i;
        }
    }
}

#[tokio::main]
async fn main() {
    // `async for`: ask for the next value and await it, until there is none.
    let mut values = std::pin::pin!(async_gen());
    while let Some(value) = values.next().await {
        println!("{value}");
    }
}
