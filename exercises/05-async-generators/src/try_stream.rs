//! # Exercise 5.2 — errors in a stream
//!
//! An async generator that raises stops there; the consumer's `async for`
//! raises the exception:
//!
//! ```python
//! async def parse_numbers(lines):
//!     for line in lines:
//!         await asyncio.sleep(0.1)
//!         yield int(line)        # ValueError on a bad line ends the generator
//!
//! async def sum_all(numbers):
//!     total = 0
//!     async for number in numbers:
//!         total += number
//!     return total
//! ```
//!
//! In Rust the error is an item: a stream of `Result`s. `async_stream::try_stream!`
//! lets you use `?` inside the generator: the error is yielded as `Err`, and
//! the stream ends. On the consumer side, `TryStreamExt::try_next` turns
//! `Option<Result<T, E>>` into `Result<Option<T>, E>`, so that `?` works there too.
//!
//! **Task:** write `parse_numbers` with `try_stream!` (trim each line of the
//! whitespace at both its ends, spaces, tabs, `\r` and `\n` alike, then parse
//! it as a `u64`: a blank line does not parse), and `sum_all` with
//! `try_next().await?`.
//!
//! Read: `book/src/05-async-generators.md`, "Errors in a stream".

use std::num::ParseIntError;

use futures::Stream;
use tokio::time::Duration;

/// How long each line takes to arrive: sleep this long before parsing it.
pub const LINE_DELAY: Duration = Duration::from_millis(100);

/// Each line parsed as a number, one every `LINE_DELAY`. The first line that
/// does not parse is yielded as an `Err`, and ends the stream.
pub fn parse_numbers(lines: Vec<String>) -> impl Stream<Item = Result<u64, ParseIntError>> {
    futures::stream::poll_fn(|_| todo!("async_stream::try_stream! with `?` on the parse"))
}

/// The sum of the numbers, or the first error, as soon as it comes.
pub async fn sum_all<E>(numbers: impl Stream<Item = Result<u64, E>>) -> Result<u64, E> {
    todo!("pin it; while let Some(n) = numbers.try_next().await? {{ ... }}")
}
