//! # Exercise 2.1 — generator expressions
//!
//! A generator expression is a generator written inline. It computes nothing
//! when it is created; `list(...)` pulls every value through it:
//!
//! ```python
//! gen = (x * 2 for x in range(5))
//! print(list(gen))  # Output: [0, 2, 4, 6, 8]
//!
//! odd_doubles = (x * 2 for x in numbers if x % 2 == 1)
//! ```
//!
//! Rust has no expression syntax for this. The same thing is an adaptor chain:
//! `for x in numbers` is the input iterator, `x * 2` is a `map`, `if ...` is a
//! `filter`, and `list(...)` is `collect`. The tests count the values your code
//! pulls from its input, and some inputs never end.
//!
//! **Task:** write the three functions with adaptors, so that nothing is pulled
//! before a consumer asks, and no more than it asks for.
//!
//! Read: `book/src/02-generator-techniques.md`, "Generator expressions".

/// `(x * 2 for x in numbers)`: each number doubled, as the consumer pulls it.
pub fn doubled(numbers: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
    std::iter::from_fn(move || todo!("numbers.map(...)"))
}

/// `(x * 2 for x in numbers if x % 2 == 1)`: the odd numbers, doubled.
pub fn odd_doubled(numbers: impl Iterator<Item = u64>) -> impl Iterator<Item = u64> {
    std::iter::from_fn(move || todo!("numbers.filter(...).map(...)"))
}

/// `list(x * 2 for x in range(n))`: the doubles of 0..n, all collected.
pub fn doubled_list(n: u64) -> Vec<u64> {
    todo!("a range, a map, and collect")
}
