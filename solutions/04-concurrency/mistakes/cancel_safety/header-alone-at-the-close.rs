//! Mistake: When the channel closes after a header, the header alone is still a message to hand on.
//! Expect: the end at the shutdown or when next() returns None
//! Exercise 4.10, solved: `biased;` and cancellation safety in a `select!` loop.

use tokio::sync::{mpsc, oneshot};
use tokio::time::{Duration, Instant, interval_at};

/// How often `receive` logs "tick" while it waits.
pub const TICK: Duration = Duration::from_secs(1);

/// Messages that arrive in two parts on a channel: a header, then a body.
#[derive(Debug)]
pub struct Messages {
    parts: mpsc::Receiver<String>,
    /// A header that has arrived, whose body has not yet.
    header: Option<String>,
}

impl Messages {
    pub fn new(parts: mpsc::Receiver<String>) -> Messages {
        Messages {
            parts,
            header: None,
        }
    }

    /// The next whole message, `"<header> <body>"`, or `None` once the channel
    /// is closed. Cancel safe: a header that has arrived is kept in `self`, so
    /// dropping this future between the two parts loses nothing.
    pub async fn next(&mut self) -> Option<String> {
        if self.header.is_none() {
            self.header = Some(self.parts.recv().await?);
        }
        let Some(body) = self.parts.recv().await else {
            // The body never came: the header is still worth passing on.
            return self.header.take();
        };
        let header = self.header.take().expect("set above, and only taken here");
        Some(format!("{header} {body}"))
    }
}

/// Receives whole messages until the channel closes or `shutdown` fires,
/// logging "tick" every `TICK` (the first one `TICK` after the start) and
/// "got <message>" for each message. Checks shutdown first, then messages,
/// then the tick.
pub async fn receive(
    mut messages: Messages,
    mut shutdown: oneshot::Receiver<()>,
    log: &impl Fn(&str),
) -> Vec<String> {
    // Made once, before the loop: an interval keeps its own clock across the
    // turns, where a `sleep(TICK)` branch would start again on every turn.
    let mut ticks = interval_at(Instant::now() + TICK, TICK);
    let mut received = Vec::new();
    loop {
        tokio::select! {
            biased;
            // `_`, not `Ok(())`: a dropped sender (Err) is a shutdown too, and a
            // oneshot must not be polled again once it has completed.
            _ = &mut shutdown => break,
            message = messages.next() => match message {
                Some(message) => {
                    log(&format!("got {message}"));
                    received.push(message);
                }
                None => break,
            },
            _ = ticks.tick() => log("tick"),
        }
    }
    received
}
