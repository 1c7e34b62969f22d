//! # Exercise 5.7 — lazy streams
//!
//! An async generator does nothing until the consumer asks, like a generator:
//!
//! ```python
//! async def readings(sensor, period):
//!     while True:
//!         await asyncio.sleep(period)
//!         yield sensor()
//!
//! stream = readings(read_thermometer, 0.1)   # nothing is read yet
//! first = await anext(stream)                # 0.1 s later, one reading
//! ```
//!
//! A Rust stream is the same, and more plainly: it is a value whose code runs
//! only inside `poll_next`, so a stream that nobody polls does no work at
//! all, and one that is dropped stops for good. Between two values, the
//! generator is paused at its `yield`: it never runs ahead of its consumer.
//!
//! **Task:** write `readings` with `async_stream::stream!`: an endless
//! stream that, each time it is asked for a value, sleeps `period` and then
//! yields `sensor()`.
//!
//! Read: `book/src/05-async-generators.md`, "Lazy streams".

use futures::Stream;
use tokio::time::Duration;

/// Readings of `sensor`, each one `period` after it was asked for.
pub fn readings(mut sensor: impl FnMut() -> u64, period: Duration) -> impl Stream<Item = u64> {
    futures::stream::poll_fn(|_| {
        todo!("async_stream::stream! {{ loop {{ sleep; yield sensor() }} }}")
    })
}
