//! Mistake: Every second number is even, so `step_by(2)` picks the even ones without testing each.
//! Expect: Test each number for evenness (not its place)
//! Exercise 1.5, solved: lazy adaptors.

use std::iter::Map;

/// The square of every number, computed as the consumer pulls it.
pub fn squares<I: Iterator<Item = u64>>(numbers: I) -> Map<I, fn(u64) -> u64> {
    numbers.map(|x| x * x)
}

/// The squares of the first `n` even numbers of `numbers`, which may never end.
pub fn first_even_squares(numbers: impl Iterator<Item = u64>, n: usize) -> Vec<u64> {
    numbers.skip(1).step_by(2).map(|x| x * x).take(n).collect()
}
