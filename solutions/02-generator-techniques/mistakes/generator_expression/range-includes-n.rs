//! Mistake: `range(n)` goes up to n, so `0..=n`.
//! Expect: list(x * 2 for x in range(5)) is [0, 2, 4, 6, 8]
//! Exercise 2.1, solved: generator expressions as adaptor chains.

/// `(x * 2 for x in numbers)`: each number doubled, as the consumer pulls it.
pub fn doubled(numbers: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
    numbers.map(|x| x * 2)
}

/// `(x * 2 for x in numbers if x % 2 == 1)`: the odd numbers, doubled.
pub fn odd_doubled(numbers: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
    numbers.filter(|x| x % 2 == 1).map(|x| x * 2)
}

/// `list(x * 2 for x in range(n))`: the doubles of 0..n, all collected.
pub fn doubled_list(n: u64) -> Vec<u64> {
    (0..=n).map(|x| x * 2).collect()
}
