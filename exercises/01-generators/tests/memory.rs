//! Exercise 1.6: a counting allocator shows what a lazy sum costs in memory.

use generators::memory::{squares_list, sum_of_squares};
use testkit::alloc::{CountingAllocator, measure};
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;

/// Counts every byte the code under test asks for (see `tests/testkit`).
#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// The sum of x² for x in 0..n, from the closed form (n−1)·n·(2n−1)/6.
fn expected_sum(n: u64) -> u128 {
    let n = u128::from(n);
    if n == 0 {
        0
    } else {
        (n - 1) * n * (2 * n - 1) / 6
    }
}

const TEN_MILLION: u64 = 10_000_000;

#[test]
fn the_list_holds_every_square() {
    let (squares, usage) = measure(|| squares_list(1_000));
    let bytes = usage.requested;
    assert_eq!(
        squares.len(),
        1_000,
        "squares_list(1000) must hold 1000 values"
    );
    assert_eq!(
        squares[999], 998_001,
        "the last square of 0..1000 is 999² = 998001"
    );
    assert!(
        bytes >= 1_000 * size_of::<u128>(),
        "squares_list(1000) allocated {bytes} bytes; 1000 u128 values need at least 16000. \
         A list comprehension keeps every value in memory at once"
    );
}

#[test]
fn the_lazy_sum_is_right() {
    assert_eq!(
        sum_of_squares(0),
        0,
        "the sum over an empty range is 0; yours was {}",
        sum_of_squares(0)
    );
    assert_eq!(
        sum_of_squares(4),
        14,
        "0 + 1 + 4 + 9 = 14; yours was {}",
        sum_of_squares(4)
    );
    // Ten million, the sum that outgrows a u64, is checked once, where its
    // allocations are measured: summing it in a debug build takes a while.
    assert_eq!(
        sum_of_squares(1_000),
        expected_sum(1_000),
        "the sum of the squares of 0..1000 is (n−1)·n·(2n−1)/6 = {}; yours was {}",
        expected_sum(1_000),
        sum_of_squares(1_000)
    );
}

#[test]
fn the_lazy_sum_allocates_nothing() {
    let (total, usage) = measure(|| sum_of_squares(TEN_MILLION));
    let bytes = usage.requested;
    assert_eq!(
        total,
        expected_sum(TEN_MILLION),
        "the sum of the squares of 0..10⁷ is {}; yours was {total}",
        expected_sum(TEN_MILLION)
    );
    // A cause is named only when the bytes show it: a list of every square.
    let per_square = if bytes >= TEN_MILLION as usize * size_of::<u128>() {
        ", at least 16 per square (one u128 each). Did you collect into a Vec before summing?"
    } else {
        "."
    };
    assert_eq!(
        bytes, 0,
        "summing ten million squares allocated {bytes} bytes{per_square}\nA lazy pipeline \
         holds one value at a time and needs no memory at all"
    );
}

#[test]
fn the_list_grows_with_n_and_the_lazy_sum_does_not() {
    let report: String = [10_u64, 1_000, 100_000]
        .into_iter()
        .map(|n| {
            let list_bytes = measure(|| squares_list(n).len()).1.requested;
            let lazy_bytes = measure(|| sum_of_squares(n)).1.requested;
            let list_kind = if list_bytes >= n as usize * size_of::<u128>() {
                "at least 16 bytes per item"
            } else {
                "LESS than one u128 per item"
            };
            format!("n = {n:>7}: list: {list_kind}; lazy sum: {lazy_bytes} bytes\n")
        })
        .collect();
    insta::assert_snapshot!("memory_by_n", report);
}

#[test]
fn any_small_n_lists_and_sums_every_square() {
    let n = prop_oneof![Just(0_u64), Just(1), Just(2), 0_u64..400];
    for_all(48, n, |&n| {
        let expected: Vec<u128> = (0..u128::from(n)).map(|x| x * x).collect();
        let list = quietly(|| squares_list(n)).map_err(|p| format!("squares_list({n}): {p}"))?;
        if list != expected {
            return Err(format!(
                "squares_list({n}) must hold the squares of 0..{n} (range({n}): {n} values, \
                 from 0² to ({n}−1)²): {};\nyours holds {} values: {}",
                short(&expected),
                list.len(),
                short(&list)
            ));
        }
        let (sum, usage) = measure(|| quietly(|| sum_of_squares(n)));
        let sum = sum.map_err(|p| format!("sum_of_squares({n}): {p}"))?;
        (sum == expected_sum(n) && usage.requested == 0)
            .then_some(())
            .ok_or_else(|| {
                format!(
                    "sum_of_squares({n}) must be {} without allocating; yours was {sum}, after \
                 allocating {} bytes",
                    expected_sum(n),
                    usage.requested
                )
            })
    });
}

/// A list in one short line.
fn short(values: &[u128]) -> String {
    match values {
        [] | [_] | [_, _] | [_, _, _] => format!("{values:?}"),
        [a, b, .., z] => format!("[{a}, {b}, …, {z}]"),
    }
}
