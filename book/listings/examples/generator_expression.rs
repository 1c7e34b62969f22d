//! The post's generator expression, as an adaptor chain.
//!
//! ```python
//! gen = (x * 2 for x in range(5))
//! print(list(gen))  # Output: [0, 2, 4, 6, 8]
//! ```
//!
//! Run it with `cargo run -q -p listings --example generator_expression`.

/// `(x * 2 for x in range(n))`: returns the chain, which has computed nothing
/// yet. (`gen` is a reserved word in Rust 2024, kept for generators to come.)
fn doubles(n: u32) -> impl Iterator<Item = u32> {
    (0..n).map(|x| x * 2)
}

fn main() {
    let chain = doubles(5);
    // `collect` is `list(...)`: it pulls every value through the chain.
    let list: Vec<u32> = chain.collect();
    println!("{list:?}");
}
