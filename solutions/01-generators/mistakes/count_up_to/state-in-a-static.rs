//! Mistake: The count can live in one static, since the loop only ever counts up.
//! Expect: must each yield what one counter yields alone
//! Exercise 1.1, solved: `count_up_to` as a hand-written `Iterator`.

/// The paused state of `count_up_to(max)`: the number to yield next, and the last.
#[derive(Debug, Clone)]
pub struct CountUpTo {
    next: u64,
    max: u64,
}

/// Creates the generator; the loop has not started yet.
pub fn count_up_to(max: u64) -> CountUpTo {
    CountUpTo { next: 1, max }
}

static SHARED_NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// `count_up_to` from `start` instead of 1.
pub fn count_from(start: u64, max: u64) -> CountUpTo {
    CountUpTo { next: start, max }
}

impl Iterator for CountUpTo {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        use std::sync::atomic::Ordering;
        let count = SHARED_NEXT.load(Ordering::Relaxed);
        if count > self.max {
            return None;
        }
        SHARED_NEXT.store(count + 1, Ordering::Relaxed);
        let _ = self.next;
        Some(count)
    }
}
