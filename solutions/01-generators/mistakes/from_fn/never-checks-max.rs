//! Mistake: `from_fn` stops by itself after max values.
//! Expect: count_up_to(0) must yield nothing
//! Exercise 1.2, solved: `count_up_to` with `std::iter::from_fn`.

/// Counts from 1 up to `max`, with the loop's state captured by a closure.
pub fn count_up_to(max: u64) -> impl Iterator<Item = u64> {
    let mut count = 1;
    std::iter::from_fn(move || {
        let _ = max;
        count += 1;
        Some(count - 1)
    })
}
