//! Exercise 1.2: `count_up_to` with `std::iter::from_fn`.

use generators::from_fn::count_up_to;
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;
use testkit::shown::{answers as shown, u64_named as name};

#[test]
fn yields_nothing_when_max_is_zero() {
    let values: Vec<u64> = count_up_to(0).take(10).collect();
    assert_eq!(
        values,
        Vec::<u64>::new(),
        "count_up_to(0) must yield nothing: `while count <= max` never runs when max is 0"
    );
}

#[test]
fn yields_one_to_max_then_stops() {
    let values: Vec<u64> = count_up_to(5).take(10).collect();
    assert_eq!(
        values,
        [1, 2, 3, 4, 5],
        "count_up_to(5) must yield 1, 2, 3, 4, 5: it starts at 1, yields `count` \
         before adding one, and stops once `count` is past `max` (5 itself is yielded)"
    );
}

#[test]
fn the_closure_keeps_its_state_between_calls() {
    let mut counter = count_up_to(1_000);
    let mut last = 0;
    for _ in 0..500 {
        last = counter
            .next()
            .expect("count_up_to(1000) ended before 500 values");
    }
    assert_eq!(
        (last, counter.next()),
        (500, Some(501)),
        "the 500th value must be 500 and the next 501: the closure must update \
         the `count` it owns, so that the next call starts from there"
    );
}

#[test]
fn stays_finished_after_the_end() {
    let mut counter = count_up_to(1);
    let first = counter.next();
    assert_eq!(
        first,
        Some(1),
        "count_up_to(1) must yield 1 first; the first call of `next()` gave {first:?}"
    );
    for call in 2..=4 {
        assert_eq!(
            counter.next(),
            None,
            "call {call} to `next()` came after the end: the closure must keep \
             returning None once `count` has passed `max`"
        );
    }
}

/// The seed's loop, `for num in count_up_to(5): print(num)`, as text.
#[test]
fn prints_one_to_five_like_the_python() {
    // `take(20)` bounds what is collected: a counter that never ends fails
    // the snapshot instead of hanging the test.
    let printed: String = count_up_to(5)
        .take(20)
        .map(|num| format!("{num}\n"))
        .collect();
    insta::assert_snapshot!("count_up_to_5", printed);
}

/// The first `calls` answers of `next`, or what happened up to a panic.
fn answers(max: u64, calls: usize) -> Result<Vec<Option<u64>>, String> {
    let mut seen = Vec::new();
    let mut counter = quietly(|| count_up_to(max))?;
    quietly(|| {
        for _ in 0..calls {
            seen.push(counter.next());
        }
    })
    .map_err(|panic| format!("{}, then {panic}", shown(&seen)))?;
    Ok(seen)
}

/// The Python loop with Python's unbounded integers: the first `calls`
/// answers of `next` for `count_up_to(max)`.
fn model(max: u64, calls: usize) -> Vec<Option<u64>> {
    (1..=calls as u64)
        .map(|count| (count <= max).then_some(count))
        .collect()
}

#[test]
fn a_max_of_u64_max_counts_from_one() {
    let got = answers(u64::MAX, 3);
    assert!(
        got == Ok(vec![Some(1), Some(2), Some(3)]),
        "count_up_to(u64::MAX) must start [Some(1), Some(2), Some(3)] like any other count; \
         yours gave {}.\nCompare `count` with `max` itself (`count <= max`): `max + 1` does \
         not fit in a u64",
        got.map_or_else(|panic| panic, |got| shown(&got))
    );
}

#[test]
fn any_max_counts_like_the_python_loop() {
    let edge = prop_oneof![
        Just(0),
        Just(1),
        Just(2),
        Just(u64::MAX),
        0_u64..16,
        (u64::MAX - 16)..=u64::MAX,
        any::<u64>(),
    ];
    for_all(48, edge, |&max| {
        let expected = model(max, 16);
        let got = answers(max, 16);
        (got.as_ref() == Ok(&expected))
            .then_some(())
            .ok_or_else(|| {
                format!(
                    "count_up_to({}): the first 16 calls of `next` must give\n  {}\nyours gave\n  \
                 {}\n(`while count <= max: yield count; count += 1`, then None for good)",
                    name(max),
                    shown(&expected),
                    got.map_or_else(|panic| panic, |got| shown(&got))
                )
            })
    });
}
