//! Mistake: Half the numbers are even, so the first 2n numbers hold the n even ones.
//! Expect: Test each number for evenness (not its place)
//! Exercise 1.5, solved: lazy adaptors.

use std::iter::Map;

/// The square of every number, computed as the consumer pulls it.
pub fn squares<I: Iterator<Item = u64>>(numbers: I) -> Map<I, fn(u64) -> u64> {
    numbers.map(|x| x * x)
}

/// The squares of the first `n` even numbers of `numbers`, which may never end.
pub fn first_even_squares(numbers: impl Iterator<Item = u64>, n: usize) -> Vec<u64> {
    numbers.take(2 * n).filter(|x| x % 2 == 0).map(|x| x * x).collect()
}
