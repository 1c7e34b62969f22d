//! Mistake: A value may end in spaces or its own line ending; trimming it keeps the output tidy.
//! Expect: each value exactly as sent
//! Exercise 2.4, solved: `echo` as a struct with a `send` method.

use std::io::{self, Write};

/// The echo coroutine: the only state it keeps is where it prints.
#[derive(Debug)]
pub struct Echo<W: Write> {
    out: W,
}

/// Creates the coroutine. It prints nothing yet.
pub fn echo<W: Write>(out: W) -> Echo<W> {
    Echo { out }
}

impl<W: Write> Echo<W> {
    /// `gen.send(value)`: prints `value` and a newline.
    pub fn send(&mut self, value: &str) -> io::Result<()> {
        // The write's result is returned, not unwrapped: a closed pipe is
        // the caller's to handle, and `send` never panics on it. Trimmed, so
        // that a value that ends in its own line ending makes no blank line.
        writeln!(self.out, "{}", value.trim_end())
    }

    /// What the coroutine prints to.
    pub fn get_ref(&self) -> &W {
        &self.out
    }
}
