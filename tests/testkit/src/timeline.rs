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

/// How many events at one instant of virtual time [`Timeline::record`] takes
/// for a loop that never waits. A right answer records a handful per instant.
pub const BUSY_EVENTS: usize = 10_000;

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
    ///
    /// More than [`BUSY_EVENTS`] events at one instant is a loop that never
    /// waits (a future that is always ready, say): it never returns to the
    /// runtime, so no time limit can stop it, and the test would run until
    /// memory runs out. It fails here instead, with a message that says so.
    pub fn record(&self, event: impl Into<String>) {
        let at = self.start.elapsed();
        let mut events = self.events.lock().expect("a test panicked while recording");
        // Events come in time order: if the one BUSY_EVENTS back is at this
        // instant too, so are all those after it.
        if events.len() >= BUSY_EVENTS && events[events.len() - BUSY_EVENTS].0 == at {
            let event = event.into();
            drop(events);
            panic!(
                "{BUSY_EVENTS} events recorded at {at:?} of virtual time, the last \
                 {event:?}: something loops without ever waiting (an .await that is \
                 always ready never lets the clock move)"
            );
        }
        events.push((at, event.into()));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    #[should_panic(
        expected = "10000 events recorded at 0ns of virtual time, the last \"got 10000\""
    )]
    async fn a_loop_that_never_waits_fails_instead_of_filling_memory() {
        let timeline = Timeline::start();
        for i in 0.. {
            timeline.record(format!("got {i}"));
        }
    }

    #[tokio::test(start_paused = true)]
    async fn as_many_events_as_you_like_while_the_clock_moves() {
        let timeline = Timeline::start();
        for i in 0..2 * BUSY_EVENTS {
            timeline.record(format!("got {i}"));
            if i % 1000 == 0 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        }
        assert_eq!(timeline.events().len(), 2 * BUSY_EVENTS);
    }
}
