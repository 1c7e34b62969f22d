//! Mistake: A counter starts from zero, like an index.
//! Expect: Snapshot: count_up_to_5
//! Exercise 1.1, solved: `count_up_to` as a hand-written `Iterator`.

/// The paused state of `count_up_to(max)`: the number to yield next, and the last.
#[derive(Debug, Clone)]
pub struct CountUpTo {
    next: u64,
    max: u64,
}

/// Creates the generator; the loop has not started yet.
pub fn count_up_to(max: u64) -> CountUpTo {
    CountUpTo { next: 0, max }
}

/// `count_up_to` from `start` instead of 1.
pub fn count_from(start: u64, max: u64) -> CountUpTo {
    CountUpTo { next: start, max }
}

impl Iterator for CountUpTo {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        if self.next > self.max {
            return None;
        }
        let count = self.next;
        self.next += 1;
        Some(count)
    }
}
