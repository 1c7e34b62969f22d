//! An iterator that counts how many values have been pulled from it, and fails
//! (instead of hanging) when code pulls far more than it should.

use std::cell::Cell;
use std::rc::Rc;

/// Wraps an iterator and counts every value taken from it.
#[derive(Debug)]
pub struct Counted<I> {
    inner: I,
    pulled: Rc<Cell<usize>>,
    limit: usize,
}

/// A handle on the count, to read after the iterator has been moved away.
#[derive(Debug, Clone)]
pub struct Pulls(Rc<Cell<usize>>);

impl Pulls {
    /// How many values have been pulled so far.
    pub fn get(&self) -> usize {
        self.0.get()
    }
}

/// Counts the values pulled from `inner`. Pulling more than `limit` panics
/// with a message about laziness, so an endless input cannot hang a test.
pub fn counted<I: Iterator>(inner: I, limit: usize) -> (Counted<I>, Pulls) {
    let pulled = Rc::new(Cell::new(0));
    (
        Counted {
            inner,
            pulled: Rc::clone(&pulled),
            limit,
        },
        Pulls(pulled),
    )
}

/// The numbers 1, 2, 3, … for ever, counted.
pub fn naturals(limit: usize) -> (Counted<std::ops::RangeFrom<u64>>, Pulls) {
    counted(1.., limit)
}

impl<I: Iterator> Iterator for Counted<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let pulled = self.pulled.get() + 1;
        assert!(
            pulled <= self.limit,
            "your code pulled more than {} values from its input: is something consuming \
             the whole input (collect, count, a loop with no stop) before the values are needed?",
            self.limit
        );
        self.pulled.set(pulled);
        self.inner.next()
    }
}
