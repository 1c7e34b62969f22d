//! A meeting point for real threads, to see which threads ran some work and
//! whether they ran it at the same time, without ever sleeping.

use std::collections::HashSet;
use std::sync::{Condvar, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

/// Every thread that calls [`arrive`](Rendezvous::arrive) waits there until
/// `expected` different threads have arrived, or a second has passed. Then it
/// notes that it gave up, and from then on nobody waits: a wrong answer costs
/// a second, never a hang.
#[derive(Debug)]
pub struct Rendezvous {
    expected: usize,
    state: Mutex<State>,
    all_here: Condvar,
}

#[derive(Debug, Default)]
struct State {
    arrived: HashSet<ThreadId>,
    gave_up: bool,
}

impl Rendezvous {
    pub fn new(expected: usize) -> Rendezvous {
        Rendezvous {
            expected,
            state: Mutex::default(),
            all_here: Condvar::new(),
        }
    }

    /// Waits for the others, at most a second.
    pub fn arrive(&self) {
        let mut state = self.state.lock().expect("not poisoned");
        state.arrived.insert(thread::current().id());
        if state.arrived.len() >= self.expected || state.gave_up {
            self.all_here.notify_all();
            return;
        }
        let (mut state, waited) = self
            .all_here
            .wait_timeout_while(state, Duration::from_secs(1), |s| {
                s.arrived.len() < self.expected
            })
            .expect("not poisoned");
        if waited.timed_out() {
            state.gave_up = true;
        }
    }

    /// The threads that have arrived.
    pub fn threads(&self) -> HashSet<ThreadId> {
        self.state.lock().expect("not poisoned").arrived.clone()
    }

    /// Whether some thread waited a whole second: the threads did not all run at once.
    pub fn someone_gave_up(&self) -> bool {
        self.state.lock().expect("not poisoned").gave_up
    }
}
