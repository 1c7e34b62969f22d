//! Exercise 1.2: `count_up_to` with `std::iter::from_fn`.

use generators::from_fn::count_up_to;

/// The seed's loop, `for num in count_up_to(5): print(num)`, as text.
#[test]
fn prints_one_to_five_like_the_python() {
    let printed: String = count_up_to(5).map(|num| format!("{num}\n")).collect();
    insta::assert_snapshot!("count_up_to_5", printed);
}

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
