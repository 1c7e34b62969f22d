//! Mistake: A fresh Sleep on each poll is fine: it is the same period every time.
//! Expect: the countdown never ended, though a value is due every 100 ms
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
        if self.next == 0 {
            return Poll::Ready(None);
        }
        let period = self.period;
        let mut wait = Box::pin(sleep(period));
        ready!(wait.as_mut().poll(cx));
        self.next -= 1;
        Poll::Ready(Some(self.next + 1))
    }
}
