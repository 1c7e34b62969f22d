//! Exercise 2.5: a coroutine that keeps a running average.

use generator_techniques::averager::averager;
use testkit::alloc::{CountingAllocator, measure};
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;

/// Counts every byte the code under test asks for (see `tests/testkit`).
#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

#[test]
fn each_send_answers_the_average_so_far() {
    let mut avg = averager();
    assert_eq!(avg.send(10.0), 10.0, "the average of [10] is 10");
    assert_eq!(avg.send(30.0), 20.0, "the average of [10, 30] is 20");
    assert_eq!(avg.send(5.0), 15.0, "the average of [10, 30, 5] is 15");
    assert_eq!(
        avg.average(),
        Some(15.0),
        "`average` must report the same value the last `send` answered"
    );
}

#[test]
fn there_is_no_average_before_the_first_value() {
    let avg = averager();
    assert_eq!(
        avg.average(),
        None,
        "nothing was sent yet, so there is no average: the Python's first \
         `yield average` yields None (and dividing by a count of 0 gives NaN)"
    );
}

#[test]
fn each_averager_keeps_its_own_state() {
    let mut temperatures = averager();
    let mut prices = averager();
    temperatures.send(20.0);
    prices.send(100.0);
    assert_eq!(
        temperatures.send(22.0),
        21.0,
        "two averagers must not share a total: each call to averager() is a new coroutine"
    );
    assert_eq!(
        prices.average(),
        Some(100.0),
        "the prices averager was sent 100 only, so its average is 100, whatever the other \
         averager was sent; yours was {:?}",
        prices.average()
    );
}

#[test]
fn keeps_a_total_not_the_values() {
    let mut avg = averager();
    let (last, usage) = measure(|| {
        let mut last = 0.0;
        for value in 1..=2_000 {
            last = avg.send(f64::from(value));
        }
        last
    });
    assert_eq!(
        last, 1_000.5,
        "the average of 1 to 2 000 is 1 000.5; yours was {last}"
    );
    // A cause is named only when the bytes show it: a list of the values.
    let bytes = usage.requested;
    let per_value = if bytes >= 2_000 * size_of::<f64>() {
        ", at least one f64 per value sent, as a list of the values would"
    } else {
        ""
    };
    assert_eq!(
        bytes, 0,
        "sending 2 000 values allocated {bytes} bytes{per_value}: the coroutine must keep a \
         running total and a count, which need no memory that grows with the values"
    );
}

/// Values at the edges: zero, negatives that cancel positives, fractions,
/// large and small magnitudes.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(1.0),
        Just(-1.0),
        Just(0.1),
        Just(1e9),
        Just(-1e9),
        (-1000_i32..1000).prop_map(f64::from),
        (-1e6..1e6_f64),
    ]
}

/// Whether `got` is the average `expected`, up to the rounding of a
/// different but exact way of computing it (a running mean, say).
fn close(got: f64, expected: f64, scale: f64) -> bool {
    (got - expected).abs() <= 1e-9 * scale.max(1.0)
}

#[test]
fn any_values_give_the_running_average() {
    for_all(64, prop::collection::vec(value(), 0..8), |values| {
        let scale = values.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        let mut avg = quietly(averager)?;
        let before = quietly(|| avg.average())?;
        if before.is_some() {
            return Err(format!(
                "before any value, `average()` must be None; yours was {before:?}"
            ));
        }
        let (mut total, mut sent) = (0.0, Vec::new());
        for (i, &value) in values.iter().enumerate() {
            total += value;
            sent.push(value);
            let expected = total / (i + 1) as f64;
            let answered = quietly(|| avg.send(value))?;
            let reported = quietly(|| avg.average())?;
            let right = close(answered, expected, scale)
                && reported.is_some_and(|reported| close(reported, expected, scale));
            if !right {
                return Err(format!(
                    "after sending {sent:?}, the average is {expected} (the total {total} over \
                     {} values), and `average()` is Some of it;\nyour `send` answered {answered} \
                     and `average()` said {reported:?}",
                    i + 1
                ));
            }
        }
        Ok(())
    });
}
