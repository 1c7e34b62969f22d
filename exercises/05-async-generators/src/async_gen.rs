//! # Exercise 5.1 — async generators
//!
//! The post's async generator:
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
//! ```
//!
//! Rust's async iterator is the `Stream` trait (from the `futures` crate).
//! Stable Rust has no `async` + `yield` yet; the `async_stream::stream!` macro
//! gives you both inside a block, and returns a `Stream`. `async for` becomes
//! `while let Some(value) = stream.next().await`, where `next` comes from
//! `futures::StreamExt` and needs the stream pinned (`std::pin::pin!`).
//!
//! **Task:** write `async_gen` with `stream!`, and consume it in `print_all`,
//! logging each value.
//!
//! Read: `book/src/05-async-generators.md`, "Async generators".

use futures::Stream;

/// 0 to 4, each one second after it is asked for (a consumer that takes its
/// time between two values does not shorten the next wait).
pub fn async_gen() -> impl Stream<Item = u64> {
    futures::stream::poll_fn(|_| todo!("async_stream::stream! {{ for ... {{ sleep; yield }} }}"))
}

/// `async for value in async_gen(): print(value)`, logging each value.
pub async fn print_all(log: &impl Fn(&str)) {
    todo!("pin the stream, then while let Some(value) = stream.next().await")
}
