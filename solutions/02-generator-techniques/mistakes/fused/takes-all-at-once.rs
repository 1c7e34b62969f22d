//! Mistake: A reader can empty the mailbox into its own queue at the first read: the letters come out in the same order.
//! Expect: a letter a dropped reader
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
        Letters {
            mailbox: self,
            held: VecDeque::new(),
        }
    }

    /// A reader that stops for good at the first empty mailbox.
    pub fn read_once(&self) -> std::iter::Fuse<Letters<'_>> {
        // `fuse` remembers the first None. (Marking `Letters` a
        // `FusedIterator` would be a lie, and `Fuse` would then trust it.)
        self.letters().fuse()
    }
}

/// Reads a [`Mailbox`]. It is not a `FusedIterator`: `None` means "empty for now".
#[derive(Debug)]
pub struct Letters<'a> {
    mailbox: &'a Mailbox,
    /// The letters taken out of the mailbox, not yet handed out.
    held: VecDeque<String>,
}

impl Iterator for Letters<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        // Empties the mailbox into the reader in one borrow, then hands the
        // letters out one by one.
        if self.held.is_empty() {
            self.held = self.mailbox.letters.borrow_mut().drain(..).collect();
        }
        self.held.pop_front()
    }
}
