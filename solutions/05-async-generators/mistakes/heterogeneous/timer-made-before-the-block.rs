//! Mistake: The sleep can be made first and moved into the async block; it only counts once awaited.
//! Expect: a timer made outside the async block starts too early
//! Exercise 5.8, solved: futures of different types in one collection, as
//! they finish.

use futures::future::{BoxFuture, FutureExt};
use futures::stream::{FuturesUnordered, Stream};
use tokio::sync::oneshot;
use tokio::time::{Duration, sleep};

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
    // Three async blocks, three types: boxing gives them one. The timer is
    // made inside its block, so it starts at the first poll, not here.
    match probe {
        Probe::Ping { after } => {
            let timer = sleep(after);
            async move {
                timer.await;
                "pong".to_owned()
            }
            .boxed()
        }
        Probe::Reply(reply) => {
            async move { reply.await.unwrap_or_else(|_| "no answer".to_owned()) }.boxed()
        }
        Probe::Fixed(text) => async move { text }.boxed(),
    }
}

/// Every probe at once; their answers in the order they come.
pub fn as_completed(probes: Vec<Probe>) -> impl Stream<Item = String> {
    // Polls them all, and yields each output as its future finishes.
    probes
        .into_iter()
        .map(probe)
        .collect::<FuturesUnordered<_>>()
}
