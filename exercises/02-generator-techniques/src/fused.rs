//! # Exercise 2.3 — after the end
//!
//! A Python generator that has returned is finished for good: every later
//! `next` raises `StopIteration` again, even if there is new data.
//!
//! ```python
//! def letters(mailbox):
//!     while mailbox:
//!         yield mailbox.popleft()
//!
//! reader = letters(mailbox)
//! print(list(reader))        # the letters posted so far
//! mailbox.append("late")
//! next(reader)               # StopIteration: the generator stays finished
//! ```
//!
//! Rust's `Iterator` promises nothing after the first `None`: an iterator may
//! yield again later. Those that do not implement the marker trait
//! `FusedIterator`, and `.fuse()` turns any iterator into one that stays
//! finished. `std::sync::mpsc::Receiver::try_iter` is a real iterator that
//! yields again: `None` there means "nothing right now".
//!
//! **Task:** make [`Letters`] read the mailbox that way ("nothing right now",
//! and later letters are still read), and [`Mailbox::read_once`] a reader that,
//! like the Python generator, stays finished after its first `None`.
//!
//! Read: `book/src/02-generator-techniques.md`, "After the end".

use std::cell::RefCell;
use std::collections::VecDeque;

/// Letters can be posted at any time, and are read in the order they came.
#[derive(Debug, Default)]
pub struct Mailbox {
    letters: RefCell<VecDeque<String>>,
}

impl Mailbox {
    /// An empty mailbox.
    pub fn new() -> Mailbox {
        Mailbox::default()
    }

    /// Puts a letter at the back of the queue.
    pub fn post(&self, letter: &str) {
        self.letters.borrow_mut().push_back(letter.to_owned());
    }

    /// A reader that takes the letters from the front, one per `next`, and
    /// says `None` whenever the mailbox is empty, but reads letters posted later.
    pub fn letters(&self) -> Letters<'_> {
        todo!("a Letters that borrows this mailbox")
    }

    /// A reader that stops for good at the first empty mailbox, like a Python
    /// generator after `StopIteration`.
    pub fn read_once(&self) -> std::iter::Fuse<Letters<'_>> {
        todo!("one adaptor makes an iterator stay finished")
    }
}

/// Reads a [`Mailbox`]. It is not a `FusedIterator`: `None` means "empty for now".
#[derive(Debug)]
pub struct Letters<'a> {
    mailbox: &'a Mailbox,
}

impl Iterator for Letters<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        todo!("take the letter at the front, if there is one")
    }
}
