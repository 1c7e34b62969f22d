//! # Exercise 1.2 — a generator from a closure
//!
//! The same Python generator as in exercise 1.1:
//!
//! ```python
//! def count_up_to(max):
//!     count = 1
//!     while count <= max:
//!         yield count
//!         count += 1
//! ```
//!
//! This time, no struct: [`std::iter::from_fn`] turns a closure into an
//! iterator, calling it once for each `next`. A `move` closure owns the
//! variables it captures, so they live on between calls, exactly like a
//! paused generator's local variables.
//!
//! **Task:** finish the closure so that the iterator yields `1, 2, …, max`, then
//! `None` for good.
//!
//! Read: `book/src/01-generators.md`, "A generator from a closure".

/// Counts from 1 up to `max`, with the loop's state captured by a closure.
pub fn count_up_to(max: u64) -> impl Iterator<Item = u64> {
    let mut count = 1;
    std::iter::from_fn(move || todo!("yield count and bump it while count <= max, then None"))
}
