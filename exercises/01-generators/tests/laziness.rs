//! Exercise 1.5: adaptors are lazy; the tests count what your code pulls.

use generators::laziness::{first_even_squares, squares};
use testkit::for_all::{finite, for_all, quietly};
use testkit::props::proptest::prelude::*;
use testkit::pulls::naturals;

/// More pulls than this from an endless input means the code is not lazy.
const TOO_MANY: usize = 100_000;

#[test]
fn creating_the_adaptor_pulls_nothing() {
    let (numbers, pulled) = naturals(TOO_MANY);
    let mut squared = squares(numbers);
    assert_eq!(
        pulled.get(),
        0,
        "creating the adaptor pulled values: like a generator expression, `map` \
         must not touch its input until someone calls `next`"
    );
    let first_two = [squared.next(), squared.next()];
    assert_eq!(
        first_two,
        [Some(1), Some(4)],
        "the squares of 1, 2, … start 1, 4; yours started {first_two:?}"
    );
    assert_eq!(
        pulled.get(),
        2,
        "two calls to `next` must pull exactly two numbers: one input per output"
    );
}

#[test]
fn takes_the_first_even_squares() {
    let (numbers, _) = naturals(TOO_MANY);
    assert_eq!(
        first_even_squares(numbers, 3),
        vec![4, 16, 36],
        "the first three even numbers of 1, 2, 3, … are 2, 4, 6; their squares are 4, 16, 36"
    );
}

#[test]
fn pulls_only_as_far_as_the_answer_needs() {
    let (numbers, pulled) = naturals(TOO_MANY);
    let squares = first_even_squares(numbers, 3);
    assert_eq!(
        pulled.get(),
        6,
        "first_even_squares(1, 2, 3, …, 3) gave {squares:?} after pulling {} numbers: \
         finding 3 even squares in 1, 2, 3, … must pull 6 numbers (1 to 6) and stop: \
         `take(3)` ends the pipeline after its third value",
        pulled.get()
    );
}

#[test]
fn asking_for_none_pulls_none() {
    let (numbers, pulled) = naturals(TOO_MANY);
    let none = first_even_squares(numbers, 0);
    assert_eq!(
        none,
        Vec::<u64>::new(),
        "asking for 0 even squares must give an empty list; yours gave {none:?}"
    );
    assert_eq!(
        pulled.get(),
        0,
        "asking for 0 values must pull nothing at all: `take(0)` never calls `next` \
         on what it wraps"
    );
}

/// Inputs of up to 12 numbers, often at an edge: 0, 1, 2, and the largest
/// number whose square fits in a u64 (u32::MAX); odd and even runs.
fn numbers() -> impl Strategy<Value = Vec<u64>> {
    // Mostly small numbers, so that a failing input shrinks to one a learner
    // reads at a glance; the edges often enough to meet each many times.
    let number = prop_oneof![
        8 => 0_u64..20,
        1 => Just(0_u64),
        1 => Just(1),
        // Each large edge after a small one of the same parity: shrinking
        // moves to the alternative before, and the parity is what matters.
        1 => Just(u64::from(u32::MAX)),
        1 => Just(2),
        1 => Just(u64::from(u32::MAX) - 1),
        1 => 0..=u64::from(u32::MAX),
    ];
    prop::collection::vec(number, 0..12)
}

#[test]
fn squares_any_numbers_one_pull_per_value() {
    for_all(48, numbers(), |numbers| {
        let (input, asked) = finite(numbers.clone());
        let mut squared = quietly(|| squares(input))?;
        for (i, x) in numbers.iter().enumerate() {
            let got = quietly(|| squared.next())?;
            if got != Some(x * x) || asked.values() != i + 1 {
                return Err(format!(
                    "squares({numbers:?}): call {} of `next` must give Some({}) after pulling \
                     {} number(s);\nyours gave {got:?} after pulling {}",
                    i + 1,
                    x * x,
                    i + 1,
                    asked.values()
                ));
            }
        }
        let end = quietly(|| squared.next())?;
        (end.is_none()).then_some(()).ok_or_else(|| {
            format!("squares({numbers:?}) must end with the input; yours then gave {end:?}")
        })
    });
}

#[test]
fn first_even_squares_of_any_input() {
    let cases = (numbers(), prop_oneof![Just(0_usize), Just(1), 0_usize..8]);
    for_all(64, cases, |(numbers, n)| {
        let n = *n;
        // The model: the first n even numbers, squared, and how far the
        // input must be read to find them (all of it, and its None, when it
        // holds fewer).
        let evens: Vec<usize> = (0..numbers.len())
            .filter(|&i| numbers[i] % 2 == 0)
            .collect();
        let expected: Vec<u64> = evens
            .iter()
            .take(n)
            .map(|&i| numbers[i] * numbers[i])
            .collect();
        let (must_read, must_see_end) = match (n, evens.get(n.wrapping_sub(1))) {
            (0, _) => (0, 0),
            (_, Some(&i)) if expected.len() == n => (i + 1, 0),
            _ => (numbers.len(), 1),
        };
        let (input, asked) = finite(numbers.clone());
        let got = quietly(|| first_even_squares(input, n))
            .map_err(|panic| format!("first_even_squares({numbers:?}, {n}): {panic}"))?;
        let read = (asked.values(), asked.after_end());
        (got == expected && read == (must_read, must_see_end)).then_some(()).ok_or_else(|| {
            format!(
                "first_even_squares({numbers:?}, {n}) must give {expected:?}, reading {must_read} \
                 number(s){};\nyours gave {got:?}, reading {} number(s){}.\n\
                 Test each number for evenness (not its place), and stop pulling once n squares \
                 were found",
                if must_see_end == 1 { " and the input's end" } else { "" },
                read.0,
                match read.1 {
                    0 => String::new(),
                    k => format!(" and asking {k} time(s) past its end"),
                }
            )
        })
    });
}
