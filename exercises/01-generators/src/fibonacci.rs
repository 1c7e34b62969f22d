//! # Exercise 1.4 — an infinite sequence
//!
//! Python's favourite infinite generator:
//!
//! ```python
//! def fibonacci():
//!     a, b = 0, 1
//!     while True:
//!         yield a
//!         a, b = b, a + b
//! ```
//!
//! An iterator need not end: the caller decides how much to take, with
//! `take(n)` or `take_while(...)` (Python's `itertools.islice` and
//! `itertools.takewhile`). But Python's integers grow without bound and `u64`
//! does not: F(93) = 12200160415121876738 is the last Fibonacci number that
//! fits. An honest Rust version ends there instead of overflowing.
//!
//! **Task:** add the fields you need to [`Fibonacci`] and implement `next`, so
//! that it yields F(0) = 0, F(1) = 1, 1, 2, 3, 5, … up to F(93), then `None`
//! on every later call. Mind the last two: when F(92) is yielded, the sum
//! after F(93) already does not fit, yet F(93) itself does and is yielded.
//!
//! Read: `book/src/01-generators.md`, "An infinite sequence".

/// The Fibonacci numbers that fit in a `u64`, from 0.
#[derive(Debug, Clone)]
pub struct Fibonacci {
    // Your fields here: what does the Python keep between two `yield`s?
}

/// Starts the sequence at F(0) = 0.
pub fn fibonacci() -> Fibonacci {
    todo!("set up the state for F(0)")
}

impl Iterator for Fibonacci {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        todo!(
            "yield a and move on to (b, a + b); a value that fits is yielded even when a sum after it does not"
        )
    }
}
