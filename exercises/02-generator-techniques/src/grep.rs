//! # Exercise 2.6 — priming and closing
//!
//! David Beazley's classic coroutine: it prints the lines sent to it that
//! contain a pattern.
//!
//! ```python
//! def grep(pattern):
//!     print(f"Looking for {pattern}")
//!     try:
//!         while True:
//!             line = yield
//!             if pattern in line:
//!                 print(line)
//!     except GeneratorExit:
//!         print("Going away. Goodbye")
//!
//! g = grep("python")
//! next(g)                            # Looking for python
//! g.send("coroutines are fun")
//! g.send("python generators rock")   # python generators rock
//! g.close()                          # Going away. Goodbye
//! g.send("python again")             # raises StopIteration
//! ```
//!
//! Two things can go wrong in Python, and only show at run time: sending before
//! the priming `next` raises `TypeError`, and sending after `close` raises
//! `StopIteration`. In Rust, make the first impossible to write: [`Grep`], the
//! coroutine not yet started, has no `send` method at all; only
//! [`Grep::prime`] turns it into a running [`Grepping`]. The second is a value,
//! not a panic: `send` on a closed coroutine returns `Err(Closed)`.
//!
//! What the coroutine prints is kept in [`Grepping::printed`], one entry a line.
//! A line is printed exactly as it was sent, when it contains the pattern
//! exactly as given (Python's `pattern in line`: case, spaces and tabs count;
//! the empty pattern is in every line).
//!
//! **Task:** write [`grep`], [`Grep::prime`], [`Grepping::send`] and
//! [`Grepping::close`].
//!
//! Read: `book/src/02-generator-techniques.md`, "Priming and closing".

use std::fmt;

/// `grep(pattern)` before the priming `next`: it has printed nothing yet, and
/// it cannot be sent anything.
#[derive(Debug)]
pub struct Grep {
    pattern: String,
}

/// A started `grep`, paused at `line = yield`.
#[derive(Debug)]
pub struct Grepping {
    pattern: String,
    printed: Vec<String>,
    closed: bool,
}

/// The error for a value sent to a closed coroutine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closed;

impl fmt::Display for Closed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the coroutine is closed: it takes no more values")
    }
}

impl std::error::Error for Closed {}

/// Creates the coroutine. Like calling a generator function, it runs none of
/// the body.
pub fn grep(pattern: &str) -> Grep {
    todo!("keep the pattern; print nothing yet")
}

impl Grep {
    /// `next(g)`: runs the body up to the first `yield`, which prints
    /// `Looking for <pattern>`.
    pub fn prime(self) -> Grepping {
        todo!("a Grepping that has printed the greeting")
    }
}

impl Grepping {
    /// `g.send(line)`: prints the line if it contains the pattern. After
    /// `close`, prints nothing and returns `Err(Closed)`.
    pub fn send(&mut self, line: &str) -> Result<(), Closed> {
        todo!("refuse when closed; otherwise print a matching line")
    }

    /// `g.close()`: prints `Going away. Goodbye` the first time; closing a
    /// closed coroutine does nothing, as in Python.
    pub fn close(&mut self) {
        todo!("say goodbye once, and remember that the coroutine is closed")
    }

    /// Every line printed so far, in order.
    pub fn printed(&self) -> &[String] {
        &self.printed
    }
}
