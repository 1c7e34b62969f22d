//! Events stamped with the virtual time at which they happened.
//!
//! In a `#[tokio::test(start_paused = true)]` test, time stands still until
//! every task is waiting on a timer, then jumps to the next one: a timeline
//! of a run is exact and repeatable, and costs no real time. Rendered, it reads
//! like the post's "Output:" comments, with the times added:
//!
//! ```text
//!    0 ms  Start Coroutine
//! 1000 ms  End Coroutine
//! ```

use std::fmt::Write;
use std::sync::{Arc, Mutex};

use tokio::time::{Duration, Instant};

/// A shared, append-only list of `(time since start, event)`. Clones share it.
#[derive(Debug, Clone)]
pub struct Timeline {
    start: Instant,
    events: Arc<Mutex<Vec<(Duration, String)>>>,
}

impl Timeline {
    /// A timeline whose zero is now.
    pub fn start() -> Timeline {
        Timeline {
            start: Instant::now(),
            events: Arc::default(),
        }
    }

    /// Records `event` at the current virtual time.
    pub fn record(&self, event: impl Into<String>) {
        let at = self.start.elapsed();
        self.events
            .lock()
            .expect("a test panicked while recording")
            .push((at, event.into()));
    }

    /// The time elapsed since the start.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// The events, in the order they were recorded.
    pub fn events(&self) -> Vec<(Duration, String)> {
        self.events
            .lock()
            .expect("a test panicked while recording")
            .clone()
    }

    /// Just the events' times, in whole milliseconds, in order.
    pub fn millis(&self) -> Vec<u128> {
        self.events()
            .into_iter()
            .map(|(at, _)| at.as_millis())
            .collect()
    }

    /// Just the events' texts, in order.
    pub fn texts(&self) -> Vec<String> {
        self.events().into_iter().map(|(_, text)| text).collect()
    }

    /// One line per event: the time in whole milliseconds, then the event.
    pub fn render(&self) -> String {
        let events = self.events();
        let width = events
            .iter()
            .map(|(at, _)| at.as_millis().to_string().len())
            .max()
            .unwrap_or(1);
        let mut out = String::new();
        for (at, event) in events {
            let _ = writeln!(out, "{:>width$} ms  {event}", at.as_millis());
        }
        out
    }
}
