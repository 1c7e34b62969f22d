//! Exercise 1.5: adaptors are lazy; the tests count what your code pulls.

use generators::laziness::{first_even_squares, squares};
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
    assert_eq!(squared.next(), Some(1));
    assert_eq!(squared.next(), Some(4));
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
    first_even_squares(numbers, 3);
    assert_eq!(
        pulled.get(),
        6,
        "finding 3 even squares in 1, 2, 3, … must pull 6 numbers (1 to 6) and stop: \
         `take(3)` ends the pipeline after its third value"
    );
}

#[test]
fn asking_for_none_pulls_none() {
    let (numbers, pulled) = naturals(TOO_MANY);
    assert_eq!(first_even_squares(numbers, 0), Vec::<u64>::new());
    assert_eq!(
        pulled.get(),
        0,
        "asking for 0 values must pull nothing at all: `take(0)` never calls `next` \
         on what it wraps"
    );
}
