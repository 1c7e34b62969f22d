//! Exercise 1.3, solved: the Collatz sequence with `std::iter::successors`.

use std::iter::Successors;

/// The Collatz sequence of `start`, down to 1; nothing for 0.
pub fn collatz(start: u64) -> Successors<u64, fn(&u64) -> Option<u64>> {
    // 0 starts from None: it would halve to 0 for ever. Returning None at 1
    // ends the sequence just after 1, as the Python's `return` does. Checked
    // arithmetic: past u64::MAX / 3 an odd value has no next value in a u64,
    // and `?` ends the sequence there instead of overflowing.
    std::iter::successors((start > 0).then_some(start), |&n| match n {
        1 => None,
        even if even % 2 == 0 => Some(even / 2),
        odd => odd.checked_mul(3)?.checked_add(1),
    })
}
