//! Mistake: Reading a letter only looks at the front of the queue.
//! Expect: letters come out in the order they went in
//! Exercise 2.3, solved: an iterator that yields again after `None`, and `fuse`.

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

    /// A reader that says `None` whenever the mailbox is empty.
    pub fn letters(&self) -> Letters<'_> {
        Letters { mailbox: self }
    }

    /// A reader that stops for good at the first empty mailbox.
    pub fn read_once(&self) -> std::iter::Fuse<Letters<'_>> {
        self.letters().fuse()
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
        self.mailbox.letters.borrow().front().cloned()
    }
}
