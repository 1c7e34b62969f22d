//! # Exercise 1.1 — an iterator written by hand
//!
//! The Python generator:
//!
//! ```python
//! def count_up_to(max):
//!     count = 1
//!     while count <= max:
//!         yield count
//!         count += 1
//! ```
//!
//! Stable Rust has no `yield`. What a generator keeps while it is paused — its
//! local variables and where it stopped — becomes the fields of a struct, and
//! each resumption becomes one call to [`Iterator::next`].
//!
//! **Task:** make [`count_up_to`] return a [`CountUpTo`] that yields `1, 2, …,
//! max`, then `None`, and `None` again on every later call. [`count_from`] is
//! the same loop from another first number (Python's `count = start`): it lets
//! the tests start near the end of what a `u64` holds. Any `max` is allowed,
//! `u64::MAX` included: the count then ends after `u64::MAX`, without
//! overflowing (Python's integers never overflow; a `u64` does).
//!
//! Read: `book/src/01-generators.md`, "An iterator written by hand".

/// The paused state of `count_up_to(max)`: the number to yield next, and the last.
#[derive(Debug, Clone)]
pub struct CountUpTo {
    /// The number to yield next, if there is one: no `u64` comes after `u64::MAX`.
    next: Option<u64>,
    /// The last number to yield.
    max: u64,
}

/// Creates the generator. Like calling a Python generator function, this runs
/// none of the loop yet: it only sets up the state the first `next` starts from.
pub fn count_up_to(max: u64) -> CountUpTo {
    todo!("return a CountUpTo whose first value will be 1")
}

/// `count_up_to` from `start` instead of 1: yields `start, start + 1, …, max`,
/// or nothing when `start > max`.
pub fn count_from(start: u64, max: u64) -> CountUpTo {
    todo!("return a CountUpTo whose first value will be start")
}

impl Iterator for CountUpTo {
    type Item = u64;

    /// One trip around the Python loop: if there is a number to yield and it
    /// is still `<= self.max`, keep it, move `self.next` on to the number
    /// after it, and yield the kept one; otherwise report the end with `None`.
    fn next(&mut self) -> Option<u64> {
        todo!("yield the next number, or None once there is none left up to max")
    }
}
