//! Exercise 1.2, solved: `count_up_to` with `std::iter::from_fn`.

/// Counts from 1 up to `max`, with the loop's state captured by a closure.
pub fn count_up_to(max: u64) -> impl Iterator<Item = u64> {
    let mut count = 1;
    // `move`: the closure owns `count`, so what one call does to it is still
    // there at the next call (a copy taken inside a call would start over).
    std::iter::from_fn(move || {
        if count > max {
            return None;
        }
        count += 1;
        Some(count - 1)
    })
}
