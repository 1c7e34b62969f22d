//! Mistake: The closure goes on while count < max + 1, like the range(1, max + 1) of Python.
//! Expect: `max + 1` does not fit in a u64
//! Exercise 1.2, solved: `count_up_to` with `std::iter::from_fn`.

/// Counts from 1 up to `max`, with the loop's state captured by a closure.
pub fn count_up_to(max: u64) -> impl Iterator<Item = u64> {
    let mut count = 1;
    std::iter::from_fn(move || {
        if count >= max + 1 {
            return None;
        }
        count += 1;
        Some(count - 1)
    })
}
