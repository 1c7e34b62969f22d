//! An event recorded on a timeline when a value is dropped: the way to put a
//! cancellation on a timeline, since cancelling a future drops it.

use crate::timeline::Timeline;

/// Records its event on the timeline when dropped, unless it was
/// [`disarm`](OnDrop::disarm)ed first. Keep one in a future: if the future is
/// dropped before it finishes (a lost `select!` branch, a timeout, an error in
/// `try_join!`), the event shows when that happened.
#[derive(Debug)]
pub struct OnDrop {
    timeline: Timeline,
    event: String,
    armed: bool,
}

impl OnDrop {
    /// A mark that records `event` on `timeline` when it is dropped.
    pub fn new(timeline: &Timeline, event: impl Into<String>) -> OnDrop {
        OnDrop {
            timeline: timeline.clone(),
            event: event.into(),
            armed: true,
        }
    }

    /// The future got this far: dropping the mark now records nothing.
    pub fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for OnDrop {
    fn drop(&mut self) {
        if self.armed {
            self.timeline.record(std::mem::take(&mut self.event));
        }
    }
}
