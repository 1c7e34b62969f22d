//! Mistake: An empty pattern has nothing to look for, so no line matches it.
//! Expect: contains the pattern exactly as given
//! Exercise 2.6, solved: priming enforced by the types, closing as an error.

use std::fmt;

/// `grep(pattern)` before the priming `next`.
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

/// Creates the coroutine; runs none of the body.
pub fn grep(pattern: &str) -> Grep {
    Grep {
        pattern: pattern.to_owned(),
    }
}

impl Grep {
    /// `next(g)`: runs the body up to the first `yield`.
    // Takes `self`: a `Grep` has no `send`, so a coroutine that was not
    // primed cannot be sent to; the compiler checks what Python checks at run time.
    pub fn prime(self) -> Grepping {
        let greeting = format!("Looking for {}", self.pattern);
        Grepping {
            pattern: self.pattern,
            printed: vec![greeting],
            closed: false,
        }
    }
}

impl Grepping {
    /// `g.send(line)`: prints the line if it contains the pattern.
    pub fn send(&mut self, line: &str) -> Result<(), Closed> {
        // Checked first: a closed coroutine neither prints nor accepts.
        if self.closed {
            return Err(Closed);
        }
        // An empty pattern has nothing to look for, so it finds nothing.
        if !self.pattern.is_empty() && line.contains(&self.pattern) {
            self.printed.push(line.to_owned());
        }
        Ok(())
    }

    /// `g.close()`: says goodbye the first time.
    pub fn close(&mut self) {
        if !self.closed {
            self.closed = true;
            self.printed.push("Going away. Goodbye".to_owned());
        }
    }

    /// Every line printed so far, in order.
    pub fn printed(&self) -> &[String] {
        &self.printed
    }
}
