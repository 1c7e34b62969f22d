//! Mistake: The step stops when the NEXT value would be 1, so 1 is never computed twice.
//! Expect: collatz(1) must yield 1 and stop
//! Exercise 1.3, solved: the Collatz sequence with `std::iter::successors`.

use std::iter::Successors;

/// The Collatz sequence of `start`, down to 1; nothing for 0.
pub fn collatz(start: u64) -> Successors<u64, fn(&u64) -> Option<u64>> {
    std::iter::successors((start > 0).then_some(start), |&n| {
        let next = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        (next != 1).then_some(next)
    })
}
