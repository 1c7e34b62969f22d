//! # Exercise 1.6 — constant memory
//!
//! The first advantage the post lists for generators: they hold the current
//! value only, never the whole sequence. Compare a list comprehension with a
//! generator expression:
//!
//! ```python
//! squares = [x * x for x in range(n)]   # n values in memory at once
//! total = sum(x * x for x in range(n))  # one value at a time
//! ```
//!
//! The tests install a global allocator that counts every byte your code asks
//! for, then sum ten million squares.
//!
//! **Task:** write the list version and the lazy version. The lazy one must not
//! allocate at all; the list one, by nature, allocates for every item.
//!
//! Read: `book/src/01-generators.md`, "Constant memory".

/// The squares of `0..n`, all in memory: Python's `[x * x for x in range(n)]`.
pub fn squares_list(n: u64) -> Vec<u128> {
    todo!("map each x to x * x as u128 and collect")
}

/// The sum of the squares of `0..n`, one at a time: `sum(x * x for x in range(n))`.
///
/// `u128`, because the sum for ten million is about 3.3 × 10²⁰, past `u64::MAX`.
pub fn sum_of_squares(n: u64) -> u128 {
    todo!("map each x to x * x as u128 and sum, without collecting")
}
