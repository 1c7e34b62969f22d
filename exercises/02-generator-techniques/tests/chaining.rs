//! Exercise 2.2: `chain`, `flatten` and a round robin, pulled lazily.

use generator_techniques::chaining::{
    chain_all, chained, generator_one, generator_two, interleave,
};
use std::cell::RefCell;
use std::rc::Rc;

use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;
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
    assert_eq!(
        head,
        [1, 2, 3],
        "chaining 1..=3 and 10..=12 must start 1, 2, 3; yours started {head:?}"
    );
    assert_eq!(
        (first_pulls.get(), second_pulls.get()),
        (3, 0),
        "after three values the first iterator is not known to be finished yet, \
         and the second must not have been touched: chaining is lazy"
    );
    let fourth = joined.next();
    assert_eq!(
        fourth,
        Some(10),
        "after 1, 2, 3 comes the second iterator's 10; yours gave {fourth:?}"
    );
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
    assert_eq!(
        head,
        [1, 100, 2],
        "interleaving 1, 2, … with 100, 101, … must start 1, 100, 2; yours started {head:?}"
    );
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
    assert_eq!(
        mixed,
        [1, 10, 20, 30, 40],
        "interleaving [1] with [10, 20, 30, 40] gives 1, then the rest of b; yours gave {mixed:?}"
    );
}

/// Every question asked of the iterators a test hands over, in order:
/// `a=1` (a gave 1), `b=None`, `list=it0` (the list gave its first iterator).
type Asks = Rc<RefCell<Vec<String>>>;

/// An iterator that writes down each time it is asked, and what it answered;
/// once it has said None it says None again, written down as `AGAIN`.
struct Probe<T> {
    name: String,
    values: std::vec::IntoIter<T>,
    ended: bool,
    asks: Asks,
}

impl<T: std::fmt::Debug> Iterator for Probe<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.ended {
            let mut asks = self.asks.borrow_mut();
            asks.push(format!("{}=None AGAIN", self.name));
            // A loop that never stops asking fails here instead of hanging.
            let again = asks.iter().filter(|ask| ask.ends_with("AGAIN")).count();
            assert!(
                again < 50,
                "`{}` was asked 50 times after it had said None: does a loop keep asking \
                 iterators that have ended?",
                self.name
            );
            return None;
        }
        let next = self.values.next();
        self.ended = next.is_none();
        let shown = next
            .as_ref()
            .map_or("None".to_owned(), |v| format!("{v:?}"));
        self.asks
            .borrow_mut()
            .push(format!("{}={shown}", self.name));
        next
    }
}

/// A probe shows as its name: `list=it0` says the list gave iterator `it0`.
impl<T> std::fmt::Debug for Probe<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

fn probe<T>(name: &str, values: Vec<T>, asks: &Asks) -> Probe<T> {
    Probe {
        name: name.to_owned(),
        values: values.into_iter(),
        ended: false,
        asks: Rc::clone(asks),
    }
}

/// What an iterator answered, call by call (until its first None and two
/// calls more), and the questions it asked its inputs: `created: …` before
/// the first call, then `→ value: …` for each of its answers.
fn run_and_trace<I: Iterator<Item = u32>>(
    make: impl FnOnce() -> I,
    asks: &Asks,
    limit: usize,
) -> Result<(Vec<Option<u32>>, String), String> {
    let mut answers = Vec::new();
    let mut trace = Vec::new();
    let outcome = quietly(|| {
        let mut it = make();
        trace.push(format!(
            "created: [{}]",
            asks.borrow_mut().drain(..).collect::<Vec<_>>().join(" ")
        ));
        let mut after_end = 0;
        while after_end < 3 && answers.len() < limit {
            let answer = it.next();
            let asked: Vec<String> = asks.borrow_mut().drain(..).collect();
            trace.push(format!("→ {answer:?}: [{}]", asked.join(" ")));
            answers.push(answer);
            if answer.is_none() {
                after_end += 1;
            }
        }
    });
    match outcome {
        Ok(()) => Ok((answers, trace.join(" "))),
        Err(panic) => Err(format!("after {} {panic}", trace.join(" "))),
    }
}

/// The model of `interleave`: its answers and the questions it asks its two
/// inputs, turn by turn, each side left alone once it has said None.
fn interleave_model(a: &[u32], b: &[u32]) -> (Vec<Option<u32>>, String) {
    let sides = [("a", a), ("b", b)];
    let (mut next, mut ended, mut turn) = ([0, 0], [false, false], 0);
    let mut answers = Vec::new();
    let mut trace = vec!["created: []".to_owned()];
    let mut after_end = 0;
    while after_end < 3 {
        let mut asked = Vec::new();
        let mut answer = None;
        for side in [turn, 1 - turn] {
            if ended[side] {
                continue;
            }
            let (name, values) = sides[side];
            match values.get(next[side]) {
                Some(&v) => {
                    next[side] += 1;
                    asked.push(format!("{name}={v}"));
                    answer = Some(v);
                    break;
                }
                None => {
                    ended[side] = true;
                    asked.push(format!("{name}=None"));
                }
            }
        }
        turn = 1 - turn;
        trace.push(format!("→ {answer:?}: [{}]", asked.join(" ")));
        answers.push(answer);
        if answer.is_none() {
            after_end += 1;
        }
    }
    (answers, trace.join(" "))
}

/// Short lists: often empty, one value, or of different lengths.
fn values(base: u32) -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(base..base + 9, 0..5)
}

#[test]
fn interleave_any_two_lists_asking_each_only_in_its_turn() {
    for_all(64, (values(1), values(10)), |(a, b)| {
        let asks = Asks::default();
        let expected = interleave_model(a, b);
        let got = run_and_trace(
            || interleave(probe("a", a.clone(), &asks), probe("b", b.clone(), &asks)),
            &asks,
            20,
        );
        (got.as_ref() == Ok(&expected)).then_some(()).ok_or_else(|| {
            format!(
                "interleave(a = {a:?}, b = {b:?}), call by call (what it answered: [what it asked \
                 a and b]):\nexpected: {}\nyours:    {}\nTurns go a, b, a, …; a side that \
                 said None is left out (never asked AGAIN); after the end, None again",
                expected.1,
                got.map_or_else(|panic| panic, |got| got.1)
            )
        })
    });
}

/// The model of `chain_all`: its answers and the questions it asks the list
/// and its iterators (`it0`, `it1`, …).
fn chain_all_model(lists: &[Vec<u32>]) -> (Vec<Option<u32>>, String) {
    let mut asks: Vec<String> = Vec::new();
    let mut calls: Vec<(Option<u32>, Vec<String>)> = Vec::new();
    let mut pending = Vec::new();
    for (i, list) in lists.iter().enumerate() {
        pending.push(format!("list=it{i}"));
        for v in list {
            pending.push(format!("it{i}={v}"));
            calls.push((Some(*v), std::mem::take(&mut pending)));
        }
        pending.push(format!("it{i}=None"));
    }
    pending.push("list=None".to_owned());
    calls.push((None, pending));
    calls.push((None, Vec::new()));
    calls.push((None, Vec::new()));
    asks.push("created: []".to_owned());
    for (answer, asked) in &calls {
        asks.push(format!("→ {answer:?}: [{}]", asked.join(" ")));
    }
    (
        calls.iter().map(|(answer, _)| *answer).collect(),
        asks.join(" "),
    )
}

#[test]
fn chain_all_any_lists_asking_each_only_in_its_turn() {
    let lists = prop::collection::vec(values(1), 0..4);
    for_all(64, lists, |lists| {
        let asks = Asks::default();
        let expected = chain_all_model(lists);
        let inners: Vec<Probe<u32>> = lists
            .iter()
            .enumerate()
            .map(|(i, list)| probe(&format!("it{i}"), list.clone(), &asks))
            .collect();
        let outer = Probe {
            name: "list".to_owned(),
            values: inners.into_iter(),
            ended: false,
            asks: Rc::clone(&asks),
        };
        let got = run_and_trace(|| chain_all(outer), &asks, 40);
        (got.as_ref() == Ok(&expected))
            .then_some(())
            .ok_or_else(|| {
                format!(
                    "chain_all({lists:?}), call by call (what it answered: [what it asked the list \
                 and its iterators it0, it1, …]):\nexpected: {}\nyours:    {}\nCreating it asks \
                 nothing; each iterator is taken from the list when the one before has said \
                 None; nothing that said None is asked AGAIN",
                    expected.1,
                    got.map_or_else(|panic| panic, |got| got.1)
                )
            })
    });
}

#[test]
fn every_generator_stays_finished() {
    let after =
        |it: &mut dyn Iterator<Item = u32>, n: usize| (0..n).map(|_| it.next()).collect::<Vec<_>>();
    for (name, answers, expected) in [
        (
            "generator_one()",
            after(&mut generator_one(), 4),
            vec![Some(1), Some(2), None, None],
        ),
        (
            "generator_two()",
            after(&mut generator_two(), 4),
            vec![Some(3), Some(4), None, None],
        ),
        (
            "chained()",
            after(&mut chained(), 6),
            vec![Some(1), Some(2), Some(3), Some(4), None, None],
        ),
    ] {
        assert_eq!(
            answers, expected,
            "{name}, asked again after its end, must keep answering None, as a finished \
             Python generator does; its calls of `next` gave {answers:?}"
        );
    }
}
