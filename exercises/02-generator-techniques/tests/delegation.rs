//! Exercise 2.8: `yield from` (values passed through, the sub-generator's
//! return value kept), `throw` (into the innermost generator) and `close`
//! (the `finally` runs once), as hand-written state machines.

use std::cell::RefCell;
use std::rc::Rc;

use generator_techniques::delegation::{Countdown, Launches, Log, Step};
use testkit::for_all::{for_all, quietly};
use testkit::props::proptest::prelude::*;

fn log() -> Log {
    Rc::new(RefCell::new(Vec::new()))
}

/// Resumes `g` until it completes (at most 100 times): what it yielded, and what it returned.
fn run(g: &mut Launches) -> (Vec<u32>, Vec<&'static str>) {
    let mut yielded = Vec::new();
    for _ in 0..100 {
        match g.resume() {
            Step::Yielded(n) => yielded.push(n),
            Step::Complete(results) => return (yielded, results),
        }
    }
    panic!("launches never completed after 100 resumes; it yielded {yielded:?}");
}

#[test]
fn a_countdown_counts_down_then_returns() {
    let mut countdown = Countdown::new(2);
    let steps: Vec<_> = (0..3).map(|_| countdown.resume()).collect();
    assert_eq!(
        steps,
        [
            Step::Yielded(2),
            Step::Yielded(1),
            Step::Complete("liftoff")
        ],
        "countdown(2) yields 2, then 1, then returns \"liftoff\": n first, down to 1"
    );
    let mut zero = Countdown::new(0);
    assert_eq!(
        zero.resume(),
        Step::Complete("liftoff"),
        "countdown(0) yields nothing: the while loop never runs, and it returns at once"
    );
}

#[test]
fn a_countdown_catches_the_abort() {
    let mut countdown = Countdown::new(3);
    assert_eq!(
        countdown.resume(),
        Step::Yielded(3),
        "countdown(3) yields 3 first: n, then n - 1, down to 1"
    );
    assert_eq!(
        countdown.throw_abort(),
        Step::Complete("aborted"),
        "the except branch returns \"aborted\""
    );
}

#[test]
fn delegation_passes_values_through_and_keeps_return_values() {
    let mut g = Launches::new(vec![2, 1], log());
    assert_eq!(
        run(&mut g),
        (vec![2, 1, 1], vec!["liftoff", "liftoff"]),
        "yield from passes each countdown's values through (2, 1, then 1), and each \
         countdown's return value is what its `yield from` evaluates to: the results \
         list holds one per countdown"
    );
    assert_eq!(
        g.resume(),
        Step::Complete(vec!["liftoff", "liftoff"]),
        "a finished launches completes again with the same results"
    );
}

#[test]
fn delegation_moves_past_a_countdown_that_yields_nothing() {
    let mut g = Launches::new(vec![0, 2, 0], log());
    assert_eq!(
        run(&mut g),
        (vec![2, 1], vec!["liftoff", "liftoff", "liftoff"]),
        "countdown(0) returns at once: its result is kept and the next countdown's \
         first value is yielded by the same resume, with no value of its own"
    );
}

#[test]
fn throw_lands_in_the_running_countdown() {
    let mut g = Launches::new(vec![3, 2], log());
    let first = g.resume();
    assert_eq!(
        first,
        Step::Yielded(3),
        "launches([3, 2]) first yields the first countdown's 3; yours gave {first:?}"
    );
    assert_eq!(
        g.throw_abort(),
        Step::Yielded(2),
        "the Abort is thrown into the countdown paused at its yield; it returns \
         \"aborted\", and launches goes on to the next countdown, whose first value \
         the same throw call yields"
    );
    assert_eq!(
        run(&mut g),
        (vec![1], vec!["aborted", "liftoff"]),
        "the aborted countdown's return value, \"aborted\", is kept like any other"
    );
}

#[test]
fn the_finally_runs_at_the_return() {
    let log = log();
    let mut g = Launches::new(vec![1], log.clone());
    let first = g.resume();
    assert!(
        log.borrow().is_empty(),
        "the finally runs when launches ends, not before; after the first resume (which \
         gave {first:?}) the log already says {:?}",
        log.borrow()
    );
    g.resume();
    assert_eq!(
        *log.borrow(),
        ["closed with [\"liftoff\"]"],
        "launches returned: its finally ran then, as Python's does at the return, \
         not later when the generator is dropped"
    );
    drop(g);
    assert_eq!(
        log.borrow().len(),
        1,
        "dropping a generator whose finally already ran does not run it again: \
         the finally runs exactly once"
    );
}

#[test]
fn closing_runs_the_finally() {
    let log = log();
    let mut g = Launches::new(vec![1, 5], log.clone());
    let steps = run_steps(&mut g, 3);
    assert_eq!(
        steps,
        [Step::Yielded(1), Step::Yielded(5), Step::Yielded(4)],
        "launches([1, 5]) yields 1, then 5 and 4 from the second countdown; yours gave {steps:?}"
    );
    drop(g);
    assert_eq!(
        *log.borrow(),
        ["closed with [\"liftoff\"]"],
        "dropping a paused generator is Python's close(): the finally block runs, \
         with the results so far. Write it in Drop"
    );
}

fn run_steps(g: &mut Launches, n: usize) -> Vec<Step<u32, Vec<&'static str>>> {
    (0..n).map(|_| g.resume()).collect()
}

#[test]
fn dropping_before_the_first_resume_runs_the_finally_once() {
    let log = log();
    drop(Launches::new(vec![2], log.clone()));
    assert_eq!(
        *log.borrow(),
        ["closed with []"],
        "a Launches dropped before its first resume still runs its finally, once, with no \
         results (the stub's rule is \"exactly once\"; Python would skip it)"
    );
}

/// One call a generated session makes on a `Launches`.
#[derive(Debug, Clone, Copy)]
enum Call {
    Resume,
    Throw,
}

/// What a session shows: each call's step with the log's length after it,
/// and the log once the generator is dropped.
type Session = (Vec<(Step<u32, Vec<&'static str>>, usize)>, Vec<String>);

/// The model: the Python generators of the stub's doc comment, run by hand.
/// Returns each call's step and the log's length after it, then the log
/// after the generator is dropped.
fn model(counts: &[u32], calls: &[Call]) -> Session {
    let mut pending = counts.iter().copied();
    // The running countdown: how many values it has left to yield.
    let mut running: Option<u32> = None;
    let mut results: Vec<&'static str> = Vec::new();
    let mut log: Vec<String> = Vec::new();
    let mut steps = Vec::new();
    for call in calls {
        // A throw lands in the running countdown, which returns "aborted";
        // with none running, it is a resume.
        if let (Call::Throw, Some(_)) = (call, running) {
            results.push("aborted");
            running = None;
        }
        let step = loop {
            match running {
                Some(0) => {
                    results.push("liftoff");
                    running = None;
                }
                Some(n) => {
                    running = Some(n - 1);
                    break Step::Yielded(n);
                }
                None => match pending.next() {
                    Some(n) => running = Some(n),
                    None => {
                        if log.is_empty() {
                            log.push(format!("closed with {results:?}"));
                        }
                        break Step::Complete(results.clone());
                    }
                },
            }
        };
        steps.push((step, log.len()));
    }
    if log.is_empty() {
        log.push(format!("closed with {results:?}"));
    }
    (steps, log)
}

#[test]
fn any_calls_run_like_the_python_generators() {
    let counts = prop::collection::vec(0_u32..3, 0..4);
    let calls = prop::collection::vec(
        prop_oneof![3 => Just(Call::Resume), 1 => Just(Call::Throw)],
        0..9,
    );
    for_all(64, (counts, calls), |(counts, calls)| {
        let expected = model(counts, calls);
        let log = log();
        let mut steps = Vec::new();
        let run = quietly(|| {
            let mut g = Launches::new(counts.clone(), log.clone());
            for call in calls {
                let step = match call {
                    Call::Resume => g.resume(),
                    Call::Throw => g.throw_abort(),
                };
                steps.push((step, log.borrow().len()));
            }
        });
        let got = (steps, log.borrow().clone());
        (run.is_ok() && got == expected).then_some(()).ok_or_else(|| {
            format!(
                "launches({counts:?}), then {calls:?}, then dropped:\nexpected steps (each with \
                 the log's length after it) {:?}, log {:?}\nyours:   steps {:?}, log {:?}{}\n\
                 A throw lands in the running countdown (a countdown paused at its yield \
                 catches it, even after yielding its 1), or acts as a resume when none runs; \
                 the finally runs once",
                expected.0,
                expected.1,
                got.0,
                got.1,
                run.err().map(|panic| format!(", then {panic}")).unwrap_or_default()
            )
        })
    });
}
