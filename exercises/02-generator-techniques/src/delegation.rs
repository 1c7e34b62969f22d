//! # Exercise 2.8 — delegating to a sub-generator
//!
//! `yield from` hands a generator over to a sub-generator: its values pass
//! straight through, and when it returns, its return value is the value of
//! the `yield from` expression. `throw()` raises an exception at the paused
//! `yield`, inside the innermost generator; `close()` raises `GeneratorExit`
//! there, so every `finally` runs.
//!
//! ```python
//! def countdown(n):                      # yields n, ..., 1; returns how it ended
//!     try:
//!         while n > 0:
//!             yield n
//!             n -= 1
//!     except Abort:
//!         return "aborted"
//!     return "liftoff"
//!
//! def launches(counts, log):             # one countdown per count, delegated to
//!     results = []
//!     try:
//!         for n in counts:
//!             results.append((yield from countdown(n)))
//!         return results
//!     finally:
//!         log.append(f"closed with {results}")
//!
//! g = launches([3, 2], log)
//! next(g)           # 3
//! g.throw(Abort)    # 2: the first countdown returned "aborted", the second started
//! next(g)           # 1
//! next(g)           # StopIteration(["aborted", "liftoff"]); log: closed with [...]
//! ```
//!
//! Stable Rust has no generators, so write the state machines yourself, in
//! the shape of the nightly `Coroutine` trait: resuming gives a [`Step`],
//! either a yielded value or the return value. [`Countdown`] is the
//! sub-generator; [`Launches`] keeps the running one in a field and forwards
//! to it. `close()` is dropping: a `Drop` impl is the `finally` that runs if
//! the generator is dropped before it returns.
//!
//! **Task:** write [`Countdown::resume`] and [`Countdown::throw_abort`], then
//! [`Launches::resume`], [`Launches::throw_abort`] and the `Drop` of
//! [`Launches`]. The `finally` runs exactly once: when `launches` returns, or
//! when it is dropped before that, even before its first resume (Python skips
//! the `finally` of a generator closed before it started; here the rule is
//! simply "once"). Resuming or throwing into a finished `Launches` runs it
//! no more.
//!
//! Read: `book/src/02-generator-techniques.md`, "Delegating to a sub-generator".

use std::cell::RefCell;
use std::rc::Rc;

/// What resuming a generator gives: a yielded value, or, at the end, its return value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<Y, R> {
    Yielded(Y),
    Complete(R),
}

/// Where `launches` writes what its `finally` block says.
pub type Log = Rc<RefCell<Vec<String>>>;

/// `countdown(n)`, paused at its `yield` (or not started yet).
#[derive(Debug)]
pub struct Countdown {
    n: u32,
}

impl Countdown {
    pub fn new(n: u32) -> Countdown {
        Countdown { n }
    }

    /// `next(g)`: yields `n` and counts down, or, at zero, returns `"liftoff"`.
    pub fn resume(&mut self) -> Step<u32, &'static str> {
        todo!("at 0, Complete(\"liftoff\"); otherwise yield n and count down")
    }

    /// `g.throw(Abort)`: the countdown catches it and returns `"aborted"`.
    pub fn throw_abort(&mut self) -> Step<u32, &'static str> {
        todo!("the except branch")
    }
}

/// `launches(counts, log)`: one [`Countdown`] after another, delegated to.
#[derive(Debug)]
pub struct Launches {
    counts: std::vec::IntoIter<u32>,
    /// The sub-generator being delegated to, if any.
    current: Option<Countdown>,
    /// The return values of the countdowns that have ended.
    results: Vec<&'static str>,
    log: Log,
    /// Whether the `finally` block has run.
    finished: bool,
}

impl Launches {
    pub fn new(counts: Vec<u32>, log: Log) -> Launches {
        Launches {
            counts: counts.into_iter(),
            current: None,
            results: Vec::new(),
            log,
            finished: false,
        }
    }

    /// `next(g)`: the running countdown's next value; when it returns, its
    /// result is kept and the next countdown starts; after the last, the
    /// results. Resuming a finished `Launches` gives the results again.
    pub fn resume(&mut self) -> Step<u32, Vec<&'static str>> {
        todo!(
            "forward to the current countdown; on its Complete, keep the result and start the next"
        )
    }

    /// `g.throw(Abort)`: thrown into the running countdown, whose return value
    /// is kept like any other; then on to the next countdown. With no
    /// countdown running, the same as `resume`.
    pub fn throw_abort(&mut self) -> Step<u32, Vec<&'static str>> {
        todo!("forward the throw to the current countdown, then carry on as resume does")
    }
}

impl Drop for Launches {
    /// `g.close()`: the `finally` block, unless it already ran at the return.
    fn drop(&mut self) {
        // To do: log `closed with [...]` if the finally has not run yet. (Not
        // a `todo!()`: a panic here, while a failing test unwinds, would
        // abort the whole test run.)
    }
}
