//! Exercise 1.3: the Collatz sequence with `std::iter::successors`.

use generators::collatz::collatz;

/// Takes at most `limit` values, so that a sequence that never ends fails the
/// test instead of hanging it.
fn first(start: u64, limit: usize) -> Vec<u64> {
    collatz(start).take(limit).collect()
}

#[test]
fn one_is_the_whole_sequence_of_one() {
    assert_eq!(
        first(1, 10),
        vec![1],
        "collatz(1) must yield 1 and stop: the step function returns None at 1, \
         which is how `successors` ends, like `return` in the Python"
    );
}

#[test]
fn ends_at_one() {
    let values = first(27, 1_000);
    assert_eq!(
        values.len(),
        112,
        "collatz(27) has 112 values, 27 to 1 in 111 steps; got {} values ending in {:?}. \
         Does the step function return None once the value is 1?",
        values.len(),
        values.last()
    );
    assert_eq!(
        values.iter().max(),
        Some(&9232),
        "the highest point of collatz(27) is 9232"
    );
}

#[test]
fn zero_yields_nothing() {
    assert_eq!(
        first(0, 10),
        Vec::<u64>::new(),
        "collatz(0) must yield nothing (0 would halve to 0 for ever): \
         start `successors` from None"
    );
}

#[test]
fn the_sequence_of_six() {
    let line = first(6, 100)
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    insta::assert_snapshot!("collatz_6", line);
}
