//! Mistake: The input never ends, so the loop can take the next number without checking.
//! Expect: your code panicked
//! Exercise 1.5, solved: lazy adaptors.

use std::iter::Map;

/// The square of every number, computed as the consumer pulls it.
pub fn squares<I: Iterator<Item = u64>>(numbers: I) -> Map<I, fn(u64) -> u64> {
    numbers.map(|x| x * x)
}

/// The squares of the first `n` even numbers of `numbers`, which may never end.
pub fn first_even_squares(numbers: impl Iterator<Item = u64>, n: usize) -> Vec<u64> {
    let mut numbers = numbers;
    let mut found = Vec::new();
    while found.len() < n {
        let x = numbers.next().expect("the input never ends");
        if x % 2 == 0 {
            found.push(x * x);
        }
    }
    found
}
