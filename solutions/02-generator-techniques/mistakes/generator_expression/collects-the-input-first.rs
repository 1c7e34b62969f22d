//! Mistake: Doubling needs the whole input at hand, so collect it, then map over it.
//! Expect: your code pulled more than
//! Exercise 2.1, solved: generator expressions as adaptor chains.

/// `(x * 2 for x in numbers)`: each number doubled, as the consumer pulls it.
pub fn doubled(numbers: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
    numbers.collect::<Vec<_>>().into_iter().map(|x| x * 2)
}

/// `(x * 2 for x in numbers if x % 2 == 1)`: the odd numbers, doubled.
pub fn odd_doubled(numbers: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
    numbers.filter(|x| x % 2 == 1).map(|x| x * 2)
}

/// `list(x * 2 for x in range(n))`: the doubles of 0..n, all collected.
pub fn doubled_list(n: u64) -> Vec<u64> {
    (0..n).map(|x| x * 2).collect()
}
