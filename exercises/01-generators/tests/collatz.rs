//! Exercise 1.3: the Collatz sequence with `std::iter::successors`.

use generators::collatz::collatz;
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;

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
        "the highest point of collatz(27) is 9232; yours was {:?}",
        values.iter().max()
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

/// At most this many values are taken: every start below 2⁶⁴ whose sequence
/// is known reaches 1 in far fewer steps.
const LONGEST: usize = 3_000;

/// The Python generator with Python's integers, except that it ends after a
/// value whose `3n + 1` would not fit in a u64: at most `LONGEST` values.
fn model(start: u64) -> Vec<u64> {
    let mut values = Vec::new();
    let mut n = u128::from(start);
    while n != 0 && values.len() < LONGEST {
        values.push(n as u64);
        if n == 1 {
            break;
        }
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        if n > u128::from(u64::MAX) {
            break;
        }
    }
    values
}

/// What the learner's `collatz(start)` yields (at most `LONGEST` values), or its panic.
fn yielded(start: u64) -> Result<Vec<u64>, String> {
    let mut values = Vec::new();
    quietly(|| values.extend(collatz(start).take(LONGEST)))
        .map_err(|panic| format!("{}, then {panic}", summary(&values)))?;
    Ok(values)
}

/// The largest odd number whose `3n + 1` still fits in a u64.
const LAST_ODD_THAT_FITS: u64 = 6_148_914_691_236_517_203;

#[test]
fn a_value_whose_next_does_not_fit_is_the_last() {
    let got = yielded(u64::MAX);
    assert!(
        got == Ok(vec![u64::MAX]),
        "collatz(u64::MAX): u64::MAX is odd, and 3n + 1 does not fit in a u64, so the \
         sequence must end after its first value, [u64::MAX], instead of overflowing \
         (a panic in a debug build) or wrapping around; yours yielded {}.\nChecked \
         arithmetic (`checked_mul`, `checked_add`) gives None where the value does not fit",
        got.map_or_else(|panic| panic, |values| summary(&values))
    );
    let below = yielded(LAST_ODD_THAT_FITS).map(|values| values.get(..2).map(<[u64]>::to_vec));
    assert_eq!(
        below,
        Ok(Some(vec![LAST_ODD_THAT_FITS, 3 * LAST_ODD_THAT_FITS + 1])),
        "collatz({LAST_ODD_THAT_FITS}) must go on to 3n + 1 = {}, which still fits in a u64",
        3 * LAST_ODD_THAT_FITS + 1
    );
}

#[test]
fn any_start_gives_the_python_sequence() {
    let start = prop_oneof![
        Just(0),
        Just(1),
        Just(2),
        Just(u64::MAX),
        Just(u64::MAX - 1),
        Just(LAST_ODD_THAT_FITS),
        Just(LAST_ODD_THAT_FITS + 2),
        0_u64..1_000,
        any::<u64>(),
    ];
    for_all(64, start, |&start| {
        let expected = model(start);
        match yielded(start) {
            Ok(got) if got == expected => Ok(()),
            got => {
                let got = got.map_or_else(|panic| panic, |got| summary(&got));
                Err(format!(
                    "collatz({start}) must yield {} (down to 1; nothing for 0; ending after \
                     a value whose 3n + 1 does not fit in a u64);\nyours yielded {got}",
                    summary(&expected)
                ))
            }
        }
    });
}

/// A sequence in one short line: its length, and its first and last values.
fn summary(values: &[u64]) -> String {
    match values {
        [] | [_] | [_, _] | [_, _, _] | [_, _, _, _] => format!("{values:?}"),
        [a, b, .., y, z] => format!("{} values: [{a}, {b}, …, {y}, {z}]", values.len()),
    }
}
