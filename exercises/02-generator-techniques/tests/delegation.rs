//! Exercise 2.8: `yield from` (values passed through, the sub-generator's
//! return value kept), `throw` (into the innermost generator) and `close`
//! (the `finally` runs once), as hand-written state machines.

use std::cell::RefCell;
use std::rc::Rc;

use generator_techniques::delegation::{Countdown, Launches, Log, Step};

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
    assert_eq!(g.resume(), Step::Yielded(3));
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
    g.resume();
    assert!(
        log.borrow().is_empty(),
        "the finally runs when launches ends, not before"
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
    assert_eq!(
        run_steps(&mut g, 3),
        [Step::Yielded(1), Step::Yielded(5), Step::Yielded(4)]
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
