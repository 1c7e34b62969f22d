//! Exercise 1.1, solved: `count_up_to` as a hand-written `Iterator`.

/// The paused state of `count_up_to(max)`: the number to yield next, and the last.
#[derive(Debug, Clone)]
pub struct CountUpTo {
    /// The number to yield next, if there is one: no `u64` comes after `u64::MAX`.
    next: Option<u64>,
    /// The last number to yield.
    max: u64,
}

/// Creates the generator; the loop has not started yet.
pub fn count_up_to(max: u64) -> CountUpTo {
    count_from(1, max)
}

/// `count_up_to` from `start` instead of 1.
pub fn count_from(start: u64, max: u64) -> CountUpTo {
    CountUpTo {
        next: Some(start),
        max,
    }
}

impl Iterator for CountUpTo {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        // Checked before yielding, as `while count <= max` is: max itself is
        // yielded, and every call after the end keeps answering None.
        let count = self.next.filter(|&count| count <= self.max)?;
        // The field moves on before we return: the next call resumes from
        // here, as the generator resumes after its `yield`. `checked_add`,
        // not `+= 1`: after u64::MAX there is no next number, and `None`
        // says so instead of overflowing.
        self.next = count.checked_add(1);
        Some(count)
    }
}
