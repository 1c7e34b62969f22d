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
//! max`, then `None`, and `None` again on every later call.
//!
//! Read: `book/src/01-generators.md`, "An iterator written by hand".

/// The paused state of `count_up_to(max)`: the number to yield next, and the last.
#[derive(Debug, Clone)]
pub struct CountUpTo {
    next: u64,
    max: u64,
}

/// Creates the generator. Like calling a Python generator function, this runs
/// none of the loop yet: it only sets up the state the first `next` starts from.
pub fn count_up_to(max: u64) -> CountUpTo {
    todo!("return a CountUpTo whose first value will be 1")
}

impl Iterator for CountUpTo {
    type Item = u64;

    /// One trip around the Python loop: yield `self.next` if it is still
    /// `<= self.max` (and move on), or report the end with `None`.
    fn next(&mut self) -> Option<u64> {
        todo!("yield the next number, or None once it passes max")
    }
}
