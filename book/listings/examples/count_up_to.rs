//! The post's first generator, `count_up_to`, with an iterator Rust has ready:
//! an inclusive range. (The struct behind such an iterator is exercise 1.1.)
//!
//! ```python
//! def count_up_to(max):
//!     count = 1
//!     while count <= max:
//!         yield count
//!         count += 1
//!
//! counter = count_up_to(5)
//! for num in counter:
//!     print(num)  # Output: 1, 2, 3, 4, 5
//! ```
//!
//! Run it with `cargo run -q -p listings --example count_up_to`.

/// A range is an iterator: `1..=max` yields 1, 2, ... up to `max` itself,
/// and nothing runs until something asks it for a value.
fn count_up_to(max: u64) -> std::ops::RangeInclusive<u64> {
    1..=max
}

fn main() {
    let counter = count_up_to(5);
    for num in counter {
        println!("{num}");
    }
}
