//! Exercise 1.4: an infinite Fibonacci sequence, and where `u64` makes it end.

use generators::fibonacci::fibonacci;
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;

/// F(93): the last Fibonacci number below `u64::MAX`.
const LAST_THAT_FITS: u64 = 12_200_160_415_121_876_738;

#[test]
fn take_while_stops_an_endless_sequence() {
    let below_100: Vec<u64> = fibonacci().take(50).take_while(|&f| f < 100).collect();
    assert_eq!(
        below_100,
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89],
        "take_while(|&f| f < 100) must give the Fibonacci numbers below 100, from F(0) = 0"
    );
}

#[test]
fn goes_far_without_storing_anything() {
    assert_eq!(
        fibonacci().nth(90),
        Some(2_880_067_194_370_816_120),
        "F(90) is 2880067194370816120: each value comes from the two before it, \
         and only those two need to be kept"
    );
}

/// F(0) to F(93), computed in u128 where nothing overflows.
fn model() -> Vec<u64> {
    let (mut a, mut b) = (0_u128, 1_u128);
    let mut values = Vec::new();
    while a <= u128::from(u64::MAX) {
        values.push(a as u64);
        (a, b) = (b, a + b);
    }
    values
}

/// What a sequence shows, compared with F(0) to F(93): said only when the
/// values show it.
fn what_it_shows(values: &[u64], expected: &[u64]) -> String {
    let same = values
        .iter()
        .zip(expected)
        .take_while(|(v, e)| v == e)
        .count();
    if same < values.len().min(expected.len()) {
        return format!(
            "Value {same} is {}, where F({same}) = {}.",
            values[same], expected[same]
        );
    }
    match values.len() {
        n if n < expected.len() => format!(
            "Yours stopped after F({}) = {}, {} value(s) early: F({n}) = {} still fits in a \
             u64. Only the sum after F(93) does not fit: yield each value that fits, even \
             when a sum after it can no longer be computed.",
            n.wrapping_sub(1),
            values.last().map_or("nothing".to_owned(), u64::to_string),
            expected.len() - n,
            expected[n]
        ),
        n if n > expected.len() => format!(
            "After F(93) yours yielded {:?}: F(94) does not fit in a u64, so there is \
             nothing more to yield; a sum that would overflow ends the sequence (checked_add \
             says None) instead of wrapping around.",
            &values[expected.len()..n.min(expected.len() + 3)]
        ),
        _ => String::new(),
    }
}

#[test]
fn ends_with_the_last_value_that_fits_in_a_u64() {
    // `take(200)` keeps a sequence that never ends from hanging the test.
    let mut sequence = fibonacci();
    let mut values = Vec::new();
    let panic = quietly(|| values.extend(sequence.by_ref().take(200))).err();
    let expected = model();
    assert!(
        panic.is_none() && values == expected,
        "the sequence must end after F(93) = {LAST_THAT_FITS}, the 94th value: the next \
         one would overflow a u64. Yours yielded {} values{}.\n{}",
        values.len(),
        panic
            .as_ref()
            .map(|p| format!(", then {p}"))
            .unwrap_or_default(),
        // After a panic the length shows only where it happened.
        if panic.is_none() {
            what_it_shows(&values, &expected)
        } else {
            String::new()
        }
    );
    // A second call after the end (and a third, a fourth) is still the end.
    let after: Vec<Option<u64>> = (0..3).map(|_| sequence.next()).collect();
    assert_eq!(
        after,
        [None, None, None],
        "after its 94 values (F(0) to F(93)) the sequence has ended, and every later \
         `next` must say None again; yours then gave {after:?}"
    );
}

#[test]
fn every_position_matches_the_sequence() {
    let expected = model();
    for_all(48, prop_oneof![0_usize..100, 88_usize..=96], |&n| {
        let got = quietly(|| fibonacci().nth(n))
            .map_err(|panic| format!("fibonacci().nth({n}): {panic}"))?;
        let want = expected.get(n).copied();
        (got == want).then_some(()).ok_or_else(|| {
            format!(
                "fibonacci().nth({n}) must be {want:?} (F({n}){}); yours was {got:?}",
                if want.is_none() {
                    " does not fit in a u64"
                } else {
                    ""
                }
            )
        })
    });
}

#[test]
fn the_first_ten() {
    let line = fibonacci()
        .take(10)
        .map(|f| f.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    insta::assert_snapshot!("first_ten", line);
}
