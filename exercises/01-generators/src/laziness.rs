//! # Exercise 1.5 — nothing runs until you ask
//!
//! A Python generator expression does no work when it is created; each value is
//! computed when the consumer asks for it, and no sooner:
//!
//! ```python
//! def first_even_squares(numbers, n):
//!     squares = (x * x for x in numbers if x % 2 == 0)
//!     return list(itertools.islice(squares, n))
//! ```
//!
//! Rust's iterator adaptors (`map`, `filter`, `take`, …) are the same: building a
//! chain only wraps one iterator in another. The tests count how many numbers
//! your code pulls from its input, and feed it an endless one.
//!
//! **Task:** implement both functions with adaptors, pulling no more input than
//! the answer needs.
//!
//! Read: `book/src/01-generators.md`, "Nothing runs until you ask".

use std::iter::Map;

/// The square of every number, computed as the consumer pulls it.
///
/// The return type shows what an adaptor is: a struct that holds the iterator
/// it wraps and the function to apply. Creating it runs nothing.
pub fn squares<I: Iterator<Item = u64>>(numbers: I) -> Map<I, fn(u64) -> u64> {
    todo!("numbers.map(...) with a function that squares")
}

/// The squares of the first `n` even numbers of `numbers`, which may never end.
pub fn first_even_squares(numbers: impl Iterator<Item = u64>, n: usize) -> Vec<u64> {
    todo!("filter the even numbers, square them, take n, collect")
}
