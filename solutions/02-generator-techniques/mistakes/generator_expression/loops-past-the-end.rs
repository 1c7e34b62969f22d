//! Mistake: The closure can loop until it meets an odd number: there is always one more.
//! Expect: times after it had answered None
//! Exercise 2.1, solved: generator expressions as adaptor chains.

/// `(x * 2 for x in numbers)`: each number doubled, as the consumer pulls it.
pub fn doubled(numbers: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
    numbers.map(|x| x * 2)
}

/// `(x * 2 for x in numbers if x % 2 == 1)`: the odd numbers, doubled.
pub fn odd_doubled(numbers: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
    let mut numbers = numbers;
    std::iter::from_fn(move || {
        loop {
            match numbers.next() {
                Some(x) if x % 2 == 1 => return Some(x * 2),
                _ => continue,
            }
        }
    })
}

/// `list(x * 2 for x in range(n))`: the doubles of 0..n, all collected.
pub fn doubled_list(n: u64) -> Vec<u64> {
    (0..n).map(|x| x * 2).collect()
}
