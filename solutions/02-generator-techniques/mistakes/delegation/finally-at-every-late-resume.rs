//! Mistake: The finally belongs at the return, and a flag is only for Drop to know that it ran.
//! Expect: the finally runs once
//! Exercise 2.8, solved: `yield from`, `throw` and `close` as state machines.

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
        if self.n == 0 {
            return Step::Complete("liftoff");
        }
        let n = self.n;
        self.n -= 1;
        Step::Yielded(n)
    }

    /// `g.throw(Abort)`: the countdown catches it and returns `"aborted"`.
    pub fn throw_abort(&mut self) -> Step<u32, &'static str> {
        self.n = 0;
        Step::Complete("aborted")
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
        loop {
            if let Some(countdown) = &mut self.current {
                match countdown.resume() {
                    // `yield from` passes the sub-generator's values straight through...
                    Step::Yielded(n) => return Step::Yielded(n),
                    // ...and its return value is what `yield from` evaluates to.
                    Step::Complete(result) => self.end_countdown(result),
                }
            }
            match self.counts.next() {
                Some(n) => self.current = Some(Countdown::new(n)),
                None => {
                    // The return: the finally runs here, and Drop is told so.
                    self.finished = true;
                    let line = format!("closed with {:?}", self.results);
                    self.log.borrow_mut().push(line);
                    return Step::Complete(self.results.clone());
                }
            }
        }
    }

    /// `g.throw(Abort)`: thrown into the running countdown, whose return value
    /// is kept like any other; then on to the next countdown. With no
    /// countdown running, the same as `resume`.
    pub fn throw_abort(&mut self) -> Step<u32, Vec<&'static str>> {
        // The exception lands in the innermost generator, the one paused at
        // a `yield`: the countdown, not `launches`.
        if let Some(countdown) = &mut self.current {
            match countdown.throw_abort() {
                Step::Yielded(n) => return Step::Yielded(n),
                Step::Complete(result) => self.end_countdown(result),
            }
        }
        self.resume()
    }

    fn end_countdown(&mut self, result: &'static str) {
        self.results.push(result);
        self.current = None;
    }

    /// The `finally` block: once, whether at the return or at the drop.
    fn finally(&mut self) {
        if !self.finished {
            self.finished = true;
            let line = format!("closed with {:?}", self.results);
            self.log.borrow_mut().push(line);
        }
    }
}

impl Drop for Launches {
    /// `g.close()`: the `finally` block, unless it already ran at the return.
    fn drop(&mut self) {
        self.finally();
    }
}
