//! Mistake: Each call of the closure can start from its own copy of count.
//! Expect: count_up_to(5) must yield 1, 2, 3, 4, 5
//! Exercise 1.2, solved: `count_up_to` with `std::iter::from_fn`.

/// Counts from 1 up to `max`, with the loop's state captured by a closure.
pub fn count_up_to(max: u64) -> impl Iterator<Item = u64> {
    let mut count = 1;
    std::iter::from_fn(move || {
        let mut count = count;
        if count > max {
            return None;
        }
        count += 1;
        Some(count - 1)
    })
}
