//! The post's `itertools.chain` of two generators, with `Iterator::chain`.
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
//! Run it with `cargo run -q -p listings --example chaining`.

/// Two `yield`s in a row: the simplest way is an array's iterator.
fn generator_one() -> impl Iterator<Item = u32> {
    [1, 2].into_iter()
}

fn generator_two() -> impl Iterator<Item = u32> {
    [3, 4].into_iter()
}

fn main() {
    let chained = generator_one().chain(generator_two());
    for item in chained {
        println!("{item}");
    }
}
