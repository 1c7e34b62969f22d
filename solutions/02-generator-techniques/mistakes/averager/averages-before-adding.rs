//! Mistake: The average is computed first, then the new value is added in.
//! Expect: the average of [10] is 10
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
        let average = (self.total + value) / self.count as f64;
        self.total += value;
        self.count += 1;
        average
    }

    /// The average so far: `None` before the first value.
    pub fn average(&self) -> Option<f64> {
        (self.count > 0).then(|| self.total / self.count as f64)
    }
}
