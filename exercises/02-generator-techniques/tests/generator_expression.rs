//! Exercise 2.1: generator expressions are adaptor chains; the tests count
//! what your code pulls from its input.

use generator_techniques::generator_expression::{doubled, doubled_list, odd_doubled};
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
    assert_eq!(first, [0, 2, 4], "the doubles of 0, 1, 2 are 0, 2, 4");
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
    assert_eq!(pulled.get(), 0, "creating the chain must pull nothing");
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
