//! Mistake: range(n) runs from 0 to n - 1 inclusive, so the list is `0..=n - 1`.
//! Expect: squares_list(0): your code panicked
//! Exercise 1.6, solved: a list against a lazy sum.

/// The squares of `0..n`, all in memory.
pub fn squares_list(n: u64) -> Vec<u128> {
    (0..=n - 1).map(|x| u128::from(x) * u128::from(x)).collect()
}

/// The sum of the squares of `0..n`, one at a time.
pub fn sum_of_squares(n: u64) -> u128 {
    (0..n).map(|x| u128::from(x) * u128::from(x)).sum()
}
