//! Exercise 1.5: adaptors are lazy; the tests count what your code pulls.

use std::cell::Cell;
use std::rc::Rc;

use generators::laziness::{first_even_squares, squares};

/// More pulls than this from an endless input means the code is not lazy.
const TOO_MANY: u64 = 100_000;

/// The numbers 1, 2, 3, … for ever, counting how many have been pulled.
fn counted_naturals() -> (impl Iterator<Item = u64>, Rc<Cell<u64>>) {
    let pulled = Rc::new(Cell::new(0));
    let counter = Rc::clone(&pulled);
    let numbers = std::iter::from_fn(move || {
        let n = counter.get() + 1;
        assert!(
            n <= TOO_MANY,
            "your code pulled more than {TOO_MANY} numbers from an input that never \
             ends: is something consuming the whole input (collect, count, a loop \
             without a stop) before `take` gets to stop it?"
        );
        counter.set(n);
        Some(n)
    });
    (numbers, pulled)
}

#[test]
fn creating_the_adaptor_pulls_nothing() {
    let (numbers, pulled) = counted_naturals();
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
    let (numbers, _) = counted_naturals();
    assert_eq!(
        first_even_squares(numbers, 3),
        vec![4, 16, 36],
        "the first three even numbers of 1, 2, 3, … are 2, 4, 6; their squares are 4, 16, 36"
    );
}

#[test]
fn pulls_only_as_far_as_the_answer_needs() {
    let (numbers, pulled) = counted_naturals();
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
    let (numbers, pulled) = counted_naturals();
    assert_eq!(first_even_squares(numbers, 0), Vec::<u64>::new());
    assert_eq!(
        pulled.get(),
        0,
        "asking for 0 values must pull nothing at all: `take(0)` never calls `next` \
         on what it wraps"
    );
}
