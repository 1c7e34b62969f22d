//! The post's generator expression, as an adaptor chain.
//!
//! ```python
//! gen = (x * 2 for x in range(5))
//! print(list(gen))  # Output: [0, 2, 4, 6, 8]
//! ```
//!
//! Run it with `cargo run -q -p listings --example generator_expression`.

fn main() {
    // `gen` is a reserved word in Rust 2024 (for the generators to come).
    let doubles = (0..5).map(|x| x * 2);
    // `collect` is `list(...)`: it pulls every value through the chain.
    let list: Vec<u32> = doubles.collect();
    println!("{list:?}");
}
