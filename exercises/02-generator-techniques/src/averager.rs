//! # Exercise 2.5 — a running average
//!
//! A coroutine that keeps state between `send`s, and answers each one:
//!
//! ```python
//! def averager():
//!     total, count, average = 0.0, 0, None
//!     while True:
//!         value = yield average
//!         total += value
//!         count += 1
//!         average = total / count
//!
//! avg = averager()
//! next(avg)              # runs to the first yield, which yields None
//! print(avg.send(10.0))  # 10.0
//! print(avg.send(30.0))  # 20.0
//! ```
//!
//! `value = yield average` both answers the last `send` and waits for the next
//! one. As a Rust method that is simply `send(&mut self, value) -> f64`: the
//! argument comes in, the answer goes out. Like the Python, the coroutine keeps
//! a total and a count, not the values: it can average a million numbers
//! without holding them.
//!
//! **Task:** write [`averager`], [`Averager::send`] and [`Averager::average`].
//!
//! Read: `book/src/02-generator-techniques.md`, "A running average".

/// The paused state of `averager()`.
#[derive(Debug, Clone)]
pub struct Averager {
    total: f64,
    count: u64,
}

/// Creates the coroutine, with nothing averaged yet.
pub fn averager() -> Averager {
    todo!("start from a total and a count of zero")
}

impl Averager {
    /// `avg.send(value)`: adds `value`, and returns the average of every value
    /// sent so far.
    pub fn send(&mut self, value: f64) -> f64 {
        todo!("update the total and the count, return their quotient")
    }

    /// The average so far: `None` before the first value, as the Python's
    /// first `yield average` gives `None`.
    pub fn average(&self) -> Option<f64> {
        todo!("None when nothing was sent yet")
    }
}
