//! Exercise 2.1: generator expressions are adaptor chains; the tests count
//! what your code pulls from its input.

use generator_techniques::generator_expression::{doubled, doubled_list, odd_doubled};
use testkit::for_all::{finite, for_all, quietly};
use testkit::props::proptest::prelude::*;
use testkit::pulls::counted;

/// More pulls than this from an endless input means the code is not lazy.
const TOO_MANY: usize = 100_000;

#[test]
fn prints_the_list_like_the_python() {
    assert_eq!(
        format!("{:?}", doubled_list(5)),
        "[0, 2, 4, 6, 8]",
        "list(x * 2 for x in range(5)) is [0, 2, 4, 6, 8]"
    );
    assert_eq!(
        doubled_list(0),
        Vec::<u64>::new(),
        "range(0) is empty, so is the list"
    );
}

#[test]
fn nothing_runs_until_the_chain_is_consumed() {
    let (numbers, pulled) = counted(0_u64.., TOO_MANY);
    let mut doubles = doubled(numbers);
    assert_eq!(
        pulled.get(),
        0,
        "creating the chain pulled values: like a generator expression, an adaptor \
         chain does nothing until someone calls `next`"
    );
    assert_eq!(
        doubles.next(),
        Some(0),
        "the first double of 0, 1, 2, … is 0"
    );
    assert_eq!(
        pulled.get(),
        1,
        "one `next` on the chain must pull exactly one number from its input"
    );
}

#[test]
fn take_three_pulls_exactly_three() {
    let (numbers, pulled) = counted(0_u64.., TOO_MANY);
    let first: Vec<u64> = doubled(numbers).take(3).collect();
    assert_eq!(
        first,
        [0, 2, 4],
        "the doubles of 0, 1, 2 are 0, 2, 4; yours were {first:?}"
    );
    assert_eq!(
        pulled.get(),
        3,
        "`take(3)` on the chain must pull exactly three numbers from an endless input"
    );
}

#[test]
fn the_filter_pulls_past_what_it_skips_and_no_further() {
    let (numbers, pulled) = counted(0_u64.., TOO_MANY);
    let mut doubles = odd_doubled(numbers);
    assert_eq!(
        pulled.get(),
        0,
        "creating the chain must pull nothing; yours pulled {} number(s)",
        pulled.get()
    );
    assert_eq!(
        doubles.next(),
        Some(2),
        "the first odd number is 1, doubled 2"
    );
    assert_eq!(
        pulled.get(),
        2,
        "to find the first odd number in 0, 1, 2, … the filter pulls 0 (skipped) and 1, \
         and must stop there"
    );
    let more: Vec<u64> = doubles.take(2).collect();
    assert_eq!(
        more,
        [6, 10],
        "the next odd numbers are 3 and 5, doubled 6 and 10"
    );
    assert_eq!(
        pulled.get(),
        6,
        "three odd numbers of 0, 1, 2, … need exactly 0 to 5 to be pulled"
    );
}

/// Inputs of up to 12 numbers, often at an edge: 0, 1, 2, and the largest
/// number whose double fits in a u64; runs of odd and of even numbers.
fn numbers() -> impl Strategy<Value = Vec<u64>> {
    // Mostly small numbers, so that a failing input shrinks to one a learner
    // reads at a glance; the edges often enough to meet each many times.
    let number = prop_oneof![
        8 => 0_u64..10,
        1 => Just(0_u64),
        1 => Just(1),
        1 => Just(2),
        1 => Just(u64::MAX / 2),
        1 => Just(u64::MAX / 2 - 1),
        1 => 0..=u64::MAX / 2,
    ];
    prop::collection::vec(number, 0..12)
}

/// Pulls `chain` dry (and once more), checking each value and how many input
/// numbers had been read when it came: `expected` holds (value, numbers read).
fn check_pulls(
    what: &str,
    mut chain: impl Iterator<Item = u64>,
    asked: &testkit::for_all::Asked,
    expected: &[(u64, usize)],
    len: usize,
) -> Result<(), String> {
    let mut got = Vec::new();
    for _ in 0..=expected.len() {
        let value = quietly(|| chain.next())
            .map_err(|panic| format!("{what}: after giving {got:?}, {panic}"))?;
        match value {
            Some(value) => got.push((value, asked.values())),
            None => break,
        }
    }
    let end = quietly(|| chain.next()).map_err(|panic| format!("{what}: at its end, {panic}"))?;
    (got == expected && end.is_none())
        .then_some(())
        .ok_or_else(|| {
            format!(
                "{what} must give {expected:?} (each value with how many input numbers were read \
             when it came), then None once the {len} numbers are used up;\nyours gave {got:?}, \
             then {end:?}.\nA generator expression tests and maps each input value as it is \
             pulled, and ends when its input ends"
            )
        })
}

#[test]
fn doubled_maps_any_input_one_pull_per_value() {
    for_all(48, numbers(), |numbers| {
        let (input, asked) = finite(numbers.clone());
        let chain = quietly(|| doubled(input))?;
        let expected: Vec<(u64, usize)> = numbers
            .iter()
            .enumerate()
            .map(|(i, x)| (x * 2, i + 1))
            .collect();
        check_pulls(
            &format!("doubled({numbers:?})"),
            chain,
            &asked,
            &expected,
            numbers.len(),
        )
    });
}

#[test]
fn odd_doubled_filters_any_input_by_value() {
    for_all(64, numbers(), |numbers| {
        let (input, asked) = finite(numbers.clone());
        let chain = quietly(|| odd_doubled(input))?;
        let expected: Vec<(u64, usize)> = numbers
            .iter()
            .enumerate()
            .filter(|(_, x)| *x % 2 == 1)
            .map(|(i, x)| (x * 2, i + 1))
            .collect();
        check_pulls(
            &format!("odd_doubled({numbers:?})"),
            chain,
            &asked,
            &expected,
            numbers.len(),
        )
    });
}

#[test]
fn doubled_list_of_any_small_n() {
    for_all(32, prop_oneof![Just(0_u64), Just(1), 0_u64..300], |&n| {
        let expected: Vec<u64> = (0..n).map(|x| x * 2).collect();
        let got = quietly(|| doubled_list(n)).map_err(|p| format!("doubled_list({n}): {p}"))?;
        (got == expected).then_some(()).ok_or_else(|| {
            format!(
                "doubled_list({n}) must hold the {n} doubles of range({n}), 0 to {}; yours \
                 holds {} values, starting {:?}",
                2 * n.max(1) - 2,
                got.len(),
                &got[..got.len().min(4)]
            )
        })
    });
}
