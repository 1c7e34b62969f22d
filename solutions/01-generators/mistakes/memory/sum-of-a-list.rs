//! Mistake: Summing the list is the same as summing lazily, once the compiler optimises.
//! Expect: Did you collect into a Vec before summing?
//! Exercise 1.6, solved: a list against a lazy sum.

/// The squares of `0..n`, all in memory.
pub fn squares_list(n: u64) -> Vec<u128> {
    (0..n).map(|x| u128::from(x) * u128::from(x)).collect()
}

/// The sum of the squares of `0..n`, one at a time.
pub fn sum_of_squares(n: u64) -> u128 {
    squares_list(n).into_iter().sum()
}
