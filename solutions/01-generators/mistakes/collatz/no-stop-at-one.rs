//! Mistake: `successors` ends the sequence by itself once it reaches 1.
//! Expect: collatz(1) must yield 1 and stop
//! Exercise 1.3, solved: the Collatz sequence with `std::iter::successors`.

use std::iter::Successors;

/// The Collatz sequence of `start`, down to 1; nothing for 0.
pub fn collatz(start: u64) -> Successors<u64, fn(&u64) -> Option<u64>> {
    std::iter::successors((start > 0).then_some(start), |&n| match n {
        even if even % 2 == 0 => Some(even / 2),
        odd => Some(3 * odd + 1),
    })
}
