//! Mistake: The coroutine keeps the values it was sent, and averages them each time.
//! Expect: the coroutine must keep a running
//! Exercise 2.5, solved: a running average.

/// The paused state of `averager()`.
#[derive(Debug, Clone)]
pub struct Averager {
    values: Vec<f64>,
    count: u64,
}

/// Creates the coroutine, with nothing averaged yet.
pub fn averager() -> Averager {
    Averager {
        values: Vec::new(),
        count: 0,
    }
}

impl Averager {
    /// `avg.send(value)`: adds `value`, returns the average so far.
    pub fn send(&mut self, value: f64) -> f64 {
        self.values.push(value);
        self.count += 1;
        self.values.iter().sum::<f64>() / self.count as f64
    }

    /// The average so far: `None` before the first value.
    pub fn average(&self) -> Option<f64> {
        (self.count > 0).then(|| self.values.iter().sum::<f64>() / self.count as f64)
    }
}
