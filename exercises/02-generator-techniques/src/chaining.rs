//! # Exercise 2.2 — chaining generators
//!
//! The post joins two generators end to end with `itertools.chain`:
//!
//! ```python
//! import itertools
//!
//! def generator_one():
//!     yield 1
//!     yield 2
//!
//! def generator_two():
//!     yield 3
//!     yield 4
//!
//! chained = itertools.chain(generator_one(), generator_two())
//! for item in chained:
//!     print(item)  # Output: 1, 2, 3, 4
//! ```
//!
//! In Rust, `a.chain(b)` is the same adaptor, and `flatten` is
//! `itertools.chain.from_iterable`: it chains any number of iterators, even an
//! endless list of them. Taking turns between two iterators, Python's
//! `roundrobin` recipe, is not built in; you will write it.
//!
//! **Task:** write the two generators and the three ways to combine
//! iterators. Pull lazily: creating a combination pulls nothing (not even an
//! iterator from `chain_all`'s list), an iterator further on is not touched
//! until it is its turn, and an iterator that has ended is never asked again,
//! even when your iterator is asked again after its own end (it then keeps
//! answering `None`).
//!
//! Read: `book/src/02-generator-techniques.md`, "Chaining generators".

/// `generator_one()`: yields 1, then 2.
pub fn generator_one() -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || todo!("yield 1, then 2"))
}

/// `generator_two()`: yields 3, then 4.
pub fn generator_two() -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || todo!("yield 3, then 4"))
}

/// `itertools.chain(generator_one(), generator_two())`.
pub fn chained() -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || todo!("chain the two generators"))
}

/// `itertools.chain.from_iterable(iterators)`: every value of the first
/// iterator, then every value of the second, and so on.
pub fn chain_all<I, J>(iterators: I) -> impl Iterator<Item = J::Item>
where
    I: IntoIterator<Item = J>,
    J: IntoIterator,
{
    std::iter::from_fn(move || todo!("one adaptor flattens an iterator of iterators"))
}

/// Takes turns: a value of `a`, a value of `b`, a value of `a`, … When one of
/// them ends, the rest of the other follows.
pub fn interleave<A, B>(a: A, b: B) -> impl Iterator<Item = A::Item>
where
    A: IntoIterator,
    B: IntoIterator<Item = A::Item>,
{
    std::iter::from_fn(move || todo!("keep whose turn it is; skip an iterator that has ended"))
}
