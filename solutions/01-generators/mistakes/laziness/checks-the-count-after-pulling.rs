//! Mistake: A loop that pulls a number, then checks whether it has enough, is as lazy as `take`.
//! Expect: asking for 0 values must pull nothing at all
//! Exercise 1.5, solved: lazy adaptors.

use std::iter::Map;

/// The square of every number, computed as the consumer pulls it.
pub fn squares<I: Iterator<Item = u64>>(numbers: I) -> Map<I, fn(u64) -> u64> {
    numbers.map(|x| x * x)
}

/// The squares of the first `n` even numbers of `numbers`, which may never end.
pub fn first_even_squares(numbers: impl Iterator<Item = u64>, n: usize) -> Vec<u64> {
    let mut found = Vec::new();
    for x in numbers {
        if x % 2 == 0 {
            found.push(x * x);
        }
        if found.len() == n {
            break;
        }
    }
    found
}
