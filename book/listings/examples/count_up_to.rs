//! The post's first generator, `count_up_to`, as a Rust iterator.
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

/// What the paused generator remembers: its local variables.
struct CountUpTo {
    count: u64,
    max: u64,
}

/// Calling the "generator function" only creates the state; no loop runs yet.
fn count_up_to(max: u64) -> CountUpTo {
    CountUpTo { count: 1, max }
}

impl Iterator for CountUpTo {
    type Item = u64;

    /// One resumption: run until the next `yield`, or report the end.
    fn next(&mut self) -> Option<u64> {
        if self.count > self.max {
            return None;
        }
        let value = self.count;
        self.count += 1;
        Some(value)
    }
}

fn main() {
    let counter = count_up_to(5);
    for num in counter {
        println!("{num}");
    }
}
