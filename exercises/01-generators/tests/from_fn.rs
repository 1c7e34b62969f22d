//! Exercise 1.2: `count_up_to` with `std::iter::from_fn`.

use generators::from_fn::count_up_to;

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
    assert_eq!(counter.next(), Some(1));
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
