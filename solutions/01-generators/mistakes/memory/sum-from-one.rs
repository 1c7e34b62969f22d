//! Mistake: The sum can run over 1..=n: 0² adds nothing anyway.
//! Expect: 0 + 1 + 4 + 9 = 14
//! Exercise 1.6, solved: a list against a lazy sum.

/// The squares of `0..n`, all in memory.
pub fn squares_list(n: u64) -> Vec<u128> {
    (0..n).map(|x| u128::from(x) * u128::from(x)).collect()
}

/// The sum of the squares of `0..n`, one at a time.
pub fn sum_of_squares(n: u64) -> u128 {
    (1..=n).map(|x| u128::from(x) * u128::from(x)).sum()
}
