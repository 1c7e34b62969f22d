//! # Exercise 2.4 — sending data to a generator
//!
//! The post's `echo` generator receives values through `send` and prints them:
//!
//! ```python
//! def echo():
//!     while True:
//!         value = yield
//!         print(value)
//!
//! gen = echo()
//! next(gen)  # Initialize the generator
//! gen.send('Hello!')  # Output: Hello!
//! gen.send('World!')  # Output: World!
//! ```
//!
//! Stable Rust has no generator that takes values in. What `echo` keeps between
//! two `send`s becomes the fields of a struct, as in section 1, and `send`
//! becomes a method: one call runs one trip around the Python loop. There is
//! no priming `next` to forget, since the struct is ready as soon as it exists.
//!
//! Printing goes to any `std::io::Write` (pass `std::io::stdout()` to print),
//! so the tests can read what was printed, and writing can fail: `send` returns
//! the error instead of panicking.
//!
//! **Task:** write [`echo`] and [`Echo::send`]: each value sent is written on a
//! line of its own, at once, in the order sent: the value exactly as it came
//! (spaces, tabs and a `\r` kept, as Python's `print` keeps them), then `\n`.
//! A writer may take only part of the bytes one `write` call offers it (a
//! short write, common on pipes and sockets): every byte must still reach it.
//!
//! Read: `book/src/02-generator-techniques.md`, "Sending data to a generator".

use std::io::{self, Write};

/// The echo coroutine: the only state it keeps is where it prints.
#[derive(Debug)]
pub struct Echo<W: Write> {
    out: W,
}

/// Creates the coroutine. It prints nothing yet.
pub fn echo<W: Write>(out: W) -> Echo<W> {
    todo!("an Echo that writes to `out`")
}

impl<W: Write> Echo<W> {
    /// `gen.send(value)`: prints `value` and a newline, or returns the error
    /// the writer gave.
    pub fn send(&mut self, value: &str) -> io::Result<()> {
        todo!("write the value and a newline to self.out")
    }

    /// What the coroutine prints to.
    pub fn get_ref(&self) -> &W {
        &self.out
    }
}
