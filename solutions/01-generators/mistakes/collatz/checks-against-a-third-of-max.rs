//! Mistake: 3n + 1 fits in a u64 as long as n is at most u64::MAX / 3.
//! Expect: ending after a value whose 3n + 1 does not fit in a u64
//! Exercise 1.3, solved: the Collatz sequence with `std::iter::successors`.

use std::iter::Successors;

/// The Collatz sequence of `start`, down to 1; nothing for 0.
pub fn collatz(start: u64) -> Successors<u64, fn(&u64) -> Option<u64>> {
    // 0 starts from None: it would halve to 0 for ever. Returning None at 1
    // ends the sequence just after 1, as the Python's `return` does. Past a
    // third of u64::MAX, tripling overflows: the sequence ends there.
    std::iter::successors((start > 0).then_some(start), |&n| match n {
        1 => None,
        even if even % 2 == 0 => Some(even / 2),
        odd if odd > u64::MAX / 3 => None,
        odd => Some(3 * odd + 1),
    })
}
