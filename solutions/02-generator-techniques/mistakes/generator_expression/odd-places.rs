//! Mistake: In 0, 1, 2, 3, … the odd numbers sit at every second place, so `step_by(2)` finds them without testing each.
//! Expect: A generator expression tests and maps each input value
//! Exercise 2.1, solved: generator expressions as adaptor chains.

/// `(x * 2 for x in numbers)`: each number doubled, as the consumer pulls it.
pub fn doubled(numbers: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
    numbers.map(|x| x * 2)
}

/// `(x * 2 for x in numbers if x % 2 == 1)`: the odd numbers, doubled.
pub fn odd_doubled(numbers: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
    numbers.skip(1).step_by(2).map(|x| x * 2)
}

/// `list(x * 2 for x in range(n))`: the doubles of 0..n, all collected.
pub fn doubled_list(n: u64) -> Vec<u64> {
    (0..n).map(|x| x * 2).collect()
}
