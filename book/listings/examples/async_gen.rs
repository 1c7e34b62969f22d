//! An async generator like the post's, as a `Stream` made with
//! `async_stream::stream!`. (The post's own `async_gen` is exercise 5.1.)
//!
//! ```python
//! async def countdown(n):
//!     while n > 0:
//!         await asyncio.sleep(1)
//!         yield n
//!         n -= 1
//!
//! async def main():
//!     async for value in countdown(3):
//!         print(value)
//!
//! asyncio.run(main())  # Output: 3, 2, 1 (with 1 second delay each)
//! ```
//!
//! Runs in 3 s, like the Python.
//! Run it with `cargo run -q -p listings --example async_gen`.

use futures::{Stream, StreamExt};
use tokio::time::{Duration, sleep};

/// `stream!` lets a block both `.await` and `yield`; the result is a `Stream`.
fn countdown(mut n: u32) -> impl Stream<Item = u32> {
    async_stream::stream! {
        while n > 0 {
            sleep(Duration::from_secs(1)).await;
            yield n;
            n -= 1;
        }
    }
}

#[tokio::main]
async fn main() {
    // `async for`: ask for the next value and await it, until there is none.
    let mut values = std::pin::pin!(countdown(3));
    while let Some(value) = values.next().await {
        println!("{value}");
    }
}
