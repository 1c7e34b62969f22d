//! Exercise 2.2: `chain`, `flatten` and a round robin, pulled lazily.

use generator_techniques::chaining::{
    chain_all, chained, generator_one, generator_two, interleave,
};
use testkit::pulls::counted;

// Every collect below takes at most a bounded number of values first, so
// that an iterator which never ends fails its test instead of hanging it.

/// The seed's loop, `for item in chained: print(item)`, as text.
#[test]
fn chained_prints_one_to_four_like_the_python() {
    // `take(20)` bounds what is collected: a chain that never ends fails the
    // snapshot instead of hanging the test.
    let printed: String = chained().take(20).map(|item| format!("{item}\n")).collect();
    insta::assert_snapshot!("chained", printed);
}

#[test]
fn each_generator_yields_its_own_two_values() {
    assert_eq!(
        generator_one().take(10).collect::<Vec<_>>(),
        [1, 2],
        "generator_one yields 1, then 2, then ends"
    );
    assert_eq!(
        generator_two().take(10).collect::<Vec<_>>(),
        [3, 4],
        "generator_two yields 3, then 4, then ends"
    );
}

#[test]
fn chain_all_joins_any_number_of_iterators() {
    let joined: Vec<u32> = chain_all(vec![vec![1, 2], vec![], vec![3], vec![4, 5]])
        .take(20)
        .collect();
    assert_eq!(
        joined,
        [1, 2, 3, 4, 5],
        "chaining [1, 2], [], [3], [4, 5] gives 1 to 5: an empty iterator adds nothing"
    );
}

#[test]
fn chain_all_does_not_touch_an_iterator_before_its_turn() {
    let (first, first_pulls) = counted(1_u64..=3, 100);
    let (second, second_pulls) = counted(10_u64..=12, 100);
    let mut joined = chain_all([first, second]);
    let head: Vec<u64> = joined.by_ref().take(3).collect();
    assert_eq!(head, [1, 2, 3]);
    assert_eq!(
        (first_pulls.get(), second_pulls.get()),
        (3, 0),
        "after three values the first iterator is not known to be finished yet, \
         and the second must not have been touched: chaining is lazy"
    );
    assert_eq!(joined.next(), Some(10));
    assert_eq!(
        (first_pulls.get(), second_pulls.get()),
        (4, 1),
        "the fourth value comes from the second iterator, once the first said None"
    );
}

#[test]
fn chain_all_works_on_an_endless_list_of_iterators() {
    // 0..1, 0..2, 0..3, … for ever; counted, so that code which collects the
    // list first fails instead of hanging.
    let (ranges, _) = counted((1_u64..).map(|n| 0..n), 1_000);
    let head: Vec<u64> = chain_all(ranges).take(6).collect();
    assert_eq!(
        head,
        [0, 0, 1, 0, 1, 2],
        "chaining 0..1, 0..2, 0..3, … must start 0, 0, 1, 0, 1, 2: the list of \
         iterators is endless, so it may only be pulled one iterator at a time"
    );
}

#[test]
fn interleave_takes_turns_and_finishes_the_longer_one() {
    let mixed: Vec<u32> = interleave([1, 2, 3], [10, 20]).take(20).collect();
    assert_eq!(
        mixed,
        [1, 10, 2, 20, 3],
        "turns go a, b, a, b, …; when b has ended, the rest of a follows"
    );
    let mixed: Vec<u32> = interleave([], [5, 6]).take(20).collect();
    assert_eq!(
        mixed,
        [5, 6],
        "when a is empty from the start, b's values all follow"
    );
}

#[test]
fn interleave_pulls_one_value_per_turn() {
    let (a, a_pulls) = counted(1_u64.., 100);
    let (b, b_pulls) = counted(100_u64.., 100);
    let head: Vec<u64> = interleave(a, b).take(3).collect();
    assert_eq!(head, [1, 100, 2]);
    assert_eq!(
        (a_pulls.get(), b_pulls.get()),
        (2, 1),
        "three values taken in turns must pull two from a and one from b, and no more"
    );
}

/// Yields its values, then `None`, and fails the test if it is asked again:
/// many iterators do not promise anything after their end (see exercise 2.3).
struct EndsOnce {
    values: std::vec::IntoIter<u32>,
    ended: bool,
}

impl Iterator for EndsOnce {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        assert!(
            !self.ended,
            "interleave asked an iterator for a value after it had returned None: \
             once an iterator has ended, leave it out of the turns (`fuse` helps)"
        );
        let next = self.values.next();
        self.ended = next.is_none();
        next
    }
}

#[test]
fn interleave_never_asks_an_ended_iterator_again() {
    let short = EndsOnce {
        values: vec![1].into_iter(),
        ended: false,
    };
    let mixed: Vec<u32> = interleave(short, [10, 20, 30, 40]).take(20).collect();
    assert_eq!(mixed, [1, 10, 20, 30, 40]);
}
