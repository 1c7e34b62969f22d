//! Mistake: Collect the even squares first, then keep the first n of them.
//! Expect: your code pulled more than
//! Exercise 1.5, solved: lazy adaptors.

use std::iter::Map;

/// The square of every number, computed as the consumer pulls it.
pub fn squares<I: Iterator<Item = u64>>(numbers: I) -> Map<I, fn(u64) -> u64> {
    numbers.map(|x| x * x)
}

/// The squares of the first `n` even numbers of `numbers`, which may never end.
pub fn first_even_squares(numbers: impl Iterator<Item = u64>, n: usize) -> Vec<u64> {
    numbers
        .filter(|x| x % 2 == 0)
        .map(|x| x * x)
        .collect::<Vec<_>>()
        .into_iter()
        .take(n)
        .collect()
}
