//! Mistake: Every answer of poll_next, the end included, comes after a period.
//! Expect: poll_next answers None straight away
//! Exercise 5.5, solved: a `Stream` written by hand.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures::Stream;
use tokio::time::{Duration, Sleep, sleep};

/// Counts down from `from` to 1, each number `period` after it was asked for.
#[derive(Debug)]
pub struct Countdown {
    next: u64,
    period: Duration,
    /// The wait for the number asked for, once someone has asked.
    wait: Option<Pin<Box<Sleep>>>,
}

/// A countdown that has not started: no timer runs until it is polled.
pub fn countdown(from: u64, period: Duration) -> Countdown {
    Countdown {
        next: from,
        period,
        wait: None,
    }
}

impl Stream for Countdown {
    type Item = u64;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        let period = self.period;
        // The Sleep is made at the first poll that asks for this number (not
        // in `countdown`), and kept in `self` so later polls continue it.
        let wait = self.wait.get_or_insert_with(|| Box::pin(sleep(period)));
        // Polling the Sleep registers our waker: Pending is returned only
        // once someone has promised to wake us.
        ready!(wait.as_mut().poll(cx));
        self.wait = None;
        if self.next == 0 {
            return Poll::Ready(None);
        }
        self.next -= 1;
        Poll::Ready(Some(self.next + 1))
    }
}
