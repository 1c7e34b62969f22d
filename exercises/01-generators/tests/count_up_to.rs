//! Exercise 1.1: `count_up_to` as a hand-written `Iterator`.

use generators::count_up_to::{count_from, count_up_to};
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;
use testkit::shown::{answers as shown, u64_named as name};

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

#[test]
fn first_call_to_next_yields_one() {
    let mut counter = count_up_to(3);
    assert_eq!(
        counter.next(),
        Some(1),
        "the first `next()` must yield 1: a generator starts at the top of its body, \
         with `count = 1`"
    );
}

#[test]
fn resumes_where_it_left_off() {
    let mut counter = count_up_to(4);
    let first_two: Vec<u64> = counter.by_ref().take(2).collect();
    // `take` bounds the rest, so a counter that never ends fails instead of hanging.
    let rest: Vec<u64> = counter.take(10).collect();
    // What the values show, said only when they show it.
    let seen = match (first_two.as_slice(), rest.first()) {
        ([a, b], _) if a == b => " Two calls gave the same number: does `next` move its field on?",
        (_, Some(1)) => " The rest started again from 1.",
        _ => "",
    };
    assert_eq!(
        (&first_two, &rest),
        (&vec![1, 2], &vec![3, 4]),
        "count_up_to(4): after two values were taken, the same counter must go on from 3 \
         and end after 4; it gave {first_two:?}, then {rest:?}.{seen} A generator resumes \
         where it paused: its fields are that paused state"
    );
}

#[test]
fn yields_nothing_when_max_is_zero() {
    let values: Vec<u64> = count_up_to(0).take(10).collect();
    assert_eq!(
        values,
        Vec::<u64>::new(),
        "count_up_to(0) must yield nothing: the Python loop `while count <= max` \
         never runs when max is 0"
    );
}

#[test]
fn stays_finished_after_the_end() {
    let mut counter = count_up_to(2);
    let first_two = [counter.next(), counter.next()];
    assert_eq!(
        first_two,
        [Some(1), Some(2)],
        "count_up_to(2) must yield 1, then 2; the first two calls of `next()` gave {first_two:?}"
    );
    for call in 3..=5 {
        assert_eq!(
            counter.next(),
            None,
            "count_up_to(2): call {call} to `next()` came after the end (1 and 2 were \
             yielded): once a generator has finished, it stays finished and keeps \
             returning None"
        );
    }
}

#[test]
fn each_counter_has_its_own_state() {
    // What one counter yields alone is the reference, so that this test is
    // about sharing only: a counter that is wrong on its own fails elsewhere.
    let alone: Vec<Option<u64>> = {
        let mut lone = count_up_to(3);
        (0..3).map(|_| lone.next()).collect()
    };
    let mut a = count_up_to(3);
    let mut b = count_up_to(3);
    let interleaved = [a.next(), a.next(), b.next(), a.next(), b.next()];
    assert_eq!(
        interleaved,
        [alone[0], alone[1], alone[0], alone[2], alone[1]],
        "two counters, used in turn, must each yield what one counter yields alone \
         ({alone:?}): each call to count_up_to creates a new generator with its own \
         fields, and one must not move the other on"
    );
}

/// The first `calls` answers of `next`, or what happened up to a panic.
fn answers(
    mut counter: impl Iterator<Item = u64>,
    calls: usize,
) -> Result<Vec<Option<u64>>, String> {
    let mut seen = Vec::new();
    quietly(|| {
        for _ in 0..calls {
            seen.push(counter.next());
        }
    })
    .map_err(|panic| format!("{}, then {panic}", shown(&seen)))?;
    Ok(seen)
}

/// The Python loop, `count = start; while count <= max: yield count; count += 1`,
/// with Python's unbounded integers: the first `calls` answers of `next`.
fn model(start: u64, max: u64, calls: usize) -> Vec<Option<u64>> {
    (0..calls as u128)
        .map(|i| u128::from(start) + i)
        .map(|count| (count <= u128::from(max)).then_some(count as u64))
        .collect()
}

#[test]
fn a_max_of_u64_max_counts_from_one() {
    let got = answers(count_up_to(u64::MAX), 3);
    assert!(
        got == Ok(vec![Some(1), Some(2), Some(3)]),
        "count_up_to(u64::MAX) must start [Some(1), Some(2), Some(3)] like any other count; \
         yours gave {}.\nCompare the count with max itself (`count <= max`): `max + 1` does \
         not fit in a u64",
        got.map_or_else(|panic| panic, |got| shown(&got))
    );
}

#[test]
fn counts_up_to_the_largest_u64_and_stops_there() {
    let start = u64::MAX - 2;
    let got = answers(count_from(start, u64::MAX), 6);
    let expected = model(start, u64::MAX, 6);
    assert!(
        got.as_ref() == Ok(&expected),
        "count_from(u64::MAX - 2, u64::MAX) must yield the last three u64 values, then None \
         for good: {}\nyours gave {}{}",
        shown(&expected),
        got.as_ref().map_or_else(Clone::clone, |got| shown(got)),
        // The cause, when the panic shows it.
        if got.as_ref().is_err_and(|panic| panic.contains("overflow")) {
            ".\nAfter u64::MAX no number fits in a u64: where the Python adds one, a u64 \
             overflows (a panic in a debug build). Find out whether there is a next number \
             before you move on (`checked_add` answers None)"
        } else {
            ""
        }
    );
}

/// A `u64` that is often at an edge: 0, 1, 2, the largest values, or small.
fn edge_u64() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0),
        Just(1),
        Just(2),
        Just(u64::MAX),
        Just(u64::MAX - 1),
        0_u64..12,
        (u64::MAX - 12)..=u64::MAX,
        any::<u64>(),
    ]
}

#[test]
fn any_start_and_max_count_like_the_python_loop() {
    for_all(64, (edge_u64(), edge_u64()), |&(start, max)| {
        let expected = model(start, max, 14);
        let got = answers(count_from(start, max), 14);
        (got.as_ref() == Ok(&expected)).then_some(()).ok_or_else(|| {
            format!(
                "count_from({}, {}): the first 14 calls of `next` must give\n  {}\nyours gave\n  \
                 {}\n(the loop `count = start; while count <= max: yield count; count += 1`, then \
                 None for good)",
                name(start),
                name(max),
                shown(&expected),
                got.map_or_else(|panic| panic, |got| shown(&got))
            )
        })
    });
}

#[test]
fn any_max_counts_from_one() {
    for_all(32, edge_u64(), |&max| {
        let expected = model(1, max, 14);
        let got = answers(count_up_to(max), 14);
        (got.as_ref() == Ok(&expected)).then_some(()).ok_or_else(|| {
            format!(
                "count_up_to({}): the first 14 calls of `next` must give\n  {}\nyours gave\n  {}",
                name(max),
                shown(&expected),
                got.map_or_else(|panic| panic, |got| shown(&got))
            )
        })
    });
}
