//! Mistake: Reading from a, then from b, then from a again takes every value in the order it arrived.
//! Expect: every value in the order it arrived
//! Exercise 4.13, solved: `select!` branches switched off by `, if` guards,
//! and an `else` branch for when none is left.

use tokio::sync::mpsc;
use tokio::time::{Duration, sleep};

/// Every value of both channels, in the order they arrived, once both are closed.
pub async fn drain_both<T>(mut a: mpsc::Receiver<T>, mut b: mpsc::Receiver<T>) -> Vec<T> {
    let mut out = Vec::new();
    // A closed channel answers `None` at once, every time: without these
    // guards the loop would ask it again and again without ever waiting.
    let (mut a_open, mut b_open) = (true, true);
    while a_open || b_open {
        if a_open {
            match a.recv().await {
                Some(value) => out.push(value),
                None => a_open = false,
            }
        }
        if b_open {
            match b.recv().await {
                Some(value) => out.push(value),
                None => b_open = false,
            }
        }
    }
    out
}

/// The values received before the channel closed or the deadline passed.
pub async fn collect_until<T>(mut rx: mpsc::Receiver<T>, deadline: Option<Duration>) -> Vec<T> {
    let mut out = Vec::new();
    // One timer for the whole call, made before the loop: a `sleep` created
    // inside it would start again with every value. With no deadline it is
    // never polled, because its branch is switched off.
    let timer = sleep(deadline.unwrap_or_default());
    tokio::pin!(timer);
    loop {
        tokio::select! {
            value = rx.recv() => match value {
                Some(value) => out.push(value),
                None => return out,
            },
            () = &mut timer, if deadline.is_some() => return out,
        }
    }
}
