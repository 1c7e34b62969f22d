//! Exercise 1.4: an infinite Fibonacci sequence, and where `u64` makes it end.

use generators::fibonacci::fibonacci;

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

#[test]
fn ends_with_the_last_value_that_fits_in_a_u64() {
    // `take(200)` keeps a sequence that never ends from hanging the test.
    let values: Vec<u64> = fibonacci().take(200).collect();
    assert_eq!(
        (values.len(), values.last().copied()),
        (94, Some(LAST_THAT_FITS)),
        "the sequence must end after F(93) = {LAST_THAT_FITS}, the 94th value: the \
         next one would overflow a u64. Use checked_add, and end (return None) \
         instead of wrapping around"
    );
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
