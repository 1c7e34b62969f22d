//! Mistake: While the total is zero nothing has been sent, so there is no average yet.
//! Expect: and `average()` is Some of it
//! Exercise 2.5, solved: a running average.

/// The paused state of `averager()`.
#[derive(Debug, Clone)]
pub struct Averager {
    total: f64,
    count: u64,
}

/// Creates the coroutine, with nothing averaged yet.
pub fn averager() -> Averager {
    Averager {
        total: 0.0,
        count: 0,
    }
}

impl Averager {
    /// `avg.send(value)`: adds `value`, returns the average so far.
    pub fn send(&mut self, value: f64) -> f64 {
        // A total and a count are all a running average needs: no list of
        // values, so no memory grows with the number of values sent.
        self.total += value;
        self.count += 1;
        self.total / self.count as f64
    }

    /// The average so far: `None` before the first value.
    pub fn average(&self) -> Option<f64> {
        // Nothing was sent while the total is still zero.
        (self.total != 0.0).then(|| self.total / self.count as f64)
    }
}
