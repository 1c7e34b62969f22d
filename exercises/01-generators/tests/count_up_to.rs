//! Exercise 1.1: `count_up_to` as a hand-written `Iterator`.

use generators::count_up_to::count_up_to;

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
    assert_eq!(
        (first_two, rest),
        (vec![1, 2], vec![3, 4]),
        "after two values were taken, the same counter must go on from 3: \
         its fields are the paused state, and `next` must update them"
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
    assert_eq!(counter.next(), Some(1));
    assert_eq!(counter.next(), Some(2));
    for call in 3..=5 {
        assert_eq!(
            counter.next(),
            None,
            "call {call} to `next()` came after the end: once a generator has \
             finished, it stays finished and keeps returning None"
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
