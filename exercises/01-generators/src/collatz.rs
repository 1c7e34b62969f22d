//! # Exercise 1.3 — each value from the one before
//!
//! A generator whose next value depends only on the last one:
//!
//! ```python
//! def collatz(n):
//!     while True:
//!         yield n
//!         if n == 1:
//!             return
//!         n = n // 2 if n % 2 == 0 else 3 * n + 1
//! ```
//!
//! [`std::iter::successors`] is made for this: it yields a first value, then
//! calls a step function on each value to get the next, and stops when the
//! step returns `None`, the way `return` ends a Python generator.
//!
//! **Task:** yield the Collatz sequence from `start` down to 1, inclusive. There
//! is no sequence for 0 (it would loop on 0 for ever): yield nothing. Python's
//! integers never overflow, a `u64` does: when an odd value's `3 * n + 1` does
//! not fit in a `u64`, that value is the last one yielded (the sequence ends
//! there, instead of panicking or wrapping around).
//!
//! Read: `book/src/01-generators.md`, "Each value from the one before".

use std::iter::Successors;

/// The Collatz sequence of `start`: `collatz(6)` yields 6, 3, 10, 5, 16, 8, 4, 2, 1.
///
/// The return type names the iterator: `successors` with a plain function
/// pointer as its step. A closure that captures nothing converts to one.
pub fn collatz(start: u64) -> Successors<u64, fn(&u64) -> Option<u64>> {
    todo!("std::iter::successors(first value, step function)")
}
