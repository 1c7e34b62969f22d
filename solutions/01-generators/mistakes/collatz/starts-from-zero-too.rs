//! Mistake: Any start is fine: `successors(Some(start), ...)` for every number.
//! Expect: collatz(0) must yield nothing
//! Exercise 1.3, solved: the Collatz sequence with `std::iter::successors`.

use std::iter::Successors;

/// The Collatz sequence of `start`, down to 1; nothing for 0.
pub fn collatz(start: u64) -> Successors<u64, fn(&u64) -> Option<u64>> {
    std::iter::successors(Some(start), |&n| match n {
        1 => None,
        even if even % 2 == 0 => Some(even / 2),
        odd => Some(3 * odd + 1),
    })
}
