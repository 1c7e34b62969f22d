//! Mistake: `echo` prints, so `println!` is what it should call.
//! Expect: `send` must print its value at once
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
        println!("{value}");
        Ok(())
    }

    /// What the coroutine prints to.
    pub fn get_ref(&self) -> &W {
        &self.out
    }
}
