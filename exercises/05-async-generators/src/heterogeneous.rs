//! # Exercise 5.8 — different futures in one collection
//!
//! Python puts any awaitables in one list, and `asyncio.as_completed` hands
//! them back in the order they finish:
//!
//! ```python
//! async def ping(after):
//!     await asyncio.sleep(after)
//!     return "pong"
//!
//! async def fixed(text):
//!     return text
//!
//! probes = [ping(0.3), reply, fixed("ready")]   # reply: a Future set elsewhere
//! for answer in asyncio.as_completed(probes):
//!     print(await answer)
//! ```
//!
//! In Rust every `async` block and `async fn` call has a type of its own,
//! and a `Vec` holds values of one type. `futures::future::BoxFuture<'static,
//! T>` is the one type they can all become: a pinned box of "some future of
//! `T` that can be sent to another thread". `FutureExt::boxed` (or
//! `Box::pin(...)`) makes one. A `FuturesUnordered` then polls a whole
//! collection of them at once, and is a `Stream` of their outputs in the
//! order they finish.
//!
//! A future does nothing until it is polled; a timer made before the
//! `async` block, and moved into it, would already be running.
//!
//! **Task:** `probe` turns each kind of [`Probe`] into the same type of future,
//! starting its work only when first polled. `as_completed` runs every probe
//! at once, and yields their answers as they come.
//!
//! Read: `book/src/05-async-generators.md`, "Different futures in one collection".

use futures::Stream;
use futures::future::BoxFuture;
use tokio::sync::oneshot;
use tokio::time::Duration;

/// A health check of some service: each kind is a different future.
#[derive(Debug)]
pub enum Probe {
    /// Answers `"pong"`, `after` the probe starts.
    Ping { after: Duration },
    /// Answers what arrives on the channel, or `"no answer"` if its sender is dropped.
    Reply(oneshot::Receiver<String>),
    /// Answers this text at once.
    Fixed(String),
}

/// The probe's answer, as a future of the one type every kind can become.
pub fn probe(probe: Probe) -> BoxFuture<'static, String> {
    todo!("an async block per kind, boxed")
}

/// Every probe at once; their answers in the order they come.
pub fn as_completed(probes: Vec<Probe>) -> impl Stream<Item = String> {
    futures::stream::poll_fn(|_| todo!("collect the boxed probes into a FuturesUnordered"))
}
